"""Identities a person signs in with at their institution, and the federation metadata they are checked against."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel


class Protocol(models.TextChoices):
    SAML = "saml", _("SAML 2.0")
    OIDC = "oidc", _("OpenID Connect")


class LinkedIdentity(TimeStampedModel):
    """A stable identifier asserted by one identity provider (ePPN for SAML, ``sub`` for OIDC) and its account.

    (issuer, subject) is unique: the identifier links to exactly one person, whatever e-mail the provider sends
    later. Unlinking deletes the row (history keeps who did it).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="linked_identities", verbose_name=_("user")
    )
    protocol = models.CharField(_("protocol"), max_length=8, choices=Protocol.choices)
    issuer = models.CharField(_("identity provider"), max_length=500, help_text=_("SAML entity ID or OIDC issuer."))
    subject = models.CharField(
        _("identifier"), max_length=500, help_text=_("eduPersonPrincipalName (SAML) or sub (OpenID Connect).")
    )
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issuer", "subject"]
        verbose_name = _("linked identity")
        verbose_name_plural = _("linked identities")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="linked_identity_unique")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.issuer})"


class IdentityProvider(models.Model):
    """A SAML identity provider found in the verified federation metadata (rebuilt on every refresh)."""

    entity_id = models.CharField(max_length=500, unique=True, verbose_name=_("entity id"))
    name = models.CharField(max_length=300, verbose_name=_("name"))
    country = models.CharField(
        max_length=2,
        blank=True,
        help_text=_("ISO 3166 code, from the institution or scope."),
        verbose_name=_("country"),
    )
    scopes = models.JSONField(
        default=list, blank=True, help_text=_("shibmd:Scope values (SCHAC home codes)."), verbose_name=_("scopes")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("SAML identity provider")

    def __str__(self) -> str:
        return self.name


class FederationMetadata(models.Model):
    """The last federation metadata document whose signature checked out; the SAML service provider reads it."""

    source = models.CharField(max_length=1000, unique=True, verbose_name=_("source"))
    xml = models.TextField(verbose_name=_("xml"))
    digest = models.CharField(max_length=64, help_text=_("SHA-256 of the document."), verbose_name=_("digest"))
    valid_until = models.DateTimeField(null=True, blank=True, verbose_name=_("valid until"))
    fetched_at = models.DateTimeField(verbose_name=_("fetched at"))

    class Meta:
        verbose_name = _("federation metadata")
        verbose_name_plural = _("federation metadata")

    def __str__(self) -> str:
        return self.source


class ConsumedAssertion(models.Model):
    """Every accepted SAML assertion id, unique, so a replayed assertion is refused even from another session."""

    assertion_id = models.CharField(max_length=200, unique=True, verbose_name=_("assertion id"))
    issuer = models.CharField(max_length=500, verbose_name=_("issuer"))
    not_on_or_after = models.DateTimeField(
        help_text=_("After this the row may be purged."), verbose_name=_("not on or after")
    )

    def __str__(self) -> str:
        return self.assertion_id
