from django.urls import path

from attention import views

app_name = "attention"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
