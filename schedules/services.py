"""Alerts to notification services (Slack, Discord, Telegram, ntfy, webhooks, ...) via Apprise.

A recipient written as a URL (``slack://…``, ``discord://…``, ``tgram://…``,
``ntfy://…``, ``json://host/path`` for a plain webhook) is a service: Apprise
(https://github.com/caronc/apprise, the library behind changedetection.io's
notifications) knows some 100 of them. Such a recipient goes through the same
outbox as an email address: the same rows, digests, backoff and "sent once".

A URL may name environment variables, ``${SLACK_TOKEN}``, expanded only when a
message is sent: the secret then lives in the daemon's environment, not in the
config file or the database. Wherever a service URL is shown (``config check``,
``alerts list``, log lines) its secret parts are masked as Apprise masks them.

Messages are Markdown (``templates/alerts.md``); Apprise turns them into what each
channel takes. Scraped text is escaped first, so a quote cannot add a link or
markup to the message.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import quote

from schedules.errors import ScheduleError
from schedules.messages import Item, one_line, subject
from schedules.templating import http_link, template_environment

# A URL's scheme: "slack://", "json://". (An email address has none.)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.I)
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Markdown's own characters, escaped in scraped text: no link, no emphasis, no heading.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")
MAX_MESSAGE = 3500  # characters: under Discord's 4,000 and Telegram's 4,096 (Apprise splits more)


class DeliveryError(ScheduleError):
    """A message did not go out; ``permanent`` when trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def is_service(address: str) -> bool:
    """Whether a recipient is a notification service's URL rather than an email address."""
    return _SCHEME.match(address) is not None and not address.lower().startswith("mailto:")


def variables(address: str) -> list[str]:
    """The environment variables a service URL names (``${NAME}``)."""
    return _VARIABLE.findall(address)


def expand(address: str) -> str:
    """The URL with its ``${NAME}`` variables filled in from the environment."""
    missing = [name for name in variables(address) if not os.environ.get(name)]
    if missing:
        raise DeliveryError(
            f"{masked(address)}: ${missing[0]} is not set in the environment of this process; "
            "set it where the daemon runs"
        )
    return _VARIABLE.sub(lambda m: os.environ[m.group(1)], address)


@cache
def _schemes() -> dict[str, str]:
    """Every scheme Apprise knows, with its service's name."""
    import apprise

    found: dict[str, str] = {}
    for entry in apprise.Apprise().details()["schemas"]:
        for key in ("protocols", "secure_protocols"):
            for scheme in entry.get(key) or ():
                found[str(scheme).lower()] = str(entry["service_name"])
    return found


def _plugin(url: str) -> Any:
    import apprise

    return apprise.Apprise.instantiate(url, suppress_exceptions=True)


def check_service(address: str) -> str:
    """``address`` if Apprise can send to it; a ValueError saying what is wrong if not."""
    match = _SCHEME.match(address)
    assert match is not None
    scheme = match.group(1).lower()
    if scheme not in _schemes():
        known = ", ".join(f"{s}://" for s in ("slack", "discord", "tgram", "ntfy", "json", "form"))
        raise ValueError(
            f"{scheme}:// is not a notification service Apprise knows (some that it does: "
            f"{known}; see https://github.com/caronc/apprise/wiki)"
        )
    if len(address) > 320:
        raise ValueError("a recipient URL is at most 320 characters")
    if not variables(address) and _plugin(address) is None:
        raise ValueError(
            f"not a valid {_schemes()[scheme]} URL: "
            f"see https://github.com/caronc/apprise/wiki/Notify_{scheme}"
        )
    return address


def service_name(address: str) -> str:
    match = _SCHEME.match(address)
    scheme = match.group(1).lower() if match else ""
    return _schemes().get(scheme, scheme)


def masked(address: str) -> str:
    """The URL as Apprise shows it with its secrets hidden, without its options; a URL that
    keeps its secrets in ``${NAME}`` variables is shown as written."""
    if not is_service(address) or variables(address):
        return address
    plugin = _plugin(address)
    if plugin is None:
        match = _SCHEME.match(address)
        return f"{match.group(0) if match else ''}…"
    return str(plugin.url(privacy=True)).split("?", 1)[0]


