from django.urls import path

from federation import views

app_name = "federation"

urlpatterns = [
    path("oidc/<slug:provider>/login/", views.OidcLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", views.OidcCallbackView.as_view(), name="oidc_callback"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
]
