"""Personal access tokens for the REST API, as NetBox's v2 tokens do it.

A token reads ``mcp_<key>.<secret>``. The key is a public identifier used to find the row; the secret is
shown once, when the token is created, and only ``HMAC-SHA256(pepper, salt + secret)`` is stored, so a copy
of the database does not give anyone a usable token.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TOKEN_PREFIX = "mcp_"
NAME_MAX = 100


class Token(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("name"), max_length=NAME_MAX, help_text=_("What the token is for, e.g. “catalogue sync”.")
    )
    key = models.CharField(max_length=12, unique=True, editable=False)
    salt = models.CharField(max_length=32, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at", "salt", "digest"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal access token")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}{self.key}…)"

    @property
    def write_enabled(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
