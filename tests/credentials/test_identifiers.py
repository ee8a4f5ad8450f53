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
