"""Extraction speed against dateparser, and cost as the catalogue grows.

    pip install '.[bench]' && python bench/speed.py [--corpus DIR] [--rounds N]

``pip install .`` compiles the extractor (setup.py); an editable install runs it as
Python, about a quarter slower. The first lines say which build was measured.

Both run in this one process over the same corpus texts, one core, so the
ratio holds on a noisy shared machine. The catalogue part times extraction
and measures traced peak memory per document with 10, 1,000 and 10,000
synthetic titles in the catalogue. Last, one long text made of the corpus repeated,
and three layouts repeating one construction (a schedule, dash lines, one endless line
of asides): the cost per 100 KB should stay flat as the text grows (linear time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package (compiled by ``pip install .``), else this source tree
    import verifier
except ImportError:
    sys.path.insert(0, str(ROOT))
    import verifier

from verifier.claims import extract_claims  # noqa: E402
from verifier.titles import Catalogue  # noqa: E402

WORDS = ["Silver", "Harbor", "Glass", "Orchard", "Lantern", "Ember", "Road", "Tide", "Moon",
         "Paper", "River", "Crown", "Winter", "Garden", "Signal", "Echo", "Stone", "Mirror"]  # fmt: skip


def load(corpus: Path, folder: str = "cases") -> list[tuple[str, dt.date | None]]:
    cases = [json.loads(p.read_text()) for p in sorted((corpus / folder).glob("*.json"))]
    return [
        (c["text"], dt.date.fromisoformat(c["published"]) if c["published"] else None)
        for c in cases
    ]


def rate(work, texts: list[tuple[str, dt.date | None]], rounds: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(rounds):
        for text, published in texts:
            work(text, published)
    return rounds * len(texts) / (time.perf_counter() - start)


def synthetic_catalogue(size: int) -> Catalogue:
    catalogue = Catalogue()
    n = len(WORDS)
    for i in range(size):
        catalogue.add(f"{WORDS[i % n]} {WORDS[(i // n) % n]} {WORDS[(i // n // n) % n]} {i}")
    return catalogue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = load(args.corpus)
    ours = rate(lambda t, p: extract_claims(t, published=p), texts, args.rounds)
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser missing: pip install -e '.[bench]'")
        return
    search_dates("warm up in March 2026", languages=["en"])
    baseline = rate(lambda t, p: search_dates(t, languages=["en"]), texts, max(1, args.rounds // 5))
    chars = sum(len(t) for t, _ in texts) / len(texts)
    print(f"corpus: {len(texts)} articles, {chars:.0f} characters each on average")
    print(
        f"extractor:                  {verifier.extractor_build()} ({Path(verifier.__file__).parent})"
    )
    print(f"extract_claims:             {ours:8.1f} articles/s (one core)")
    print(f"dateparser.search_dates:    {baseline:8.1f} articles/s (one core)")
    print(f"ratio:                      {ours / baseline:8.1f}x faster than the baseline")
    korean = load(args.corpus, "cases-ko")
    if korean:  # per character, Korean pages against English ones (target: within 2x)
        english_rate = rate(lambda t, p: extract_claims(t, published=p), texts, 2) * chars
        korean_chars = sum(len(t) for t, _ in korean) / len(korean)
        korean_rate = rate(lambda t, p: extract_claims(t, published=p), korean, 4) * korean_chars
        print(
            f"characters/s, English / Korean cases: {english_rate / 1000:.0f}k / "
            f"{korean_rate / 1000:.0f}k ({english_rate / korean_rate:.2f}x the time per character)"
        )
    for size in (10, 1_000, 10_000):
        catalogue = synthetic_catalogue(size)
        speed = rate(
            lambda t, p, c=catalogue: extract_claims(t, published=p, catalogue=c), texts, 2
        )
        tracemalloc.start()
        for text, published in texts:
            extract_claims(text, published=published, catalogue=catalogue)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"catalogue {size:>6} titles: {speed:8.1f} articles/s, "
            f"peak {peak / 1024:7.0f} KiB traced during extraction"
        )

    # Length: the whole corpus repeated into one long news-like text (titles, seasons and
    # dates throughout, unlike filler), cost per 100 KB as it grows.
    joined = "\n\n".join(text for text, _ in texts)
    base: float | None = None
    # (one line at two sizes under the 2-million-character cut: the 7.49 MB one is cut there)
    sizes = (
        (2, "lines"),
        (8, "lines"),
        (32, "lines"),
        (2, "one line"),
        (8, "one line"),
        (32, "one line"),
    )
    for copies, lines in sizes:
        long_text = "\n\n".join([joined] * copies)
        if lines == "one line":  # a page scraped without its line breaks
            long_text = long_text.replace("\n", " ")
        started = time.perf_counter()
        extract_claims(long_text, published=dt.date(2025, 1, 1))
        per = (time.perf_counter() - started) / (len(long_text) / 100_000)
        base = base or per
        print(
            f"one text of {len(long_text) / 1e6:5.2f} MB, {lines:8}: {per * 1000:6.1f} ms per "
            f"100 KB ({per / base:4.2f}x the smallest)"
        )

    # Layouts that repeat one construction without end (a schedule, a listing, one endless
    # line of asides): the cost per 100 KB at two sizes, which should stay flat.
    layouts = {
        "schedule": "September 15:\nMoon Court (KTV, Season 2)\nGlass Orchard (KTV), 10 p.m.\n\n",
        "dash lines": "Moon Court — September 15\n",
        "asides, one line": "Moon Court (KTV, Season 2) and ",
    }
    for name, unit in layouts.items():
        costs = []
        for size in (150_000, 300_000):
            layout = unit * (size // len(unit))
            started = time.perf_counter()
            extract_claims(layout, published=dt.date(2026, 9, 1))
            costs.append((time.perf_counter() - started) / (len(layout) / 100_000))
        print(
            f"{name:<16} 0.15 / 0.30 MB: {costs[0] * 1000:6.1f} / {costs[1] * 1000:6.1f} ms per "
            f"100 KB ({costs[1] / costs[0]:4.2f}x)"
        )


if __name__ == "__main__":
    main()
