from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.verdicts import (
    LABELS,
    Decision,
    Numbered,
    Official,
    Slate,
    compare,
    decide,
    relevant,
)
from verifier.windows import Window

CASES = tomllib.loads((Path(__file__).parent / "data" / "verdicts.toml").read_text("utf-8"))["case"]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _decide(case: dict[str, Any]) -> Decision:
    candidates = [
        Numbered(
            row.get("season"),
            row.get("part"),
            Official(
                Window.from_value(row["window"]),
                url=f"https://official.example/{i}",
                announced=_date(row.get("announced")),
                released=row.get("released", False),
                order=i,
            ),
        )
        for i, row in enumerate(case.get("officials", []))
    ]
    slates = [
        Slate(
            s["year"],
            s["scope"],
            "https://official.example/slate",
            _date(s.get("announced")),
            s.get("complete", True),
        )
        for s in case.get("slates", [])
    ]
    officials = relevant(case.get("season"), case.get("part"), candidates)
    return decide(
        Window.from_value(case["claim"]), officials, slates, as_of=_date(case.get("as_of"))
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_claim_to_verdict(case: dict[str, Any]) -> None:
    decision = _decide(case)
    assert (decision.label, decision.reason) == (case["label"], case["reason"])
    assert [e["window"]["value"] for e in decision.evidence] == case["evidence"]
    assert [e["superseded"] for e in decision.evidence][1:] == [True] * (len(decision.evidence) - 1)


def test_seed_rumour_is_unsupported_because_absent_from_the_slate() -> None:
    slate = Slate(2026, "Korean series", "https://official.example/2026", dt.date(2026, 1, 20))
    decision = decide(Window.month(2026, 12), [], [slate], as_of=dt.date(2026, 3, 1))
    assert (decision.label, decision.reason) == ("unsupported", "absent_from_slate")
    assert decision.explain() == "absent from the official 2026 Korean series slate"
    assert decision.evidence[0]["url"] == "https://official.example/2026"


def test_every_evidence_item_has_the_contract_fields() -> None:
    official = Official(Window.day(dt.date(2026, 12, 26)), "https://o.example", "quote", None)
    (item,) = decide(Window.month(2026, 12), [official]).evidence
    assert {"url", "quote", "window", "announced"} <= set(item)


_windows = st.builds(
    lambda year, month, span: Window.days(
        dt.date(year, month, 1), dt.date(year, month, 1) + dt.timedelta(days=span)
    ),
    st.integers(2020, 2030),
    st.integers(1, 12),
    st.integers(0, 400),
)


@given(_windows, _windows)
def test_compare_is_a_partition(claim: Window, official: Window) -> None:
    label, reason = compare(claim, official)
    assert label in LABELS
    inside = claim.start <= official.start and official.end <= claim.end  # type: ignore[operator]
    disjoint = official.end < claim.start or claim.end < official.start  # type: ignore[operator]
    wider = official.start <= claim.start and claim.end <= official.end  # type: ignore[operator]
    assert (label == "confirmed") == inside
    assert (label == "contradicted") == disjoint
    assert (reason == "official_wider") == (wider and not inside)


@given(_windows, st.lists(_windows, max_size=4))
def test_the_decision_does_not_depend_on_the_order_of_the_evidence(
    claim: Window, windows: list[Window]
) -> None:
    officials = [
        Official(w, announced=dt.date(2025, 1, 1) + dt.timedelta(days=i), order=i)
        for i, w in enumerate(windows)
    ]
    assert decide(claim, officials) == decide(claim, list(reversed(officials)))
