from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours as people write them: 2.5, 10, 0.25 (no trailing zeros, no exponent)."""
    if value in (None, ""):
        return "0"
    return f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
