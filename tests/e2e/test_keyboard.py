"""The main jobs done with the keyboard alone (Tab, Enter, Space, typing), as a person without a mouse would.

After each htmx swap focus must land where the person expects (the first field with an error, the notice that
reports the result, the form that opened), never back at the top of the page; notices sit in a live region so a
screen reader announces them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from phases.models import WorkLog
from quality.models import Consent
from teams.models import Membership
from tests.e2e.conftest import login
from tests.factories.phases import add_task, member, running_design
from tests.factories.quality import make_decision

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const el = document.activeElement;
  const live = el.closest("[aria-live], [role='status'], [role='alert'], [role='log']");
  return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || "").trim(),
          invalid: el.getAttribute("aria-invalid") === "true", label: el.labels && el.labels[0]
            ? el.labels[0].innerText.trim() : (el.getAttribute("aria-label") || ""),
          live: live ? (live.getAttribute("aria-live") || live.getAttribute("role")) : null};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def focus_moves_to(page, condition: str) -> dict:
    """Wait until the focused element ``el`` satisfies the JavaScript ``condition``; describe it either way."""
    try:
        # A function, not an expression: the page's CSP forbids evaluating strings.
        page.wait_for_function(
            f"() => {{ const el = document.activeElement; return !!el && el !== document.body && !!({condition}); }}"
        )
    except Exception as error:
        raise AssertionError(f"focus did not move to where expected: it is on {focused(page)}") from error
    return focused(page)


def skip_to_content(page) -> None:
    """The first Tab reaches the skip link; Enter moves on to the page's own content."""
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")


def tab_to(page, locator, *, limit: int = 120) -> None:
    """Press Tab until ``locator`` has focus (as a person tabs through the page), failing if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} never received focus after {limit} presses of Tab")


def test_leader_adds_a_member_with_the_keyboard_and_focus_lands_on_the_notice(page, cast):
    login(page, cast.leader.email)
    page.goto(f"/courses/{cast.course.slug}/team/")
    skip_to_content(page)
    tab_to(page, page.get_by_label("E-mail address", exact=True))
    page.keyboard.type("new.colleague@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Ana")
    page.keyboard.press("Tab")
    page.keyboard.type("Novak")
    tab_to(page, page.get_by_label("Role", exact=True), limit=3)
    page.keyboard.type("Learner")  # a closed select picks the option typed
    tab_to(page, page.get_by_label("Institution", exact=True), limit=3)
    page.keyboard.type(cast.course.lead_institution.name)
    tab_to(page, page.get_by_role("button", name="Add member"), limit=20)
    page.keyboard.press("Enter")

    now = focus_moves_to(page, "el.innerText.includes('was added')")
    assert "new.colleague@example.org was added to the team." in now["text"]
    assert now["live"] in ("status", "polite", "alert"), str(now)
    assert Membership.objects.filter(course=cast.course, user__email="new.colleague@example.org").exists()


def my_tasks_with_a_task_to_log(page, cast) -> None:
    """The partner, signed in, on My tasks with "Draft the syllabus" assigned to them."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)],
             due_on=today + timedelta(days=4))  # fmt: skip
    login(page, cast.partner.email)
    page.goto("/tasks/")


def test_partner_logs_work_with_the_keyboard_through_an_error(page, cast):
    my_tasks_with_a_task_to_log(page, cast)
    skip_to_content(page)
    tab_to(page, page.get_by_role("link", name="Log work on Draft the syllabus"))
    page.keyboard.press("Enter")

    # The form opened in the row: focus is on its first field, not at the top of the page.
    form = page.get_by_role("form", name="Log work on Draft the syllabus")
    form.wait_for()
    assert focus_moves_to(page, "el.closest('form[aria-label]')")["label"].startswith("Date")
    tab_to(page, form.get_by_label("Hours"), limit=6)  # a date field takes a Tab per part
    page.keyboard.press("Enter")  # saved without hours: refused at the field

    assert focus_moves_to(page, "el.getAttribute('aria-invalid')")["label"].startswith("Hours")
    page.keyboard.type("2.5")
    page.keyboard.press("Tab")
    page.keyboard.type("First outline")
    tab_to(page, form.get_by_role("button", name="Save"), limit=3)
    page.keyboard.press("Space")

    now = focus_moves_to(page, "el.innerText.includes('Logged')")
    assert "Logged 2.5 h" in now["text"]
    # In a live region either way: the row's status line (htmx), or the page's message after a plain post (a
    # key pressed within htmx's settle delay, before it has taken over the swapped-in form, posts the form as
    # it would without JavaScript; the page then focuses its message, role="alert").
    assert now["live"] in ("status", "polite", "alert")
    log = WorkLog.objects.get()
    assert (log.member.user, log.hours, log.note) == (cast.partner, 2.5, "First outline")


def test_a_fast_typist_who_moves_on_after_an_error_keeps_their_place(page, cast):
    """Focus goes to the field with the error only if the person has not moved on: keys typed into the next field
    while the answer settles stay there (a late focus change once sent "First outline" into Hours)."""
    my_tasks_with_a_task_to_log(page, cast)
    page.get_by_role("link", name="Log work on Draft the syllabus").click()
    form = page.get_by_role("form", name="Log work on Draft the syllabus")
    form.get_by_label("Hours").focus()
    page.evaluate("() => { htmx.config.defaultSettleDelay = 400; }")  # a slow settle widens the window
    page.keyboard.press("Enter")
    form.get_by_text("This field is required.").wait_for()  # the answer is in; it settles 400 ms later

    page.keyboard.type("2.5")
    page.keyboard.press("Tab")
    page.keyboard.type("First outline")
    page.wait_for_timeout(800)
    assert focused(page)["label"] == "Note"
    assert form.get_by_label("Note").input_value() == "First outline"
    assert form.get_by_label("Hours").input_value() == "2.5"


def test_partner_records_consent_with_the_keyboard_and_the_result_takes_focus(page, cast):
    decision = make_decision(cast.course, title="Teach in English and German")
    institution = Membership.objects.get(course=cast.course, user=cast.partner).institution
    login(page, cast.partner.email)
    page.goto(decision.get_absolute_url())
    skip_to_content(page)
    tab_to(page, page.get_by_role("radio", name="Consent"))  # Tab enters the group at its first radio
    page.keyboard.press("ArrowDown")  # arrows move within the group, to Objection
    page.keyboard.press("Space")
    assert page.get_by_role("radio", name="Objection").is_checked()
    tab_to(page, page.get_by_role("button", name="Record position"), limit=5)
    page.keyboard.press("Enter")

    # An objection needs a reason: the page comes back with focus at the field to fix.
    assert focus_moves_to(page, "el.getAttribute('aria-invalid')")["label"].startswith("Reason")
    page.keyboard.type("The workload is too high for one semester.")
    tab_to(page, page.get_by_role("button", name="Record position"), limit=5)
    page.keyboard.press("Enter")

    now = focus_moves_to(page, "el.closest('#messages')")
    assert f"The position of {institution.name} is recorded." in now["text"]
    assert now["live"] in ("polite", "alert")
    consent = Consent.objects.get(decision=decision, institution=institution)
    assert consent.position == Consent.Position.OBJECTION
