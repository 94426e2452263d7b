"""Errors raised by the scraper package.

    ScraperError         anything fetching or parsing reports
     ├── FetchError      a URL could not be fetched (network, status, size, scheme)
     └── ParseError      fetched bytes are not a document (binary, unreadable)

Messages name the URL or file and what to do.
"""

import re

# A password inside a URL ("https://user:pw@host/"): never in a message, a log or the database.
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@", re.I)


def mask_url_passwords(text: str) -> str:
    """``text`` with every URL's password as ``********``."""
    return _URL_PASSWORD.sub(r"\1********@", text)


class ScraperError(Exception):
    """Base class for errors from fetching and parsing; a URL's password is masked."""

    def __init__(self, message: str) -> None:
        super().__init__(mask_url_passwords(message))


class FetchError(ScraperError):
    """A URL could not be fetched.

    ``kind`` says why, for the fetch log and for back-off decisions: ``http``
    (``status`` set), ``timeout``, ``network``, ``too_large``, ``robots``,
    ``scheme``, ``redirects``, ``content_type`` or ``refused`` (an internal address a
    link found on a page may not lead to; scraper/guard.py). ``retry_after`` is the
    server's Retry-After in seconds, when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "network",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after


class ParseError(ScraperError):
    """Fetched bytes cannot be read as a document."""
