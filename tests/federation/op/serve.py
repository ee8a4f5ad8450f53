"""Start the test OpenID provider: migrate its own database, add a client and two people, serve on a port."""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.federation.op.settings")


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    User.objects.create_user("grace", "grace.hopper@leuvenheim.example", "op-password", first_name="Grace",
                             last_name="Hopper")  # fmt: skip
    User.objects.create_user("unverified", "mallory@leuvenheim.example", "op-password", first_name="Mal",
                             last_name="Lory")  # fmt: skip
    Application.objects.create(
        name="microcred", client_id="microcred", client_secret="microcred-secret", hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OP_REDIRECT_URIS"], algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )  # fmt: skip
    server = make_server("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), ThreadingServer, QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
