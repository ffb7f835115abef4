"""A real HTTP server on loopback that records requests and answers as told.

Stands in for DeepL and LibreTranslate: the code under test sends real HTTP
requests through ``requests``, so the tests see exactly what goes over the wire.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


#: (request) -> (status, JSON-serialisable answer)
Responder = Callable[[RecordedRequest], tuple[int, object]]


class RecordingServer:
    """Use as a context manager; ``url`` is its base address."""

    def __init__(self, responder: Responder):
        self.responder = responder
        self.requests: list[RecordedRequest] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = RecordedRequest(
                    self.command,
                    self.path,
                    {key.lower(): value for key, value in self.headers.items()},
                    self.rfile.read(length),
                )
                server.requests.append(request)
                status, answer = server.responder(request)
                body = b"" if status == 204 else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def to(self, method: str, path: str) -> list[RecordedRequest]:
        """The recorded requests of ``method`` whose path starts with ``path``."""
        return [
            r for r in self.requests if r.method == method and r.path.startswith(path)
        ]
