"""Verification cost: a full pass and the incremental pass after one new official statement.

    python bench/verdicts.py [--sizes 10000:1000,100000:10000] [--database URL]

For each size (claims:officials) it fills a fresh database (SQLite in a temp
dir unless --database names another, e.g. PostgreSQL) with synthetic titles,
official statements and claims, then times:

- the first full pass (every claim decided, every verdict written);
- a second full pass with nothing changed (decided again, nothing written);
- the incremental pass: one new official statement recorded and its title's
  claims re-decided;
- the pure decision rules alone, in memory;

and the traced peak memory of a first full pass. Two sizes show how the
cost grows: linear, not quadratic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, insert  # noqa: E402

from verifier.store import Store, open_store  # noqa: E402
from verifier.store.models import CurrentVerdict, Statement, Title, Verdict  # noqa: E402
from verifier.store.repository import StatementSpec, TitleRegistry, fingerprint  # noqa: E402
from verifier.store.verification import record_and_reverify, reverify  # noqa: E402
from verifier.verdicts import Official, decide  # noqa: E402
from verifier.windows import Window  # noqa: E402

AS_OF = dt.date(2026, 11, 24)


def _window(rng: random.Random) -> Window:
    year = rng.choice((2025, 2026, 2027))
    kind = rng.random()
    if kind < 0.4:
        return Window.month(year, rng.randint(1, 12))
    if kind < 0.6:
        return Window.quarter(year, rng.randint(1, 4))
    if kind < 0.8:
        return Window.day(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
    return Window.year(year)


def _statement(role: str, title_id: int, season: int, window: Window, i: int) -> dict[str, Any]:
    announced = dt.date(2025, 1, 1) + dt.timedelta(days=i % 600)
    return {
        "title_id": title_id,
        "season": season,
        "role": role,
        "stance": "official" if role == "official" else "rumour",
        "window_start": window.start,
        "window_end": window.end,
        "granularity": window.granularity,
        "window_value": window.value,
        "quotes": [],
        "source_url": f"https://example.com/{role}/{i}",
        "announced": announced,
        "released": False,
        "fingerprint": fingerprint(role, i, title_id, season, window.value),
    }


def fill(store: Store, claims: int, officials: int, seed: int = 7) -> int:
    """Synthetic titles (one per two official statements), officials and claims."""
    rng = random.Random(seed)
    titles = max(1, officials // 2)
    with store.transaction() as session:
        session.execute(
            insert(Title),
            [{"name": f"Title {i}", "key": f"title {i}", "scopes": []} for i in range(titles)],
        )
        first = session.query(Title.id).order_by(Title.id).first()
        assert first is not None
        base = first[0]
        rows = [
            _statement("official", base + i % titles, 1 + (i // titles) % 3, _window(rng), i)
            for i in range(officials)
        ]
        rows += [
            _statement("claim", base + rng.randrange(titles), rng.randint(1, 3), _window(rng), i)
            for i in range(claims)
        ]
        for start in range(0, len(rows), 5000):
            session.execute(insert(Statement), rows[start : start + 5000])
    return base


def forget_verdicts(store: Store) -> None:
    with store.transaction() as session:
        session.execute(delete(CurrentVerdict))
        session.execute(delete(Verdict))


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def run_size(url: str, claims: int, officials: int) -> dict[str, Any]:
    store = open_store(url)
    try:
        fill(store, claims, officials)

        def full() -> int:
            with store.transaction() as session:
                return len(reverify(session, None, as_of=AS_OF))

        first_s, changed = timed(full)
        again_s, unchanged = timed(full)

        def incremental() -> int:
            spec = StatementSpec(
                "Title 0", 1, Window.day(dt.date(2026, 12, 18)), "official",
                source_url="https://example.com/new", announced=AS_OF,
            )  # fmt: skip
            with store.transaction() as session:
                registry = TitleRegistry(session)
                return len(
                    record_and_reverify(
                        session, registry, [spec], role="official", as_of=AS_OF
                    ).changes
                )

        incremental_s, incremental_changed = timed(incremental)

        forget_verdicts(store)
        tracemalloc.start()
        full()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        rng = random.Random(3)
        pairs = [
            (_window(rng), [Official(_window(rng), announced=AS_OF, order=j) for j in range(2)])
            for _ in range(claims)
        ]
        pure_s, _ = timed(lambda: [decide(c, o, as_of=AS_OF) for c, o in pairs])
    finally:
        store.close()
    return {
        "claims": claims,
        "officials": officials,
        "first_s": first_s,
        "changed": changed,
        "again_s": again_s,
        "unchanged": unchanged,
        "incremental_ms": incremental_s * 1000,
        "incremental_changed": incremental_changed,
        "peak_mib": peak / 2**20,
        "pure_s": pure_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000:1000,100000:10000",
                        help="claims:officials pairs, comma-separated")  # fmt: skip
    parser.add_argument("--database", help="database URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    results = []
    for pair in args.sizes.split(","):
        claims, officials = (int(x) for x in pair.split(":"))
        with tempfile.TemporaryDirectory() as tmp:
            url = args.database or f"sqlite:///{tmp}/bench.db"
            if args.database:
                print("note: --database must be empty; each size needs a fresh one")
            results.append(run_size(url, claims, officials))
    print(f"{'claims':>8} {'officials':>9} {'full pass':>10} {'again':>8} {'incremental':>12} "
          f"{'peak MiB':>9} {'rules only':>10}")  # fmt: skip
    for r in results:
        print(
            f"{r['claims']:>8} {r['officials']:>9} {r['first_s']:>9.2f}s {r['again_s']:>7.2f}s "
            f"{r['incremental_ms']:>10.1f}ms {r['peak_mib']:>9.1f} {r['pure_s']:>9.2f}s"
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = large["claims"] / small["claims"]
        print(
            f"{growth:.0f}x the claims: full pass {large['first_s'] / small['first_s']:.1f}x, "
            f"incremental {large['incremental_ms'] / small['incremental_ms']:.1f}x"
        )


if __name__ == "__main__":
    main()
