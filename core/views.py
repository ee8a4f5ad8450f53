"""Error pages rendered with the site's layout; to an htmx request, a short notice the page shows instead.

An htmx request that fails would otherwise change nothing on screen: the notice comes with headers that send
it to the page's notice area (``#mc-notices`` in base.html), whatever the element that asked for it targets.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

NOTICE_AREA = "#mc-notices"
BAD_REQUEST = _("The request could not be understood.")
NOT_ALLOWED = _("Your role on this course does not allow this action.")
NOT_FOUND = _("That item no longer exists, or is not part of a course of yours.")
PAGE_EXPIRED = _("This page has expired, or you logged in elsewhere meanwhile. Reload it and try again.")
SERVER_ERROR = _("Something went wrong; the error has been logged. Please try again in a moment.")


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def error_notice(request: HttpRequest, text: "StrOrPromise", status: int) -> HttpResponse:
    """A notice for the page's notice area, with the headers that retarget htmx's swap to it."""
    response = render(request, "errors/_notice.html", {"text": text, "status": status}, status=status)
    response["HX-Retarget"] = NOTICE_AREA
    response["HX-Reswap"] = "innerHTML"
    response["HX-Reselect"] = "unset"  # the element's own hx-select would find nothing in the notice
    return response


def bad_request(request, exception=None):
    if _is_htmx(request):
        return error_notice(request, BAD_REQUEST, 400)
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    """The reason the service or view gave (e.g. "Only the task's assignees … change its status."), if any."""
    reason = str(exception or "")
    if _is_htmx(request):
        return error_notice(request, reason or NOT_ALLOWED, 403)
    return render(request, "errors/403.html", {"reason": reason or NOT_ALLOWED}, status=403)


def page_not_found(request, exception=None):
    if _is_htmx(request):
        return error_notice(request, NOT_FOUND, 404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if _is_htmx(request):
        return error_notice(request, SERVER_ERROR, 500)
    return render(request, "errors/500.html", status=500)


def csrf_failure(request, reason: str = ""):
    """A form sent with a stale or missing CSRF token: the usual cause is an old tab or a new login."""
    if _is_htmx(request):
        return error_notice(request, PAGE_EXPIRED, 403)
    return render(request, "errors/403.html", {"reason": PAGE_EXPIRED}, status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon (no 404 in the log)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
