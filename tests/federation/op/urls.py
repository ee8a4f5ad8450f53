"""The provider's URLs, with a token endpoint a test can make misbehave (tamper modes) and a control endpoint."""

import json
import os
from pathlib import Path

import jwt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application
from oauth2_provider.views import TokenView

CONTROL = Path(os.environ["OP_CONTROL_FILE"])


def _mode() -> str:
    return CONTROL.read_text().strip() if CONTROL.exists() else ""


class MisbehavingTokenView(TokenView):
    """DOT's token endpoint; in a tamper mode the ID token is changed and signed again, as a bad provider would."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        mode = _mode()
        if response.status_code != 200 or not mode:
            return response
        body = json.loads(response.content)
        header = jwt.get_unverified_header(body["id_token"])
        claims = jwt.decode(body["id_token"], options={"verify_signature": False})
        key = settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"]
        if mode == "issuer":
            claims["iss"] = "https://impostor.example/o"
        elif mode == "audience":
            claims["aud"] = "another-client"
        elif mode == "nonce":
            claims["nonce"] = "not-the-nonce-that-was-sent"
        elif mode == "signature":
            key = Path(os.environ["OP_ROGUE_KEY_FILE"]).read_text()
        body["id_token"] = jwt.encode(claims, key, algorithm="RS256", headers={"kid": header["kid"]})
        return HttpResponse(json.dumps(body), content_type="application/json")


@csrf_exempt
def control(request):
    """The test sets the tamper mode and the redirect URIs the client may use."""
    CONTROL.write_text(request.POST.get("mode", ""))
    if request.POST.get("redirect_uris"):
        Application.objects.filter(client_id="microcred").update(redirect_uris=request.POST["redirect_uris"])
    return HttpResponse("ok")


urlpatterns = [
    path("o/token/", csrf_exempt(MisbehavingTokenView.as_view())),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("control/", control),
]
