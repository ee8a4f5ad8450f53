"""Each export checked field by field against the profile; an incomplete profile gives the list, never a file."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from credentials.exports import badges, dossier, elm, jsonld
from credentials.exports.common import ProfileIncomplete
from credentials.selectors import profile_state

pytestmark = pytest.mark.django_db


def test_elm_carries_every_element_of_the_profile(complete):
    doc = elm.build(complete)
    state = profile_state(course=complete)
    assert doc["@context"] == "http://data.europa.eu/snb/model/context/edc-ap"
    assert doc["type"] == "LearningAchievementSpecification"
    assert doc["id"] == settings.SITE_URL + reverse("credentials:elm", args=[complete.slug])
    assert doc["title"] == {"en": complete.title, "de": "Nachhaltige Energiesysteme"}
    assert doc["description"]["de"] == "Ein gemeinsamer Kurs."
    assert [o["title"] for o in doc["learningOutcome"]] == [
        {"en": o.text, "de": o.translations["de"]} for o in state.outcomes
    ]
    assert doc["learningOutcome"][0]["relatedESCOSkill"][0]["id"] == state.outcomes[0].esco_uri
    assert "relatedESCOSkill" not in doc["learningOutcome"][1]
    assert doc["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/6"
    assert doc["creditPoint"][0]["point"] == "5"
    assert doc["creditPoint"][0]["framework"]["id"] == elm.ECTS
    assert doc["volumeOfLearning"] == "PT140H"
    assert doc["mode"][0]["id"] == elm.MODES[complete.delivery_mode]
    assert [lang["id"] for lang in doc["language"]] == [
        "http://publications.europa.eu/resource/authority/language/ENG",
        "http://publications.europa.eu/resource/authority/language/DEU",
    ]
    assert doc["ISCEDFCode"][0]["id"] == "http://data.europa.eu/snb/isced-f/071"
    assert doc["entryRequirement"]["noteLiteral"] == {"en": "A bachelor's degree in engineering."}
    bodies = doc["awardingOpportunity"][0]["awardingBody"]
    assert [b["legalName"]["en"] for b in bodies] == [i.name for i in state.awarding_institutions]
    country = state.awarding_institutions[0].country
    assert bodies[0]["location"][0]["address"][0]["countryCode"]["id"].endswith("/" + country.alpha3)
    assert doc["provenBy"][0]["title"] == {"en": "Project; Written exam"}
    assert doc["provenBy"][0]["gradingScheme"]["title"] == {"en": "Numeric scale from 1 to 10, pass mark 5.5"}


def test_elm_names_the_alliance_the_awarding_bodies_belong_to(complete):
    from tests.factories.teams import NetworkFactory

    alliance = NetworkFactory(name="EURIDICE")
    for institution in profile_state(course=complete).awarding_institutions:
        institution.networks.add(alliance)
    doc = elm.build(complete)
    (group,) = doc["@included"]
    assert group["type"] == "Group" and group["prefLabel"] == {"en": "EURIDICE"}
    body_ids = [b["id"] for b in doc["awardingOpportunity"][0]["awardingBody"]]
    assert [m["id"] for m in group["member"]] == body_ids


def test_elm_ids_are_stable_between_exports(complete):
    assert elm.build(complete) == elm.build(complete)


def test_badge_is_an_open_badges_microcredential_achievement(complete):
    doc = badges.build(complete)
    state = profile_state(course=complete)
    assert doc["@context"] == [jsonld.VC_V2, jsonld.OB_V3]
    assert doc["type"] == ["Achievement"]
    assert doc["achievementType"] == "MicroCredential"
    assert doc["name"] == [
        {"@value": complete.title, "@language": "en"},
        {"@value": "Nachhaltige Energiesysteme", "@language": "de"},
    ]
    assert doc["inLanguage"] == "en"
    assert doc["creditsAvailable"] == 5.0
    assert doc["fieldOfStudy"] == "Engineering and engineering trades"
    assert doc["creator"]["name"] == complete.lead_institution.name
    assert doc["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": [
                {"@value": state.outcomes[0].text, "@language": "en"},
                {"@value": state.outcomes[0].translations["de"], "@language": "de"},
            ],
            "targetUrl": state.outcomes[0].esco_uri,
            "targetFramework": "ESCO",
            "targetType": "ceasn:Competency",
        }
    ]
    narrative = doc["criteria"]["narrative"]
    assert all(o.text in narrative for o in state.outcomes)
    assert "Project (60%)" in narrative and "Digital badge" in narrative and "80%" in narrative


def test_badge_expands_offline_with_every_term_defined(complete):
    doc = badges.build(complete)
    expanded = jsonld.expand(doc)
    vocab = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
    node = expanded[0]
    assert node["@type"] == [vocab + "Achievement"]
    assert node[vocab + "achievementType"][0]["@value"] == "MicroCredential"
    assert node[vocab + "creditsAvailable"][0]["@value"] == 5.0
    assert jsonld.undefined_terms(doc) == []


def test_badge_name_and_description_carry_every_language_and_expand_as_tagged_strings(complete):
    doc = badges.build(complete)
    state = profile_state(course=complete)
    assert not complete.summary  # in English the outcomes describe it; in German its summary does
    assert doc["description"] == [
        {"@value": "; ".join(o.text for o in state.outcomes), "@language": "en"},
        {"@value": "Ein gemeinsamer Kurs.", "@language": "de"},
    ]
    node = jsonld.expand(doc)[0]
    names = {(v["@language"], v["@value"]) for v in node["https://schema.org/name"]}
    assert names == {("en", complete.title), ("de", "Nachhaltige Energiesysteme")}
    descriptions = {v["@language"] for v in node["https://schema.org/description"]}
    assert descriptions == {"en", "de"}
    (alignment,) = node["https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment"]
    outcome_names = {(v["@language"], v["@value"]) for v in alignment["https://schema.org/targetName"]}
    assert outcome_names == {("en", state.outcomes[0].text), ("de", state.outcomes[0].translations["de"])}
    assert jsonld.undefined_terms(doc) == []


def test_badge_of_a_one_language_course_has_plain_strings(complete):
    from credentials.models import CredentialProfile
    from teams.models import Course

    Course.objects.filter(pk=complete.pk).update(languages=["en"])
    CredentialProfile.objects.filter(course=complete).update(title_translations={}, summary_translations={})
    complete.refresh_from_db()
    doc = badges.build(complete)
    state = profile_state(course=complete)
    assert doc["name"] == complete.title
    assert doc["description"] == "; ".join(o.text for o in state.outcomes)
    assert doc["alignment"][0]["targetName"] == state.outcomes[0].text
    assert jsonld.undefined_terms(doc) == []


def test_elm_tags_the_apps_own_wording_with_the_language_it_is_worded_in(complete):
    from django.utils import translation

    from credentials.models import CredentialProfile

    CredentialProfile.objects.filter(course=complete).update(primary_language="de", title_translations={"en": "Energy"})
    with translation.override("en"):
        doc = elm.build(complete)
    assert set(doc["provenBy"][0]["gradingScheme"]["title"]) == {"en"}
    assert {next(iter(n["noteLiteral"])) for n in doc["additionalNote"]} == {"en"}
    assert set(doc["provenBy"][0]["title"]) == {"de"}  # the team's own words, in the profile's main language


def test_validation_catches_a_term_the_context_does_not_define(complete):
    doc = badges.build(complete)
    doc["creditsOffered"] = 5
    with pytest.raises(badges.InvalidAchievement, match="creditsOffered"):
        badges.validate(doc)
    del doc["creditsOffered"]
    del doc["criteria"]
    with pytest.raises(badges.InvalidAchievement, match="criteria"):
        badges.validate(doc)


def test_the_document_loader_never_fetches_from_the_network():
    with pytest.raises(jsonld.ContextNotShipped):
        jsonld.document_loader("https://example.org/context.json")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_dossier_pdf_holds_the_profile_team_plan_support_rules_and_qa(complete, tmp_path):
    lead, partner = profile_state(course=complete).awarding_institutions
    lead.schac_home_organisation, lead.erasmus_code, lead.pic, lead.ror_id = (
        "uni.example",
        "D  EXAMPLE01",
        "999999999",
        "05f950310",
    )
    lead.save()
    pdf = dossier.render(complete)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    state = profile_state(course=complete)
    for expected in [
        complete.title,
        "Nachhaltige Energiesysteme",
        *[o.text for o in state.outcomes],
        "Numeric scale from 1 to 10",
        "Surveys after every edition.",
        "MSc Energy Engineering",
        complete.lead_institution.name,
        "Page 1 /",
        "Awarding bodies and their identifiers",
        "SCHAC home organisation: uni.example",
        "Erasmus code: D EXAMPLE01",
        "PIC: 999999999",
        "ROR id: 05f950310",
        f"{partner.name} {partner.country.name} No identifier recorded",
    ]:
        assert expected in " ".join(text.split()), expected
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


@pytest.mark.parametrize("builder", [elm.build, badges.build, dossier.render])
def test_an_incomplete_profile_builds_nothing_and_says_what_is_missing(cast, builder):
    with pytest.raises(ProfileIncomplete) as refused:
        builder(cast.course)
    keys = {e.key for e in refused.value.missing}
    assert keys == {"countries", "awarding", "outcomes", "workload", "level", "assessment", "participation",
                    "quality_assurance"}  # fmt: skip


@pytest.mark.parametrize("name", ["elm", "badge", "dossier"])
def test_download_of_an_incomplete_profile_lists_the_missing_elements(cast, name):
    client = Client()
    client.force_login(cast.leader)
    response = client.get(reverse(f"credentials:{name}", args=[cast.course.slug]))
    assert response.status_code == 409
    assert "Content-Disposition" not in response
    body = response.content.decode()
    assert "8 mandatory elements are missing" in body
    assert reverse("quality:examination", args=[cast.course.slug]) in body


@pytest.mark.parametrize(
    ("name", "content_type", "check"),
    [
        ("elm", "application/ld+json", lambda body: json.loads(body)["type"] == "LearningAchievementSpecification"),
        ("badge", "application/ld+json", lambda body: json.loads(body)["achievementType"] == "MicroCredential"),
        ("dossier", "application/pdf", lambda body: body.startswith(b"%PDF")),
    ],
)
def test_downloads_are_attachments_at_stable_addresses(complete, cast, name, content_type, check):
    client = Client()
    client.force_login(cast.partner)
    response = client.get(f"/courses/{complete.slug}/credential/" + {"elm": "elm.jsonld", "badge": "achievement.json",
                                                                      "dossier": "dossier.pdf"}[name])  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert check(response.content)
