"""E-mails and digests are written in the recipient's language, whatever language the sender's action ran in."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, ngettext

import accounts.outbox
import core.bulk
import reminders.delivery
import teams.outbox
from accounts.models import User
from core.i18n import in_language_of, language_of, languages_by_user_id
from digests.models import Mode, NoticePreference, NoticeSettings
from digests.selectors import deliveries_for
from digests.services import digest_round
from reminders.models import Reminder
from reminders.registry import Due
from reminders.services import _in_recipients_language
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.reminders.conftest import due_work  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def languages_seen(monkeypatch):
    """The active language each time one of the mail modules renders a template, by template name."""
    seen: list[tuple[str, str]] = []

    def spy(module):
        real = module.render_to_string

        def render(template_name, *args, **kwargs):
            seen.append((template_name, translation.get_language()))
            return real(template_name, *args, **kwargs)

        monkeypatch.setattr(module, "render_to_string", render)

    for module in (accounts.outbox, teams.outbox, reminders.delivery):
        spy(module)
    return seen


def test_language_of_a_person_is_their_choice_else_the_sites():
    assert language_of(User(preferred_language="pl")) == "pl"
    assert language_of(User(preferred_language="")) == "en"
    assert language_of(None) == "en"
    assert language_of(User(preferred_language="xx")) == "en"  # a value from before a language was dropped
    with translation.override("fr"), in_language_of(User(preferred_language="de")) as language:
        assert language == translation.get_language() == "de"


@pytest.mark.parametrize("many_ids", [2000, 1], ids=["few people", "more people than MANY_IDS"])
def test_languages_of_many_people_and_how_they_hear_of_reminders_in_one_query_each(
    monkeypatch, many_ids, django_assert_num_queries
):
    monkeypatch.setattr(core.bulk, "MANY_IDS", many_ids)  # 1: the path that reads every choice there is
    german, nobody, french = UserFactory(preferred_language="de"), UserFactory(), UserFactory(preferred_language="fr")
    NoticePreference.objects.create(user=german, kind="task_due", mode=Mode.DAILY)
    NoticePreference.objects.create(user=french, kind="task_due", mode=Mode.APP)
    with django_assert_num_queries(1):
        assert languages_by_user_id([german.pk, nobody.pk]) == {german.pk: "de", nobody.pk: "en"}
    with django_assert_num_queries(1):
        delivery = deliveries_for([german.pk, nobody.pk])
    assert [delivery(german.pk, "task_due"), delivery(nobody.pk, "task_due")] == ["daily", "email"]
    assert delivery(french.pk, "task_due") == "email"  # not asked for: never someone else's choice


def test_invitation_is_in_the_invitees_language_not_the_inviters(languages_seen):
    invitee = UserFactory(preferred_language="de", password=None)
    invitee.set_unusable_password()
    invitee.save()
    with translation.override("en"):  # the inviter's request
        accounts.outbox.send_invitation({"user_id": invitee.pk})
    assert languages_seen == [
        ("accounts/email/invitation_subject.txt", "de"),
        ("accounts/email/invitation.txt", "de"),
    ]
    assert translation.get_language() == "en"  # the sender's language is back afterwards


def add_member(client, cast, django_capture_on_commit_callbacks, email, **extra):
    data = {"member-email": email, "member-role": Membership.Role.LEARNER,
            "member-institution": cast.course.lead_institution.pk, **extra}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("teams:member_add", kwargs={"slug": cast.course.slug}), data)
    assert response.status_code in (200, 302)


def test_invitation_to_someone_new_is_by_default_in_the_inviters_language(
    client, cast, languages_seen, django_capture_on_commit_callbacks
):
    cast.leader.preferred_language = "fr"
    cast.leader.save()
    client.force_login(cast.leader)
    page = client.get(reverse("teams:team", kwargs={"slug": cast.course.slug})).content.decode()
    assert '<option value="fr" selected>Français</option>' in page  # the form offers the inviter's language
    add_member(client, cast, django_capture_on_commit_callbacks, "nouveau@example.org")
    assert mail.outbox, "the invitation went out"
    assert {language for _name, language in languages_seen} == {"fr"}
    assert mail.outbox[0].subject.startswith("Vous êtes invité")
    assert User.objects.get(email="nouveau@example.org").preferred_language == "fr"


def test_invitation_to_someone_new_is_in_the_language_the_inviter_chose_for_them(
    client, cast, languages_seen, django_capture_on_commit_callbacks
):
    client.force_login(cast.leader)  # reads English
    add_member(client, cast, django_capture_on_commit_callbacks, "neu@example.org", **{"member-language": "de"})
    assert {language for _name, language in languages_seen} == {"de"}
    assert User.objects.get(email="neu@example.org").preferred_language == "de"
    assert mail.outbox[0].subject.startswith("Einladung in das Kursteam")


def test_the_invitation_language_does_not_change_an_existing_persons_choice(
    client, cast, django_capture_on_commit_callbacks
):
    someone = UserFactory(preferred_language="de")
    client.force_login(cast.leader)
    add_member(client, cast, django_capture_on_commit_callbacks, someone.email, **{"member-language": "pl"})
    assert Membership.objects.filter(course=cast.course, user=someone).exists()
    someone.refresh_from_db()
    assert someone.preferred_language == "de" and not mail.outbox


def test_leadership_notice_reaches_each_person_in_their_own_language(cast, languages_seen):
    cast.leader.preferred_language = "nl"
    cast.leader.save()
    cast.qa.preferred_language = "it"
    cast.qa.save()
    payload = {"course_id": cast.course.pk, "new_leader_id": cast.qa.pk, "former_id": cast.leader.pk,
               "former_role": Membership.Role.PARTNER, "actor_id": cast.leader.pk}  # fmt: skip
    with translation.override("es"):  # the actor's request
        teams.outbox.send_leadership_notice(payload)
    languages = [language for name, language in languages_seen if name.startswith("teams/email/leadership")]
    assert sorted(languages) == ["it", "it", "nl", "nl"]


def test_reminder_email_body_is_rendered_in_the_recipients_language(cast, due_work, languages_seen):  # noqa: F811
    from reminders.services import reminder_sweep_create

    cast.partner.preferred_language = "pl"
    cast.partner.save()
    reminder_sweep_create()
    reminder = Reminder.objects.select_related("recipient").filter(recipient=cast.partner).first()
    with translation.override("en"):
        reminders.delivery.build_email(reminder)
    assert ("reminders/email/reminder.txt", "pl") in languages_seen


def test_sweep_writes_a_lazy_title_in_each_recipients_language(cast):
    cast.partner.preferred_language = "de"
    cast.partner.save()
    title = format_lazy("{day} · {course}", day=gettext_lazy("Monday"), course=cast.course.title)
    due = [
        Due(cast.partner.pk, "task_due", 1, 1, "x", cast.course.pk, title=title),
        Due(cast.learner.pk, "task_due", 1, 1, "x", cast.course.pk, title=title),
        Due(cast.learner.pk, "task_due", 1, 2, "x", cast.course.pk, title="Plain text stays as it is"),
    ]
    with translation.override("fr"):
        rendered = [(text, past) for _due, text, past in _in_recipients_language(due)]
    assert rendered == [
        (f"Montag · {cast.course.title}", ""),
        (f"Monday · {cast.course.title}", ""),
        ("Plain text stays as it is", ""),
    ]


def test_digest_subject_is_in_the_recipients_language(cast, due_work):  # noqa: F811
    from reminders.services import reminder_sweep_create

    cast.partner.preferred_language = "de"
    cast.partner.save()
    for kind in ("task_due", "milestone_due"):
        NoticePreference.objects.update_or_create(user=cast.partner, kind=kind, defaults={"mode": Mode.DAILY})
    NoticeSettings.objects.create(user=cast.partner, time_zone="Asia/Tokyo")
    with translation.override("en"):
        reminder_sweep_create()
        day = datetime.now(UTC).date()
        digest_round(now=datetime(day.year, day.month, day.day, 23, 0, tzinfo=UTC))
    [message] = [m for m in mail.outbox if m.to == [cast.partner.email]]
    with translation.override("de"):
        expected = ngettext(
            "[microcred] Daily digest: %(count)d reminder", "[microcred] Daily digest: %(count)d reminders", 2
        ) % {"count": 2}
    assert message.subject == expected
    assert expected != "[microcred] Daily digest: 2 reminders", "the German catalogue translates the digest subject"
