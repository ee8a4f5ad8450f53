"""The joint vision: a version with its sections and comments, editing, adoption, and comparing versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from governance import permissions as rules
from governance.forms import CommentForm, CompareForm, SectionForm
from governance.models import VisionSection, VisionVersion
from governance.selectors.vision import vision_diff, vision_documents, vision_sections, vision_versions
from governance.services import vision as services
from governance.views.base import GovernancePage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class VisionView(GovernancePage):
    """The latest version (or an invitation to start one), the list of versions, and the comment forms."""

    template_name = "governance/vision.html"
    section = "vision"

    def get_vision(self) -> VisionVersion | None:
        if not hasattr(self, "_vision"):
            versions = vision_versions(course=self.course)
            self._versions = versions
            wanted = self.kwargs.get("version")
            if wanted is None:
                self._vision = versions[0] if versions else None
            else:
                self._vision = next((v for v in versions if v.version == wanted), None)
                if self._vision is None:
                    raise Http404("No such version.")
        return self._vision

    def page_context(self, **forms: Any) -> dict[str, Any]:
        vision = self.get_vision()
        perms = self.course_perms
        comment_section = forms.get("comment_section")
        sections = vision_sections(vision=vision) if vision else []
        for s in sections:
            s.form = forms["comment_form"] if comment_section == s.key else CommentForm(auto_id=f"id_{s.key}_%s")
        return {
            "vision": vision,
            "versions": self._versions,
            "sections": sections,
            "latest": self._versions[0] if self._versions else None,
            "can_draft": rules.DRAFT_VISION in perms,
            "can_comment": rules.COMMENT_VISION in perms and vision is not None and not vision.is_frozen,
            "compare_form": CompareForm(),
            "documents": vision_documents(vision=vision) if vision else [],
        }


class VisionStartView(VisionView):
    permission_required = rules.DRAFT_VISION

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("governance:vision", args=[self.course.slug]))

    def post(self, request, *args, **kwargs):
        return self.run(
            None,
            action=lambda: services.vision_start(actor=request.user, course=self.course),
            message=_("A new version of the joint vision is started from the last one."),
            redirect_to=lambda vision: vision.get_absolute_url(),
        )


class VersionActionMixin:
    """POST actions on one version: re-render the version page on error."""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_vision().get_absolute_url())


class VisionCommentView(VersionActionMixin, VisionView):
    permission_required = rules.COMMENT_VISION

    def post(self, request, *args, **kwargs):
        vision = self.get_vision()
        section = self.kwargs["section"]
        if section not in VisionSection.values:
            raise Http404("No such section.")
        form = CommentForm(request.POST, auto_id=f"id_{section}_%s")
        response = self.run(
            form,
            form_name="comment_form",
            action=lambda data: services.vision_comment_add(
                actor=request.user, vision=vision, section=section, text=data["text"]
            ),
            message=_("Your comment is added."),
            redirect_to=vision.get_absolute_url() + f"#section-{section}",
            comment_section=section,
        )
        return response


class VisionProposeView(VersionActionMixin, VisionView):
    permission_required = rules.DRAFT_VISION

    def post(self, request, *args, **kwargs):
        vision = self.get_vision()
        return self.run(
            None,
            action=lambda: services.vision_propose(actor=request.user, vision=vision),
            message=_("The vision is put forward: every institution is asked to consent to its adoption."),
            redirect_to=lambda decision: decision.get_absolute_url(),
        )


class SectionEditView(VisionView):
    """One section of a version that is not adopted, on a page of its own."""

    permission_required = rules.DRAFT_VISION
    template_name = "governance/section_form.html"

    def get_section(self) -> tuple[str, StrOrPromise]:
        key = self.kwargs["section"]
        if key not in VisionSection.values:
            raise Http404("No such section.")
        return key, VisionSection(key).label

    def page_context(self, **forms: Any) -> dict[str, Any]:
        vision = self.get_vision()
        key, label = self.get_section()
        from governance.models.vision import SECTION_HELP

        form = forms.get("section_form") or SectionForm(initial={"text": getattr(vision, key)})
        return {"vision": vision, "section_key": key, "section_label": label, "section_help": SECTION_HELP[key],
                "section_form": form}  # fmt: skip

    def post(self, request, *args, **kwargs):
        vision = self.get_vision()
        key, label = self.get_section()
        return self.run(
            SectionForm(request.POST),
            form_name="section_form",
            action=lambda data: services.vision_section_save(
                actor=request.user, vision=vision, section=key, text=data["text"]
            ),
            message=_("“%(section)s” is saved.") % {"section": label},
            redirect_to=vision.get_absolute_url() + f"#section-{key}",
        )


class VisionCompareView(GovernancePage):
    """What changed between two versions, section by section (``?old=1&new=2``)."""

    template_name = "governance/vision_compare.html"
    section = "vision"

    def get(self, request, *args, **kwargs):
        form = CompareForm(request.GET)
        context = self.get_context_data(compare_form=form)
        if not form.is_valid():
            return self.render_to_response(context, status=400)
        found = {
            v.version: v
            for v in VisionVersion.objects.filter(
                course=self.course, version__in=[form.cleaned_data["old"], form.cleaned_data["new"]]
            )
        }
        for name in ("old", "new"):
            if form.cleaned_data[name] not in found:
                form.add_error(name, _("This course has no version %(v)s.") % {"v": form.cleaned_data[name]})
        if form.errors:
            return self.render_to_response(context, status=400)
        old, new = found[form.cleaned_data["old"]], found[form.cleaned_data["new"]]
        context.update(old=old, new=new, diffs=vision_diff(old=old, new=new))
        return self.render_to_response(context)

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {"compare_form": forms.get("compare_form"), "versions": vision_versions(course=self.course)}
