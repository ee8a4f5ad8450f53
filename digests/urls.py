from django.urls import path

from digests import views

app_name = "digests"

urlpatterns = [
    path("settings/", views.NoticeSettingsView.as_view(), name="settings"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
