"""Phase gates: conditions checked from the records; going on with unmet conditions only with a reason."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import signals
from governance.models import GatePassage
from governance.selectors.gates import gate_conditions, next_gate
from governance.services import gates as services
from phases.models import Phase
from phases.services import phase_record_actual
from tests.factories.credentials import complete_profile
from tests.factories.governance import design_running, meet_development_conditions, meet_implementation_conditions

pytestmark = pytest.mark.django_db

TODAY = date.today()


def test_an_unprepared_course_shows_every_development_condition_unmet(cast):
    conditions = gate_conditions(course=cast.course, gate="development")
    assert [c.key for c in conditions] == [
        "vision_adopted", "lead_services_consulted", "approval_started", "examination_rules_adopted",
    ]  # fmt: skip
    assert not any(c.met for c in conditions)
    approval = next(c for c in conditions if c.key == "approval_started")
    assert cast.course.lead_institution.name in approval.detail


def test_the_conditions_follow_the_records(cast):
    meet_development_conditions(cast.course, TODAY)
    assert all(c.met for c in gate_conditions(course=cast.course, gate="development"))
    assert next_gate(course=cast.course).ready


def test_passing_with_unmet_conditions_needs_a_reason_which_is_kept(cast):
    phases = design_running(cast.course, TODAY)
    with pytest.raises(ValidationError) as info:
        services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY)
    assert "4 conditions are not met" in info.value.message_dict["reason"][0]
    assert not GatePassage.objects.exists()
    passage = services.gate_pass(
        actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY, reason="The funder's deadline."
    )
    assert len(passage.unmet) == 4 and passage.reason == "The funder's deadline."
    assert passage.history.first().history_user == cast.leader
    phases = {p.kind: p for p in Phase.objects.filter(course=cast.course)}
    assert phases["design"].actual_end == TODAY - timedelta(days=1)
    assert phases["development"].actual_start == TODAY


def test_a_ready_course_passes_without_a_reason_and_tells_listeners_once(cast):
    design_running(cast.course, TODAY)
    meet_development_conditions(cast.course, TODAY)
    heard = []

    def listener(sender, course, passage, **kwargs):
        heard.append((course.pk, passage.gate))

    signals.gate_passed.connect(listener)
    try:
        passage = services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY)
        with pytest.raises(ValidationError):  # refused: nobody hears of it
            services.gate_pass(actor=cast.leader, course=cast.course, gate="implementation", starts_on=TODAY)
    finally:
        signals.gate_passed.disconnect(listener)
    assert passage.unmet == [] and heard == [(cast.course.pk, "development")]
    with pytest.raises(ValidationError) as info:
        services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY)
    assert "already went into development" in info.value.messages[0]


def test_development_cannot_start_around_its_gate(cast):
    phases = design_running(cast.course, TODAY)
    phase_record_actual(
        actor=cast.leader, phase=phases["design"], actual_start=phases["design"].actual_start,
        actual_end=TODAY - timedelta(days=2), today=TODAY,
    )  # fmt: skip
    with pytest.raises(ValidationError) as info:
        phase_record_actual(
            actor=cast.leader, phase=phases["development"], actual_start=TODAY, actual_end=None, today=TODAY
        )
    assert "starts by passing its gate" in info.value.message_dict["actual_start"][0]


@pytest.mark.parametrize(
    ("starts_on", "message"),
    [
        (TODAY + timedelta(days=1), "cannot start in the future"),
        (TODAY - timedelta(days=120), "the next phase must start after that"),
        (date(1, 1, 1), "the next phase must start after that"),
    ],
)
def test_odd_start_dates_are_refused_at_the_field(cast, starts_on, message):
    design_running(cast.course, TODAY)
    with pytest.raises(ValidationError) as info:
        services.gate_pass(
            actor=cast.leader, course=cast.course, gate="development", starts_on=starts_on, reason="Deadline."
        )
    assert message in info.value.message_dict["starts_on"][0]
    assert not GatePassage.objects.exists()


def test_the_implementation_gate_comes_after_the_development_gate(cast):
    design_running(cast.course, TODAY)
    with pytest.raises(ValidationError) as info:
        services.gate_pass(actor=cast.leader, course=cast.course, gate="implementation", starts_on=TODAY, reason="x")
    assert info.value.messages == [str(services.PREVIOUS_GATE_FIRST)]


def test_a_course_goes_through_both_gates(cast):
    design_running(cast.course, TODAY)
    meet_development_conditions(cast.course, TODAY)
    services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY - timedelta(days=10))
    assert not next_gate(course=cast.course).ready
    meet_implementation_conditions(cast.course, TODAY)
    unmet = [c.key for c in next_gate(course=cast.course).unmet]
    assert unmet == ["eu_standard_elements"]  # the credentials app is installed: its Annex I elements count
    complete_profile(cast.course)
    assert next_gate(course=cast.course).ready
    services.gate_pass(actor=cast.leader, course=cast.course, gate="implementation", starts_on=TODAY)
    assert next_gate(course=cast.course) is None
    assert Phase.objects.get(course=cast.course, kind="implementation").actual_start == TODAY


def test_the_leader_passes_a_gate_in_the_browser_and_the_team_sees_why(client, cast):
    design_running(cast.course, TODAY)
    client.force_login(cast.leader)
    url = reverse("governance:gate_pass", args=[cast.course.slug, "development"])
    refused = client.post(url, {"gate-starts_on": TODAY.isoformat()})
    assert refused.status_code == 400
    assert "Say why the team goes on anyway" in refused.content.decode()
    bad_date = client.post(url, {"gate-starts_on": "2026-02-30", "gate-reason": "x"})
    assert bad_date.status_code == 400
    assert (
        client.post(url, {"gate-starts_on": TODAY.isoformat(), "gate-reason": "Funder's deadline."}).status_code == 302
    )
    client.force_login(cast.learner)
    page = client.get(reverse("governance:gates", args=[cast.course.slug])).content.decode()
    assert "Passed with unmet conditions" in page and "Funder&#x27;s deadline." in page


def test_an_unknown_gate_is_not_found(client, cast):
    client.force_login(cast.leader)
    assert client.post(reverse("governance:gate_pass", args=[cast.course.slug, "retirement"])).status_code == 404


def test_the_overview_shows_the_next_gates_readiness(client, cast):
    client.force_login(cast.partner)
    page = client.get(reverse("teams:course_detail", args=[cast.course.slug])).content.decode()
    assert "Next phase gate" in page and "0 of 4 conditions met" in page
