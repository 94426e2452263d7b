"""Email over SMTP, as ``alerts.smtp`` says: plain, STARTTLS or TLS, with a login if a user
is set; each failure explained in one line that says what to check (``SmtpError``,
``permanent`` for a 5xx refusal). ``schedules.sender`` sends the outbox through it.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from types import TracebackType
from typing import Protocol

from schedules.config import SmtpConfig
from schedules.services import DeliveryError


class SmtpError(DeliveryError):
    """Sending email failed; ``permanent`` when trying again cannot help (a 5xx refusal)."""


class Transport(Protocol):
    """An open way to deliver email (SMTP, or a test's or the demo's capture)."""

    def __enter__(self) -> Transport: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None: ...  # fmt: skip

    def send(self, message: EmailMessage) -> None: ...


def _reply(text: bytes | str) -> str:
    """An SMTP server's reply text, which smtplib gives as bytes."""
    return text.decode(errors="replace") if isinstance(text, bytes) else text


def _explain(exc: BaseException, smtp: SmtpConfig) -> SmtpError:
    """One line saying what went wrong with the SMTP server and what to check."""
    where = f"SMTP server {smtp.host}:{smtp.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        detail = _reply(exc.smtp_error)
        return SmtpError(f"{where} refused the login ({exc.smtp_code} {detail}); check alerts.smtp.user "
                         f"and the password{f' in ${smtp.password_env}' if smtp.password_env else ''}")  # fmt: skip
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SmtpError(f"{where} does not offer {'STARTTLS' if smtp.security == 'starttls' else 'AUTH'}: "
                         f"{exc}; check alerts.smtp.security and alerts.smtp.user")  # fmt: skip
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        reply = "; ".join(f"{a}: {c} {_reply(m)}" for a, (c, m) in exc.recipients.items())
        return SmtpError(f"{where} refused the recipient ({reply})", permanent=min(codes) >= 500)
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = _reply(exc.smtp_error)
        return SmtpError(
            f"{where} answered {exc.smtp_code} {detail}", permanent=exc.smtp_code >= 500
        )
    if isinstance(exc, ssl.SSLError):
        hint = ("does it speak TLS from the start on this port? try security = \"starttls\""
                if smtp.security == "tls" else "check alerts.smtp.ca_file for a private CA")  # fmt: skip
        return SmtpError(f"{where}: TLS failed ({exc.reason or exc}); {hint}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        hint = ("; if the port expects TLS from the start, set security = \"tls\""
                if smtp.security != "tls" else "")  # fmt: skip
        return SmtpError(f"{where} closed the connection ({exc or 'no reply'}){hint}")
    if isinstance(exc, TimeoutError | socket.timeout):
        return SmtpError(f"{where} did not answer within {smtp.timeout:g}s; check host and port")
    if isinstance(exc, OSError):
        return SmtpError(f"cannot connect to {where}: {exc.strerror or exc}; check alerts.smtp.host "
                         "and port, and that the server is running")  # fmt: skip
    return SmtpError(f"{where}: {exc}")


class SmtpTransport:
    """SMTP as ``alerts.smtp`` says: plain, STARTTLS or TLS, with a login if a user is set."""

    def __init__(self, smtp: SmtpConfig) -> None:
        self.smtp = smtp
        self.client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        smtp = self.smtp
        password = smtp.resolved_password()
        if smtp.user and password is None:
            where = f"${smtp.password_env}" if smtp.password_env else "alerts.smtp.password_env"
            raise SmtpError(f"alerts.smtp.user is set but no password was found; set {where}")
        try:
            context = ssl.create_default_context(cafile=smtp.ca_file)
            if smtp.security == "tls":
                self.client = smtplib.SMTP_SSL(
                    smtp.host, smtp.port, timeout=smtp.timeout, context=context
                )
            else:
                self.client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
                if smtp.security == "starttls":
                    self.client.starttls(context=context)
            if smtp.user and password is not None:
                self.client.login(smtp.user, password)
        except (smtplib.SMTPException, OSError) as exc:
            self._close()
            raise _explain(exc, smtp) from exc
        return self

    def send(self, message: EmailMessage) -> None:
        assert self.client is not None, "send() outside the with block"
        try:
            self.client.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise _explain(exc, self.smtp) from exc

    def _close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
            self.client = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self._close()
