from django.apps import AppConfig


class FederationConfig(AppConfig):
    """Institutional sign-in: SAML 2.0 (eduGAIN federations) and OpenID Connect, linked to accounts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "federation"
    verbose_name = "Institutional sign-in"
