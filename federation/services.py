"""Writes for institutional sign-in: turn a verified assertion into a signed-in person, and unlink identities."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from federation.models import LinkedIdentity
from federation.schac import affiliation_kind, affiliation_record, institution_by_schac

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger("federation")

ACCOUNT_EXISTS = _(
    "An account with this e-mail address already exists. Log in with your password first, then use "
    "“Sign in with your institution” on your profile page to link the two."
)
LINKED_ELSEWHERE = _("This institutional identity is already linked to another account.")
ACCOUNT_INACTIVE = _("The account linked to this identity is deactivated. Ask an administrator.")
NO_EMAIL = _("Your institution did not tell us your e-mail address, which an account needs.")


class SignInRefused(Exception):
    """A sign-in that must not go on. ``reason`` goes to the log, ``message`` to the person."""

    def __init__(self, reason: str, message: StrOrPromise = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message or _("Your institution's answer could not be accepted.")


@dataclass(frozen=True)
class Assertion:
    """What a verified SAML assertion or OIDC ID token says about a person, in the protocol-neutral words."""

    protocol: str
    issuer: str
    subject: str
    email: str = ""  # only an address the identity provider asserted (SAML mail, OIDC email_verified)
    first_name: str = ""
    last_name: str = ""
    home_organisation: str = ""
    scoped_affiliations: list[str] = field(default_factory=list)


def identity_sign_in(*, assertion: Assertion, current_user: User | None = None) -> User:
    """The account an assertion signs in to: the linked one, else the signed-in one, else an invited one with
    the asserted e-mail, else a new one. Names are refreshed and the affiliation with the institution whose SCHAC
    code is the asserted home organisation is recorded (a first staff one also sets the home institution).

    Raises ``SignInRefused`` (nothing written) when the identity belongs to someone else, the account is
    inactive, or an e-mail matches an account that has a password of its own.
    """
    with transaction.atomic():
        links = LinkedIdentity.objects.select_related("user").filter(issuer=assertion.issuer, subject=assertion.subject)
        link = links.select_for_update().first()
        if link is not None:
            user = link.user
            if current_user is not None and current_user.pk != user.pk:
                raise SignInRefused("identity already linked to another account", LINKED_ELSEWHERE)
        else:
            user = current_user or _account_for_new_identity(assertion)
            link = LinkedIdentity(user=user, protocol=assertion.protocol, issuer=assertion.issuer)
            link.subject = assertion.subject
        if not user.is_active:
            raise SignInRefused("linked account is inactive", ACCOUNT_INACTIVE)
        _refresh_names(user, assertion)
        link.last_sign_in_at = timezone.now()
        attribute(link, user)
        link.save()
        _verify_affiliation(user, assertion)
    logger.info("%s sign-in of %s via %s as %s", assertion.protocol, user.pk, assertion.issuer, assertion.subject)
    return user


def _account_for_new_identity(assertion: Assertion) -> User:
    if not assertion.email:
        raise SignInRefused("no asserted e-mail address", NO_EMAIL)
    existing = User.objects.filter(email__iexact=assertion.email).first()
    if existing is None:
        user = User.objects.create_user(
            email=assertion.email, password=None, first_name=assertion.first_name, last_name=assertion.last_name
        )
        logger.info("new account %s for %s from %s", user.pk, assertion.subject, assertion.issuer)
        return user
    # Only an invitation nobody has taken up yet (no password, no other identity) is claimed by e-mail: an
    # account someone already uses is linked only from inside it, so an identity provider's word alone never
    # opens another person's account.
    if existing.has_usable_password() or existing.is_staff or existing.linked_identities.exists():
        raise SignInRefused("e-mail matches an account in use", ACCOUNT_EXISTS)
    logger.info("identity %s from %s links to invited account %s", assertion.subject, assertion.issuer, existing.pk)
    return existing


def _refresh_names(user: User, assertion: Assertion) -> None:
    changed = []
    for name in ("first_name", "last_name"):
        value = getattr(assertion, name)[:150]
        if value and getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        attribute(user, user)
        user.save(update_fields=changed)


def _verify_affiliation(user: User, assertion: Assertion) -> None:
    institution = institution_by_schac(assertion.home_organisation)
    if institution is None:
        return
    kind = affiliation_kind(scoped_affiliations=assertion.scoped_affiliations, home=assertion.home_organisation)
    if kind is not None:
        affiliation_record(user=user, institution=institution, kind=kind)


def identity_unlink(*, actor: User, identity: LinkedIdentity) -> None:
    """Remove the link: the next sign-in with that identity is a first sign-in again."""
    attribute(identity, actor)
    logger.info("identity %s unlinked from %s by %s", identity, identity.user_id, actor.pk)
    identity.delete()
