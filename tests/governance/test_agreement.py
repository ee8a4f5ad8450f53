"""The consortium agreement's content: each checklist item addressed, each institution's sign-off, what is missing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import ClauseItem
from governance.selectors.agreement import consortium_overview
from governance.services import agreement as services
from support.models import Agreement, AgreementSignature
from support.services.specifics import agreement_add, signature_save

pytestmark = pytest.mark.django_db


def test_the_overview_says_which_items_and_signatures_are_missing(cast):
    agreement = services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    services.clause_save(actor=cast.leader, agreement=agreement, item="finance", text="Income shared by ECTS taught.")
    services.clause_save(actor=cast.leader, agreement=agreement, item="language", document_reference="Annex 2, art. 4")
    overview = consortium_overview(course=cast.course)
    assert len(overview.missing_items) == len(ClauseItem.values) - 2
    assert {i.pk for i in overview.missing_signatures} == {p.institution_id for p in cast.course.partnerships.all()}
    assert not overview.complete


def test_an_item_needs_text_or_a_document_to_count(cast):
    agreement = services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    services.clause_save(actor=cast.leader, agreement=agreement, item="admission", text="   ")
    assert "admission" in {row.key for row in consortium_overview(course=cast.course).missing_items}


def test_signed_content_is_frozen(cast):
    agreement = services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    signature_save(actor=cast.leader, agreement=agreement, institution=cast.course.lead_institution,
                   status=AgreementSignature.Status.SIGNED, signed_on=date.today())  # fmt: skip
    with pytest.raises(ValidationError) as info:
        services.clause_save(actor=cast.leader, agreement=agreement, item="finance", text="Changed after signing.")
    assert cast.course.lead_institution.name in info.value.messages[0]


def test_only_a_consortium_agreement_has_the_checklist(cast):
    other = agreement_add(actor=cast.leader, course=cast.course, kind=Agreement.Kind.MOBILITY, title="Mobility")
    with pytest.raises(ValidationError):
        services.clause_save(actor=cast.leader, agreement=other, item="finance", text="x")
    services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    with pytest.raises(ValidationError):
        services.consortium_agreement_start(actor=cast.leader, course=cast.course)


def test_the_leader_addresses_an_item_in_the_browser(client, cast):
    services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    client.force_login(cast.leader)
    url = reverse("governance:clause_edit", args=[cast.course.slug, "mobility"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"clause-text": "Virtual mobility only."}).status_code == 302
    too_long = client.post(url, {"clause-text": "x", "clause-document_reference": "y" * 301})
    assert too_long.status_code == 400
    assert client.post(reverse("governance:clause_edit", args=[cast.course.slug, "nonsense"])).status_code == 404
    client.force_login(cast.qa)
    page = client.get(reverse("governance:agreement", args=[cast.course.slug])).content.decode()
    assert "Virtual mobility only." in page and "Still missing" in page


def test_a_course_without_an_agreement_invites_the_leader_to_start_one(client, cast):
    client.force_login(cast.leader)
    url = reverse("governance:agreement", args=[cast.course.slug])
    assert "Start the consortium agreement" in client.get(url).content.decode()
    assert client.post(reverse("governance:agreement_start", args=[cast.course.slug])).status_code == 302
    assert Agreement.objects.filter(course=cast.course, kind="consortium").count() == 1
    assert client.post(reverse("governance:agreement_start", args=[cast.course.slug])).status_code == 400
    # no agreement on the other course: its item page is not found for its own leader either
    client.force_login(cast.admin)
    assert client.get(reverse("governance:clause_edit", args=[cast.other_course.slug, "mobility"])).status_code == 404
