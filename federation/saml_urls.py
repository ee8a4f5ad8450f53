"""djangosaml2's URL names (its views reverse them), served by our subclasses where we refuse or remember."""

from django.urls import path
from djangosaml2 import views as saml_views

from federation import views

urlpatterns = [
    path("login/", views.SamlLoginView.as_view(), name="saml2_login"),
    path("acs/", views.SamlAcsView.as_view(), name="saml2_acs"),
    path("logout/", saml_views.LogoutInitView.as_view(), name="saml2_logout"),
    path("ls/", saml_views.LogoutView.as_view(), name="saml2_ls"),
    path("ls/post/", saml_views.LogoutView.as_view(), name="saml2_ls_post"),
    path("metadata/", saml_views.MetadataView.as_view(), name="saml2_metadata"),
]
