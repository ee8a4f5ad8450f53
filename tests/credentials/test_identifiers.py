"""Awarding bodies carry the identifiers European systems know them by, where the institution records them."""

from types import SimpleNamespace

import pytest
from django_countries.fields import Country

from credentials.exports import elm
from credentials.exports.common import institution_identifiers


def institution(**identifiers):
    fields = {"schac_home_organisation": "", "erasmus_code": "", "pic": "", "ror_id": "", **identifiers}
    return SimpleNamespace(pk=7, name="University of Leuvenheim", short_name="ULV", country=Country("BE"), **fields)


def test_each_recorded_identifier_becomes_an_elm_identifier_with_its_scheme():
    node = elm.organisation(
        institution(schac_home_organisation="leuvenheim.be", erasmus_code="B  LEUVENH01", pic="999999999"),
        lang="en",
    )
    assert [(i["schemeName"], i["notation"]) for i in node["identifier"]] == [
        ("SCHAC", "leuvenheim.be"),
        ("Erasmus", "B  LEUVENH01"),
        ("PIC", "999999999"),
    ]
    assert node["legalName"] == {"en": "University of Leuvenheim"}
    assert node["location"][0]["address"][0]["countryCode"]["id"].endswith("/country/BEL")


def test_an_institution_without_identifiers_is_named_by_its_urn_only():
    assert institution_identifiers(institution()) == []
    assert "identifier" not in elm.organisation(institution(), lang="en")
    assert elm.organisation(institution(), lang="en")["id"].startswith("urn:uuid:")


@pytest.mark.django_db
def test_the_badge_creator_carries_the_lead_institutions_identifiers(complete):
    from credentials.exports import badges

    lead = complete.lead_institution
    lead.schac_home_organisation, lead.pic = "leuvenheim.example", "999999999"
    lead.save()
    creator = badges.build(complete)["creator"]
    assert creator["otherIdentifier"] == [
        {"type": ["IdentifierEntry"], "identifier": "leuvenheim.example", "identifierType": "ext:SCHAC"},
        {"type": ["IdentifierEntry"], "identifier": "999999999", "identifierType": "ext:PIC"},
    ]
    body = elm.build(complete)["awardingOpportunity"][0]["awardingBody"][0]
    assert [(i["schemeName"], i["notation"]) for i in body["identifier"]] == [
        ("SCHAC", "leuvenheim.example"),
        ("PIC", "999999999"),
    ]


def _identify(inst, erasmus: str, pic: str, ror: str) -> None:
    from teams.models import Institution

    Institution.objects.filter(pk=inst.pk).update(
        schac_home_organisation=f"{inst.short_name.lower()}.example.eu", erasmus_code=erasmus, pic=pic, ror_id=ror
    )


@pytest.mark.django_db
def test_profile_and_team_pages_show_the_awarding_bodies_identifiers_read_only(client, complete, cast):
    from django.urls import reverse

    _identify(complete.lead_institution, "B  LEUVENH01", "999870101", "0vkh7k206")
    from teams.models import Membership

    partner_institution = Membership.objects.get(course=complete, user=cast.partner).institution
    _identify(partner_institution, "PL GDYNIA05", "999870505", "0gdy4w669")
    client.force_login(cast.partner)
    page = client.get(reverse("credentials:profile", args=[complete.slug])).content.decode()
    awarding = page[page.index('id="awarding"') :]
    for value in ("B  LEUVENH01", "999870101", "0vkh7k206", "PL GDYNIA05", "999870505", "https://ror.org/0gdy4w669"):
        assert value in awarding
    assert f"{complete.lead_institution.short_name.lower()}.example.eu" in awarding
    assert 'name="erasmus_code"' not in page  # shown, never edited here (an administrator keeps them)

    client.force_login(cast.leader)
    team = client.get(reverse("teams:team", args=[complete.slug])).content.decode()
    assert "B  LEUVENH01" in team and "PL GDYNIA05" in team and "0gdy4w669" in team


@pytest.mark.django_db
def test_an_institution_without_identifiers_shows_none_on_the_profile(client, complete, cast):
    from django.urls import reverse

    client.force_login(cast.leader)
    page = client.get(reverse("credentials:profile", args=[complete.slug])).content.decode()
    assert "mc-institution-ids" not in page
