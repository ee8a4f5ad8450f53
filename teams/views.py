"""Course team pages. Thin: parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.actions import ActionMixin
from core.confirm import Confirmation, confirmation_page
from core.errors import add_errors_to_form
from teams import permissions as perm
from teams import selectors, services
from teams.affiliations import course_start_institutions
from teams.filters import ARCHIVED, CourseListFilter
from teams.forms import (
    CourseCreateForm,
    CourseSettingsForm,
    FoundationForm,
    MemberRemoveForm,
    MembershipAddForm,
    MembershipForm,
    PartnershipAddForm,
    PartnershipForm,
)
from teams.models import Course, Membership, Partnership
from teams.permissions import CoursePermissionMixin

# One whole sentence per role: a role's name lowercased into "%(person)s is now %(role)s." is wrong in German.
ROLE_NOW = {
    Membership.Role.LEADER: gettext_lazy("%(person)s is now the course leader."),
    Membership.Role.PARTNER: gettext_lazy("%(person)s is now a partner representative."),
    Membership.Role.LEARNER: gettext_lazy("%(person)s is now a learner representative."),
    Membership.Role.STAKEHOLDER: gettext_lazy("%(person)s is now an associated stakeholder."),
    Membership.Role.QA_OFFICER: gettext_lazy("%(person)s is now a QA officer."),
}


class DashboardView(LoginRequiredMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "teams/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Lazy: read only when the cached list ({% cachedfragment %}) has to be rendered afresh.
        # Current courses by default, the archived ones under their own filter (teams.archive).
        course_filter = CourseListFilter(self.request.GET, queryset=Course.objects.none())
        context["course_filter"] = course_filter
        context["showing_archived"] = course_filter.state_value == ARCHIVED
        context["courses"] = SimpleLazyObject(
            lambda: list(course_filter.filter_queryset(selectors.course_list_for_user(user=user)))
        )
        context["fragment_course_ids"] = SimpleLazyObject(lambda: perm.course_ids_for_user(user))
        context["role_labels"] = dict(Membership.Role.choices)
        # Kept with the user's list of courses: a new affiliation or institution role replaces it.
        context["may_start_courses"] = perm.kept_while_courses_unchanged(
            user, "may-start-courses", lambda: course_start_institutions(user).exists()
        )
        return context


class CourseCreateView(LoginRequiredMixin, ActionMixin, FormView):  # type: ignore[misc]  # success_url(result)
    """Only verified staff whom their institution lets start courses see this page (403 with the reason otherwise)."""

    form_class = CourseCreateForm
    template_name = "teams/course_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.institutions = course_start_institutions(request.user).order_by("name")
            if not self.institutions.exists():
                raise PermissionDenied(services.NO_START_RIGHT)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "institutions": self.institutions}

    def post(self, request, *args, **kwargs):
        return self.run(
            self.get_form(),
            lambda data: services.course_create(actor=request.user, **data),
            message=lambda course: (
                _("“%(title)s” is created. Next: add your partner institutions.") % {"title": course.title}
            ),
            redirect_to=lambda course: reverse("teams:team", kwargs={"slug": course.slug}),
        )


class CourseDetailView(CoursePermissionMixin, TemplateView):
    template_name = "teams/course_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        course = self.course
        # Lazy: read only when the cached overview ({% cachedfragment %}) has to be rendered afresh.
        team = SimpleLazyObject(lambda: selectors.course_team(course=course))
        context["team"] = team
        context["shared_networks"] = SimpleLazyObject(lambda: selectors.shared_networks(course=course))
        context["foundations"] = SimpleLazyObject(lambda: selectors.course_foundations(course=course))
        context["partnerships"] = SimpleLazyObject(lambda: [g.partnership for g in team if g.partnership])
        return context


class CourseEditView(CoursePermissionMixin, ActionMixin, FormView):  # type: ignore[misc]  # success_url(result)
    permission_required = perm.CHANGE
    form_class = CourseSettingsForm
    template_name = "teams/course_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.course}

    def post(self, request, *args, **kwargs):
        return self.run(
            self.get_form(),
            lambda data: services.course_update(actor=request.user, course=self.course, **data),
            message=_("Course details saved."),
            redirect_to=self.course.get_absolute_url(),
        )


class CourseHistoryView(CoursePermissionMixin, TemplateView):
    permission_required = perm.VIEW_HISTORY
    template_name = "teams/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["entries"] = selectors.course_history(course=self.course)
        return context


# --- Team composition: one page, three sections that htmx swaps in place -----------------------------------


class TeamView(CoursePermissionMixin, TemplateView):
    """The leader's team composition page."""

    permission_required = perm.MANAGE_TEAM
    template_name = "teams/team.html"

    def section_context(self, **forms: Any) -> dict[str, Any]:
        course = self.course
        return {
            "course": course,
            "course_perms": self.course_perms,
            "team": selectors.course_team(course=course),
            "foundations": selectors.course_foundations(course=course),
            "missing_representatives": selectors.partners_without_representative(course=course),
            "partner_form": forms.get("partner_form") or PartnershipAddForm(course=course),
            "member_form": forms.get("member_form") or MembershipAddForm(course=course),
            "foundation_form": forms.get("foundation_form") or FoundationForm(),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.section_context()}


