"""The calendar page (one's secret addresses) and the feeds themselves."""

from __future__ import annotations

import re
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from calendars import ical, services
from calendars.models import CalendarFeed
from calendars.selectors import course_events, personal_events
from core.i18n import in_language_of
from teams import permissions as perm
from teams.models import Course

TOKEN_MAX = 64


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def person_time_zone(user) -> str:
    from digests.selectors import time_zone_of

    return time_zone_of(user)


class CalendarPageView(LoginRequiredMixin, TemplateView):
    """Where a person finds (and regenerates) the secret addresses of their feeds."""

    request: AuthenticatedHttpRequest
    template_name = "calendars/page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        feeds = {f.course_id: f for f in CalendarFeed.objects.filter(user=user)}
        courses = Course.objects.filter(pk__in=perm.course_ids_for_user(user)).only("pk", "slug", "title")
        context["personal"] = feeds.get(None)
        context["courses"] = [(c, feeds.get(c.pk)) for c in courses.order_by("title")]
        context["absolute"] = {f.pk: _absolute(f.get_absolute_url()) for f in feeds.values()}
        return context


class FeedAddressView(LoginRequiredMixin, View):
    """POST: create the address (first time) or replace it with a new one (``?regenerate=1``)."""

    def post(self, request, slug: str | None = None):
        course = None
        if slug is not None:
            course, _perms = perm.course_for_user(request.user, slug)
        if request.POST.get("regenerate") == "1":
            services.calendar_feed_regenerate(user=request.user, course=course)
            messages.success(request, _("A new address was made. The old one no longer works."))
        else:
            services.calendar_feed_get_or_create(user=request.user, course=course)
        return HttpResponseRedirect(reverse("calendars:page"))


# What calendars.models.new_token makes (secrets.token_urlsafe): anything else is no token of ours.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]+")


class FeedView(View):
    """The feed, fetched by calendar applications without signing in: the token is the credential.

    An unknown token, a deactivated person, or a course they no longer may see all answer 404, alike.
    """

    def get(self, request, token: str):
        if len(token) > TOKEN_MAX or not TOKEN_SHAPE.fullmatch(token):  # e.g. a NUL byte PostgreSQL refuses
            raise Http404
        feed = CalendarFeed.objects.select_related("user", "course").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        user = feed.user
        if feed.course_id is not None and feed.course_id not in perm.course_ids_for_user(user):
            raise Http404
        # A calendar application fetches without a session or a useful Accept-Language: write in the owner's language.
        with in_language_of(user):
            if feed.course_id is not None:
                course = cast(Course, feed.course)  # course_id is set
                events = course_events(course=course)
                name = course.title
            else:
                events = personal_events(user=user)
                name = _("microcred: %(name)s") % {"name": user.display_name}
            body = ical.render(events, name=name, time_zone=person_time_zone(user))
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="microcred.ics"'
        response["Cache-Control"] = "private, max-age=900"
        return response
