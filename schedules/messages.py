"""Alert emails: subject, plain text and HTML from the outbox rows' payloads.

One template pair (``templates/alerts.txt`` and ``templates/alerts.html``)
renders one alert or a digest of several. The HTML template is autoescaped, so
scraped text cannot add markup; every header value is folded to one line
first, so a title with CR/LF in it cannot add a header. The Message-ID comes
from the batch key: the same email sent twice carries the same Message-ID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from schedules.templating import template_environment

_ENVIRONMENT = template_environment()
MAX_SUBJECT = 180


@dataclass(frozen=True)
class Item:
    """One alert to render: its kind (``verdict_change``, ...) and payload."""

    kind: str
    payload: dict[str, Any]


def one_line(text: object, limit: int = MAX_SUBJECT) -> str:
    """Any text as one header-safe line: control characters and line breaks become spaces."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _season(payload: dict[str, Any]) -> str:
    season, part = payload.get("season"), payload.get("part")
    text = f" S{season}" if season is not None else ""
    return text + (f" part {part}" if part else "")


def subject(item: Item) -> str:
    """What happened, in one line: ``Title S2: "December 2026" rumour is now CONTRADICTED``."""
    p = item.payload
    if item.kind in ("verdict_change", "new_claim"):
        claim = p["claim"]
        head = f'{p["title"]}{_season(p)}: "{claim["window"]["described"]}" {claim["stance"]}'
        label = str(p["new"]["label"]).upper()
        text = (
            f"{head} is now {label}"
            if item.kind == "verdict_change"
            else f"new claim {head}, {label}"
        )
    elif item.kind == "official_date":
        when = p["window"]["described"]
        if p.get("previous"):
            text = f"{p['title']}{_season(p)}: official date moved from {p['previous']['window']['described']} to {when}"
        else:
            text = f"{p['title']}{_season(p)}: official date {when}"
    elif item.kind == "source_failing":
        count = int(p["failures"])
        text = (
            f"Source {p['source']} is failing ({count} failure{'' if count == 1 else 's'} in a row)"
        )
    elif item.kind == "source_recovered":
        text = f"Source {p['source']} works again"
    else:
        text = "Rumour verifier test email"
    return one_line(text)


def message_id(batch: str, sender: str) -> str:
    """A Message-ID that the same batch always gets."""
    domain = one_line(sender.rpartition("@")[2] or "localhost", 100).replace(" ", "")
    return f"<{hashlib.sha256(batch.encode()).hexdigest()[:32]}.rumour@{domain}>"


def compose(items: Sequence[Item], *, sender: str, recipient: str, batch: str,
            now: dt.datetime) -> EmailMessage:  # fmt: skip
    """The email for one alert, or a digest of several (plain text and HTML)."""
    if len(items) == 1:
        title = subject(items[0])
    else:
        title = one_line(f"Rumour verifier digest: {len(items)} alerts ({now:%Y-%m-%d})")
    context = {
        "subject": title,
        "items": [{"kind": i.kind, "p": i.payload, "subject": subject(i)} for i in items],
        "digest": len(items) > 1,
        "now": now,
    }
    message = EmailMessage()
    message["Subject"] = title
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(batch, sender)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_ENVIRONMENT.get_template("alerts.txt").render(context))
    message.add_alternative(
        _ENVIRONMENT.get_template("alerts.html").render(context), subtype="html"
    )
    return message


def test_message(*, sender: str, recipient: str, now: dt.datetime) -> EmailMessage:
    """What ``rumour alerts test`` sends."""
    item = Item("test", {"at": now.isoformat()})
    return compose(
        [item], sender=sender, recipient=recipient, batch=f"test:{now.isoformat()}", now=now
    )
