"""One way to run an action from a page: validate the form, call a service, answer.

A service's ValidationError lands on the form's fields (or, for a button without a form, in a message) and the
form comes back with status 400, never a 500. On success an htmx request gets its section back in place with the
message beside it; any other request gets the message flashed and a redirect (POST/redirect/GET) to a URL that
may depend on what the action produced (a new decision's own page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from core.errors import add_errors_to_form

# A text or URL, or a function of what the action returned that gives one.
Answer = str | Callable[[Any], str]


def _given(answer: Answer | None, result: Any) -> str:
    if callable(answer):
        return answer(result)
    return answer or ""


class ActionMixin:
    """POST actions on a page: ``run`` validates, calls the service and answers; ``respond`` answers alone.

    ``section_template`` is what an htmx request gets back (empty: htmx follows the redirect like a browser);
    ``action_context`` what that section, or the whole page on error, shows; ``success_url`` where a browser goes
    after success unless ``run`` is told ``redirect_to``.
    """

    request: HttpRequest
    template_name: str
    section_template = ""

    def success_url(self, result: Any) -> str:
        raise ImproperlyConfigured(f"{type(self).__name__} needs success_url() or run(redirect_to=...).")

    def action_context(self, **extra: Any) -> dict[str, Any]:
        """What the section or the page shows; ``extra`` holds the failing form under its name, or the message."""
        return self.get_context_data(**extra)  # type: ignore[attr-defined]

    def swaps_section(self) -> bool:
        return bool(getattr(self.request, "htmx", False) and self.section_template)

    def respond(
        self,
        *,
        status: int = 200,
        message: str = "",
        warning: str = "",
        redirect_to: str = "",
        result: Any = None,
        **extra: Any,
    ) -> HttpResponse:
        """After an action: the section (htmx) or a redirect (success), or the section or page with the form (400)."""
        swap = self.swaps_section()
        if status == 200 and not swap:
            if message:
                messages.success(self.request, message)
            if warning:
                messages.warning(self.request, warning)
            return HttpResponseRedirect(redirect_to or self.success_url(result))
        if status == 200:
            extra.update(section_message=message, section_warning=warning)
        template = self.section_template if swap else self.template_name
        return render(self.request, template, self.action_context(**extra), status=status)

    def run(
        self,
        form: forms.BaseForm | None,
        action: Callable[..., Any],
        *,
        form_name: str = "form",
        message: Answer = "",
        warning: Answer = "",
        redirect_to: Answer = "",
        **extra: Any,
    ) -> HttpResponse:
        """Validate ``form``, call ``action(form.cleaned_data)`` (``action()`` without a form), answer.

        ``message``, ``warning`` and ``redirect_to`` may be functions of what ``action`` returned. ``extra`` is
        shown with the form when it comes back.
        """
        if form is not None and not form.is_valid():
            return self.respond(status=400, **{form_name: form}, **extra)
        try:
            result = action(form.cleaned_data) if form is not None else action()
        except ValidationError as error:
            if form is None:
                messages.error(self.request, " ".join(error.messages))
                return self.respond(status=400, **extra)
            add_errors_to_form(form, error)  # BootstrapMixin.add_error marks the fields invalid
            return self.respond(status=400, **{form_name: form}, **extra)
        return self.respond(
            message=_given(message, result),
            warning=_given(warning, result),
            redirect_to=_given(redirect_to, result),
            result=result,
        )
