"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives.

    server = MailServer(tmp_path).start()                 plain SMTP
    MailServer(tmp_path, security="starttls").start()     STARTTLS required
    MailServer(tmp_path, security="tls").start()          TLS from the start
    MailServer(tmp_path, password="s3cret").start()       AUTH LOGIN/PLAIN as "rumour"

``server.messages`` holds the parsed emails, ``server.envelopes`` the SMTP
envelopes; ``refuse`` holds recipients to answer 550; ``stop()`` then
``start()`` again (same port) simulates an outage. ``server.ca_file`` is the
test CA that signed the server's certificate.
"""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "rumour"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        if address in self.server.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.server.envelopes.append(envelope)
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.server.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK: queued"


class MailServer:
    def __init__(
        self, directory: Path, *, security: str = "none", password: str | None = None
    ) -> None:
        self.security, self.password = security, password
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Any] = []
        self.refuse: set[str] = set()
        self.controller: Controller | None = None
        self.ca_file = directory / "test-ca.pem"
        self._context: ssl.SSLContext | None = None
        if security != "none":
            ca = trustme.CA()
            ca.cert_pem.write_to_path(str(self.ca_file))
            self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1", "localhost").configure_cert(self._context)

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:  # fmt: skip
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == USER
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535

    def start(self) -> MailServer:
        options: dict[str, Any] = {}
        if self.security == "starttls":
            options.update(tls_context=self._context, require_starttls=True)
        elif self.security == "tls":
            options.update(ssl_context=self._context)
        if self.password is not None:
            options.update(authenticator=self._authenticate, auth_required=True,
                           auth_require_tls=False)  # fmt: skip
        self.controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, **options
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def smtp_config(self, **overrides: Any) -> dict[str, Any]:
        """The ``[alerts.smtp]`` table that reaches this server."""
        config: dict[str, Any] = {"host": "127.0.0.1", "port": self.port, "timeout": 5.0,
                                  "security": self.security}  # fmt: skip
        if self.security != "none":
            config["ca_file"] = str(self.ca_file)
        if self.password is not None:
            config.update(user=USER, password_env="RUMOUR_TEST_SMTP_PASSWORD")
        return {**config, **overrides}
