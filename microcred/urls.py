from django.contrib import admin
from django.urls import include, path

from core.health import healthz, readyz
from core.views import favicon

urlpatterns = [
    path("", include("attention.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("saml2/", include("federation.saml_urls")),
    path("federation/", include("federation.urls")),
    path("reminders/", include("reminders.urls")),
    path("calendars/", include("calendars.urls")),
    path("notices/", include("digests.urls")),
    path("api/v1/", include("api.urls")),
    path("api/tokens/", include("api.token_urls")),
    path("", include("teams.urls")),
    path("", include("phases.urls")),
    path("", include("support.urls")),
    path("", include("quality.urls")),
    path("", include("credentials.urls")),
    path("", include("governance.urls")),
    path("", include("documents.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
