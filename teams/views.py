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
from django.views import View
from django.views.generic import FormView, TemplateView

from core.errors import add_errors_to_form
from teams import permissions as perm
from teams import selectors, services
from teams.affiliations import course_start_institutions
from teams.forms import (
    CourseCreateForm,
    CourseSettingsForm,
    FoundationForm,
    MembershipAddForm,
    MembershipForm,
    PartnershipAddForm,
    PartnershipForm,
)
from teams.models import Membership, Partnership, TeamFoundation
from teams.permissions import CoursePermissionMixin


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "teams/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Lazy: read only when the cached list ({% cachedfragment %}) has to be rendered afresh.
        context["courses"] = SimpleLazyObject(lambda: list(selectors.course_list_for_user(user=user)))
        context["fragment_course_ids"] = SimpleLazyObject(lambda: perm.course_ids_for_user(user))
        context["role_labels"] = dict(Membership.Role.choices)
        # Kept with the user's list of courses: a new affiliation or institution role replaces it.
        context["may_start_courses"] = perm.kept_while_courses_unchanged(
            user, "may-start-courses", lambda: course_start_institutions(user).exists()
        )
        return context


class CourseCreateView(LoginRequiredMixin, FormView):
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

    def form_valid(self, form):
        try:
            course = services.course_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"“{course.title}” is created. Next: add your partner institutions.")
        return HttpResponseRedirect(reverse("teams:team", kwargs={"slug": course.slug}))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


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


class CourseEditView(CoursePermissionMixin, FormView):
    permission_required = perm.CHANGE
    form_class = CourseSettingsForm
    template_name = "teams/course_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.course}

    def form_valid(self, form):
        try:
            services.course_update(actor=self.request.user, course=self.course, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Course details saved.")
        return HttpResponseRedirect(self.course.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


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


class TeamActionView(TeamView):
    """Base for the team page's actions: on success the section (htmx) or a redirect; on error the form, 400."""

    section: str = ""
    success_message = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("teams:team", kwargs={"slug": self.course.slug}))

    def respond(self, status: int = 200, **forms: Any) -> HttpResponse:
        if status == 200 and not self.request.htmx:
            if self.success_message:
                messages.success(self.request, self.success_message)
            return HttpResponseRedirect(reverse("teams:team", kwargs={"slug": self.course.slug}))
        context = self.section_context(**forms)
        if self.success_message and status == 200:
            context["section_message"] = self.success_message
        template = f"teams/_{self.section}.html" if self.request.htmx else self.template_name
        return render(self.request, template, context, status=status)

    def run(self, form_name: str, form, action) -> HttpResponse:
        """Validate ``form``, call ``action(form.cleaned_data)``; service errors land on the form's fields."""
        if form is None or form.is_valid():
            try:
                action(form.cleaned_data if form is not None else None)
            except ValidationError as error:
                if form is None:
                    self.success_message = ""
                    messages.error(self.request, " ".join(error.messages))
                    return self.respond(status=400)
                add_errors_to_form(form, error)
                return self.respond(status=400, **{form_name: form})
            return self.respond()
        return self.respond(status=400, **{form_name: form})


class PartnerAddView(TeamActionView):
    section = "partners"

    def post(self, request, *args, **kwargs):
        form = PartnershipAddForm(request.POST, course=self.course)
        if form.is_valid():
            self.success_message = f"{form.cleaned_data['institution'].name} joined the course as a partner."
        return self.run(
            "partner_form",
            form,
            lambda data: services.partnership_add(actor=request.user, course=self.course, **data),
        )


class PartnerRemoveView(TeamActionView):
    section = "partners"

    def post(self, request, *args, **kwargs):
        partnership = get_object_or_404(Partnership, pk=kwargs["pk"], course=self.course)
        self.success_message = f"{partnership.institution.name} is no longer a partner of this course."
        return self.run("", None, lambda _: services.partnership_remove(actor=request.user, partnership=partnership))


class PartnerEditView(TeamActionView):
    """Edit a partnership's faculty and support confirmations inline."""

    section = "partners"

    def get(self, request, *args, **kwargs):
        partnership = get_object_or_404(
            Partnership.objects.select_related("institution"), pk=kwargs["pk"], course=self.course
        )
        form = PartnershipForm(instance=partnership)
        return render(
            request, "teams/_partnership_form.html", {"form": form, "partnership": partnership, "course": self.course}
        )

    def post(self, request, *args, **kwargs):
        partnership = get_object_or_404(
            Partnership.objects.select_related("institution"), pk=kwargs["pk"], course=self.course
        )
        form = PartnershipForm(request.POST, instance=partnership)
        if not form.is_valid():
            context = {"form": form, "partnership": partnership, "course": self.course}
            return render(request, "teams/_partnership_form.html", context, status=400)
        self.success_message = f"Support of {partnership.institution.name} saved."
        return self.run(
            "",
            None,
            lambda _: services.partnership_update(actor=request.user, partnership=partnership, **form.cleaned_data),
        )


class MemberAddView(TeamActionView):
    section = "members"

    def post(self, request, *args, **kwargs):
        form = MembershipAddForm(request.POST, course=self.course)
        if form.is_valid():
            self.success_message = f"{form.cleaned_data['email']} was added to the team."
        return self.run(
            "member_form",
            form,
            lambda data: services.membership_add(actor=request.user, course=self.course, **data),
        )


class MemberEditView(TeamActionView):
    """Change a member's role inline: GET gives the row as a form, POST saves it."""

    section = "members"

    def get_membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "course"), pk=self.kwargs["pk"], course=self.course
        )

    def get(self, request, *args, **kwargs):
        membership = self.get_membership()
        return render(
            request,
            "teams/_member_form.html",
            {"form": MembershipForm(membership=membership), "membership": membership, "course": self.course},
        )

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        form = MembershipForm(request.POST, membership=membership)
        if form.is_valid():
            try:
                services.membership_update(actor=request.user, membership=membership, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                self.success_message = f"{membership.user} is now {membership.get_role_display().lower()}."
                return self.respond()
        membership.refresh_from_db()
        context = {"form": form, "membership": membership, "course": self.course}
        return render(request, "teams/_member_form.html", context, status=400)


class MemberRemoveView(TeamActionView):
    section = "members"

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=kwargs["pk"], course=self.course)
        self.success_message = f"{membership.user} was removed from the team."
        return self.run("", None, lambda _: services.membership_remove(actor=request.user, membership=membership))


class FoundationAddView(TeamActionView):
    section = "foundation"
    success_message = "Foundation recorded."

    def post(self, request, *args, **kwargs):
        form = FoundationForm(request.POST)
        return self.run(
            "foundation_form",
            form,
            lambda data: services.foundation_add(actor=request.user, course=self.course, **data),
        )


class FoundationRemoveView(TeamActionView):
    section = "foundation"
    success_message = "Foundation entry removed."

    def post(self, request, *args, **kwargs):
        foundation = get_object_or_404(TeamFoundation, pk=kwargs["pk"], course=self.course)
        return self.run("", None, lambda _: services.foundation_remove(actor=request.user, foundation=foundation))


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
