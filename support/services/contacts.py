"""Service contacts: an institution's people keep who to ask for each of its six support services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from support.models import ServiceContact, ServiceKind
from support.services.common import attribute
from teams.models import Institution

if TYPE_CHECKING:
    from accounts.models import User

UNIT_REQUIRED = _("Give the unit (office or department) to contact.")
EMAIL_REQUIRED = _("Give an e-mail address the request can be sent to.")


@transaction.atomic
def service_contact_save(
    *, actor: User, institution: Institution, kind: str, unit: str, name: str, email: str
) -> ServiceContact | None:
    """Record (or clear, when every field is empty) the contact for one of ``institution``'s services."""
    unit, name, email = unit.strip(), name.strip(), email.strip()
    contact = ServiceContact.objects.select_for_update().filter(institution=institution, kind=kind).first()
    if not (unit or name or email):
        if contact is not None:
            attribute(contact, actor)
            contact.delete()
        return None
    errors = {}
    if not unit:
        errors["unit"] = UNIT_REQUIRED
    if not email:
        errors["email"] = EMAIL_REQUIRED
    if errors:
        raise ValidationError(errors)
    contact = contact or ServiceContact(institution=institution, kind=kind)
    if (contact.unit, contact.name, contact.email) == (unit, name, email):
        return contact  # unchanged: no history entry
    contact.unit, contact.name, contact.email = unit, name, email
    contact.full_clean(exclude=["institution"], validate_unique=False)
    attribute(contact, actor)
    contact.save()
    return contact


@transaction.atomic
def service_contacts_save(
    *, actor: User, institution: Institution, entries: dict[str, dict[str, str]]
) -> dict[str, ServiceContact | None]:
    """Save several kinds at once; an error names the kind, so the page can show it at the right row."""
    saved = {}
    for kind in ServiceKind.values:
        if kind not in entries:
            continue
        try:
            saved[kind] = service_contact_save(actor=actor, institution=institution, kind=kind, **entries[kind])
        except ValidationError as error:
            raise ValidationError({f"{kind}-{f}": e for f, e in error.message_dict.items()}) from error
    return saved
