"""A cached fragment belongs to one language: switching language never serves the page in the previous one."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.utils import translation

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load fragments i18n %}{% cachedfragment "probe" courses=ids %}'
    "{% get_current_language as language %}rendered in {{ language }}{% endcachedfragment %}"
)


@override_settings(FRAGMENT_CACHE_SECONDS=300)
def test_the_same_page_in_another_language_is_rendered_afresh():
    request = RequestFactory().get("/courses/")
    request.user = UserFactory()

    def render(language: str) -> str:
        with translation.override(language):
            return TEMPLATE.render(Context({"request": request, "ids": []}))

    assert render("en-gb") == "rendered in en-gb"
    assert render("de") == "rendered in de"
    assert render("fr") == "rendered in fr"
    assert render("en-gb") == "rendered in en-gb"  # still cached in English, never the last language's copy
