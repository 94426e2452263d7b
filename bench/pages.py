"""Main text and publication dates on real pages (../shared/html by default).

    python bench/pages.py [--html DIR] [--only ours|trafilatura|htmldate]

For each page with a true article body: precision, recall and F1 of the main
text over lower-cased word tokens counted as bags (the mean and the median of
the per-page figures); for the pages whose truth lists snippets that belong in
the body and snippets that do not (trafilatura's set), the share of each found.
For each page with a true publication date: the share given exactly. And pages
per second for each parser, all in one run:

- ``ours``: ``scraper.document.parse_document``, what the daemon stores;
- ``trafilatura``: ``trafilatura.extract`` with its defaults (the text only);
- ``htmldate``: ``htmldate.find_date(original_date=True)`` with the URL given.

trafilatura and htmldate are dependencies of the package (our parser uses both).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.document import parse_document  # noqa: E402

_WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def overlap(found: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``found`` against ``truth``, as bags of words."""
    got, want = tokens(found), tokens(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _squash(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@dataclass
class Score:
    name: str
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    snippets_in: list[bool] = field(default_factory=list)
    snippets_out: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0

    def line(self) -> str:
        parts = [f"{self.name:<12}"]
        if self.f1:
            parts.append(
                f"text P {statistics.fmean(self.precision):.3f} R {statistics.fmean(self.recall):.3f} "
                f"F1 {statistics.fmean(self.f1):.3f} (median {statistics.median(self.f1):.3f}, "
                f"{len(self.f1)} pages)"
            )
        if self.snippets_in:
            parts.append(
                f"snippets in body {sum(self.snippets_in) / len(self.snippets_in):.3f}, "
                f"leaked {sum(self.snippets_out) / max(len(self.snippets_out), 1):.3f}"
            )
        if self.dates:
            parts.append(
                f"date exact {sum(self.dates) / len(self.dates):.3f} ({len(self.dates)} pages)"
            )
        if self.seconds:
            parts.append(f"{self.pages / self.seconds:.1f} pages/s")
        return " | ".join(parts)


Text = Callable[[bytes, str], tuple[str | None, dt.date | None]]


def ours(body: bytes, url: str) -> tuple[str | None, dt.date | None]:
    document = parse_document(body, url=url)
    return document.text, document.published


def trafilatura_text(body: bytes, url: str) -> tuple[str | None, dt.date | None]:
    import trafilatura

    return trafilatura.extract(body.decode("utf-8"), url=url) or "", None


def htmldate_date(body: bytes, url: str) -> tuple[str | None, dt.date | None]:
    from htmldate import find_date

    found = find_date(body.decode("utf-8"), url=url, original_date=True)
    return None, dt.date.fromisoformat(found) if found else None


PARSERS: dict[str, Text] = {
    "ours": ours,
    "trafilatura": trafilatura_text,
    "htmldate": htmldate_date,
}
DATED = {"ours", "htmldate"}  # the parsers that give a publication date


def measure(name: str, parse: Text, pages: dict[str, tuple[bytes, dict[str, Any]]]) -> Score:
    score = Score(name)
    for body, truth in pages.values():
        started = time.perf_counter()
        text, published = parse(body, truth["url"])
        score.seconds += time.perf_counter() - started
        score.pages += 1
        if text is not None:
            if truth.get("article_body"):
                p, r, f = overlap(text, truth["article_body"])
                score.precision.append(p)
                score.recall.append(r)
                score.f1.append(f)
            squashed = _squash(text)
            score.snippets_in += [_squash(s) in squashed for s in truth.get("body_snippets", [])]
            score.snippets_out += [_squash(s) in squashed for s in truth.get("not_in_body", [])]
        if name in DATED and truth.get("published"):
            score.dates.append(
                published is not None and published.isoformat() == truth["published"]
            )
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT.parent / "shared" / "html")
    parser.add_argument("--only", choices=sorted(PARSERS))
    args = parser.parse_args(argv)
    truth = json.loads((args.html / "truth.json").read_text(encoding="utf-8"))
    pages = {
        key: ((args.html / f"{key}.html").read_bytes(), row) for key, row in sorted(truth.items())
    }
    print(f"{len(pages)} pages from {args.html}")
    for name, parse in PARSERS.items():
        if args.only in (None, name):
            print(measure(name, parse, pages).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
