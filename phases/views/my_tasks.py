"""My tasks: the tasks of all the user's courses, filtered and sorted; htmx swaps just the results."""

from __future__ import annotations

import functools
import hashlib

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from phases import conf, selectors
from phases.filters import MyTaskFilter
from phases.models import Task
from phases.views.task_row import set_actions
from teams import permissions as perm
from teams.archive import read_only
from teams.models import CourseUserObjectPermission
from teams.permissions import ALL_COURSE_PERMISSIONS


class MyTasksView(LoginRequiredMixin, TemplateView):
    """Tasks across all the user's courses, filtered and sorted; htmx swaps just the results."""

    template_name = "phases/my_tasks.html"

    def get(self, request, *args, **kwargs):
        # The form and its validity need no tasks; the tasks' queryset (costly to build) waits for results(), and
        # the form itself for a page rendered afresh.
        filterset = SimpleLazyObject(
            lambda: MyTaskFilter(request.GET or None, queryset=Task.objects.none(), user=request.user)
        )
        valid = _filters_valid(filterset, request)

        @functools.cache
        def results() -> tuple[Page, list[Task]]:
            """The page of tasks: read only when the cached list ({% cachedfragment %}) has to be rendered."""
            filterset.queryset = selectors.task_list_for_user(user=request.user)
            page = Paginator(filterset.qs if valid else filterset.queryset.none(), conf.tasks_per_page()).get_page(
                request.GET.get("page")
            )
            tasks = list(page.object_list)
            perms_by_course = _perms_by_course(request.user, {t.phase.course_id for t in tasks})
            for task in tasks:
                perms = perms_by_course.get(task.phase.course_id, frozenset())
                if task.phase.course.archived_at is not None:  # readable, not changeable (teams.archive)
                    perms = read_only(perms)
                set_actions(task, request.user, perms)
            return page, tasks

        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context_data(
            filter=filterset,
            page=SimpleLazyObject(lambda: results()[0]),
            tasks=SimpleLazyObject(lambda: results()[1]),
            fragment_course_ids=SimpleLazyObject(lambda: perm.course_ids_for_user(request.user)),
            layout="mine",
            query=query.urlencode(),
            today=timezone.localdate(),
        )
        template = (
            "phases/_my_task_results.html"
            if request.htmx and request.htmx.target == "task-results"
            else self.template_name
        )
        return render(request, template, context, status=200 if valid else 400)


def _filters_valid(filterset: MyTaskFilter, request) -> bool:
    """Whether My tasks' filters are valid (200) or not (400), kept while the user's courses, the only choices
    that vary, are unchanged: a page served from the cache then never builds the form."""
    user = request.user
    if user.is_superuser:  # their choices are every course, which no user's version follows
        return filterset.is_valid()
    digest = hashlib.sha1(request.GET.urlencode().encode()).hexdigest()
    # A lambda, not filterset.is_valid: taking the method would build the lazy filterset at once.
    return perm.kept_while_courses_unchanged(user, f"my-tasks-valid:{digest}", lambda: filterset.is_valid())


def _perms_by_course(user, course_ids: set[int]) -> dict[int, frozenset[str]]:
    """The user's codenames on each of ``course_ids``, in one query."""
    if user.is_superuser:
        return {c: ALL_COURSE_PERMISSIONS for c in course_ids}
    pairs = CourseUserObjectPermission.objects.filter(user=user, content_object_id__in=course_ids).values_list(
        "content_object_id", "permission__codename"
    )
    result: dict[int, set[str]] = {}
    for course_id, codename in pairs:
        result.setdefault(course_id, set()).add(codename)
    return {c: frozenset(p) for c, p in result.items()}
