"""A web worker carries pysaml2 (about 45 MB with its XML schemas) only once somebody signs in with SAML."""

import subprocess
import sys
from pathlib import Path

from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]

STARTED_WORKER = """
import sys
import django
django.setup()
from django.template.loader import get_template
from django.urls import get_resolver
get_resolver().url_patterns  # every URLconf, as a worker's first request loads them
for name in ("base.html", "accounts/login.html", "attention/home.html"):
    get_template(name)  # the template engine starts with every tag library
import federation.backends, federation.oidc, federation.refusals, federation.views  # OIDC sign-in and logging out
print("saml2" in sys.modules, "xmlschema" in sys.modules)
"""


def test_a_worker_serving_pages_and_oidc_has_not_loaded_pysaml2():
    done = subprocess.run(
        [sys.executable, "-c", STARTED_WORKER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "microcred.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_the_identity_providers_posts_are_let_through_without_a_csrf_token_and_the_rest_are_not():
    # The CSRF middleware reads csrf_exempt from the URL's function before the SAML view is imported.
    assert resolve("/saml2/acs/").func.csrf_exempt is True
    assert resolve("/saml2/ls/post/").func.csrf_exempt is True
    assert resolve("/saml2/login/").func.csrf_exempt is False
