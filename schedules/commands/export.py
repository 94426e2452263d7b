"""``rumour export``: verified claims as ClaimReview JSON-LD, CSV or JSON.

ClaimReview (https://schema.org/ClaimReview) is what fact-check aggregators and
search engines read: ``claimReviewed`` is the claim in words, ``itemReviewed``
the claim with the page it appeared on and that page's outlet as its author,
``reviewRating`` the label (as ``name`` and ``alternateName``, on a 1-3 scale:
contradicted, unsupported, confirmed), ``author`` the publisher of the review
and ``url`` the review's own page on the publisher's site (``[publisher]`` in the
config), and ``isBasedOn`` the official evidence that decided it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from schedules.app import App, pass_app, write_output
from schedules.config import PublisherConfig
from schedules.errors import ConfigError
from verifier.store.reports import ClaimView, list_claims
from verifier.verdicts import LABELS

RATING = {"contradicted": 1, "unsupported": 2, "confirmed": 3}
CSV_COLUMNS = (
    "id", "title", "season", "part", "window", "window_start", "window_end", "granularity",
    "stance", "label", "reason", "explanation", "decided_at", "quote", "url", "published",
    "evidence_url", "evidence_window", "evidence_announced",
)  # fmt: skip


def claim_in_words(view: ClaimView) -> str:
    """ "All of Us Are Dead season 2 will be released in December 2026" """
    name = view.title
    if view.season is not None:
        name += f" season {view.season}"
    if view.part is not None:
        name += f" part {view.part}"
    when = view.window.describe()
    preposition = (
        "" if when.startswith("by ") else "on " if view.window.granularity == "day" else "in "
    )
    return f"{name} will be released {preposition}{when}"


def outlet(url: str | None) -> dict[str, Any] | None:
    """The organisation a page appeared with, by its site: name and home page."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.")
    return {"@type": "Organization", "name": host, "url": f"{parts.scheme}://{parts.netloc}/"}


def claim_review(view: ClaimView, publisher: PublisherConfig) -> dict[str, Any]:
    assert view.verdict is not None
    evidence = view.verdict.evidence[0] if view.verdict.evidence else {}
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": view.url}
    said_by = outlet(view.url)
    if view.headline:
        appearance["headline"] = view.headline
    if view.published:
        appearance["datePublished"] = view.published.isoformat()
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim_in_words(view),
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [appearance],
            "firstAppearance": appearance,
            **({"datePublished": view.published.isoformat()} if view.published else {}),
            **({"author": said_by} if said_by else {}),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[view.verdict.label],
            "bestRating": 3,
            "worstRating": 1,
            "name": view.verdict.label.capitalize(),
            "alternateName": view.verdict.label.capitalize(),
            "ratingExplanation": view.explain(),
        },
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "url": publisher.review_page(view.id, view.title),
    }
    if view.decided_at:
        review["datePublished"] = view.decided_at.date().isoformat()
    if evidence.get("url"):
        review["isBasedOn"] = evidence["url"]
    return review


def csv_row(view: ClaimView) -> dict[str, Any]:
    verdict = view.verdict
    evidence = verdict.evidence[0] if verdict and verdict.evidence else {}
    window = view.window.as_json()
    return {
        "id": view.id,
        "title": view.title,
        "season": view.season,
        "part": view.part,
        "window": window["value"],
        "window_start": window["start"],
        "window_end": window["end"],
        "granularity": window["granularity"],
        "stance": view.stance,
        "label": verdict.label if verdict else None,
        "reason": verdict.reason if verdict else None,
        "explanation": view.explain(),
        "decided_at": view.decided_at.isoformat() if view.decided_at else None,
        "quote": " ".join(view.quote.split()),
        "url": view.url,
        "published": view.published.isoformat() if view.published else None,
        "evidence_url": evidence.get("url"),
        "evidence_window": evidence.get("window", {}).get("value"),
        "evidence_announced": evidence.get("announced"),
    }


def render(views: list[ClaimView], export_format: str, publisher: PublisherConfig | None) -> str:
    if export_format == "claimreview":
        if publisher is None:
            raise ConfigError(
                "a ClaimReview export names its publisher: set [publisher] in the config, with "
                'name = "Your Desk", url = "https://your.site/fact-checks" and, for a page '
                'per claim, review_url = "https://your.site/fact-checks/{claim}"'
            )
        reviews = [claim_review(v, publisher) for v in views if v.verdict is not None]
        return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"
    if export_format == "json":
        return json.dumps([v.as_json() for v in views], indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(v) for v in views)
    return buffer.getvalue()


@click.command("export")
@click.option("--format", "export_format", type=click.Choice(["claimreview", "csv", "json"]),
              default="claimreview", show_default=True, help="Output format.")  # fmt: skip
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (default: standard output).")  # fmt: skip
@click.option("--title", help="Only this title (any of its names).")
@click.option("--label", type=click.Choice(LABELS), help="Only claims with this label.")
@click.option("--author", help="ClaimReview author's name, instead of [publisher] name.")
@pass_app
def export(
    app: App,
    export_format: str,
    output: Path | None,
    title: str | None,
    label: str | None,
    author: str | None,
) -> None:
    """Export claims and their verdicts (ClaimReview JSON-LD for fact-check aggregators)."""
    with app.store().transaction() as session:
        app.registry(session)
        views = list_claims(session, title=title, label=label)
    publisher = app.config.publisher
    if publisher is not None and author:
        publisher = publisher.model_copy(update={"name": author})
    text = render(views, export_format, publisher)
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"))
    click.echo(f"wrote {len(views)} claims to {output}", err=True)
