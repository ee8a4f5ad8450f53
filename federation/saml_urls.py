"""djangosaml2's URL names (its views reverse them), served by our subclasses where we refuse or remember.

Each view is imported at its first request: pysaml2 and its XML schemas otherwise load into every web worker,
whether or not anybody signs in with SAML (the bench's peak worker: 152 MB with them, 133 MB without).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.module_loading import import_string


def _on_first_request(dotted: str, *, csrf_exempt: bool = False) -> Callable[..., HttpResponse]:
    """The class-based view at ``dotted``, imported when it is first asked for. ``csrf_exempt`` must say what the
    view's own dispatch says (a POST from an identity provider carries no CSRF token): the CSRF middleware reads
    it from this function before the view is imported."""

    @functools.cache
    def loaded() -> Callable[..., HttpResponse]:
        return import_string(dotted).as_view()

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return loaded()(request, *args, **kwargs)

    view.csrf_exempt = csrf_exempt  # type: ignore[attr-defined]
    return view


urlpatterns = [
    path("login/", _on_first_request("federation.saml_views.SamlLoginView"), name="saml2_login"),
    path("acs/", _on_first_request("federation.saml_views.SamlAcsView", csrf_exempt=True), name="saml2_acs"),
    path("logout/", _on_first_request("djangosaml2.views.LogoutInitView"), name="saml2_logout"),
    path("ls/", _on_first_request("djangosaml2.views.LogoutView", csrf_exempt=True), name="saml2_ls"),
    path("ls/post/", _on_first_request("djangosaml2.views.LogoutView", csrf_exempt=True), name="saml2_ls_post"),
    path("metadata/", _on_first_request("djangosaml2.views.MetadataView"), name="saml2_metadata"),
]
