"""Service contacts: everyone on the course sees them; an institution's own people keep them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext

from core.errors import add_errors_to_form
from support import selectors
from support.forms import ServiceContactForm
from support.models import ServiceContact, ServiceKind
from support.permissions import require_contacts
from support.services.contacts import service_contacts_save
from support.views.base import SupportPageView


class ContactsView(SupportPageView):
    template_name = "support/contacts.html"
    page_url_name = "support:contacts"
    sub_nav = "contacts"

    def section_context(self, **extra: Any) -> dict[str, Any]:
        return super().section_context(
            groups=selectors.contacts_by_institution(partnerships=self.partnerships), **extra
        )


class ContactsEditView(SupportPageView):
    """One institution's six contacts on one form; history records every change."""

    edits_course = True  # an archived course does not open this form (teams.archive)

    template_name = "support/contacts_edit.html"
    page_url_name = "support:contacts"
    sub_nav = "contacts"

    def setup_institution(self) -> None:
        self.institution = self.course_institution(self.kwargs["institution_id"])
        require_contacts(self.scope, self.institution)

    def forms(self, data=None) -> list[ServiceContactForm]:
        existing = {c.kind: c for c in ServiceContact.objects.filter(institution=self.institution)}
        return [
            ServiceContactForm(
                data,
                kind=kind,
                initial={"unit": c.unit, "name": c.name, "email": c.email} if (c := existing.get(kind)) else None,
            )
            for kind in ServiceKind.values
        ]

    def render_forms(self, forms: list[ServiceContactForm], status: int = 200):
        context = self.section_context(institution=self.institution, forms=forms)
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        self.setup_institution()
        return self.render_forms(self.forms())

    def post(self, request, *args, **kwargs):
        self.setup_institution()
        forms = self.forms(request.POST)
        if all([f.is_valid() for f in forms]):
            entries = {f.kind: {k: f.cleaned_data[k] for k in ("unit", "name", "email")} for f in forms}
            try:
                service_contacts_save(actor=request.user, institution=self.institution, entries=entries)
            except ValidationError as error:
                by_kind = {f.kind: f for f in forms}
                for key, errors in error.message_dict.items():
                    kind, _, field = key.rpartition("-")
                    if kind in by_kind:
                        add_errors_to_form(by_kind[kind], ValidationError({field: errors}))
            else:
                messages.success(
                    request,
                    gettext("Service contacts of %(institution)s saved.") % {"institution": self.institution.name},
                )
                return HttpResponseRedirect(self.page_url())
        return self.render_forms(forms, status=400)