class TeamActionView(ActionMixin, TeamView):
    """Base for the team page's actions: on success the section (htmx) or a redirect; on error the form, 400."""

    template_name: str  # TeamView's page
    section: str = ""

    @property
    def section_template(self) -> str:  # type: ignore[override]
        return f"teams/_{self.section}.html"

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.success_url(None))

    def success_url(self, result: Any) -> str:
        return reverse("teams:team", kwargs={"slug": self.course.slug})

    def action_context(self, **extra: Any) -> dict[str, Any]:
        # A swapped section also sends what depends on it elsewhere on the page (hx-swap-oob): the institutions of
        # "Add a member" after the partners change, the missing-representative warning after the members change.
        return {**self.section_context(**extra), "swap_oob": self.swaps_section(), **extra}

    def confirm(
        self, *, title: str, question: str, action: str, consequence: str = "", refusal: str = ""
    ) -> HttpResponse:
        """The confirmation page before a removal (core.confirm): it works without JavaScript."""
        confirmation = Confirmation(
            tab="team",
            title=title,
            question=question,
            consequence=consequence,
            action=action,
            back_url=self.success_url(None),
            refusal=refusal,
        )
        return confirmation_page(self.request, {"course": self.course, "course_perms": self.course_perms}, confirmation)


class PartnerAddView(TeamActionView):
    section = "partners"

    def post(self, request, *args, **kwargs):
        return self.run(
            PartnershipAddForm(request.POST, course=self.course),
            lambda data: services.partnership_add(actor=request.user, course=self.course, **data),
            form_name="partner_form",
            message=lambda partnership: (
                _("%(institution)s joined the course as a partner.") % {"institution": partnership.institution.name}
            ),
        )


class PartnerRemoveView(TeamActionView):
    """GET asks on a page of its own (why not, if it cannot be done); POST removes."""

    section = "partners"

    def get(self, request, *args, **kwargs):
        partnership = get_object_or_404(
            Partnership.objects.select_related("institution"), pk=kwargs["pk"], course=self.course
        )
        name = partnership.institution.name
        return self.confirm(
            title=_("Remove %(institution)s from the course") % {"institution": name},
            question=_("%(institution)s will no longer be a partner of “%(course)s”.")
            % {"institution": name, "course": self.course.title},
            action=_("Remove partner"),
            refusal=services.partnership_remove_refusal(partnership=partnership),
        )

    def post(self, request, *args, **kwargs):
        partnership = get_object_or_404(Partnership, pk=kwargs["pk"], course=self.course)
        return self.run(
            None,
            lambda: services.partnership_remove(actor=request.user, partnership=partnership),
            message=_("%(institution)s is no longer a partner of this course.")
            % {"institution": partnership.institution.name},
        )


