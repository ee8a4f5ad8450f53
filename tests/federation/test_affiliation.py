"""schacHomeOrganization matched to an institution's SCHAC code verifies the affiliation (the trust work's
Affiliation model); eduPersonScopedAffiliation says what the person is there."""

import pytest

from accounts.models import User
from federation.schac import affiliation_kind, affiliations_supported
from tests.federation.idp import person

needs_affiliations = pytest.mark.skipif(
    not affiliations_supported(), reason="teams.Institution.schac_home_organisation has not landed yet"
)


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["faculty@uni.example", "member@uni.example"], "FACULTY"),
        (["member@uni.example", "staff@uni.example"], "STAFF"),
        (["employee@uni.example"], "STAFF"),
        (["student@uni.example"], "STUDENT"),
        (["member@uni.example"], "AFFILIATE"),
        (["faculty@other.example"], None),
        (["Faculty@UNI.example"], "FACULTY"),
        ([], None),
        (["faculty"], None),
    ],
)
def test_the_strongest_affiliation_within_the_home_organisation_counts(values, kind):
    assert affiliation_kind(scoped_affiliations=values, home="uni.example") == kind


@needs_affiliations
@pytest.mark.django_db
def test_a_saml_sign_in_verifies_the_affiliation_with_the_matching_institution(client, saml):
    from teams.models import Affiliation
    from tests.factories.teams import InstitutionFactory

    leuvenheim = InstitutionFactory(schac_home_organisation="leuvenheim.example")
    saml.sign_in(client)
    user = User.objects.get(email="ada.lovelace@leuvenheim.example")
    affiliation = Affiliation.objects.get(user=user)
    assert (affiliation.institution, affiliation.kind, affiliation.method) == (
        leuvenheim, Affiliation.Kind.FACULTY, Affiliation.Method.FEDERATION,
    )  # fmt: skip
    assert user.home_institution == leuvenheim


@needs_affiliations
@pytest.mark.django_db
def test_a_home_organisation_outside_the_identity_providers_scopes_verifies_nothing(client, saml):
    from teams.models import Affiliation
    from tests.factories.teams import InstitutionFactory

    InstitutionFactory(schac_home_organisation="gdynia.example")
    saml.sign_in(client, attributes=person(schacHomeOrganization=["gdynia.example"],
                                           eduPersonScopedAffiliation=["staff@gdynia.example"]))  # fmt: skip
    assert User.objects.filter(email="ada.lovelace@leuvenheim.example").exists()
    assert not Affiliation.objects.exists()


@needs_affiliations
@pytest.mark.django_db
def test_an_oidc_sign_in_verifies_the_affiliation_from_the_configured_claims(client, oidc):
    from teams.models import Affiliation
    from tests.factories.teams import InstitutionFactory
    from tests.federation.test_oidc import sign_in

    leuvenheim = InstitutionFactory(schac_home_organisation="leuvenheim.example")
    sign_in(client, oidc)
    affiliation = Affiliation.objects.get()
    assert (affiliation.institution, affiliation.kind) == (leuvenheim, Affiliation.Kind.STAFF)
