"""Who may do what on a course: one table from team role to per-course permissions.

Guardian stores the grants in CourseUserObjectPermission (direct foreign keys), derived from every granting
record by ``teams.derivation.derive_course_permissions`` in the same transaction as the change. Views declare the permission
they need through ``CoursePermissionMixin``: another course is a 404, a refused action on a visible course
a 403 (never leak that a course exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from core.versions import USER_COURSES_KEY, course_version, versioned
from teams.models import Course, CourseUserObjectPermission, Membership

if TYPE_CHECKING:
    from accounts.models import User

Role = Membership.Role

VIEW = "view_course"
CHANGE = "change_course"
MANAGE_TEAM = "manage_team"
VIEW_HISTORY = "view_history"
PLAN_PHASES = "plan_phases"
LOG_WORK = "log_work"
VIEW_ALL_TASKS = "view_all_tasks"
VIEW_EFFORT = "view_effort"
MANAGE_SUPPORT = "manage_support"
PROPOSE_DECISION = "propose_decision"
RECORD_CONSENT = "record_consent"
SUBMIT_EVALUATION = "submit_evaluation"
REVIEW_EVALUATION = "review_evaluation"
EDIT_PROFILE = "edit_profile"
# The leader's powers over the whole course, each named, so that a one-off grant of CHANGE (the course's details
# and examination rules) gives no power over every institution's support work, the evaluation or others' decisions.
LEAD_SUPPORT = "lead_support"
KEEP_EVALUATION = "keep_evaluation"
MODERATE_DECISIONS = "moderate_decisions"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.LEADER: frozenset(
        {VIEW, CHANGE, MANAGE_TEAM, VIEW_HISTORY, PLAN_PHASES, LOG_WORK, VIEW_ALL_TASKS, VIEW_EFFORT,
         MANAGE_SUPPORT, PROPOSE_DECISION, RECORD_CONSENT, SUBMIT_EVALUATION, EDIT_PROFILE, LEAD_SUPPORT,
         KEEP_EVALUATION, MODERATE_DECISIONS}
    ),
    Role.PARTNER: frozenset(
        {VIEW, VIEW_HISTORY, LOG_WORK, VIEW_ALL_TASKS, MANAGE_SUPPORT, PROPOSE_DECISION, RECORD_CONSENT,
         SUBMIT_EVALUATION}
    ),
    Role.QA_OFFICER: frozenset({VIEW, VIEW_HISTORY, VIEW_ALL_TASKS, VIEW_EFFORT, REVIEW_EVALUATION}),
    # Learner representatives and stakeholders see the course and only the tasks they are involved in.
    Role.LEARNER: frozenset({VIEW, LOG_WORK}),
    Role.STAKEHOLDER: frozenset({VIEW, LOG_WORK}),
}  # fmt: skip
ALL_COURSE_PERMISSIONS = frozenset().union(*ROLE_PERMISSIONS.values())

# What each permission lets one do, as a refused person reads it on the 403 page or in the page's notice.
REFUSED = gettext_lazy("Your role on this course does not allow you to do this.")
PERMISSION_REFUSALS = {
    VIEW: gettext_lazy("Your role on this course does not allow you to see this course."),
    CHANGE: gettext_lazy(
        "Your role on this course does not allow you to change the course details or its examination rules."
    ),
    MANAGE_TEAM: gettext_lazy("Your role on this course does not allow you to compose the course team."),
    VIEW_HISTORY: gettext_lazy("Your role on this course does not allow you to see the course's history."),
    PLAN_PHASES: gettext_lazy("Your role on this course does not allow you to plan the phases, milestones and tasks."),
    LOG_WORK: gettext_lazy("Your role on this course does not allow you to log work."),
    VIEW_ALL_TASKS: gettext_lazy("Your role on this course does not allow you to see every task of the course."),
    VIEW_EFFORT: gettext_lazy("Your role on this course does not allow you to see the effort per institution."),
    MANAGE_SUPPORT: gettext_lazy("Your role on this course does not allow you to manage the support services."),
    PROPOSE_DECISION: gettext_lazy("Your role on this course does not allow you to propose decisions."),
    RECORD_CONSENT: gettext_lazy("Your role on this course does not allow you to record a position on decisions."),
    SUBMIT_EVALUATION: gettext_lazy("Your role on this course does not allow you to submit evaluation data."),
    LEAD_SUPPORT: gettext_lazy(
        "Your role on this course does not allow you to engage every institution's support services."
    ),
    KEEP_EVALUATION: gettext_lazy(
        "Your role on this course does not allow you to keep the evaluation procedure and the editions."
    ),
    MODERATE_DECISIONS: gettext_lazy(
        "Your role on this course does not allow you to change or withdraw others' decisions."
    ),
    REVIEW_EVALUATION: gettext_lazy("Your role on this course does not allow you to review evaluation data."),
    EDIT_PROFILE: gettext_lazy("Your role on this course does not allow you to edit the micro-credential profile."),
}


def _permission_ids(codenames: frozenset[str]) -> dict[str, int]:
    return dict(
        Permission.objects.filter(content_type__app_label="teams", codename__in=codenames).values_list("codename", "id")
    )


def sync_role_permissions(*, user: User, course: Course, old_role: str | None, new_role: str | None) -> None:
    """Bring ``user``'s permission rows on ``course`` in line with every record that grants them.

    Kept for callers of the earlier role-to-role sync; the roles are no longer needed, because the rows are
    derived from the records (teams.derivation), not patched by the difference between two roles.
    """
    from teams.derivation import derive_course_permissions

    derive_course_permissions(course_id=course.pk, user_ids=[user.pk])


def course_permissions(user: User, course: Course) -> frozenset[str]:
    """The codenames ``user`` holds on ``course``, in one query (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return ALL_COURSE_PERMISSIONS
    return frozenset(
        CourseUserObjectPermission.objects.filter(user=user, content_object=course).values_list(
            "permission__codename", flat=True
        )
    )


def visible_courses(user: User) -> QuerySet[Course]:
    """Courses the user may see: members (and one-off grantees) through guardian's table; admins all."""
    if not user.is_authenticated:
        return Course.objects.none()
    if user.is_superuser:
        return Course.objects.all()
    return Course.objects.filter(
        courseuserobjectpermission__user=user, courseuserobjectpermission__permission__codename=VIEW
    )


T = TypeVar("T")


def kept_while_courses_unchanged(user: User, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for ``user``, cached for ``ACCESS_CACHE_SECONDS`` under the version of their permission rows,
    which every grant or revocation replaces (``core.versions.bump_user_courses``): for what depends only on
    which courses they are in and what they may do there."""
    return versioned(
        f"user-courses:{user.pk}:{name}", USER_COURSES_KEY.format(user.pk), compute, settings.ACCESS_CACHE_SECONDS
    )


def course_ids_for_user(user: User, codenames: Iterable[str] = (VIEW,)) -> list[int]:
    """The ids of the courses where ``user`` holds any of ``codenames`` (every course, for an admin).

    Cached until the user's permission rows change (``kept_while_courses_unchanged``).
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(Course.objects.order_by("pk").values_list("pk", flat=True))
    return kept_while_courses_unchanged(
        user,
        "ids:" + ",".join(sorted(codenames)),
        lambda: list(
            CourseUserObjectPermission.objects.filter(user=user, permission__codename__in=codenames)
            .order_by("content_object_id")
            .values_list("content_object_id", flat=True)
            .distinct()
        ),
    )


def course_for_user(
    user: User, slug: str, permission: str = VIEW, *, cached: bool = False, writing: bool = False
) -> tuple[Course, frozenset[str]]:
    """Load a course by slug for ``user``: 404 if they may not see it, 403 if they may not ``permission``.

    One query for a member: the course comes joined to their permission rows. No rows means no access, and
    an unknown slug and a course of others both answer 404. ``cached``: reads (never writes) may take the
    answer from the cache while the course's version is unchanged (see ``member_access``).

    ``writing``: the request changes something, which an archived course refuses (403 with the reason,
    ``teams.archive``); an archived course's permissions come back without those that only change things.
    """
    if not user.is_active:
        raise Http404("No course found.")
    if user.is_superuser:
        course = get_object_or_404(Course.objects.select_related("lead_institution"), slug=slug)
        perms = ALL_COURSE_PERMISSIONS
    else:
        found, perms = member_access(user.pk, slug, cached=cached)
        if found is None:
            raise Http404("No course found.")
        course = found
    if VIEW not in perms:
        raise Http404("No course found.")
    if permission not in perms:
        raise PermissionDenied(PERMISSION_REFUSALS.get(permission, REFUSED))
    if course.archived_at is not None:
        from teams.archive import read_only, require_open

        if writing:
            require_open(course)
        perms = read_only(perms)
    return course, perms


ACCESS_KEY = "course-access:{}:{}"


def member_access(user_id: int, slug: str, *, cached: bool = False) -> tuple[Course | None, frozenset[str]]:
    """The course ``slug`` and the codenames ``user_id`` holds on it (``None`` and nothing if they hold none).

    With ``cached``, the answer is kept for ``ACCESS_CACHE_SECONDS`` together with the course's version
    (``core.versions``), which every change to the course or to anyone's permission rows on it replaces; it is
    used only while that version is current. The version is read before the query that fills the entry, so a
    change committed meanwhile leaves the entry outdated, never wrong. On a first visit the course's id is not
    known before the query, so only a hint is kept, and the next visit reads the database again.
    """
    timeout = settings.ACCESS_CACHE_SECONDS if cached else 0
    key = ACCESS_KEY.format(user_id, slug)
    entry = cache.get(key) if timeout else None
    version = None
    if entry is not None:
        version = course_version(entry["course_id"])
        if entry["version"] == version:
            return entry["course"], entry["perms"]
    rows = list(
        CourseUserObjectPermission.objects.filter(user_id=user_id, content_object__slug=slug)
        .select_related("content_object__lead_institution", "permission")
        .only("content_object", "permission__codename")
    )
    if not rows:
        return None, frozenset()
    course = rows[0].content_object
    perms = frozenset(r.permission.codename for r in rows)
    if timeout:
        vouched = version if entry is not None and entry["course_id"] == course.pk else None
        cache.set(key, {"course_id": course.pk, "version": vouched, "course": course, "perms": perms}, timeout)
    return course, perms


class CoursePermissionMixin(AccessMixin):
    """Views under /courses/<slug>/ declare ``permission_required``; the mixin loads the course and checks it.

    Anonymous users are sent to the login page. Sets ``self.course`` and ``self.course_perms`` and puts both
    in the template context.
    """

    permission_required: str = VIEW
    course_slug_kwarg = "slug"
    # Only the views that archive and restore a course may change an archived one (teams.archive).
    open_when_archived = False
    # Whether a GET shows a form that changes the course, which an archived course does not open (403 with the
    # reason, teams.archive). ``None``: it does when ``permission_required`` only changes things (edit_profile,
    # plan_phases, …); views that edit under a permission also used for reading (manage_support, submitting an
    # evaluation report) say ``True``.
    edits_course: bool | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        reading = request.method in ("GET", "HEAD", "OPTIONS")
        self.course, self.course_perms = course_for_user(
            request.user,
            kwargs[self.course_slug_kwarg],
            self.permission_required,
            cached=request.method in ("GET", "HEAD"),
            writing=not reading and not self.open_when_archived,
        )
        if reading and self.course.archived_at is not None and not self.open_when_archived and self.opens_form():
            from teams.archive import require_open

            require_open(self.course)
        # A mixin: the view's own dispatch and get_context_data follow it in the MRO.
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response

    def opens_form(self) -> bool:
        """True if a GET of this view opens a form that changes the course (``edits_course``)."""
        if self.edits_course is not None:
            return self.edits_course
        from teams.archive import WRITE_ONLY_PERMISSIONS

        return self.permission_required in WRITE_ONLY_PERMISSIONS

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["course"] = self.course
        context["course_perms"] = self.course_perms
        return context
