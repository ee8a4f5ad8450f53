"""Whole jobs done in German and in French: the language picker, the saved preference, and the texts the catalogue
gives for each language (looked up with gettext, so these tests keep passing as translations land)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts.models import User
from phases.models import WorkLog
from teams.models import Membership
from tests.e2e.conftest import login
from tests.factories.phases import add_task, member, running_design

pytestmark = pytest.mark.django_db(transaction=True)


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def pick_language(page, language_name: str) -> None:
    """Use the picker as a keyboard or mouse user would: choose, then press its button (no JavaScript needed)."""
    picker = page.locator("form.mc-language-picker")
    picker.get_by_role("combobox").select_option(label=language_name)
    picker.get_by_role("button").click()
    page.wait_for_load_state()


def test_partner_switches_to_german_and_logs_work_on_a_task(page, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    task = add_task(design, title="Lehrplan entwerfen", assignees=[member(cast.course, cast.partner)],
                    due_on=today + timedelta(days=4))  # fmt: skip
    login(page, cast.partner.email)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    pick_language(page, "Deutsch")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert User.objects.get(pk=cast.partner.pk).preferred_language == "de"

    page.get_by_role("link", name=in_language("de", "My tasks")).click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    log_url = reverse("phases:work_log_add", args=[cast.course.slug, task.pk])
    page.locator(f"#task-{task.pk} a[href^='{log_url}']").click()
    form = page.locator("form:has([name$='hours'])")
    form.locator("[name$='hours']").fill("2")
    form.locator("[name$='note']").fill("Erster Entwurf")
    form.locator("button[type='submit']").click()
    expect(page.get_by_role("status")).to_be_visible()
    log = WorkLog.objects.get()
    assert (log.member.user, log.hours, log.note) == (cast.partner, 2, "Erster Entwurf")
    # The choice holds on the next visit, whatever the browser asks for.
    page.goto(reverse("phases:my_tasks"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name=in_language("de", "My tasks"))).to_be_visible()


def test_leader_reading_french_adds_a_member(browser, live_server, cast):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", extra_http_headers={"Accept-Language": "fr"}
    )
    page = context.new_page()
    try:
        login_fr(page, cast.leader.email)
        expect(page.locator("html")).to_have_attribute("lang", "fr")  # the browser's language, nothing chosen
        page.goto(reverse("teams:team", kwargs={"slug": cast.course.slug}))
        page.locator("[name='member-email']").fill("nouvelle.collegue@example.org")
        page.locator("[name='member-first_name']").fill("Ana")
        page.locator("[name='member-last_name']").fill("Novak")
        page.locator("[name='member-role']").select_option(value=Membership.Role.LEARNER)
        page.locator("[name='member-institution']").select_option(value=str(cast.course.lead_institution.pk))
        page.locator("[name='member-email']").locator("xpath=ancestor::form").locator("button[type='submit']").click()
        expect(page.get_by_role("status").filter(has_text="nouvelle.collegue@example.org")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.locator("nav.mc-navbar").get_by_role("link", name=in_language("fr", "My courses"))).to_be_visible()
        assert Membership.objects.filter(course=cast.course, user__email="nouvelle.collegue@example.org").exists()
    finally:
        context.close()


def login_fr(page, email: str, password: str = "correct-horse-battery") -> None:
    """The login form by its field names: its labels are French here."""
    page.goto(reverse("accounts:login"))
    page.locator("[name='username']").fill(email)
    page.locator("[name='password']").fill(password)
    page.locator("form:has([name='username']) button[type='submit']").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
