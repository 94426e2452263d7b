"""Time of ``rumour report``: the static site of a catalogue, at two sizes.

    python bench/report.py [--sizes 1000:100,10000:1000]

For each size (claims:officials) it fills a fresh SQLite database with the
synthetic titles, officials and claims of ``bench/verdicts.py``, verifies them
once, and times writing the report (index, one page per title with its
timeline) into a temporary directory; it prints seconds, pages, the bytes
written and the ratio of the larger size's time to the smaller's (about 10
when the cost is linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from verdicts import AS_OF, fill  # noqa: E402

from schedules.report import build_report  # noqa: E402
from verifier.store import open_store  # noqa: E402
from verifier.store.verification import reverify  # noqa: E402

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)


def run_size(claims: int, officials: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(f"sqlite:///{scratch}/bench.db")
        try:
            fill(store, claims, officials)
            with store.transaction() as session:
                reverify(session, None, as_of=AS_OF)
            out = Path(scratch) / "site"
            started = time.perf_counter()
            with store.transaction() as session:
                report = build_report(session, out, now=NOW)
            seconds = time.perf_counter() - started
            written = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            return seconds, report.titles, written
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:100,10000:1000")
    args = parser.parse_args()
    results = []
    for size in args.sizes.split(","):
        claims, officials = (int(n) for n in size.split(":"))
        seconds, pages, written = run_size(claims, officials)
        results.append(seconds)
        print(f"{claims:>7} claims, {officials:>6} officials: {seconds:6.2f} s, "
              f"{pages} title pages, {written / 1e6:.1f} MB")  # fmt: skip
    if len(results) > 1:
        print(f"ratio of the last size's time to the first's: {results[-1] / results[0]:.1f}")


if __name__ == "__main__":
    main()
