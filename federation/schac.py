"""The bridge to the trust work: institutions by SCHAC home organisation code, and federation-verified
affiliations recorded through ``teams.services.record_affiliation``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from teams.models import Affiliation, Institution
from teams.services import record_affiliation

if TYPE_CHECKING:
    from accounts.models import User

# eduPersonAffiliation values (the part before "@") to the Affiliation kinds, strongest first.
AFFILIATION_KINDS = [
    ("faculty", Affiliation.Kind.FACULTY),
    ("staff", Affiliation.Kind.STAFF),
    ("employee", Affiliation.Kind.STAFF),
    ("student", Affiliation.Kind.STUDENT),
    ("affiliate", Affiliation.Kind.AFFILIATE),
    ("member", Affiliation.Kind.AFFILIATE),
]


def institution_by_schac(code: str) -> Institution | None:
    """The institution whose SCHAC home organisation code is ``code`` (case-insensitive), if any."""
    if not code or not code.strip():
        return None
    return Institution.objects.filter(schac_home_organisation__iexact=code.strip()).first()


def affiliation_kind(*, scoped_affiliations: list[str], home: str) -> str | None:
    """The strongest affiliation scoped to ``home`` (``staff@uni.example`` counts only for ``uni.example``)."""
    values = set()
    for scoped in scoped_affiliations:
        value, _, scope = scoped.strip().lower().partition("@")
        if scope and scope == home.strip().lower():
            values.add(value)
    return next((kind for value, kind in AFFILIATION_KINDS if value in values), None)


def affiliation_record(*, user: User, institution: Institution, kind: str) -> Affiliation:
    """Record the affiliation the identity provider asserted (method FEDERATION, no human verifier)."""
    return record_affiliation(user=user, institution=institution, kind=kind, method=Affiliation.Method.FEDERATION)
