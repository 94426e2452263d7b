"""Secrets stay out of what the tool writes: logs, error lines, ``--json`` and status.

Two kinds are masked wherever text leaves the process: a password inside a URL
(``https://user:pw@host/…``, ``postgresql://rumour:pw@db/…``) and the literal
values of the secrets the config holds or names (the SMTP password, from the file
or from its environment variable), registered when the config is loaded.
"""

from __future__ import annotations

import logging

from scraper.errors import mask_url_passwords

MASK = "********"  # as scraper.errors masks a URL's password
_known: set[str] = set()


def remember(secret: str | None) -> None:
    """A secret value to mask from now on (values shorter than 4 characters are not: they
    would mask ordinary words)."""
    if secret and len(secret) >= 4:
        _known.add(secret)


def mask(text: str) -> str:
    text = mask_url_passwords(text)
    for secret in sorted(_known, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class MaskingFormatter(logging.Formatter):
    """A log formatter whose lines (tracebacks included) have their secrets masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))
