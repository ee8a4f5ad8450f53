from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    """Institutional sign-in: SAML 2.0 (eduGAIN federations) and OpenID Connect, linked to accounts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "federation"
    verbose_name = _("Institutional sign-in")
