"""Every write to webhooks: subscribe, change, unsubscribe; record an event with one delivery per subscriber."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from teams.models import Course, Institution, Partnership
from webhooks import signing
from webhooks.addresses import check_url
from webhooks.models import URL_MAX, Delivery, Event, EventType, Subscription

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EVENTS_REQUIRED = _("Choose at least one event.")
UNKNOWN_EVENT = _("“%(event)s” is not an event; choose among: %(choices)s.")
ONLY_ADMIN_PRIVATE = _("Only an administrator can allow private addresses.")
URL_TOO_LONG = _("Use an address of at most %(max)s characters.")


def _clean(*, may_allow_private: bool, url: str, events: Iterable[str], allow_private_network: bool) -> list[str]:
    errors: dict[str, StrOrPromise] = {}
    events = list(dict.fromkeys(events))
    if not events:
        errors["events"] = EVENTS_REQUIRED
    unknown = [e for e in events if e not in EventType.values]
    if unknown:
        errors["events"] = UNKNOWN_EVENT % {"event": unknown[0], "choices": ", ".join(EventType.values)}
    if allow_private_network and not may_allow_private:
        errors["allow_private_network"] = ONLY_ADMIN_PRIVATE
    if len(url) > URL_MAX:
        errors["url"] = URL_TOO_LONG % {"max": URL_MAX}
    if "url" not in errors:
        try:
            check_url(url, allow_private=allow_private_network)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return events


@transaction.atomic
def subscription_create(
    *,
    actor: User,
    url: str,
    events: Iterable[str],
    course: Course | None = None,
    institution: Institution | None = None,
    description: str = "",
    allow_private_network: bool = False,
) -> Subscription:
    """Subscribe ``url`` to ``events`` of one course (its leader) or of an institution's courses (an admin).

    The caller has checked the actor's right on the course; the URL is checked here (webhooks.addresses).
    """
    events = _clean(
        may_allow_private=actor.is_superuser, url=url, events=events, allow_private_network=allow_private_network
    )
    subscription = Subscription(
        course=course,
        institution=institution,
        url=url,
        events=events,
        description=description.strip(),
        secret=signing.new_secret(),
        allow_private_network=allow_private_network,
        created_by=actor,
    )
    subscription.full_clean()
    attribute(subscription, actor)
    subscription.save()
    return subscription


@transaction.atomic
def subscription_update(
    *,
    actor: User,
    subscription: Subscription,
    url: str,
    events: Iterable[str],
    description: str,
    active: bool,
    allow_private_network: bool,
) -> Subscription:
    """Change a subscription; keeping an allowance an admin gave is not giving it, so its leader may edit it."""
    subscription.events = _clean(
        may_allow_private=actor.is_superuser or subscription.allow_private_network,
        url=url,
        events=events,
        allow_private_network=allow_private_network,
    )
    subscription.url, subscription.description, subscription.active = url, description.strip(), active
    subscription.allow_private_network = allow_private_network
    subscription.full_clean()
    attribute(subscription, actor)
    subscription.save()
    return subscription


@transaction.atomic
def subscription_delete(*, actor: User, subscription: Subscription) -> None:
    attribute(subscription, actor)
    subscription.delete()


def subscribers(*, course: Course, type: str) -> list[Subscription]:
    """Active subscriptions to ``type`` for ``course``: its own, and those of its institutions (one query)."""
    institution_ids = Partnership.objects.filter(course=course).values("institution_id")
    candidates = Subscription.objects.filter(active=True).filter(
        Q(course_id=course.pk) | Q(institution_id__in=institution_ids)
    )
    return [s for s in candidates if type in s.events]  # JSON containment is not portable to SQLite


def event_emit(*, type: str, course: Course, data: dict[str, Any]) -> Event | None:
    """Record an event and a delivery for each subscriber, in the caller's transaction; the deliveries are
    enqueued once it commits (so a rolled-back change sends nothing). Nothing is stored without subscribers, and
    nothing is announced about an archived course (teams.archive)."""
    if course.archived_at is not None:
        return None
    subscriptions = subscribers(course=course, type=type)
    if not subscriptions:
        return None
    now = timezone.now()
    payload = {
        "type": type,
        "timestamp": now.isoformat(),
        "data": {"course": {"slug": course.slug, "title": course.title}, **data},
    }
    event = Event.objects.create(
        message_id=f"msg_{uuid.uuid4().hex}", type=type, course=course, payload=payload, occurred_at=now
    )
    deliveries = Delivery.objects.bulk_create(Delivery(event=event, subscription=s) for s in subscriptions)
    ids = [d.pk for d in deliveries] or list(Delivery.objects.filter(event=event).values_list("pk", flat=True))

    def enqueue() -> None:
        from core.outbox import send_or_wait
        from webhooks.tasks import deliver

        for pk in ids:
            send_or_wait(deliver, pk)  # with the broker away, the webhooks sweep delivers it

    transaction.on_commit(enqueue)
    return event
