"""A signed-in person's preferred language wins over the language cookie and the browser's Accept-Language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class PreferredLanguageMiddleware:
    """Activate ``user.preferred_language`` after ``LocaleMiddleware`` chose from the cookie or the browser.

    Placed after ``AuthenticationMiddleware``. The user comes from the cache (accounts.backends), so this adds no
    query; a person with no preference keeps what ``LocaleMiddleware`` chose.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
