from django.urls import path

from calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.CalendarPageView.as_view(), name="page"),
    path("personal/address/", views.FeedAddressView.as_view(), name="personal_address"),
    path("courses/<slug:slug>/address/", views.FeedAddressView.as_view(), name="course_address"),
    path("feed/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
