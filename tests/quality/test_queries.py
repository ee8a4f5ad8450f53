"""Every quality page reads in a fixed number of queries: the same with 2 rows as with 40."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from quality.services import examination as rules_services
from tests.factories.quality import make_decision, make_edition, make_rules, submit_report
from tests.factories.teams import add_member, add_partner
from tests.utils import queries_after_change as queries

pytestmark = pytest.mark.django_db


def _next(n: int) -> range:
    """Fresh numbers for each growth step, so names stay unique."""
    start = _next.used
    _next.used += n
    return range(start, start + n)


_next.used = 0


def grow_decisions(cast, n):
    for i in _next(n):
        decision = make_decision(cast.course, title=f"Decision {i}")
        decision_services.consent_record(
            actor=cast.leader, decision=decision, institution=cast.course.lead_institution, position="consent"
        )


def grow_positions(cast, decision, n):
    """n institutions with a position on version 1, then a version 2 with the same positions."""
    for _ in range(n):
        institution = add_partner(cast.course)
        rep = add_member(cast.course, "partner", institution=institution).user
        decision_services.consent_record(actor=rep, decision=decision, institution=institution, position="abstention")


def grow_methods(cast, rules, n):
    for i in _next(n):
        rules_services.method_add(actor=cast.leader, rules=rules, name=f"Quiz {i}", weight_percent=1)


def grow_reports(cast, n):
    """n editions, each with the lead's data (accepted) and the partner's (waiting)."""
    partner = cast.partner.memberships.get(course=cast.course).institution
    for i in _next(n):
        edition = make_edition(cast.course, name=f"Edition {i}", ended_days_ago=30 + i)
        report = submit_report(edition, cast.course.lead_institution)
        evaluation_services.report_accept(actor=cast.qa, report=report)
        submit_report(edition, partner)


@pytest.mark.parametrize(
    ("who", "url_of", "grow", "pinned"),
    [
        # the signed-in user comes from the cache; so do the ids of the QA officer's courses, since a change to a
        # course is not a change to their permissions
        ("partner", lambda c, o: reverse("quality:decisions", args=[c.course.slug]), grow_decisions, 4),
        ("qa", lambda c, o: reverse("quality:evaluation", args=[c.course.slug]), grow_reports, 6),
        ("qa", lambda c, o: reverse("quality:trends", args=[c.course.slug]), grow_reports, 4),
        ("qa", lambda c, o: reverse("quality:submissions"), grow_reports, 6),
        ("qa", lambda c, o: reverse("quality:submissions") + "?status=accepted", grow_reports, 6),
        ("qa", lambda c, o: reverse("quality:submissions_export"), grow_reports, 2),
    ],
)
def test_list_pages_read_in_fixed_queries(client, cast, who, url_of, grow, pinned, settings):
    settings.QUALITY_SUBMISSIONS_PAGE_SIZE = 100
    client.force_login(cast.user(who))
    url = url_of(cast, None)
    grow(cast, 2)
    few = queries(client, url)
    grow(cast, 38)
    many = queries(client, url)
    assert few == many == pinned


def test_decision_page_reads_in_fixed_queries(client, cast):
    decision = make_decision(cast.course)
    client.force_login(cast.leader)
    grow_positions(cast, decision, 2)
    few = queries(client, decision.get_absolute_url())
    grow_positions(cast, decision, 38)
    decision_services.decision_revise(actor=cast.leader, decision=decision, title="Again", text="Second version")
    many = queries(client, decision.get_absolute_url())
    assert few == many == 7


def test_rules_pages_read_in_fixed_queries(client, cast):
    rules = make_rules(cast.course, complete=False)
    rules_services.award_save(actor=cast.leader, rules=rules, kind="ects", ects_credits=Decimal("5"))
    client.force_login(cast.leader)
    grow_methods(cast, rules, 2)
    few = (
        queries(client, rules.get_absolute_url()),
        queries(client, reverse("quality:examination", args=[cast.course.slug])),
    )
    grow_methods(cast, rules, 38)
    many = (
        queries(client, rules.get_absolute_url()),
        queries(client, reverse("quality:examination", args=[cast.course.slug])),
    )
    assert few == many == (7, 4)


def test_report_page_reads_in_fixed_queries(client, cast, partner_institution):
    report = submit_report(make_edition(cast.course), partner_institution)
    client.force_login(cast.qa)
    few = queries(client, report.get_absolute_url())
    for i in range(20):  # a long review conversation
        evaluation_services.report_request_changes(actor=cast.qa, report=report, comment=f"Round {i}")
        evaluation_services.report_submit(
            actor=cast.partner, edition=report.edition, institution=partner_institution, enrolled=40, completed=30,
            passed=25, mean_satisfaction=4, dropout_reasons="Jobs.", reply=f"Fixed {i}",
        )  # fmt: skip
    assert queries(client, report.get_absolute_url()) == few
