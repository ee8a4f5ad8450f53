"""schacHomeOrganization matched to an institution's SCHAC code verifies the affiliation (the trust work's
Affiliation model); eduPersonScopedAffiliation says what the person is there."""

import pytest

from accounts.models import User
from federation.schac import affiliation_kind
from teams.models import Affiliation
from tests.factories.teams import InstitutionFactory
from tests.federation.idp import person
from tests.federation.test_oidc import sign_in


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["faculty@uni.example", "member@uni.example"], "faculty"),
        (["member@uni.example", "staff@uni.example"], "staff"),
        (["employee@uni.example"], "staff"),
        (["student@uni.example"], "student"),
        (["member@uni.example"], "affiliate"),
        (["faculty@other.example"], None),
        (["Faculty@UNI.example"], "faculty"),
        ([], None),
        (["faculty"], None),
    ],
)
def test_the_strongest_affiliation_within_the_home_organisation_counts(values, kind):
    assert affiliation_kind(scoped_affiliations=values, home="uni.example") == kind


@pytest.mark.django_db
def test_a_saml_sign_in_verifies_the_affiliation_with_the_matching_institution(client, saml):
    leuvenheim = InstitutionFactory(schac_home_organisation="leuvenheim.example")
    saml.sign_in(client)
    user = User.objects.get(email="ada.lovelace@leuvenheim.example")
    affiliation = Affiliation.objects.get(user=user)
    assert (affiliation.institution, affiliation.kind, affiliation.method) == (
        leuvenheim, Affiliation.Kind.FACULTY, Affiliation.Method.FEDERATION,
    )  # fmt: skip
    assert user.home_institution == leuvenheim


@pytest.mark.django_db
def test_a_home_organisation_outside_the_identity_providers_scopes_verifies_nothing(client, saml):
    InstitutionFactory(schac_home_organisation="gdynia.example")
    saml.sign_in(client, attributes=person(schacHomeOrganization=["gdynia.example"],
                                           eduPersonScopedAffiliation=["staff@gdynia.example"]))  # fmt: skip
    assert User.objects.filter(email="ada.lovelace@leuvenheim.example").exists()
    assert not Affiliation.objects.exists()


@pytest.mark.django_db
def test_an_oidc_sign_in_verifies_the_affiliation_from_the_configured_claims(client, oidc):
    leuvenheim = InstitutionFactory(schac_home_organisation="leuvenheim.example")
    sign_in(client, oidc)
    affiliation = Affiliation.objects.get()
    assert (affiliation.institution, affiliation.kind) == (leuvenheim, Affiliation.Kind.STAFF)


@pytest.mark.django_db
def test_a_student_is_affiliated_but_does_not_get_a_home_institution(client, saml):
    uni = InstitutionFactory(schac_home_organisation="leuvenheim.example")
    saml.sign_in(client, attributes=person(eduPersonScopedAffiliation=["student@leuvenheim.example"]))
    user = User.objects.get(email="ada.lovelace@leuvenheim.example")
    assert Affiliation.objects.get(user=user, institution=uni).kind == Affiliation.Kind.STUDENT
    assert user.home_institution is None


@pytest.mark.django_db
def test_no_institution_with_that_schac_code_records_nothing(client, saml):
    InstitutionFactory(schac_home_organisation="elsewhere.example")
    saml.sign_in(client)
    assert not Affiliation.objects.exists()
