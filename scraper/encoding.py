"""Fetched bytes as text: the charset the server or the page declares, checked against
what the bytes are, else a detector's guess (charset-normalizer); never fails."""

from __future__ import annotations

import re

import charset_normalizer

from scraper.errors import ParseError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w-]+)""", re.I
)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def sniff_charset(body: bytes, declared: str | None = None) -> str | None:
    """The charset to try first: the header's, else a meta tag's or XML declaration's,
    else a detector's guess. A single-byte header charset on bytes that are valid
    UTF-8 with non-ASCII text is a common server mistake; UTF-8 wins then."""
    if declared and declared.lower() in _SINGLE_BYTE and not body.isascii():
        try:
            body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
    if declared:
        return declared
    match = _META_CHARSET.search(body[:4096])
    if match:
        return (match.group(1) or match.group(2)).decode("ascii")
    if body.isascii():
        return "utf-8"
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:65536]).best()
        return best.encoding if best else None


def decode(body: bytes, declared: str | None = None) -> str:
    """Bytes to text: the sniffed charset, then UTF-8, then Windows-1252 (never fails)."""
    if b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("input looks binary (NUL bytes), not HTML or text")
    for encoding in (sniff_charset(body, declared), "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("latin-1")
