"""The joint vision: drafted by the leader, commented per section, adopted by every institution, then frozen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import VisionComment, VisionVersion
from governance.selectors.vision import adopted_vision, vision_diff
from governance.services import vision as services
from quality.models import Consent, Decision
from quality.services.decisions import consent_record
from tests.factories.governance import adopt_vision, make_vision
from tests.factories.quality import consent_all

pytestmark = pytest.mark.django_db


def test_a_vision_is_adopted_only_when_every_institution_consents(cast):
    vision = make_vision(cast.course)
    decision = services.vision_propose(actor=cast.leader, vision=vision)
    consent_record(actor=cast.leader, decision=decision, institution=cast.course.lead_institution, position="consent")
    vision.refresh_from_db()
    assert vision.status == "proposed"
    assert adopted_vision(course=cast.course) is None
    consent_all(decision)
    assert VisionVersion.objects.select_related("adoption_decision").get(pk=vision.pk).status == "adopted"
    assert adopted_vision(course=cast.course) == vision


def test_an_adopted_version_is_frozen_and_a_new_draft_starts_from_it(cast):
    adopted = adopt_vision(cast.course)
    with pytest.raises(ValidationError) as info:
        services.vision_section_save(actor=cast.leader, vision=adopted, section="profile", text="Changed.")
    assert info.value.messages == [services.FROZEN.format(version=1)]
    with pytest.raises(ValidationError):
        services.vision_comment_add(actor=cast.partner, vision=adopted, section="profile", text="Too late?")
    draft = services.vision_start(actor=cast.leader, course=cast.course)
    assert draft.version == 2
    assert draft.profile == adopted.profile
    assert draft.status == "draft"


def test_only_one_version_is_in_the_making(cast):
    make_vision(cast.course)
    with pytest.raises(ValidationError) as info:
        services.vision_start(actor=cast.leader, course=cast.course)
    assert info.value.messages == [services.IN_MAKING.format(version=1)]


def test_a_vision_with_an_empty_section_cannot_be_put_forward(cast):
    vision = services.vision_start(actor=cast.leader, course=cast.course)
    vision = services.vision_section_save(actor=cast.leader, vision=vision, section="profile", text="Engineers.")
    with pytest.raises(ValidationError) as info:
        services.vision_propose(actor=cast.leader, vision=vision)
    assert "Needs analysis" in info.value.messages[0] and "Stackability" in info.value.messages[0]
    assert not Decision.objects.filter(course=cast.course).exists()


def test_changing_a_proposed_vision_revises_its_decision_and_resets_positions(cast):
    vision = make_vision(cast.course)
    decision = services.vision_propose(actor=cast.leader, vision=vision)
    consent_record(actor=cast.leader, decision=decision, institution=cast.course.lead_institution, position="consent")
    services.vision_section_save(actor=cast.leader, vision=vision, section="learners", text="Working engineers.")
    decision.refresh_from_db()
    assert decision.version == 2
    assert not Consent.objects.filter(decision=decision, version=2).exists()


def test_comments_are_kept_per_section_with_the_commenters_institution(cast):
    vision = make_vision(cast.course)
    comment = services.vision_comment_add(actor=cast.partner, vision=vision, section="relation", text="Reuse our MOOC.")
    assert comment.institution == cast.partner.memberships.get(course=cast.course).institution
    with pytest.raises(ValidationError) as info:
        services.vision_comment_add(actor=cast.partner, vision=vision, section="relation", text="   ")
    assert info.value.message_dict == {"text": [str(services.COMMENT_REQUIRED)]}
    with pytest.raises(ValidationError) as info:
        services.vision_comment_add(actor=cast.partner, vision=vision, section="../etc", text="Hi")
    assert "section" in info.value.message_dict
    assert VisionComment.objects.count() == 1


def test_the_difference_between_versions_marks_removed_and_added_words(cast):
    old = adopt_vision(cast.course)
    new = services.vision_start(actor=cast.leader, course=cast.course)
    new = services.vision_section_save(
        actor=cast.leader, vision=new, section="learners", text="Working <b>engineers</b> and technicians."
    )
    diffs = {d.label: d for d in vision_diff(old=old, new=new)}
    learners = diffs["Learner characteristics"]
    assert learners.changed and not diffs["Stackability"].changed
    assert "<ins>" in learners.html and "<del>" in learners.html
    assert "&lt;b&gt;engineers&lt;/b&gt;" in learners.html  # escaped, never markup


def test_the_leader_drafts_partners_comment_in_the_browser(client, cast):
    client.force_login(cast.leader)
    response = client.post(reverse("governance:vision_start", args=[cast.course.slug]))
    assert response.status_code == 302
    vision = VisionVersion.objects.get(course=cast.course)
    url = reverse("governance:section_edit", args=[cast.course.slug, 1, "needs_analysis"])
    assert client.post(url, {"section-text": "Grid operators lack planners."}).status_code == 302
    too_long = client.post(url, {"section-text": "x" * 10_001})
    assert too_long.status_code == 400
    assert "at most 10000 characters" in too_long.content.decode()
    client.force_login(cast.partner)
    comment_url = reverse("governance:comment", args=[cast.course.slug, 1, "needs_analysis"])
    assert client.post(comment_url, {"comment-text": "Add the heating sector."}).status_code == 302
    empty = client.post(comment_url, {"comment-text": ""})
    assert empty.status_code == 400
    page = client.get(vision.get_absolute_url()).content.decode()
    assert "Grid operators lack planners." in page and "Add the heating sector." in page


def test_putting_forward_an_incomplete_vision_says_what_is_missing(client, cast):
    services.vision_start(actor=cast.leader, course=cast.course)
    client.force_login(cast.leader)
    response = client.post(reverse("governance:vision_propose", args=[cast.course.slug, 1]))
    assert response.status_code == 400
    assert "Write every section before putting the vision forward" in response.content.decode()


def test_the_vision_decision_cannot_be_revised_by_hand(client, cast):
    decision = services.vision_propose(actor=cast.leader, vision=make_vision(cast.course))
    client.force_login(cast.leader)
    url = reverse("quality:decision_revise", args=[cast.course.slug, decision.pk])
    assert client.post(url, {"revise-title": "X", "revise-text": "Y"}).status_code == 403


@pytest.mark.parametrize("query", ["", "?old=1", "?old=1&new=1", "?old=a&new=2", "?old=1&new=99", "?old=-1&new=2"])
def test_comparing_odd_versions_says_what_is_wrong(client, cast, query):
    adopt_vision(cast.course)
    services.vision_start(actor=cast.leader, course=cast.course)
    client.force_login(cast.partner)
    response = client.get(reverse("governance:vision_compare", args=[cast.course.slug]) + query)
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.content.decode() or "alert-danger" in response.content.decode()


def test_comparing_two_versions_shows_the_changed_sections(client, cast):
    adopt_vision(cast.course)
    new = services.vision_start(actor=cast.leader, course=cast.course)
    services.vision_section_save(actor=cast.leader, vision=new, section="stackability", text="Stacks into a master.")
    client.force_login(cast.learner)
    response = client.get(reverse("governance:vision_compare", args=[cast.course.slug]) + "?old=1&new=2")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<ins>Stacks into a master.</ins>" in body
    assert "<del>Engineers need to plan the energy transition. (stackability)</del>" in body
