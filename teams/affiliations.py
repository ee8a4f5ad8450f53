"""Every write to affiliations and institution roles, and the reads that decide what they allow.

An affiliation is recorded only by ``record_affiliation``: from Django admin (method ADMIN, ``by`` the admin),
from a confirmed e-mail link (EMAIL) or from institutional sign-in (FEDERATION). A person never asserts their
own institution. Institution roles need a verified staff affiliation at that institution, and are granted by an
admin, or (except the coordinator role itself) by a coordinator of that institution.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from core.history import attribute
from teams.affiliation_models import (
    STAFF_KINDS,
    Affiliation,
    AffiliationKind,
    AffiliationRequest,
    InstitutionDomain,
    InstitutionRole,
)
from teams.models import Institution

if TYPE_CHECKING:
    from accounts.models import User

InstitutionRoleName = InstitutionRole.Role

START_ROLES = (InstitutionRoleName.COORDINATOR, InstitutionRoleName.COURSE_STARTER)
CONTACT_ROLES = (InstitutionRoleName.COORDINATOR, InstitutionRoleName.CONTACT_KEEPER)

KIND_INVALID = _("Choose what the person is at the institution.")
METHOD_INVALID = _("Say how the affiliation was verified.")
ROLE_NEEDS_STAFF = _("%(person)s has no verified staff affiliation with %(institution)s.")
ROLE_REFUSED = _("Only an administrator or a coordinator of %(institution)s can grant or withdraw its roles.")
COORDINATOR_BY_ADMIN = _("Only an administrator can make someone an institution coordinator.")
EMAIL_NOT_ON_DOMAIN = _("Use an address on one of the e-mail domains of %(institution)s: %(domains)s.")
NO_DOMAINS = _("%(institution)s has no e-mail domain recorded here; ask an administrator to record your affiliation.")
TOO_MANY_REQUESTS = ngettext_lazy(
    "You have asked for %(limit)d link in the last day; use it, or try again tomorrow.",
    "You have asked for %(limit)d links in the last day; use one of them, or try again tomorrow.",
    "limit",
)
LINK_INVALID = _("This confirmation link is not valid: ask for a new one from your profile.")
LINK_EXPIRED = _("This confirmation link has expired: ask for a new one from your profile.")
LINK_USED = _("This confirmation link has already been used.")
LINK_OTHER_USER = _("This confirmation link was sent for another account: sign in with the account that asked.")

REQUESTS_PER_DAY = 5
LINK_SALT = "teams.affiliation-request"


def institutions_where(user: User, roles: tuple[str, ...]) -> QuerySet[Institution]:
    """Institutions where ``user`` has a verified staff affiliation and one of ``roles``."""
    if not user.is_authenticated:
        return Institution.objects.none()
    return Institution.objects.filter(
        pk__in=InstitutionRole.objects.filter(
            user=user,
            role__in=roles,
            institution__affiliations__user=user,
            institution__affiliations__kind__in=STAFF_KINDS,
        ).values("institution_id")
    )


def course_start_institutions(user: User) -> QuerySet[Institution]:
    """The institutions ``user`` may start a course for (verified staff with a start or coordinator role)."""
    return institutions_where(user, START_ROLES)


def contact_keeping_institution_ids(user: User) -> set[int]:
    """Ids of the institutions whose support-service contacts ``user`` may change (one query)."""
    return set(institutions_where(user, CONTACT_ROLES).values_list("pk", flat=True))


def has_staff_affiliation(user: User, institution: Institution) -> bool:
    return Affiliation.objects.filter(user=user, institution=institution, kind__in=STAFF_KINDS).exists()


def is_coordinator(user: User, institution: Institution) -> bool:
    return institutions_where(user, (InstitutionRoleName.COORDINATOR,)).filter(pk=institution.pk).exists()


@transaction.atomic
def record_affiliation(
    *, user: User, institution: Institution, kind: str, method: str, by: User | None = None, note: str = ""
) -> Affiliation:
    """Record (or replace) ``user``'s verified affiliation with ``institution``, with how and by whom.

    The only way an affiliation comes to exist; the history keeps every earlier state. A first staff affiliation
    also becomes the person's home institution, which the pages show beside their name.
    """
    if kind not in AffiliationKind.values:
        raise ValidationError({"kind": KIND_INVALID})
    if method not in Affiliation.Method.values:
        raise ValidationError({"method": METHOD_INVALID})
    affiliation = Affiliation.objects.select_for_update().filter(
        user=user, institution=institution
    ).first() or Affiliation(user=user, institution=institution)
    affiliation.kind, affiliation.method, affiliation.verified_by = kind, method, by
    affiliation.verified_at = timezone.now()
    affiliation.note = note[:500]
    affiliation.full_clean(validate_unique=False)
    attribute(affiliation, by or user)
    affiliation.save()
    if kind in STAFF_KINDS and user.home_institution_id is None:
        user.home_institution = institution
        user.save(update_fields=["home_institution"])
    return affiliation


@transaction.atomic
def affiliation_end(*, actor: User, affiliation: Affiliation) -> None:
    """End an affiliation (an admin, or the person themselves): the institution roles it carried end with it."""
    for role in InstitutionRole.objects.filter(user_id=affiliation.user_id, institution_id=affiliation.institution_id):
        attribute(role, actor)
        role.delete()
    user = affiliation.user
    attribute(affiliation, actor)
    affiliation.delete()
    if user.home_institution_id == affiliation.institution_id:
        other = user.affiliations.filter(kind__in=STAFF_KINDS).values_list("institution_id", flat=True).first()
        user.home_institution_id = other
        user.save(update_fields=["home_institution"])


def _require_role_authority(*, actor: User, institution: Institution, role: str) -> None:
    if actor.is_superuser:
        return
    if role == InstitutionRoleName.COORDINATOR:
        raise PermissionDenied(COORDINATOR_BY_ADMIN)
    if not is_coordinator(actor, institution):
        raise PermissionDenied(ROLE_REFUSED % {"institution": institution})


@transaction.atomic
def institution_role_grant(*, actor: User, user: User, institution: Institution, role: str) -> InstitutionRole:
    """Give a verified staff member of ``institution`` one of its roles (idempotent)."""
    _require_role_authority(actor=actor, institution=institution, role=role)
    if role not in InstitutionRoleName.values:
        raise ValidationError({"role": KIND_INVALID})
    if not has_staff_affiliation(user, institution):
        raise ValidationError({"user": ROLE_NEEDS_STAFF % {"person": user, "institution": institution}})
    existing = InstitutionRole.objects.filter(user=user, institution=institution, role=role).first()
    if existing is not None:
        return existing
    grant = InstitutionRole(user=user, institution=institution, role=role, granted_by=actor)
    attribute(grant, actor)
    grant.save()
    return grant


@transaction.atomic
def institution_role_revoke(*, actor: User, grant: InstitutionRole) -> None:
    _require_role_authority(actor=actor, institution=grant.institution, role=grant.role)
    attribute(grant, actor)
    grant.delete()


def _domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


@transaction.atomic
def affiliation_request_create(*, user: User, institution: Institution, email: str) -> AffiliationRequest:
    """Ask to be recorded at ``institution``: a single-use link goes to ``email``, which must be on its domains.

    What the address proves (staff or student) is the domain's, never the person's choice.
    """
    email = email.strip().lower()
    domains = {d.domain: d for d in InstitutionDomain.objects.filter(institution=institution)}
    if not domains:
        raise ValidationError({"institution": NO_DOMAINS % {"institution": institution}})
    domain = domains.get(_domain_of(email))
    if domain is None:
        listed = ", ".join(sorted(domains))
        raise ValidationError({"email": EMAIL_NOT_ON_DOMAIN % {"institution": institution, "domains": listed}})
    since = timezone.now() - timedelta(days=1)
    if AffiliationRequest.objects.filter(user=user, created_at__gte=since).count() >= REQUESTS_PER_DAY:
        raise ValidationError({"email": TOO_MANY_REQUESTS % {"limit": REQUESTS_PER_DAY}})
    request = AffiliationRequest.objects.create(
        user=user, institution=institution, email=email, kind=domain.affiliation
    )
    from core import outbox

    outbox.enqueue("teams.affiliation_link", {"request_id": request.pk})
    return request


def affiliation_request_token(request: AffiliationRequest) -> str:
    return signing.dumps({"r": request.pk, "u": request.user_id}, salt=LINK_SALT, compress=True)


def affiliation_request_for_token(*, user: User, token: str) -> AffiliationRequest:
    """The request a link stands for, if it is valid for ``user``; a ValidationError that says why otherwise."""
    max_age = timedelta(hours=settings.AFFILIATION_LINK_HOURS)
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ValidationError(LINK_EXPIRED) from exc
    except signing.BadSignature as exc:
        raise ValidationError(LINK_INVALID) from exc
    request = AffiliationRequest.objects.select_related("institution").filter(pk=data.get("r")).first()
    if request is None:
        raise ValidationError(LINK_INVALID)
    if request.user_id != user.pk:
        raise ValidationError(LINK_OTHER_USER)
    if request.confirmed_at is not None:
        raise ValidationError(LINK_USED)
    return request


@transaction.atomic
def affiliation_request_confirm(*, user: User, token: str) -> Affiliation:
    """Confirm a request by its link: the affiliation is recorded as verified by e-mail, once."""
    request = affiliation_request_for_token(user=user, token=token)
    request = AffiliationRequest.objects.select_for_update().get(pk=request.pk)
    if request.confirmed_at is not None:
        raise ValidationError(LINK_USED)
    request.confirmed_at = timezone.now()
    request.save(update_fields=["confirmed_at"])
    return record_affiliation(
        user=user,
        institution=request.institution,
        kind=request.kind,
        method=Affiliation.Method.EMAIL,
        note=gettext("Confirmed through %(email)s") % {"email": request.email},
    )
