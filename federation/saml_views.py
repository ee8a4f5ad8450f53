"""SAML sign-in: djangosaml2's views with our refusals, a remembered choice and a database-wide replay check.

Imported at the first SAML request (federation.saml_urls), not when the URLs load: pysaml2 and the XML schemas it
reads weigh about 20 MB in every web worker, which an installation without SAML never needs.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from djangosaml2 import views as saml_views

from federation.backends import saml_value
from federation.models import ConsumedAssertion, IdentityProvider
from federation.refusals import MISSING_ATTRIBUTES, NOT_FOR_US, REPLAYED, UNKNOWN_PROVIDER, refused_page, saml_refusal
from federation.saml import sp_urls
from federation.selectors import remember_choice
from federation.services import SignInRefused


class SamlLoginView(saml_views.LoginView):
    """Start a signed AuthnRequest to a known identity provider; a signed-in person may link another identity."""

    def should_prevent_auth(self, request) -> bool:
        return False

    def get(self, request, *args, **kwargs):
        entity_id = request.GET.get("idp", "")
        if not IdentityProvider.objects.filter(entity_id=entity_id).exists():
            return self.unknown_idp(request, entity_id)
        return remember_choice(super().get(request, *args, **kwargs), f"saml:{entity_id}")

    def unknown_idp(self, request, idp):
        refusal = SignInRefused(f"unknown identity provider {idp!r}", UNKNOWN_PROVIDER)
        return refused_page(request, refusal, protocol="SAML", status=404)


class SamlAcsView(saml_views.AssertionConsumerServiceView):
    """djangosaml2's assertion consumer, plus required attributes and a database-wide replay check."""

    refusal: SignInRefused | None = None

    def custom_validation(self, response) -> None:
        ava = response.ava or {}
        missing = [name for name in ("eppn", "mail") if not saml_value(ava, name)]
        if missing:
            self.refusal = SignInRefused(f"missing required attributes: {', '.join(missing)}", MISSING_ATTRIBUTES)
            raise self.refusal
        assertion = response.assertion
        acs = sp_urls()["acs"]
        # pysaml2 accepts a Recipient equal to the entity ID too; the SAML profile says the ACS URL, exactly.
        destination = response.response.destination
        recipients = {
            (confirmation.subject_confirmation_data.recipient if confirmation.subject_confirmation_data else None)
            for confirmation in assertion.subject.subject_confirmation
        }
        if (destination and destination != acs) or recipients != {acs}:
            self.refusal = SignInRefused(f"wrong destination/recipient {destination} {recipients}", NOT_FOR_US)
            raise self.refusal
        not_on_or_after = None
        for confirmation in assertion.subject.subject_confirmation:
            if confirmation.subject_confirmation_data is not None:
                not_on_or_after = parse_datetime(confirmation.subject_confirmation_data.not_on_or_after or "")
        try:
            with transaction.atomic():
                ConsumedAssertion.objects.create(
                    assertion_id=assertion.id,
                    issuer=response.issuer(),
                    not_on_or_after=not_on_or_after or timezone.now() + timedelta(hours=1),
                )
        except IntegrityError:
            self.refusal = SignInRefused(f"replayed assertion id {assertion.id}", REPLAYED)
            raise self.refusal from None

    def authenticate_user(self, request, *args, **kwargs):
        try:
            return super().authenticate_user(request, *args, **kwargs)
        except SignInRefused as refusal:
            self.refusal = refusal
            raise PermissionDenied(refusal.reason) from refusal

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        refusal = self.refusal or saml_refusal(exception)
        return refused_page(request, refusal, protocol="SAML", status=status)
