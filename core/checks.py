"""System checks for settings that must respect the guideline."""

from django.conf import settings
from django.core.checks import Error, register

GUIDELINE_MINIMUM_MONTHS = {"DESIGN_MIN_MONTHS": 3, "DEVELOPMENT_MIN_MONTHS": 6}


@register()
def phase_minimums_not_below_guideline(app_configs, **kwargs) -> list[Error]:
    """Settings may raise the phase minimums, never lower them below the guideline."""
    errors = []
    for key, floor in GUIDELINE_MINIMUM_MONTHS.items():
        value = settings.MICROCRED.get(key, floor)
        if value < floor:
            errors.append(
                Error(
                    f"MICROCRED['{key}'] is {value}; the guideline requires at least {floor} months.",
                    hint=f"Set {key} to {floor} or more.",
                    id="microcred.E001",
                )
            )
    return errors
