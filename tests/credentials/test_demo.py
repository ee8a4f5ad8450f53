"""The demo consortium's micro-credentials: every course complete but the one deliberately left incomplete, and
the exports name the awarding bodies by their identifiers."""

import pytest
from django.core.management import call_command

from credentials.exports import badges, elm
from credentials.exports.common import ProfileIncomplete
from credentials.selectors import profile_state
from quality.models import ExaminationRules
from teams.models import Course

pytestmark = pytest.mark.django_db
INCOMPLETE = "green-energy"  # deliberately, to show the overview's panel and the phase plan's warning


def test_demo_profiles_are_complete_except_the_deliberate_one_and_exports_carry_identifiers():
    call_command("seed_demo")
    states = {c.slug: profile_state(course=c) for c in Course.objects.all()}
    assert {slug for slug, state in states.items() if not state.is_complete} == {INCOMPLETE}
    for slug, state in states.items():
        if slug != INCOMPLETE:
            assert (state.complete_count, state.total) == (11, 11), slug
    # Its rules were revised after a partner's objection and then adopted by every institution.
    assert ExaminationRules.objects.get(course__slug="digital-health").status == ExaminationRules.Status.BINDING
    # The incomplete one: a draft of rules, an awarding decision still open, no level answered.
    assert {e.key for e in states[INCOMPLETE].missing} >= {"awarding", "level", "assessment"}
    with pytest.raises(ProfileIncomplete):
        elm.build(Course.objects.get(slug=INCOMPLETE))

    ai = elm.build(Course.objects.get(slug="ai-literacy"))
    assert ai["title"]["es"] == "Alfabetización en IA para docentes"
    bodies = ai["awardingOpportunity"][0]["awardingBody"]
    assert len(bodies) == 3  # a joint award
    for body in bodies:
        schemes = {i["schemeName"]: i["notation"] for i in body["identifier"]}
        assert set(schemes) == {"SCHAC", "Erasmus", "PIC", "ROR"}
    ucn = next(b for b in bodies if b["legalName"]["en"] == "Universidad de Castilla Norte")
    assert {i["schemeName"]: i["notation"] for i in ucn["identifier"]}["Erasmus"] == "E  CASTNOR01"

    health = Course.objects.get(slug="digital-health")
    document = elm.build(health)
    [uva] = document["awardingOpportunity"][0]["awardingBody"]  # the lead alone
    assert {i["schemeName"] for i in uva["identifier"]} == {"SCHAC", "Erasmus", "PIC", "ROR"}
    assert document["title"]["it"] == "Alfabetizzazione sui dati sanitari digitali"
    badge = badges.build(health)
    assert badge["achievementType"] == "MicroCredential"
    assert {v["@language"] for v in badge["name"]} == {"en", "it"}
