"""Course versions: a token per course that changes whenever anything its pages show changes.

Cached page fragments (``core.templatetags.fragments``) store the versions they were rendered at and are used only
while those are still current, so no page ever shows data older than the last committed change.

Every model whose rows appear on a course's pages registers here (in its AppConfig.ready) with a function that
names the courses a row belongs to. Saving or deleting such a row, or changing one of its many-to-many relations,
gives those courses a new version: once at once (so a change and the page read after it in the same transaction
agree) and again after commit (so a page rendered by another request between the change and its commit cannot
be kept under the new version). ``tests/teams/test_fragments.py`` fails if a model is left out.

Writes that bypass model signals (``QuerySet.update``, ``bulk_create``) call ``bump_courses`` themselves.

Two more kinds of version follow a user rather than a course, for what is read on every request: their permission
rows (``bump_user_courses``: which courses they are in, ``teams.permissions.course_ids_for_user``) and their own row
(``bump_accounts``: ``accounts.backends.CachedModelBackend``). ``versioned`` keeps a value under such a version.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

# A function of one row: the ids of the courses it belongs to, or a filter on Course that finds them.
Resolver = Callable[[models.Model], "Iterable[int] | Q"]
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)

# The model whose rows carry a version; ``Q`` resolvers filter it.
COURSE_MODEL = "teams.Course"
KEY = "course-version:{}"
# A token per user that changes whenever their permission rows change (teams.permissions.kept_while_courses_unchanged).
USER_COURSES_KEY = "user-courses-version:{}"
# A token per user that changes whenever their own row changes (accounts.backends.CachedModelBackend).
ACCOUNT_KEY = "account-version:{}"
VERSION_TIMEOUT = None  # versions never expire; a version lost to eviction only starts a new one


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    courses: Resolver
    ignore_update_fields: frozenset[str] = frozenset()


REGISTRY: dict[type[models.Model], Registration] = {}
# Models deliberately not registered: nothing on a cached course page shows them.
NOT_SHOWN: set[str] = set()


def new_version() -> str:
    return uuid.uuid4().hex[:16]


def _store_new_versions(keys: frozenset[str]) -> None:
    cache.set_many({key: new_version() for key in keys}, timeout=VERSION_TIMEOUT)


def _bump(keys: frozenset[str]) -> None:
    """New versions for ``keys`` now and again when the current transaction commits."""
    if not keys:
        return
    _store_new_versions(keys)
    transaction.on_commit(lambda: _store_new_versions(keys))


def bump_courses(course_ids: Iterable[int]) -> None:
    """Give ``course_ids`` new versions now and again when the current transaction commits."""
    _bump(frozenset(KEY.format(pk) for pk in course_ids if pk is not None))


def bump_user_courses(user_ids: Iterable[int]) -> None:
    """The users' sets of courses (or what they may do on them) changed: cached lists of them are outdated."""
    _bump(frozenset(USER_COURSES_KEY.format(pk) for pk in user_ids if pk is not None))


def bump_accounts(user_ids: Iterable[int]) -> None:
    """The users' own rows changed (name, password, active, admin): cached copies of them are outdated."""
    _bump(frozenset(ACCOUNT_KEY.format(pk) for pk in user_ids if pk is not None))


def course_ids_of(resolved: Iterable[int] | Q) -> list[int]:
    if isinstance(resolved, Q):
        # Looked up by label so that core imports no domain app.
        Course = apps.get_model(COURSE_MODEL)
        return list(Course.objects.filter(resolved).values_list("pk", flat=True).distinct())
    return list(resolved)


def course_versions(course_ids: Iterable[int], *, also: Iterable[str] = ()) -> tuple[dict[int, str], dict]:
    """The current version of each course (one cache round trip), plus the values of the ``also`` cache keys."""
    keys = {pk: KEY.format(pk) for pk in course_ids}
    found = _current(keys.values(), also)
    return {pk: found[key] for pk, key in keys.items()}, {key: found[key] for key in also if key in found}


def versioned(key: str, version_key: str, compute: Callable[[], T], timeout: int) -> T:
    """``compute()``, kept under ``key`` for ``timeout`` seconds while ``version_key`` keeps its value (0: not kept).

    The version is read before ``compute`` runs, so a change committed meanwhile (which bumps the version) leaves
    the entry outdated, never wrong.
    """
    if not timeout:
        return compute()
    found = _current([version_key], [key])
    version, entry = found[version_key], found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(key, (version, value), timeout)
    return value


def _current(version_keys: Iterable[str], also: Iterable[str]) -> dict:
    """The values of ``version_keys`` and ``also`` in one round trip; a version key without a value (new, or
    evicted) gets one, and ``cache.add`` lets the first of two racing requests win, both then using that one."""
    version_keys = list(version_keys)
    found = cache.get_many([*version_keys, *also])
    missing = [key for key in version_keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, new_version(), timeout=VERSION_TIMEOUT)
        found.update(cache.get_many(missing))
    for key in missing:
        found.setdefault(key, "")
    return found


def course_version(course_id: int) -> str:
    """The current version of one course (one cache round trip)."""
    return course_versions([course_id])[0][course_id]


def registers_course_content(
    model: type[M], courses: Callable[[M], Iterable[int] | Q], *, ignore_update_fields: Iterable[str] = ()
) -> None:
    """Bump the versions of ``courses(row)`` whenever a row of ``model`` is saved or deleted.

    ``ignore_update_fields``: saves that touch only these fields change nothing a page shows (a login's
    ``last_login``).
    """
    # Called only with rows of ``model`` (the signals are connected for that sender).
    registration = Registration(model, cast(Resolver, courses), frozenset(ignore_update_fields))
    REGISTRY[model] = registration
    uid = f"course-version:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}")


def not_shown_on_course_pages(*labels: str) -> None:
    """Declare models that no cached course page shows (checked by the registry's test)."""
    NOT_SHOWN.update(labels)


def _bump_for(instance: models.Model) -> None:
    registration = REGISTRY.get(type(instance))
    if registration is not None:
        bump_courses(course_ids_of(registration.courses(instance)))


def _saved(sender, instance, update_fields=None, **kwargs) -> None:
    registration = REGISTRY[sender]
    if update_fields and registration.ignore_update_fields.issuperset(update_fields):
        return
    _bump_for(instance)


def _deleted(sender, instance, **kwargs) -> None:
    _bump_for(instance)


def _m2m_changed(sender, instance, action: str, model=None, pk_set=None, **kwargs) -> None:
    """Both sides of the link: the object the change was made from and the objects added or removed.

    Changed from the other side (``network.institutions.remove(institution)``), the courses of the removed
    institution are found only while the link still exists: so the versions are bumped before the removal too.
    """
    if action not in ("pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"):
        return
    if action == "pre_clear":
        pk_set = _linked_ids(sender, instance, model)
    _bump_for(instance)
    registration = REGISTRY.get(model) if model is not None else None
    if registration is not None and pk_set:
        for other in model._default_manager.filter(pk__in=pk_set):
            bump_courses(course_ids_of(registration.courses(other)))


def _linked_ids(through, instance: models.Model, model) -> set:
    """The ids of ``model`` rows linked to ``instance`` through ``through`` (before a clear removes them)."""
    if model is None:
        return set()
    mine = next((f for f in through._meta.fields if f.related_model is type(instance)), None)
    theirs = next((f for f in through._meta.fields if f.related_model is model and f is not mine), None)
    if mine is None or theirs is None:
        return set()
    return set(through.objects.filter(**{mine.attname: instance.pk}).values_list(theirs.attname, flat=True))
