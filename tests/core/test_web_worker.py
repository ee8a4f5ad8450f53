"""A started web worker: pysaml2 (about 20 MB of a worker, with its XML schemas) only once somebody signs in with
SAML, and what it loaded at start frozen out of the garbage collector's way."""

import subprocess
import sys
from pathlib import Path

from django.template.loader import get_template
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]

STARTED_WORKER = """
import gc
import sys
import microcred.wsgi  # what gunicorn imports
from django.template.loader import get_template
from django.urls import resolve
view = resolve("/courses/").func  # made when the URLconf loaded: out of the collector's sight if loaded before
frozen = not any(o is view for o in gc.get_objects())
from django.template.loader import get_template
for name in ("base.html", "accounts/login.html", "attention/home.html"):
    get_template(name)  # the template engine starts with every tag library
import federation.backends, federation.oidc, federation.refusals, federation.views  # OIDC sign-in and logging out
print("saml2" in sys.modules, "xmlschema" in sys.modules, frozen)
"""


def test_a_worker_serving_pages_and_oidc_has_not_loaded_pysaml2_and_froze_what_it_loaded():
    done = subprocess.run(
        [sys.executable, "-c", STARTED_WORKER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "microcred.settings.test", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    saml2, xmlschema, frozen = done.stdout.split()
    assert (saml2, xmlschema) == ("False", "False")
    assert frozen == "True"  # the URLconfs and their views were loaded before the freeze


def test_the_identity_providers_posts_are_let_through_without_a_csrf_token_and_the_rest_are_not():
    # The CSRF middleware reads csrf_exempt from the URL's function before the SAML view is imported.
    assert resolve("/saml2/acs/").func.csrf_exempt is True
    assert resolve("/saml2/ls/post/").func.csrf_exempt is True
    assert resolve("/saml2/login/").func.csrf_exempt is False


def test_djangosaml2s_own_pages_are_found_without_it_being_an_installed_app():
    # Its views render these (the HTTP-POST binding form, its error pages); TEMPLATES["DIRS"] finds them.
    for name in ("post_binding_form", "login_error", "logout_error", "auth_error", "wayf"):
        assert get_template(f"djangosaml2/{name}.html").origin.name.endswith(f"djangosaml2/{name}.html")
