from django.urls import path

from api import token_views

app_name = "api_tokens"

urlpatterns = [
    path("new/", token_views.TokenCreateView.as_view(), name="create"),
    path("<int:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="revoke"),
]
