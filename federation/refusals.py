"""One page for every refused sign-in: a clear sentence for the person, the precise reason in the log."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from federation.services import SignInRefused

logger = logging.getLogger("federation")

NOT_SIGNED = _("The answer from your institution is not signed, or not signed by your institution.")
EXPIRED = _(
    "The answer from your institution has expired or is not valid yet. Check that your device's clock is right, "
    "then start again."
)
NOT_FOR_US = _("The answer from your institution was meant for another service.")
REPLAYED = _("This answer was already used, or was not asked for here. Start again from the login page.")
DENIED = _("Your institution did not sign you in.")
UNKNOWN_PROVIDER = _("This identity provider is not one this service knows.")
MISSING_ATTRIBUTES = _(
    "Your institution did not release the information this service needs (your principal name and e-mail "
    "address). Ask your institution's IT service to release them to this service."
)
NOT_VERIFIED = _("The answer from your institution could not be verified.")


def saml_refusal(exception: Exception | None) -> SignInRefused:
    """The refusal for what pysaml2 (or our checks after it) raised on an assertion."""
    # Here, not at the top: OIDC sign-in reads this module too, and pysaml2 loads only for SAML (saml_views).
    from saml2.response import IncorrectlySigned, StatusError, UnsolicitedResponse, VerificationError
    from saml2.sigver import MissingKey, SignatureError, SigverError
    from saml2.validate import ResponseLifetimeExceed, ToEarly

    if isinstance(exception, SignInRefused):
        return exception
    if isinstance(exception, (ResponseLifetimeExceed, ToEarly)) or "Condition not OK" in str(exception):
        message = EXPIRED
    elif isinstance(exception, MissingKey):
        message = UNKNOWN_PROVIDER
    elif isinstance(exception, (SignatureError, SigverError, IncorrectlySigned)):
        message = NOT_SIGNED
    elif isinstance(exception, UnsolicitedResponse):
        message = REPLAYED
    elif isinstance(exception, StatusError):
        message = DENIED
    elif isinstance(exception, VerificationError) or "Audience" in str(exception):
        message = NOT_FOR_US
    else:
        message = NOT_VERIFIED
    detail = f"{type(exception).__name__}: {exception}" if exception else "response rejected"
    return SignInRefused(detail, message)


def refused_page(request: HttpRequest, refusal: SignInRefused, *, protocol: str, status: int = 403) -> HttpResponse:
    """Log the reason and answer the person with the refusal page (no account was created or signed in)."""
    logger.warning("%s sign-in refused: %s", protocol, refusal.reason)
    return render(
        request,
        "federation/refused.html",
        {"message": refusal.message, "protocol": protocol},
        status=status,
    )
