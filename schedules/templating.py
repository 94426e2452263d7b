"""The templates every output is written with (``schedules/templates/``), and the one rule
for links made from scraped URLs.

HTML templates are autoescaped (scraped text cannot add markup); the Markdown one is
not, and escapes scraped text with its own filter (``schedules.services``).
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def template_environment(*, autoescape_html: bool = True) -> Environment:
    """A Jinja2 environment over the package's templates: strict about missing values,
    block tags on their own lines leave no blank lines, HTML autoescaped unless asked."""
    return Environment(
        loader=PackageLoader("schedules", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True)
        if autoescape_html
        else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_HTTP = re.compile(r"https?://", re.I)


def http_link(url: object) -> str:
    """``url`` if it is an http(s) URL, else "": a link is made only for those (never
    "javascript:…" or "data:…" from a scraped page)."""
    text = str(url or "")
    return text if _HTTP.match(text) else ""
