from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Releases the claims a university's provider would: verified e-mail, names, home organisation, affiliation."""

    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "schac_home_organization": "profile",
        "eduperson_scoped_affiliation": "profile",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.username.startswith("unverified"),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "schac_home_organization": "leuvenheim.example",
            "eduperson_scoped_affiliation": ["staff@leuvenheim.example"],
        }
