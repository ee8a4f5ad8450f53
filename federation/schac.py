"""The bridge to the trust app: institutions by SCHAC home organisation code, and verified affiliations.

``teams.models.Institution.schac_home_organisation``, ``teams.models.Affiliation`` and
``teams.services.record_affiliation`` come from the trust work; until they exist this module finds no
institution and records nothing, so sign-in still works (without a verified affiliation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from teams.models import Institution

if TYPE_CHECKING:
    from accounts.models import User

SCHAC_FIELD = "schac_home_organisation"

# eduPersonAffiliation values (the part before "@") to the Affiliation kinds, strongest first.
AFFILIATION_KINDS = [
    ("faculty", "FACULTY"),
    ("staff", "STAFF"),
    ("employee", "STAFF"),
    ("student", "STUDENT"),
    ("affiliate", "AFFILIATE"),
    ("member", "AFFILIATE"),
]


def affiliations_supported() -> bool:
    return any(field.name == SCHAC_FIELD for field in Institution._meta.get_fields())


def institution_by_schac(code: str) -> Institution | None:
    """The institution whose SCHAC home organisation code is ``code`` (case-insensitive), if any."""
    if not code or not affiliations_supported():
        return None
    return Institution.objects.filter(**{f"{SCHAC_FIELD}__iexact": code.strip()}).first()


def affiliation_kind(*, scoped_affiliations: list[str], home: str) -> str | None:
    """The strongest affiliation scoped to ``home`` (``staff@uni.example`` counts only for ``uni.example``)."""
    values = set()
    for scoped in scoped_affiliations:
        value, _, scope = scoped.strip().lower().partition("@")
        if scope == home.strip().lower():
            values.add(value)
    return next((kind for value, kind in AFFILIATION_KINDS if value in values), None)


def affiliation_record(*, user: User, institution: Institution, kind: str) -> bool:
    """Record a federation-verified affiliation through the trust service; False when that is not available."""
    try:
        from teams.models import Affiliation
        from teams.services import record_affiliation
    except ImportError:
        return False
    record_affiliation(
        user=user,
        institution=institution,
        kind=getattr(Affiliation.Kind, kind),
        method=Affiliation.Method.FEDERATION,
    )
    return True
