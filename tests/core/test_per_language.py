"""The base template's markup kept per language ({% per_language %}): each person still gets their own language,
nothing of one person or request can reach another, and a change of settings renders it again."""

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.urls.base import set_script_prefix
from django.utils import translation

from core.urls_fast import fixed_reverse
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def html_lang(body: str) -> str:
    return body.split('<html lang="', 1)[1].split('"', 1)[0]


def test_people_with_different_languages_each_get_their_own_one_after_another(client):
    german, french = UserFactory(preferred_language="de"), UserFactory(preferred_language="fr")
    for person, lang, skip, logout in [
        (german, "de", "Zum Inhalt springen", "Abmelden"),
        (french, "fr", "Aller au contenu", "Se déconnecter"),
        (german, "de", "Zum Inhalt springen", "Abmelden"),
    ]:
        client.force_login(person)
        body = client.get(reverse("accounts:profile")).content.decode()
        assert html_lang(body) == lang
        assert skip in body
        assert logout in body
        assert f'<option value="{lang}" lang="{lang}" selected>' in body


def test_the_block_sees_nothing_of_the_request_or_the_person():
    template = Template(
        "{% load microcred %}{% per_language %}[{{ user.email }}|{{ request.path }}|{{ secret }}]{% end_per_language %}"
    )
    request = RequestFactory().get("/somewhere/")
    for email in ("first@example.org", "second@example.org"):
        request.user = UserFactory(email=email)
        assert template.render(RequestContext(request, {"secret": "s3cret"})) == "[||]"


def test_the_block_is_rendered_once_per_language_and_kept():
    template = Template(
        '{% load microcred i18n %}{% per_language %}{% now "u" %} {% translate "Log out" %}{% end_per_language %}'
    )
    with translation.override("en"):
        first = template.render(Context())
        assert template.render(Context()) == first  # the same microseconds: not rendered again
    with translation.override("nl"):
        dutch = template.render(Context())
    assert first.endswith("Log out")
    assert dutch.endswith("Uitloggen")
    assert dutch.split()[0] != first.split()[0]


def test_a_change_of_settings_renders_the_block_again():
    template = Template(
        "{% load microcred static %}{% per_language %}{% static 'css/microcred.css' %}{% end_per_language %}"
    )
    with override_settings(STATIC_URL="/one/"):
        assert template.render(Context()) == "/one/css/microcred.css"
    with override_settings(STATIC_URL="/two/"):
        assert template.render(Context()) == "/two/css/microcred.css"


@pytest.mark.parametrize("name", ["teams:dashboard", "reminders:list", "accounts:set_language", "federation:logout"])
def test_fixed_url_is_the_url_reverse_gives_also_under_a_prefix(name):
    assert fixed_reverse(name) == reverse(name)
    set_script_prefix("/microcred/")
    try:
        assert fixed_reverse(name) == reverse(name)
        assert fixed_reverse(name).startswith("/microcred/")
    finally:
        set_script_prefix("/")