class PartnerEditView(TeamActionView):
    """Edit a partnership's faculty and support confirmations inline."""

    section = "partners"

    def get_partnership(self) -> Partnership:
        return get_object_or_404(
            Partnership.objects.select_related("institution"), pk=self.kwargs["pk"], course=self.course
        )

    def inline_form(self, partnership: Partnership, form, status: int = 200) -> HttpResponse:
        context = {"form": form, "partnership": partnership, "course": self.course}
        return render(self.request, "teams/_partnership_form.html", context, status=status)

    def get(self, request, *args, **kwargs):
        partnership = self.get_partnership()
        return self.inline_form(partnership, PartnershipForm(instance=partnership))

    def post(self, request, *args, **kwargs):
        partnership = self.get_partnership()
        form = PartnershipForm(request.POST, instance=partnership)
        if not form.is_valid():
            return self.inline_form(partnership, form, status=400)
        return self.run(
            None,
            lambda: services.partnership_update(actor=request.user, partnership=partnership, **form.cleaned_data),
            message=_("Support of %(institution)s saved.") % {"institution": partnership.institution.name},
        )


class MemberAddView(TeamActionView):
    section = "members"

    def post(self, request, *args, **kwargs):
        form = MembershipAddForm(request.POST, course=self.course)
        return self.run(
            form,
            lambda data: services.membership_add(actor=request.user, course=self.course, **data),
            form_name="member_form",
            message=lambda result: _("%(email)s was added to the team.") % {"email": form.cleaned_data["email"]},
        )


class MemberEditView(TeamActionView):
    """Change a member's role inline: GET gives the row as a form, POST saves it (the form again on error)."""

    section = "members"

    def get_membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "course"), pk=self.kwargs["pk"], course=self.course
        )

    def inline_form(self, membership: Membership, form, status: int = 200) -> HttpResponse:
        context = {"form": form, "membership": membership, "course": self.course}
        return render(self.request, "teams/_member_form.html", context, status=status)

    def get(self, request, *args, **kwargs):
        membership = self.get_membership()
        return self.inline_form(membership, MembershipForm(membership=membership))

    def post(self, request, *args, **kwargs):
        self.membership = membership = self.get_membership()
        return self.run(
            MembershipForm(request.POST, membership=membership),
            lambda data: services.membership_update(actor=request.user, membership=membership, **data),
            message=lambda result: str(ROLE_NOW[membership.role] % {"person": membership.user}),
        )

    def respond(self, *, status: int = 200, **extra: Any) -> HttpResponse:
        if status == 400:
            self.membership.refresh_from_db()
            return self.inline_form(self.membership, extra["form"], status=400)
        return super().respond(status=status, **extra)


class MemberRemoveView(TeamActionView):
    """Remove a member (their work stays, attributed to them as a former member). One who owns milestones is
    removed from a page that asks who takes them over; the inline Remove button is sent there."""

    section = "members"

    def get_membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "institution", "organisation"),
            pk=self.kwargs["pk"],
            course=self.course,
        )

    def get(self, request, *args, **kwargs):
        membership = self.get_membership()
        return self.takeover_page(membership, MemberRemoveForm(membership=membership))

    def takeover_page(self, membership: Membership, form: MemberRemoveForm, status: int = 200) -> HttpResponse:
        context = {
            "course": self.course,
            "course_perms": self.course_perms,
            "membership": membership,
            "milestones": list(membership.owned_milestones.select_related("phase").order_by("due_on")),
            "form": form,
        }
        return render(self.request, "teams/member_remove.html", context, status=status)

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        form = MemberRemoveForm(request.POST, membership=membership)
        if not form.is_valid():
            return self.takeover_page(membership, form, status=400)
        try:
            services.membership_remove(
                actor=request.user, membership=membership, successor=form.cleaned_data["successor"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return self.respond(status=400)
            if "successor" not in request.POST:  # the inline button: ask who takes over, on a page of its own
                page = reverse("teams:member_remove", kwargs={"slug": self.course.slug, "pk": membership.pk})
                if request.htmx:
                    return HttpResponse(headers={"HX-Redirect": page})
                return HttpResponseRedirect(page)
            add_errors_to_form(form, error)
            return self.takeover_page(membership, form, status=400)
        return self.respond(
            message=_("%(person)s was removed from the team; their work stays on record.") % {"person": membership.user}
        )


class MemberRowView(CoursePermissionMixin, View):
    """The read-only row of a member, for "Cancel" on the inline edit form."""

    permission_required = perm.MANAGE_TEAM

    def get(self, request, *args, **kwargs):
        membership = get_object_or_404(
            Membership.objects.select_related("user", "institution", "organisation"),
            pk=kwargs["pk"],
            course=self.course,
        )
        return render(request, "teams/_member_row.html", {"m": membership, "course": self.course})
