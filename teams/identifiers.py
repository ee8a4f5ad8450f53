"""The identifiers European systems use for a higher-education institution, each validated and normalised.

- SCHAC home organisation: the institution's domain name, as eduGAIN identity providers release it
  (``schacHomeOrganization``, e.g. ``kuleuven.be``).
- Erasmus code: 1-3 letters of the country padded with spaces to three characters, the city in letters, and a
  two-digit number (``B  LEUVEN01``, ``PL GDYNIA02``); a few large cities use three digits (``F  PARIS001``).
- PIC: the Participant Identification Code of the EU Funding & Tenders portal, nine digits.
- ROR id: the Research Organization Registry identifier, ``0`` + six base-32 characters + a two-digit checksum.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

DOMAIN_RE = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
ERASMUS_RE = re.compile(r"^(?=[A-Z ]{3}[A-Z])(?:[A-Z]{3}|[A-Z]{2} |[A-Z]  )[A-Z][A-Z-]{0,8}[0-9]{2,3}$")
PIC_RE = re.compile(r"^[0-9]{9}$")
ROR_RE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
ROR_PREFIXES = ("https://ror.org/", "http://ror.org/", "ror.org/")
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"

DOMAIN_INVALID = _("Enter a domain name such as “uni-example.eu”, without “@” or “https://”.")
ERASMUS_INVALID = _(
    "Enter the Erasmus code as it is written: the country letters padded with spaces to three characters, "
    "the city, and two digits, e.g. “B  LEUVEN01” or “PL GDYNIA02”."
)
PIC_INVALID = _("A PIC has exactly nine digits.")
ROR_INVALID = _("Enter a ROR id such as “05f950310” (or its https://ror.org/ address).")
ROR_CHECKSUM = _("This ROR id's check digits do not match: look for a typing error.")


def normalise_domain(value: str) -> str:
    return (value or "").strip().lower().rstrip(".")


def validate_domain(value: str) -> None:
    if not DOMAIN_RE.match(value or ""):
        raise ValidationError(DOMAIN_INVALID, code="invalid_domain")


def normalise_erasmus_code(value: str) -> str:
    """Upper case; a code typed with one space after a one-letter country gets its padding back."""
    value = (value or "").upper().strip("\t\r\n")
    match = re.match(r"^([A-Z]{1,3})\s+([A-Z][A-Z-]*[0-9]{2,3})$", value)
    if match:
        return match.group(1).ljust(3) + match.group(2)
    return value


def validate_erasmus_code(value: str) -> None:
    if not ERASMUS_RE.match(value or ""):
        raise ValidationError(ERASMUS_INVALID, code="invalid_erasmus_code")


def validate_pic(value: str) -> None:
    if not PIC_RE.match(value or ""):
        raise ValidationError(PIC_INVALID, code="invalid_pic")


def normalise_ror_id(value: str) -> str:
    value = (value or "").strip().lower()
    for prefix in ROR_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def ror_checksum(base: str) -> int:
    """ISO 7064 Mod 97-10 over the base-32 number of the first seven characters (ROR's own algorithm)."""
    number = 0
    for char in base:
        number = number * 32 + CROCKFORD.index(char)
    return 98 - (number * 100) % 97


def validate_ror_id(value: str) -> None:
    if not ROR_RE.match(value or ""):
        raise ValidationError(ROR_INVALID, code="invalid_ror_id")
    if ror_checksum(value[:7]) != int(value[7:]):
        raise ValidationError(ROR_CHECKSUM, code="ror_checksum")


class Identifier(NamedTuple):
    """How long one kind of identifier may be, and what checks it."""

    max_length: int
    validator: Callable[[str], None]


DOMAIN = Identifier(253, validate_domain)
ERASMUS_CODE = Identifier(16, validate_erasmus_code)
PIC = Identifier(9, validate_pic)
ROR_ID = Identifier(9, validate_ror_id)


def identifier_field(
    identifier: Identifier, verbose_name: Any, help_text: Any, **options: Any
) -> models.CharField[str | int | Combinable, str]:
    """A model field that holds one identifier (optional unless ``blank=False``): one definition for every model
    that stores one, so that its length and validation never drift apart."""
    options.setdefault("blank", True)
    return models.CharField(
        verbose_name,
        max_length=identifier.max_length,
        validators=[identifier.validator],
        help_text=help_text,
        **options,
    )