def secret_values(address: str) -> list[str]:
    """The private parts of a service URL (tokens, passwords), to mask in any output."""
    if not is_service(address) or variables(address):
        return []
    plugin = _plugin(address)
    if plugin is None:
        return []
    found = []
    for token in getattr(plugin, "template_tokens", {}).values():
        if not token.get("private"):
            continue
        value = getattr(plugin, str(token.get("map_to", "")), None)
        found += [value] if isinstance(value, str) else []
    password = getattr(plugin, "password", None)
    return found + ([password] if isinstance(password, str) else [])


def _markdown(text: object) -> str:
    """Scraped text made inert in Markdown: its special characters escaped, one line."""
    return _MARKDOWN.sub(r"\\\1", one_line(text, 600))


_ENVIRONMENT = template_environment(autoescape_html=False)  # Markdown: the ``md`` filter
_ENVIRONMENT.filters["md"] = _markdown


def _href(url: object) -> str:
    """An http(s) link target that cannot end the Markdown link early; "" for anything else."""
    link = http_link(url)
    return quote(link, safe=":/?#@!$&'*+,;=%~-._") if link else ""


_ENVIRONMENT.filters["href"] = _href


def compose_markdown(items: Sequence[Item], now: dt.datetime) -> tuple[str, str]:
    """The title and Markdown body of one alert, or of a digest of several."""
    if len(items) == 1:
        title = subject(items[0])
    else:
        title = one_line(f"Rumour verifier digest: {len(items)} alerts ({now:%Y-%m-%d})")
    context = {
        "items": [{"kind": i.kind, "p": i.payload, "subject": subject(i)} for i in items],
        "digest": len(items) > 1,
    }
    body = _ENVIRONMENT.get_template("alerts.md").render(context).strip()
    if len(body) > MAX_MESSAGE:
        body = (
            body[: MAX_MESSAGE - 60].rsplit("\n", 1)[0]
            + "\n\n… (cut short: `rumour alerts list` has the rest)"
        )
    return title, body


# Apprise reports a failure in its log: "Failed to send JSON POST notification: Bad
# Request., error=400." or "A Connection error occurred sending ...".
_HTTP_ERROR = re.compile(r"error=(\d{3})")
_RETRY_CODES = {408, 425, 429}


def post(address: str, items: Sequence[Item], now: dt.datetime) -> None:
    """Send one message to a service; DeliveryError (permanent for a 4xx refusal) if not."""
    import apprise

    url = expand(address)
    shown, name = masked(address), service_name(address)
    sender = apprise.Apprise()
    if not sender.add(url):
        raise DeliveryError(f"{name} ({shown}): not a URL Apprise can send to; check it",
                            permanent=True)  # fmt: skip
    title, body = compose_markdown(items, now)
    with apprise.LogCapture(level=apprise.logging.INFO) as log:
        sent = sender.notify(body=body, title=title, body_format=apprise.NotifyFormat.MARKDOWN)
    if sent:
        return
    said = log.getvalue() if hasattr(log, "getvalue") else ""
    codes = [int(code) for code in _HTTP_ERROR.findall(said)]
    detail = _last_warning(said)
    if codes and 400 <= codes[-1] < 500 and codes[-1] not in _RETRY_CODES:
        raise DeliveryError(
            f"{name} ({shown}) refused the message ({detail}); check the URL and its token",
            permanent=True,
        )
    raise DeliveryError(f"{name} ({shown}) did not take the message ({detail}); "
                        "check that the service is reachable from here")  # fmt: skip


def _last_warning(log: str) -> str:
    lines = [line.split(" - ", 2)[-1] for line in log.splitlines() if " - WARNING - " in line
             or " - ERROR - " in line]  # fmt: skip
    return one_line(lines[-1], 160).rstrip(".") if lines else "no reason given"
