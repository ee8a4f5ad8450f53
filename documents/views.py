"""Shared documents: the list with an upload form, one document with its versions, downloads.

Downloads go only through ``DownloadView``: it checks the course permissions on the document's subject and
answers with ``Content-Disposition: attachment`` and the safe name; no file has a public address.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.errors import add_errors_to_form
from documents import conf, services
from documents.forms import DocumentForm, VersionForm
from documents.models import Document
from documents.permissions import NOT_ALLOWED, NOT_YOURS, may_delete
from documents.selectors import (
    attachable_subjects,
    document_list,
    may_attach_to,
    resolve_subject,
    subject_label,
    visible_documents,
)
from teams.permissions import CoursePermissionMixin

MB = 1024 * 1024


class DocumentListView(CoursePermissionMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "documents/list.html"

    def page(self, form: DocumentForm | None = None, status: int = 200):
        user, perms = self.request.user, self.course_perms
        documents = document_list(course=self.course, user=user, perms=perms)
        for d in documents:
            d.subject_label = subject_label(d)  # type: ignore[attr-defined]  # for the template
        subjects = attachable_subjects(course=self.course, user=user, perms=perms)
        wanted = self.request.GET.get("subject", "")
        initial = {"subject": wanted} if wanted in {s.value for s in subjects} else None
        form = form or DocumentForm(subjects=subjects, max_mb=conf.max_upload_bytes() // MB, initial=initial)
        context = self.get_context_data(
            documents=[d for d in documents if not d.is_deleted],
            deleted=[d for d in documents if d.is_deleted],
            form=form if subjects else None,
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.page()

    def post(self, request, *args, **kwargs):
        user, perms = request.user, self.course_perms
        subjects = attachable_subjects(course=self.course, user=user, perms=perms)
        if not subjects:
            raise PermissionDenied(NOT_ALLOWED)
        form = DocumentForm(request.POST, request.FILES, subjects=subjects, max_mb=conf.max_upload_bytes() // MB)
        if form.is_valid():
            kind, subject = resolve_subject(course=self.course, user=user, perms=perms,
                                            value=form.cleaned_data["subject"])  # fmt: skip
            try:
                version = services.document_upload(actor=user, course=self.course, kind=kind, subject=subject,
                                                   title=form.cleaned_data["title"], upload=form.cleaned_data["file"])  # fmt: skip
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("“%(title)s” is added.") % {"title": version.document.title})
                return HttpResponseRedirect(version.document.get_absolute_url())
        return self.page(form=form, status=400)


class DocumentMixin(CoursePermissionMixin):
    request: AuthenticatedHttpRequest  # the views below declare it again (TemplateView's is a plain request)
    kwargs: dict[str, Any]

    def get_document(self) -> Document:
        documents = visible_documents(course=self.course, user=self.request.user, perms=self.course_perms)
        document = get_object_or_404(documents.select_related("created_by", "deleted_by"), pk=self.kwargs["pk"])
        document.course = self.course
        return document


class DocumentDetailView(DocumentMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "documents/detail.html"

    def page(self, document: Document, form: VersionForm | None = None, status: int = 200):
        user, perms = self.request.user, self.course_perms
        versions = list(document.versions.select_related("uploaded_by"))
        for version in versions:
            version.document = document
        # An archived course keeps its documents readable and offers no upload or delete (teams.archive).
        changeable = not document.is_deleted and not self.course.is_archived
        attach = changeable and may_attach_to(document=document, user=user, perms=perms)
        context = self.get_context_data(
            document=document,
            subject_label=subject_label(document),
            versions=versions,
            form=(form or VersionForm()) if attach else None,
            can_delete=changeable and may_delete(perms, user=user, document=document),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.page(self.get_document())


class VersionAddView(DocumentDetailView):
    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_document().get_absolute_url())

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        if not may_attach_to(document=document, user=request.user, perms=self.course_perms):
            raise PermissionDenied(NOT_ALLOWED)
        form = VersionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.document_version_add(actor=request.user, document=document,
                                                        upload=form.cleaned_data["file"])  # fmt: skip
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("Version %(n)s is added.") % {"n": version.number})
                return HttpResponseRedirect(document.get_absolute_url())
        return self.page(document, form=form, status=400)


class DocumentDeleteView(DocumentDetailView):
    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_document().get_absolute_url())

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        if not may_delete(self.course_perms, user=request.user, document=document):
            raise PermissionDenied(NOT_YOURS)
        try:
            services.document_delete(actor=request.user, document=document)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.page(document, status=400)
        messages.success(request, _("“%(title)s” is deleted; its versions are kept in the history.")
                         % {"title": document.title})  # fmt: skip
        return HttpResponseRedirect(reverse("documents:list", args=[self.course.slug]))


class DownloadView(DocumentMixin, TemplateView):
    """The file of one version, as an attachment with its safe name, for those who may see the document."""

    request: AuthenticatedHttpRequest

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        version = get_object_or_404(document.versions, number=self.kwargs["number"])
        try:
            handle = version.file.storage.open(version.file.name, "rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404("The file is no longer stored.") from error
        response = FileResponse(
            handle, as_attachment=True, filename=version.original_name, content_type=version.content_type
        )
        response["Cache-Control"] = "private, no-store"
        return response
