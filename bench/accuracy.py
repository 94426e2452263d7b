"""Extraction accuracy on the hand-labelled corpus (../shared/corpus by default).

    python bench/accuracy.py [--corpus DIR] [--catalogue none|official] [--quiet]

Matching rule (corpus README): titles equal after case-folding, dropping
punctuation and a leading "The", or difflib ratio >= 0.9; seasons equal with
null == 1; start and end each within 31 days (ends both null when open; a
null labelled start is not compared). Each label matches at most one
prediction and back, the closest windows paired first. Prints precision, recall, F1, window accuracy (exact windows
among matches), stance accuracy, and the misses and false claims.

Verdicts: every labelled claim and every extracted claim is decided against
``official.json`` by the verdict rules; the labels' verdicts are the
reference. Printed: the label counts of both, and verdict agreement (matched
claims whose verdict equals their label's verdict).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.claims import Claim, extract_claims  # noqa: E402
from verifier.titles import Catalogue  # noqa: E402
from verifier.verdicts import Numbered, Official, decide, relevant  # noqa: E402
from verifier.windows import Window  # noqa: E402


class Officials:
    """``official.json`` as evidence, by normalised title."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.by_title: dict[str, list[Numbered]] = {}
        for i, row in enumerate(rows):
            window = Window(_date(row["start"]), _date(row["end"]), row["granularity"], "")
            official = Official(window, row["source_url"], None, _date(row.get("announced")),
                                order=i)  # fmt: skip
            self.by_title.setdefault(_norm_title(row["title"]), []).append(
                Numbered(row["season"], row.get("part"), official)
            )

    def label(self, title: str, season: int | None, part: int | None, window: Window) -> str:
        candidates = self.by_title.get(_norm_title(title), [])
        return decide(window, relevant(season, part, candidates)).label


def _label_window(label: dict[str, Any]) -> Window:
    return Window(_date(label["start"]), _date(label["end"]), label["granularity"], "")


def _norm_title(title: str) -> str:
    text = re.sub(r"[^\w\s]", "", title.casefold())
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def matches(label: dict[str, Any], claim: Claim) -> bool:
    a, b = _norm_title(label["title"]), _norm_title(claim.title)
    if a != b and difflib.SequenceMatcher(None, a, b).ratio() < 0.9:
        return False
    if (label["season"] or 1) != (claim.season or 1):
        return False
    start, end = _date(label["start"]), _date(label["end"])
    if start is not None and (
        claim.window.start is None or abs((claim.window.start - start).days) > 31
    ):
        return False
    if end is None or claim.window.end is None:
        return end is None and claim.window.end is None
    return abs((claim.window.end - end).days) <= 31


def _gap(label: dict[str, Any], claim: Claim) -> int:
    """Days between a label's window and a claim's, for pairing the closest first."""
    days = 0
    for mine, theirs in ((label["start"], claim.window.start), (label["end"], claim.window.end)):
        if mine and theirs:
            days += abs((theirs - dt.date.fromisoformat(mine)).days)
    return days


def assign(labels: list[dict[str, Any]], claims: list[Claim]) -> dict[int, int]:
    """Each label to at most one claim and back, closest windows first (so that a claim
    for November 16 is not spent on a label for November 9 that another claim matches)."""
    candidates = sorted(
        (_gap(label, claim), n, i)
        for n, label in enumerate(labels)
        for i, claim in enumerate(claims)
        if matches(label, claim)
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, n, i in candidates:
        if n not in pairs and i not in taken:
            pairs[n] = i
            taken.add(i)
    return pairs


def exact_window(label: dict[str, Any], claim: Claim) -> bool:
    return _date(label["start"]) == claim.window.start and _date(label["end"]) == claim.window.end


def run(corpus: Path, catalogue_mode: str, quiet: bool) -> dict[str, float]:
    catalogue = Catalogue()
    if catalogue_mode == "official":
        for row in json.loads((corpus / "official.json").read_text()):
            catalogue.add(row["title"])
    officials = Officials(json.loads((corpus / "official.json").read_text()))
    predicted = labelled = matched = exact = stance_ok = verdict_ok = 0
    label_counts: dict[str, int] = {}
    predicted_counts: dict[str, int] = {}
    report: list[str] = []
    for path in sorted((corpus / "cases").glob("*.json")):
        case = json.loads(path.read_text())
        published = _date(case["published"])
        claims = extract_claims(case["text"], published=published, catalogue=catalogue)
        predicted += len(claims)
        labelled += len(case["claims"])
        verdicts = [officials.label(c.title, c.season, c.part, c.window) for c in claims]
        for verdict in verdicts:
            predicted_counts[verdict] = predicted_counts.get(verdict, 0) + 1
        pairs = assign(case["claims"], claims)
        used = set(pairs.values())
        for n, label in enumerate(case["claims"]):
            reference = officials.label(
                label["title"], label["season"], label.get("part"), _label_window(label)
            )
            label_counts[reference] = label_counts.get(reference, 0) + 1
            hit = pairs.get(n)
            if hit is None:
                report.append(
                    f"  MISS  {case['id']} {label['title']} s{label['season']} "
                    f"{label['start']}..{label['end']} | {label['quote'][:90]}"
                )
                continue
            matched += 1
            exact += exact_window(label, claims[hit])
            stance_ok += label["stance"] == claims[hit].stance
            verdict_ok += verdicts[hit] == reference
        for i, claim in enumerate(claims):
            if i not in used:
                w = claim.window
                report.append(
                    f"  FALSE {case['id']} {claim.title} s{claim.season} {w.start}..{w.end} "
                    f"| {claim.quotes[0].text[:90]}"
                )
    precision = matched / predicted if predicted else 0.0
    recall = matched / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "window_accuracy": exact / matched if matched else 0.0,
        "stance_accuracy": stance_ok / matched if matched else 0.0,
        "verdict_agreement": verdict_ok / matched if matched else 0.0,
    }
    print(
        f"catalogue={catalogue_mode} labelled={labelled} predicted={predicted} matched={matched}\n"
        + "  ".join(f"{k}={v:.3f}" for k, v in figures.items())
        + f"\nverdicts of labelled claims {dict(sorted(label_counts.items()))}"
        + f"\nverdicts of extracted claims {dict(sorted(predicted_counts.items()))}"
    )
    if not quiet:
        print("\n".join(sorted(report)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--catalogue", choices=["none", "official", "both"], default="both")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    modes = ["none", "official"] if args.catalogue == "both" else [args.catalogue]
    for mode in modes:
        run(args.corpus, mode, args.quiet)


if __name__ == "__main__":
    main()
