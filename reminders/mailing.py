"""What reminders ask of the app that keeps people's e-mail choices (digests), which registers it when ready.

Reminders come first and digests build on them, so the call goes through this small registry instead of an
import of digests: the apps do not import each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

# deliveries_for(user_ids) -> (user id, kind) -> how a new reminder reaches that person;
# list_headers(user_id=, kind=) -> the e-mail's List-Unsubscribe headers; message_id(kind, pk) -> its Message-ID.
_HOOKS: dict[str, Callable] = {}


def register(
    *,
    deliveries_for: Callable[[Iterable[int]], Callable[[int, str], str]],
    list_headers: Callable[..., dict[str, str]],
    message_id: Callable[[str, int], str],
) -> None:
    _HOOKS.update(deliveries_for=deliveries_for, list_headers=list_headers, message_id=message_id)


def _hook(name: str) -> Callable:
    try:
        return _HOOKS[name]
    except KeyError:
        raise ImproperlyConfigured("The digests app registers reminders' mailing hooks; is it installed?") from None


def deliveries_for(user_ids: Iterable[int]) -> Callable[[int, str], str]:
    return _hook("deliveries_for")(user_ids)


def list_headers(*, user_id: int, kind: str) -> dict[str, str]:
    return _hook("list_headers")(user_id=user_id, kind=kind)


def message_id(kind: str, pk: int) -> str:
    return _hook("message_id")(kind, pk)
