"""Errors raised by services. Views turn them into form errors (400/200), never 500s."""

from django.core.exceptions import ValidationError

__all__ = ["ValidationError", "add_errors_to_form"]


def add_errors_to_form(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form, on the field it names when the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
