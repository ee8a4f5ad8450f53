"""Which language a page is in: the person's choice, else the picker's cookie, else the browser's."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_languages_are_the_seven_of_the_consortium_each_in_its_own_name():
    assert dict(settings.LANGUAGES) == {
        "en": "English",
        "de": "Deutsch",
        "fr": "Français",
        "es": "Español",
        "it": "Italiano",
        "pl": "Polski",
        "nl": "Nederlands",
    }


def test_anonymous_visitor_gets_the_browsers_language(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9,en;q=0.5")
    assert html_lang(response) == "fr"
    assert response["Content-Language"] == "fr"


def test_a_browser_language_we_do_not_offer_falls_back_to_english(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="fi")
    assert html_lang(response) == "en"


def test_signed_in_persons_preferred_language_wins_over_the_browser(client):
    client.force_login(UserFactory(preferred_language="pl"))
    response = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="de")
    assert html_lang(response) == "pl"


def test_no_preference_follows_the_browser(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="nl")
    assert html_lang(response) == "nl"


def test_picker_shows_every_language_in_its_own_name_with_the_current_one_selected(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="it")
    html = response.content.decode()
    assert f'action="{reverse("accounts:set_language")}"' in html
    assert '<label class="visually-hidden" for="mc-language">' in html
    for name in ("English", "Deutsch", "Français", "Español", "Italiano", "Polski", "Nederlands"):
        assert f">{name}</option>" in html
    assert '<option value="it" lang="it" selected>' in html


def test_picker_saves_the_choice_for_a_signed_in_person_and_returns_to_the_page(client, user):
    client.force_login(user)
    profile = reverse("accounts:profile")
    response = client.post(reverse("accounts:set_language"), {"language": "de", "next": profile})
    assert response.status_code == 302
    assert response["Location"] == profile
    assert User.objects.get(pk=user.pk).preferred_language == "de"
    # The next page is German even if the browser asks for English (and the cache held the old user).
    assert html_lang(client.get(profile, HTTP_ACCEPT_LANGUAGE="en")) == "de"


def test_picker_for_anonymous_visitor_sets_the_cookie(client):
    response = client.post(reverse("accounts:set_language"), {"language": "es", "next": reverse("accounts:login")})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert html_lang(client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")) == "es"


def test_picker_refuses_an_unknown_language_and_keeps_the_saved_one(client):
    person = UserFactory(preferred_language="fr")
    client.force_login(person)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(pk=person.pk).preferred_language == "fr"


def test_picker_never_redirects_off_site(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_picker_answers_only_post(client):
    assert client.get(reverse("accounts:set_language")).status_code == 405


def test_profile_shows_and_saves_the_preferred_language(client):
    person = UserFactory(preferred_language="nl", first_name="Ada", last_name="Lovelace")
    client.force_login(person)
    response = client.get(reverse("accounts:profile"))
    assert 'name="preferred_language"' in response.content.decode()
    assert '<option value="nl" selected>' in response.content.decode()
    response = client.post(
        reverse("accounts:profile"), {"first_name": "Ada", "last_name": "Lovelace", "preferred_language": ""}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).preferred_language == ""


def test_profile_refuses_an_unknown_language_at_the_field(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "A", "last_name": "B", "preferred_language": "klingon"}
    )
    assert response.status_code == 400
    assert "preferred_language" in response.context["form"].errors


def test_admin_login_page_follows_the_browsers_language(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="de"' in html
    assert "Anmelden" in html  # Django's own German catalogue
