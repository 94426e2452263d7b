"""``rumour check``: extract release-date claims from one document."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import sys
from pathlib import Path
from typing import Any

import click

from schedules.app import App, echo_json, echo_table, pass_app, season_text, shorten
from scraper.document import ParsedDocument, parse_document
from scraper.errors import ScraperError
from scraper.fetch import fetch_page
from verifier.claims import MAX_TEXT, Claim, extract_claims
from verifier.errors import InputError
from verifier.store.verification import judge
from verifier.verdicts import Decision

logger = logging.getLogger(__name__)


# "127.0.0.1:8765/news/x", "www.example.com/story", "news.example:80": a URL without its scheme.
_LOOKS_LIKE_HOST = re.compile(
    r"^(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
    r"(?::\d+(?:/|$)|/)|^www\.",
    re.I,
)


def read_document(source: str, user_agent: str, timeout: float) -> ParsedDocument:
    """A document from a file path, an http(s) URL or ``-`` (standard input)."""
    try:
        if source.startswith(("http://", "https://")):
            page = asyncio.run(fetch_page(source, user_agent=user_agent, timeout=timeout))
            return parse_document(page.body, url=page.final_url, charset=page.charset)
        if source == "-":
            return parse_document(sys.stdin.buffer.read())
        path = Path(source)
        try:
            body = path.read_bytes()
        except FileNotFoundError as exc:
            hint = "; for a URL add http:// or https://" if _LOOKS_LIKE_HOST.match(source) else ""
            raise InputError(f"{source}: no such file{hint}") from exc
        except OSError as exc:
            raise InputError(f"{source}: cannot read: {exc.strerror}") from exc
        return parse_document(body, url=path.resolve().as_uri())
    except ScraperError as exc:
        raise InputError(f"{source}: {exc}" if source not in str(exc) else str(exc)) from exc


def check_result(
    document: ParsedDocument, claims: list[Claim], verdicts: list[Decision]
) -> dict[str, Any]:
    """The JSON contract of ``rumour check --json`` (documented in the README)."""
    return {
        "document": {
            "url": document.url,
            "headline": document.headline,
            "published": document.published.isoformat() if document.published else None,
        },
        "claims": [
            {**claim.as_json(), "verdict": verdict.as_json()}
            for claim, verdict in zip(claims, verdicts, strict=True)
        ],
    }


def extract_and_judge(app: App, document: ParsedDocument) -> tuple[list[Claim], list[Decision]]:
    """Claims in the document, with verdicts from the database's official statements.

    The catalogue is every title the database knows plus the config's titles.
    Nothing is stored.
    """
    with app.store().transaction() as session:
        registry = app.registry(session)
        claims = extract_claims(
            document.text,
            headline=document.headline,
            published=document.published,
            catalogue=registry.catalogue(),
        )
        verdicts = judge(session, registry, [(c.title, c.season, c.part, c.window) for c in claims])
    return claims, verdicts


@click.command("check")
@click.argument("source", metavar="PATH|URL|-")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date YYYY-MM-DD (overrides what the page says).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
@pass_app
def check(app: App, source: str, published: dt.datetime | None, as_json: bool) -> None:
    """Extract release-date claims from an HTML or text document."""
    document = read_document(source, app.config.http.user_agent, app.config.http.timeout)
    if published is not None:
        document = ParsedDocument(
            document.url, document.canonical_url, document.headline, published.date(), document.text
        )
    if len(document.text) > MAX_TEXT:
        logger.warning(
            "%s: text longer than %d characters; only the start is read", source, MAX_TEXT
        )
    claims, verdicts = extract_and_judge(app, document)
    result = check_result(document, claims, verdicts)
    if as_json:
        echo_json(result)
        return
    meta = result["document"]
    click.echo(f"document:  {meta['url'] or source}")
    click.echo(f"headline:  {meta['headline'] or '(none)'}")
    click.echo(f"published: {meta['published'] or '(unknown: year-less dates are not resolved)'}")
    if not claims:
        click.echo("no release-date claims found")
        return
    echo_table(
        ["title", "season", "window", "stance", "verdict", "quote"],
        [
            [
                claim.title,
                season_text(claim.season, claim.part),
                claim.window.value,
                claim.stance,
                f"{verdict.label} ({verdict.reason})",
                shorten(claim.quotes[0].text),
            ]
            for claim, verdict in zip(claims, verdicts, strict=True)
        ],
    )
