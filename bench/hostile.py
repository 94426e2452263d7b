"""Hostile input: time per 100 KB at three sizes, to show it grows with the input, not faster.

    python bench/hostile.py [--sizes 100000,400000,1600000]

Each input is made of one piece repeated: text with no sentence end, dense dates and
names, Korean without full stops, huge numbers, markup nested deep or left open, a feed of
empty items, a long line with no space. Printed per input and stage (the claim extractor,
the page parser, the feed parser): milliseconds per 100 KB at each size, and the ratio of
the largest size's figure to the smallest's (near 1: linear; 4 and more: quadratic).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.document import parse_document  # noqa: E402
from scraper.errors import ScraperError  # noqa: E402
from scraper.feeds import parse_feed  # noqa: E402
from verifier.claims import extract_claims  # noqa: E402

PUBLISHED = dt.date(2026, 11, 1)


def repeated(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def nested(size: int) -> str:
    depth = size // 11
    return (
        "<div><p>" * (depth // 2)
        + "Moon Court season 2 arrives in May 2027."
        + "</p></div>" * (depth // 2)
    )


TEXTS: dict[str, Callable[[int], str]] = {
    "no sentence end, dates and names": repeated(
        "Moon Court season 2 will premiere on December 31, 2026 and Glass Orchard in May 2027 "
    ),
    "huge numbers": repeated(
        "season 99999999999999999999 on December 31, 99999999999 and 2027-99-99 "
    ),
    "Korean, no full stop": repeated("'달빛 법정' 시즌2는 내년 2월 공개 예정이며 "),
    "one long word": repeated("x"),
    "quotes and brackets": repeated('(((( [[[[ """\' ‘‘“ '),
    "control characters": repeated("\x01\x02\x0b\x0c\x1b Moon Court\u200b\u202e 2027 "),
}
PAGES: dict[str, Callable[[int], str]] = {
    "nested markup": nested,
    "unclosed tags": repeated("<p><b><i>Moon Court season 2 arrives in May 2027. "),
    "a long line in a paragraph": lambda size: (
        "<html><body><p>" + "y" * size + "</p></body></html>"
    ),
}
FEEDS: dict[str, Callable[[int], bytes]] = {
    "empty items": lambda size: b"<rss><channel>" + b"<item>" * (size // 6),
    "items with long links": lambda size: (
        b"<rss><channel>"
        + b"<item><link>https://news.example/"
        + b"a" * 200
        + b"</link></item>" * (size // 240)
    ),
}


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(ScraperError):  # refused with a clear error: an answer too
        run()
    return time.perf_counter() - started


def report(name: str, sizes: list[int], run: Callable[[int], Callable[[], object]]) -> None:
    per = [timed(run(size)) / size * 100_000 * 1000 for size in sizes]
    figures = " ".join(f"{p:8.1f}" for p in per)
    print(f"{name:<46} {figures}   ×{per[-1] / max(per[0], 1e-9):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,400000,1600000")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"ms per 100 KB at {', '.join(f'{s // 1000} KB' for s in sizes)}; largest / smallest")
    for name, make in TEXTS.items():
        report(f"extract_claims: {name}", sizes,
               lambda size, make=make: lambda: extract_claims(make(size), published=PUBLISHED))  # fmt: skip
    for name, make in PAGES.items():
        report(f"parse_document: {name}", sizes,
               lambda size, make=make: lambda: parse_document(make(size).encode()))  # fmt: skip
    for name, make_feed in FEEDS.items():
        report(f"parse_feed: {name}", sizes,
               lambda size, make=make_feed: lambda: parse_feed(make(size), "https://news.example/f"))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
