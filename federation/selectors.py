"""Reads for the login page: the institutions one can sign in with, and the one chosen last time."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django_countries import countries

from federation.models import IdentityProvider

LAST_CHOICE_COOKIE = "mc_signin_choice"
LAST_CHOICE_MAX_AGE = 60 * 60 * 24 * 365


@dataclass(frozen=True)
class SignInChoice:
    key: str  # "saml:<entity id>" or "oidc:<provider key>", as remembered in the cookie
    name: str
    country: str
    url: str

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""


def sign_in_choices(*, next_url: str = "") -> list[SignInChoice]:
    """Every configured identity provider, SAML and OIDC, by name. One query (none while SAML is off)."""
    query = {"next": next_url} if next_url else {}
    choices = []
    if settings.SAML_ENABLED:
        login = reverse("saml2_login")
        for entity_id, name, country in IdentityProvider.objects.values_list("entity_id", "name", "country"):
            url = f"{login}?{urlencode({'idp': entity_id, **query})}"
            choices.append(SignInChoice(key=f"saml:{entity_id}", name=name, country=country, url=url))
    for key, provider in settings.OIDC_PROVIDERS.items():
        url = reverse("federation:oidc_login", args=[key]) + (f"?{urlencode(query)}" if query else "")
        choices.append(SignInChoice(key=f"oidc:{key}", name=provider["name"], country=provider["country"], url=url))
    return sorted(choices, key=lambda choice: choice.name.casefold())


def last_choice(request: HttpRequest, choices: list[SignInChoice]) -> SignInChoice | None:
    remembered = request.COOKIES.get(LAST_CHOICE_COOKIE)
    return next((choice for choice in choices if choice.key == remembered), None)


def remember_choice(response: HttpResponse, key: str) -> HttpResponse:
    """Remember the institution on this browser (not a secret: it only puts it first on the login page)."""
    response.set_cookie(
        LAST_CHOICE_COOKIE, key, max_age=LAST_CHOICE_MAX_AGE, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )  # fmt: skip
    return response
