"""A real HTTP server on 127.0.0.1 whose routes each test sets, with faults on demand.

    site.route("/a", body="<html>…</html>")                  a fixed page
    site.route("/b", status=500, then=dict(body="ok"))       500 once, then 200
    site.route("/c", handler=lambda request: ...)            anything else

``site.hits[path]`` counts requests, ``site.requests`` keeps (path, headers),
``site.posted`` the bodies POSTed, as (path, content type, body) (a webhook
receiver), ``site.max_in_flight`` the most requests served at once, ``site.max_delaying`` the most
at once inside their reply's delay (the server at work, not a reply's last bytes).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    length: int | None = None  # a Content-Length that lies (truncated body)
    chunks: Iterator[bytes] | None = None  # streamed without a Content-Length


class Site:
    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, list[Reply] | Callable[[BaseHTTPRequestHandler], Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posted: list[tuple[str, str, bytes]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.delaying = 0  # requests inside their reply's delay: the server "at work"
        self.max_delaying = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(
        self,
        path: str,
        *replies: Reply,
        handler: Callable[[BaseHTTPRequestHandler], Reply] | None = None,
        **reply: Any,
    ) -> str:
        """Serve ``replies`` in turn (the last one repeats), or call ``handler``."""
        if handler is not None:
            self.routes[path] = handler
        else:
            self.routes[path] = list(replies) or [Reply(**reply)]
        return self.url(path)

    def _reply(self, request: BaseHTTPRequestHandler) -> Reply:
        path = request.path
        with self._lock:
            self.hits[path] += 1
            self.requests.append((path, dict(request.headers.items())))
            route = self.routes.get(path)
            if route is None:
                return Reply(404, b"not found", content_type="text/plain")
            if callable(route):
                return route(request)
            return route.pop(0) if len(route) > 1 else route[0]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with site._lock:
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    self._serve(site._reply(self))
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site._lock:
                        site.in_flight -= 1

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                reply = site._reply(self)
                if reply.status < 300:
                    with site._lock:
                        site.posted.append((self.path, self.headers.get("Content-Type", ""), body))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._serve(reply)

            def _serve(self, reply: Reply) -> None:
                if reply.delay:
                    with site._lock:
                        site.delaying += 1
                        site.max_delaying = max(site.max_delaying, site.delaying)
                    time.sleep(reply.delay)
                    with site._lock:
                        site.delaying -= 1
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.chunks is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in reply.chunks:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(reply.length or len(body)))
                if reply.length is not None:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def start(self) -> Site:
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
