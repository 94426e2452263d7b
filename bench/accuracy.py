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
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
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


def _same_title(label: dict[str, Any], claim: Claim) -> bool:
    """The claim's title is the label's, or (Korean cases) the label's English name."""
    b = _norm_title(claim.title)
    for name in (label["title"], label.get("title_en")):
        if name:
            a = _norm_title(name)
            if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9:
                return True
    return False


def _same_season(label: dict[str, Any], claim: Claim) -> bool:
    return _same_title(label, claim) and (label["season"] or 1) == (claim.season or 1)


def _kind(label: dict[str, Any], claims: list[Claim]) -> str:
    """Why a label went unmatched (or, with the roles swapped, a claim)."""
    if not any(_same_title(label, c) for c in claims):
        return "title"
    return "window" if any(_same_season(label, c) for c in claims) else "season"


def matches(label: dict[str, Any], claim: Claim) -> bool:
    if not _same_season(label, claim):
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


HELD = 0  # the quarter whose sha256(id) % 4 is this is held back


def held_back(case_id: str) -> bool:
    """The fixed quarter set aside: chosen by a hash of the id, the same on every run."""
    return int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % 4 == HELD


def slice_of(case_id: str) -> str:
    """The slice a case belongs to: its id without the number ('films-03' -> 'films')."""
    name = re.sub(r"-?\d+$", "", case_id)
    return name or "original"


@dataclass
class Tally:
    labelled: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    stance_ok: int = 0
    verdict_ok: int = 0
    # what went wrong, counted (for the held quarter too: kinds, never cases): a label whose
    # title no claim has, whose season none has, whose window none has; and a claim so
    miss_title: int = 0
    miss_season: int = 0
    miss_window: int = 0
    false_title: int = 0
    false_season: int = 0
    false_window: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.labelled if self.labelled else 0.0
        m = self.matched or 1
        return {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "window_accuracy": self.exact / m,
            "stance_accuracy": self.stance_ok / m,
            "verdict_agreement": self.verdict_ok / m,
        }


@dataclass
class Outcome:
    tally: Tally = field(default_factory=Tally)
    report: list[str] = field(default_factory=list)
    stances: dict[tuple[str, str], int] = field(default_factory=dict)  # (label, predicted)


def score_case(case: dict[str, Any], catalogue: Catalogue, officials: Officials) -> Outcome:
    out = Outcome()
    t = out.tally
    published = _date(case["published"])
    claims = extract_claims(case["text"], published=published, catalogue=catalogue)
    t.predicted, t.labelled = len(claims), len(case["claims"])
    verdicts = [officials.label(c.title, c.season, c.part, c.window) for c in claims]
    pairs = assign(case["claims"], claims)
    for n, label in enumerate(case["claims"]):
        hit = pairs.get(n)
        if hit is None:
            kind = _kind(label, claims)
            setattr(t, f"miss_{kind}", getattr(t, f"miss_{kind}") + 1)
            out.report.append(
                f"  MISS  {case['id']} {label['title']} s{label['season']} "
                f"{label['start']}..{label['end']} | {label['quote'][:90]}"
            )
            continue
        reference = officials.label(
            label["title"], label["season"], label.get("part"), _label_window(label)
        )
        claim = claims[hit]
        t.matched += 1
        t.exact += exact_window(label, claim)
        t.stance_ok += label["stance"] == claim.stance
        t.verdict_ok += verdicts[hit] == reference
        key = (label["stance"], claim.stance)
        out.stances[key] = out.stances.get(key, 0) + 1
    used = set(pairs.values())
    for i, claim in enumerate(claims):
        if i not in used:
            kind = _false_kind(claim, case["claims"])
            setattr(t, f"false_{kind}", getattr(t, f"false_{kind}") + 1)
            w = claim.window
            out.report.append(
                f"  FALSE {case['id']} {claim.title} s{claim.season} {w.start}..{w.end} "
                f"| {claim.quotes[0].text[:90]}"
            )
    return out


def _false_kind(claim: Claim, labels: list[dict[str, Any]]) -> str:
    if not any(_same_title(label, claim) for label in labels):
        return "title"
    return "window" if any(_same_season(label, claim) for label in labels) else "season"


def load_cases(corpus: Path, folder: str = "cases") -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((corpus / folder).glob("*.json"))]


def _kinds(t: Tally) -> str:
    return (
        f"{'':<16} misses: no such title {t.miss_title}, title but not season {t.miss_season}, "
        f"season but not window {t.miss_window}; false: title unlabelled {t.false_title}, "
        f"season {t.false_season}, window {t.false_window}"
    )


def _line(name: str, t: Tally) -> str:
    f = t.figures()
    return (
        f"{name:<16} labelled={t.labelled:<4} predicted={t.predicted:<4} matched={t.matched:<4} "
        f"P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f} "
        f"window={f['window_accuracy']:.3f} stance={f['stance_accuracy']:.3f} "
        f"verdict={f['verdict_agreement']:.3f}"
    )


def run(corpus: Path, catalogue_mode: str, quiet: bool) -> dict[str, dict[str, float]]:
    """Figures for the developed quarters (overall, per slice) and for the held quarter
    (overall only: its misses and false claims are never printed)."""
    catalogue = Catalogue()
    if catalogue_mode == "official":
        for row in json.loads((corpus / "official.json").read_text()):
            catalogue.add(row["title"])
    officials = Officials(json.loads((corpus / "official.json").read_text()))
    developed, held = Tally(), Tally()
    slices: dict[str, Tally] = {}
    report: list[str] = []
    stances: dict[tuple[str, str], int] = {}
    for case in load_cases(corpus):
        outcome = score_case(case, catalogue, officials)
        if held_back(case["id"]):
            held.add(outcome.tally)
            continue
        developed.add(outcome.tally)
        slices.setdefault(slice_of(case["id"]), Tally()).add(outcome.tally)
        report.extend(outcome.report)
        for key, n in outcome.stances.items():
            stances[key] = stances.get(key, 0) + n
    print(f"catalogue={catalogue_mode}")
    print(_line("developed", developed))
    print(_kinds(developed))
    for name in sorted(slices):
        print(_line(f"  {name}", slices[name]))
    print(_line("HELD QUARTER", held))
    print(_kinds(held))
    # The Korean cases (cases-ko), apart, with a quarter of their own held back the same way.
    ko_developed, ko_held = Tally(), Tally()
    for case in load_cases(corpus, "cases-ko"):
        outcome = score_case(case, catalogue, officials)
        if held_back(case["id"]):
            ko_held.add(outcome.tally)
            continue
        ko_developed.add(outcome.tally)
        report.extend(outcome.report)
    if ko_developed.labelled or ko_held.labelled:
        print(_line("korean developed", ko_developed))
        print(_kinds(ko_developed))
        print(_line("KOREAN HELD", ko_held))
        print(_kinds(ko_held))
    if not quiet:
        print("stance confusion among matches (label -> predicted): " + ", ".join(
            f"{a}->{b} {n}" for (a, b), n in sorted(stances.items()) if a != b
        ))  # fmt: skip
        print("\n".join(sorted(report)))
    return {"developed": developed.figures(), "held": held.figures(),
            "korean_developed": ko_developed.figures(), "korean_held": ko_held.figures()}  # fmt: skip


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
