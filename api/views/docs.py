"""The API reference page: Redoc from our own static files (drf-spectacular-sidecar), no CDN, no web fonts."""

from __future__ import annotations

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView
from rest_framework.permissions import AllowAny


# Redoc renders with styled-components, which writes <style> elements at run time, and parses the document in
# a worker made from a blob: URL; this page alone allows both.
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}), name="get")
class ReferenceView(SpectacularRedocView):
    template_name = "api/redoc.html"
    permission_classes = [AllowAny]
    url_name = "api:schema"
