from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView


def healthz(request):
    """Liveness probe, and the benchmark's trivial view (the framework's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="teams:dashboard", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("reminders/", include("reminders.urls")),
    path("", include("teams.urls")),
    path("", include("phases.urls")),
    path("", include("support.urls")),
    path("", include("quality.urls")),
    path("", include("governance.urls")),
    path("", include("documents.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
