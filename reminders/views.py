"""The person's reminders: the list behind the bell, marking read (htmx), opening the item."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from reminders import conf, selectors, services


def _list_page(request) -> HttpResponse:
    """The person's reminders, newest first; ``?unread=1`` for the unread ones only."""
    unread_only = request.GET.get("unread") == "1"
    reminders = selectors.reminder_list_for_user(user=request.user, unread_only=unread_only)
    page = Paginator(reminders, conf.per_page()).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only}
    return render(request, "reminders/list.html", context)


class ReminderListView(LoginRequiredMixin, View):
    def get(self, request):
        return _list_page(request)


class ReminderReadView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        reminder = services.reminder_mark_read(
            user=request.user, reminder=selectors.reminder_for_user(user=request.user, pk=pk)
        )
        if request.htmx:
            # The list's "Mark all as read" keeps the filter of the page the reminder was read on.
            shown = urlsplit(request.htmx.current_url or "").query
            context = {"r": reminder, "oob_bell": True, "unread_only": parse_qs(shown).get("unread") == ["1"]}
            return render(request, "reminders/_reminder.html", context)
        return HttpResponseRedirect(reverse("reminders:list"))


class ReminderReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        count = services.reminder_mark_all_read(user=request.user)
        if request.htmx:
            # The list page again, as it was shown (?unread=1 comes along); htmx picks the main area and the
            # bell out of it (hx-select, hx-select-oob).
            response = _list_page(request)
            response.headers["HX-Push-Url"] = "false"
            return response
        messages.success(request, f"{count} reminder(s) marked as read.")
        unread_only = "?unread=1" if request.GET.get("unread") == "1" else ""
        return HttpResponseRedirect(reverse("reminders:list") + unread_only)


class ReminderOpenView(LoginRequiredMixin, View):
    """Follow a reminder to its item, marking it read on the way."""

    def get(self, request, pk: int):
        reminder = services.reminder_mark_read(
            user=request.user, reminder=selectors.reminder_for_user(user=request.user, pk=pk)
        )
        safe = reminder.url and url_has_allowed_host_and_scheme(reminder.url, allowed_hosts=None)
        return HttpResponseRedirect(reminder.url if safe else reverse("reminders:list"))
