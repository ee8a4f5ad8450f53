from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.ReminderListView.as_view(), name="list"),
    path("read-all/", views.ReminderReadAllView.as_view(), name="read_all"),
    path("<int:pk>/read/", views.ReminderReadView.as_view(), name="read"),
    path("<int:pk>/open/", views.ReminderOpenView.as_view(), name="open"),
]
