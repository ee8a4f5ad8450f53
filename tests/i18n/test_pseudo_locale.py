"""Every main page and e-mail rendered in a pseudo-locale: any visible text still in plain English was not marked
for translation. Fails until every string is marked; the failure lists the texts, page by page.

The pseudo catalogue is built from the committed catalogues, so run `make messages` after marking.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import accounts.outbox
import teams.outbox
from digests.models import TIME_ZONES, Digest
from digests.services import build_email as build_digest
from documents.services import document_upload
from reminders.delivery import build_email as build_reminder
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from support.models import ServiceKind
from support.services.emails import consultation_request_send
from teams.affiliations import affiliation_request_create
from teams.archive import course_archive
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.governance import make_vision
from tests.factories.quality import make_decision, make_rules
from tests.factories.support import ConsultationFactory, ServiceContactFactory
from tests.factories.teams import InstitutionDomainFactory
from tests.i18n import pseudo
from tests.reminders.conftest import due_work  # noqa: F401

pytestmark = pytest.mark.django_db

# Words that are right in every language, each with the reason.
ALLOWED = {
    "microcred",  # the product's name
    "ECTS",  # the European credit system's acronym, the same in every language (glossary)
    "EQF",  # the European Qualifications Framework's acronym (glossary)
    # The language picker names each language in its own name.
    *("English", "Deutsch", "Français", "Español", "Italiano", "Polski", "Nederlands", "Pseudo"),
}

# Whole texts that are codes, the same in every language.
CODES = {
    *TIME_ZONES,  # IANA time-zone identifiers ("Europe/Brussels"): the digest settings' picker, the footer's zone
}


@pytest.fixture(scope="session")
def pseudo_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pseudo-locale")
    pseudo.build(directory)
    return directory


@pytest.fixture
def in_pseudo(pseudo_dir):
    with pseudo.pseudo_locale(pseudo_dir) as code:
        yield code


@pytest.fixture
def world(cast, due_work):  # noqa: F811
    """The shared course with work due, reminders swept, everyone reading the pseudo-locale; taught in three
    languages, whose names the course and credential pages show."""
    cast.course.languages = ["en", "de", "pl"]
    cast.course.save(update_fields=["languages"])
    reminder_sweep_create()
    return cast


PAGES = [
    ("teams:dashboard", False, "partner"),
    ("attention:home", False, "leader"),
    ("teams:course_detail", True, "leader"),
    ("teams:team", True, "leader"),
    ("phases:timeline", True, "leader"),
    ("phases:phase_detail", True, "partner"),
    ("phases:my_tasks", False, "partner"),
    ("support:matrix", True, "leader"),
    ("quality:decisions", True, "partner"),
    ("quality:evaluation", True, "qa"),
    ("quality:submissions", False, "qa"),
    ("reminders:list", False, "partner"),
    ("accounts:profile", False, "partner"),
    ("credentials:profile", True, "leader"),
    ("credentials:profile_edit", True, "leader"),
    ("teams:course_edit", True, "leader"),
    ("teams:history", True, "leader"),
    ("phases:effort", True, "leader"),
    ("phases:plan", True, "leader"),
    ("support:contacts", True, "leader"),
    ("support:task_force", True, "leader"),
    ("support:specifics", True, "leader"),
    ("quality:examination", True, "leader"),
    ("quality:trends", True, "qa"),
    ("governance:gates", True, "leader"),
    ("governance:vision", True, "leader"),
    ("governance:agreement", True, "leader"),
    ("governance:history", True, "leader"),
    ("documents:list", True, "leader"),
    ("calendars:page", False, "partner"),
    ("digests:settings", False, "partner"),
    ("reminders:list", False, "leader"),
    ("accounts:password_change", False, "partner"),
    ("accounts:password_reset", False, "anonymous"),
]


def _check(html: str) -> None:
    left = pseudo.untranslated(html, data=pseudo.database_text() | CODES, allowed=ALLOWED)
    assert not left, "Not marked for translation:\n" + "\n".join(f"  {text!r}" for text in left)


@pytest.mark.parametrize(("name", "per_course", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_entirely_translatable(client, world, in_pseudo, name, per_course, who):
    if who != "anonymous":
        client.force_login(world.user(who))
    kwargs = {"slug": world.course.slug} if per_course else {}
    if name == "phases:phase_detail":
        kwargs["kind"] = "design"
    response = client.get(reverse(name, kwargs=kwargs), HTTP_ACCEPT_LANGUAGE=in_pseudo)
    assert response.status_code == 200
    assert f'<html lang="{in_pseudo}"' in response.content.decode()
    _check(response.content.decode())


@pytest.fixture
def items(world, settings, tmp_path):
    """One of each item with a page of its own: a decision with its minutes, examination rules, a vision."""
    settings.MEDIA_ROOT = tmp_path / "media"
    decision = make_decision(world.course)
    minutes = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    document = document_upload(
        actor=world.leader, course=world.course, kind="decision", subject=decision, title="Minutes", upload=minutes
    ).document
    rules = make_rules(world.course)
    make_vision(world.course)
    return {
        "quality:decision_detail": {"pk": decision.pk},
        "documents:detail": {"pk": document.pk},
        "quality:rules_detail": {"version": rules.version},
        "governance:vision": {},
    }


@pytest.mark.parametrize(
    "name", ["quality:decision_detail", "documents:detail", "quality:rules_detail", "governance:vision"]
)
def test_item_page_is_entirely_translatable(client, world, items, in_pseudo, name):
    client.force_login(world.leader)
    kwargs = {"slug": world.course.slug, **items[name]}
    response = client.get(reverse(name, kwargs=kwargs), HTTP_ACCEPT_LANGUAGE=in_pseudo)
    assert response.status_code == 200
    _check(response.content.decode())


def test_archived_course_banner_is_entirely_translatable(client, world, in_pseudo):
    course_archive(actor=world.leader, course=world.course)
    client.force_login(world.leader)
    response = client.get(
        reverse("teams:course_detail", kwargs={"slug": world.course.slug}), HTTP_ACCEPT_LANGUAGE=in_pseudo
    )
    assert response.status_code == 200
    assert 'class="alert alert-secondary py-2" role="status"' in response.content.decode()  # the banner is there
    _check(response.content.decode())


def test_login_page_is_entirely_translatable(client, db, in_pseudo):
    _check(client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=in_pseudo).content.decode())


def test_not_found_page_is_entirely_translatable(client, world, in_pseudo):
    client.force_login(world.partner)
    response = client.get(reverse("teams:course_detail", kwargs={"slug": "no-such-course"}), HTTP_ACCEPT_LANGUAGE="xx")
    assert response.status_code == 404
    _check(response.content.decode())


def test_forbidden_page_is_entirely_translatable(client, world, in_pseudo):
    client.force_login(world.partner)  # may see the course, may not start one
    response = client.get(reverse("teams:course_create"), HTTP_ACCEPT_LANGUAGE=in_pseudo)
    assert response.status_code == 403
    _check(response.content.decode())


def _check_mail(subject: str, body: str) -> None:
    lines = [subject, *body.splitlines()]  # one text per line, so the failure names the line
    _check("".join(f"<p>{escape(line)}</p>" for line in lines if line.strip()))


def test_invitation_email_is_entirely_translatable(world, in_pseudo):
    invitee = UserFactory(preferred_language=in_pseudo)
    invitee.set_unusable_password()
    invitee.save()
    accounts.outbox.send_invitation(
        {"user_id": invitee.pk, "course_id": world.course.pk, "inviter_id": world.leader.pk}
    )
    [message] = mail.outbox
    _check_mail(message.subject, message.body)


def test_reminder_email_is_entirely_translatable(world, in_pseudo):
    world.partner.preferred_language = in_pseudo
    world.partner.save()
    Reminder.objects.filter(recipient=world.partner).delete()
    reminder_sweep_create()  # titles are written when the reminder is created, in the recipient's language
    reminder = Reminder.objects.select_related("recipient", "course").filter(recipient=world.partner).first()
    message = build_reminder(reminder)
    _check_mail(message.subject, message.body)


def test_digest_email_is_entirely_translatable(world, in_pseudo):
    world.partner.preferred_language = in_pseudo
    world.partner.save()
    Reminder.objects.filter(recipient=world.partner).delete()
    reminder_sweep_create()
    reminders = list(Reminder.objects.select_related("course").filter(recipient=world.partner))
    digest = Digest.objects.create(
        recipient=world.partner, period=Digest.Period.WEEKLY, starts_on=timezone.localdate() - timedelta(days=7)
    )
    message = build_digest(digest, reminders)
    _check_mail(message.subject, message.body)


def test_leadership_notice_email_is_entirely_translatable(world, in_pseudo):
    world.qa.preferred_language = world.leader.preferred_language = in_pseudo
    world.qa.save()
    world.leader.save()
    teams.outbox.send_leadership_notice(
        {"course_id": world.course.pk, "new_leader_id": world.qa.pk, "former_id": world.leader.pk,
         "former_role": Membership.Role.PARTNER, "actor_id": world.leader.pk}
    )  # fmt: skip
    assert len(mail.outbox) == 2  # the new leader and the former one
    for message in mail.outbox:
        _check_mail(message.subject, message.body)


def test_affiliation_link_email_is_entirely_translatable(world, in_pseudo):
    world.outsider.preferred_language = in_pseudo
    world.outsider.save()
    institution = world.course.lead_institution
    InstitutionDomainFactory(institution=institution, domain="uni.example.org")
    request = affiliation_request_create(user=world.outsider, institution=institution, email="ana@uni.example.org")
    teams.outbox.send_affiliation_link({"request_id": request.pk})
    [message] = mail.outbox
    _check_mail(message.subject, message.body)


def test_consultation_request_email_is_entirely_translatable(world, in_pseudo):
    institution = world.course.lead_institution
    contact = ServiceContactFactory(institution=institution, kind=ServiceKind.LEGAL)
    UserFactory(email=contact.email, preferred_language=in_pseudo)  # the contact reads the pseudo-locale
    consultation = ConsultationFactory(
        course=world.course, kind=ServiceKind.LEGAL, requested_by=world.leader,
        due_by=timezone.localdate() + timedelta(days=10),
    )  # fmt: skip
    assert consultation_request_send(consultation_id=consultation.pk)
    [message] = mail.outbox
    _check_mail(message.subject, message.body)


def test_password_reset_email_is_entirely_translatable(client, world, in_pseudo):
    response = client.post(
        reverse("accounts:password_reset"), {"email": world.partner.email}, HTTP_ACCEPT_LANGUAGE=in_pseudo
    )
    assert response.status_code == 302
    [message] = mail.outbox
    _check_mail(message.subject, message.body)
