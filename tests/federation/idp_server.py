"""The test identity provider served over HTTP, for the browser: a sign-in page, then a form back to the ACS."""

from __future__ import annotations

import html
import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from tests.federation.idp import TestIdP


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _page(title: str, body: str) -> list[bytes]:
    return [f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>{body}</body></html>".encode()]


class IdPServer:
    """Serves ``idp`` on ``port``: GET /sso/redirect shows the sign-in page, POST /sso/login answers the SP."""

    def __init__(self, idp: TestIdP, port: int) -> None:
        self.idp = idp
        self.pending: dict[str, tuple] = {}
        self.httpd = make_server("localhost", port, self.app, _Server, _Quiet)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> IdPServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def app(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/sso/redirect":
            url = f"{self.idp.entity_id}{path}?{environ['QUERY_STRING']}"
            request, relay_state = self.idp.receive(url)
            self.pending[request.id] = (request, relay_state)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return _page("Leuvenheim sign-in", (
                "<h1>University of Leuvenheim – sign in</h1>"
                "<form method='post' action='/sso/login'>"
                f"<input type='hidden' name='request' value='{html.escape(request.id)}'>"
                "<button type='submit'>Sign in at Leuvenheim</button></form>"
            ))  # fmt: skip
        if path == "/sso/login" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(size).decode())
            request, relay_state = self.pending.pop(form["request"][0])
            saml_response = self.idp.respond(request)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return _page("Leuvenheim sign-in", (
                f"<form method='post' action='{html.escape(request.assertion_consumer_service_url)}'>"
                f"<input type='hidden' name='SAMLResponse' value='{saml_response}'>"
                f"<input type='hidden' name='RelayState' value='{html.escape(relay_state)}'>"
                "<button type='submit'>Continue to microcred</button></form>"
            ))  # fmt: skip
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
