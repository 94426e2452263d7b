"""Errors raised by the scraper package.

    ScraperError         anything fetching or parsing reports
     ├── FetchError      a URL could not be fetched (network, status, size, scheme)
     └── ParseError      fetched bytes are not a document (binary, unreadable)

Messages name the URL or file and what to do.
"""


class ScraperError(Exception):
    """Base class for errors from fetching and parsing."""


class FetchError(ScraperError):
    """A URL could not be fetched."""


class ParseError(ScraperError):
    """Fetched bytes cannot be read as a document."""
