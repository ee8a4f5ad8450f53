"""A person's permission set on a course, derived from every record that grants it, written as a difference.

The rows guardian reads (``CourseUserObjectPermission``) are never edited by hand: ``derive_course_permissions``
computes what each person should hold on a course from the *sources* (their membership's role through
``teams.permissions.ROLE_PERMISSIONS``, one-off grants an admin made (``CourseGrant``), and what other apps
register, such as a support task-force seat), then deletes the rows nobody grants and adds the missing ones.

Every path ends here: the services after each write; a delete of a granting record from anywhere (Django admin,
a queryset, a cascade) through ``post_delete`` (``connect_deletes``); data migrations and bulk loads call it
for whole courses. A person removed from the team but still on the task force keeps what the seat gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import Permission
from django.db.models.signals import post_delete

from core.versions import bump_courses, bump_user_courses

# A source answers, for one course (and optionally some of its people), {user_id: codenames it grants}.
Source = Callable[[int, set[int] | None], dict[int, set[str]]]
SOURCES: list[Source] = []


def permission_source(source: Source) -> Source:
    """Register a kind of record that grants permissions on a course (an app's ``ready``)."""
    if source not in SOURCES:
        SOURCES.append(source)
    return source


def wanted_permissions(course_id: int, user_ids: set[int] | None = None) -> dict[int, set[str]]:
    """What every source grants on ``course_id`` (to ``user_ids`` only, when given)."""
    wanted: dict[int, set[str]] = {}
    for source in SOURCES:
        for user_id, codenames in source(course_id, user_ids).items():
            wanted.setdefault(user_id, set()).update(codenames)
    return wanted


def _permission_ids(codenames: set[str]) -> dict[str, int]:
    return dict(
        Permission.objects.filter(content_type__app_label="teams", codename__in=codenames).values_list("codename", "id")
    )


def derive_course_permissions(*, course_id: int, user_ids: Iterable[int] | None = None) -> bool:
    """Make the permission rows of ``course_id`` (for ``user_ids``, or everyone) what the sources grant.

    Writes only the difference; True if anything changed. Call inside the transaction of the write it follows.
    """
    from teams.models import CourseUserObjectPermission

    users = None if user_ids is None else set(user_ids)
    if users is not None and not users:
        return False
    wanted = wanted_permissions(course_id, users)
    rows = CourseUserObjectPermission.objects.filter(content_object_id=course_id)
    if users is not None:
        rows = rows.filter(user_id__in=users)
    held = {(user_id, perm_id): pk for pk, user_id, perm_id in rows.values_list("pk", "user_id", "permission_id")}
    ids = _permission_ids(set().union(*wanted.values()) if wanted else set())
    want = {(user_id, ids[c]) for user_id, codenames in wanted.items() for c in codenames if c in ids}
    stale = [pk for pair, pk in held.items() if pair not in want]
    missing = want - held.keys()
    if stale:
        CourseUserObjectPermission.objects.filter(pk__in=stale).delete()
    if missing:
        CourseUserObjectPermission.objects.bulk_create(
            CourseUserObjectPermission(user_id=user_id, content_object_id=course_id, permission_id=perm_id)
            for user_id, perm_id in missing
        )
    if not stale and not missing:
        return False
    # bulk_create sends no signals: what the people may do shows on the pages and in their lists of courses.
    bump_courses([course_id])
    bump_user_courses({user_id for user_id, _ in missing} | {u for (u, _), pk in held.items() if pk in stale})
    return True


def derive_all(course_ids: Iterable[int] | None = None) -> int:
    """Derive every person's permissions on ``course_ids`` (every course): for data migrations and bulk loads."""
    from teams.models import Course

    ids = Course.objects.values_list("pk", flat=True) if course_ids is None else course_ids
    return sum(derive_course_permissions(course_id=course_id) for course_id in ids)


def _cascade_of_course_or_user(origin) -> bool:
    """A delete that starts at the course or the person takes their permission rows with it: nothing to derive."""
    from django.contrib.auth import get_user_model
    from django.db.models import Model, QuerySet

    from teams.models import Course

    model = origin.model if isinstance(origin, QuerySet) else type(origin) if isinstance(origin, Model) else None
    return model is not None and issubclass(model, Course | get_user_model())


def connect_deletes(model, *, course_id: str = "course_id", user_id: str = "user_id") -> None:
    """Re-derive after any delete of a ``model`` row (admin, queryset, cascade from a membership's institution …)."""

    def deleted(sender, instance, origin=None, **kwargs) -> None:
        if _cascade_of_course_or_user(origin):
            return
        derive_course_permissions(course_id=getattr(instance, course_id), user_ids=[getattr(instance, user_id)])

    post_delete.connect(deleted, sender=model, dispatch_uid=f"derive-permissions:{model._meta.label}", weak=False)


def memberships_source(course_id: int, user_ids: set[int] | None) -> dict[int, set[str]]:
    from teams.models import Membership
    from teams.permissions import ROLE_PERMISSIONS

    rows = Membership.objects.filter(course_id=course_id)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return {user_id: set(ROLE_PERMISSIONS.get(role, ())) for user_id, role in rows.values_list("user_id", "role")}


def grants_source(course_id: int, user_ids: set[int] | None) -> dict[int, set[str]]:
    from teams.models import CourseGrant

    rows = CourseGrant.objects.filter(course_id=course_id)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    granted: dict[int, set[str]] = {}
    for user_id, codename in rows.values_list("user_id", "permission"):
        granted.setdefault(user_id, set()).add(codename)
    return granted
