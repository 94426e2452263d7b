"""``rumour report``: a static site of the claims and their verdicts, to open from disk.

``index.html`` lists the titles with their claims' current labels and official
dates; ``titles/<slug>.html`` draws one title's timeline (inline SVG, no script:
it reads in any browser and without JavaScript) — each claim's window as a bar
coloured by its label and named in words beside it, each official date or window as
a mark over its season's rows — and then every claim with its quote, source and
history. Jinja2 autoescapes every page, so scraped text cannot add markup; a link
is written only for an http(s) URL. One query per kind of row (claims, verdict
history, official statements): the report of 10,000 claims is a few seconds.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.app import write_output
from schedules.config import slug
from schedules.templating import http_link, template_environment
from verifier.store.models import Verdict
from verifier.store.reports import ClaimView, OfficialView, list_claims, list_officials
from verifier.verdicts import Decision
from verifier.windows import Window

LABELS = ("confirmed", "unsupported", "contradicted")
# The timeline's geometry, in SVG user units (the SVG scales to the page's width).
LEFT, PLOT, RIGHT = 170, 640, 130
ROW, TOP, AXIS = 22, 30, 24


@dataclass(frozen=True)
class HistoryRow:
    label: str
    explanation: str
    decided_at: dt.datetime


@dataclass
class Bar:
    """One claim's row of the timeline."""

    claim: ClaimView
    y: int
    x: float
    width: float
    open_end: bool

    @property
    def label(self) -> str:
        return self.claim.verdict.label if self.claim.verdict else "unverified"


@dataclass
class Mark:
    """An official date (a line) or window (a band) over its season's rows."""

    official: OfficialView
    x: float
    width: float
    y: int
    height: int


@dataclass
class TitlePage:
    name: str
    file: str
    claims: list[ClaimView]
    officials: list[OfficialView]
    history: dict[int, list[HistoryRow]]
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    height: int = 0

    def count(self, label: str) -> int:
        return sum(1 for c in self.claims if c.verdict and c.verdict.label == label)

    @property
    def latest(self) -> dt.datetime | None:
        moments = [c.decided_at for c in self.claims if c.decided_at]
        return max(moments) if moments else None


@dataclass(frozen=True)
class Report:
    index: Path
    titles: int
    claims: int


def _season(season: int | None, part: int | None) -> str:
    text = f"S{season}" if season is not None else "film / series"
    return text + (f" part {part}" if part else "")


_ENVIRONMENT = template_environment()
_ENVIRONMENT.filters["href"] = http_link
_ENVIRONMENT.globals["season"] = _season
_ENVIRONMENT.globals["labels"] = LABELS
_ENVIRONMENT.globals["geometry"] = {"left": LEFT, "plot": PLOT, "right": RIGHT, "row": ROW}


def _history(session: Session, ids: Sequence[int]) -> dict[int, list[HistoryRow]]:
    """Every claim's labels, oldest first, read in chunks of ids."""
    found: dict[int, list[HistoryRow]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(Verdict.statement_id, Verdict.label, Verdict.reason, Verdict.decided_at,
                   Verdict.evidence)
            .where(Verdict.statement_id.in_(ids[i : i + 500]))
            .order_by(Verdict.statement_id, Verdict.id)
        )  # fmt: skip
        for row in rows:
            decision = Decision(row.label, row.reason, tuple(row.evidence or ()))
            found[row.statement_id].append(
                HistoryRow(row.label, decision.explain(), row.decided_at)
            )
    return found


def _span(windows: Iterable[Window]) -> tuple[dt.date, dt.date]:
    """The timeline's first and last day: the windows' ends, out to whole years."""
    days = [d for w in windows for d in (w.start, w.end) if d is not None]
    if not days:
        today = dt.date.today()
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    first, last = min(days), max(days)
    if any(w.end is None for w in windows) and last.year == max(d.year for d in days):
        last = dt.date(last.year, 12, 31)  # room for an open window's arrow
    return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)


def _layout(page: TitlePage) -> None:
    """Bars, marks and year ticks of one title's timeline."""
    first, last = _span([c.window for c in page.claims] + [o.window for o in page.officials])
    days = (last - first).days + 1

    def x(day: dt.date) -> float:
        return LEFT + PLOT * (day - first).days / days

    claims = sorted(page.claims, key=lambda c: ((c.season or 0), (c.part or 0),
                                                c.window.start or first, c.id))  # fmt: skip
    page.claims = claims
    rows: dict[tuple[int | None, int | None], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        y = TOP + index * ROW
        start = claim.window.start or first
        end = claim.window.end or last
        left, right = x(start), x(end + dt.timedelta(days=1))
        page.bars.append(Bar(claim, y, left, max(right - left, 4.0), claim.window.end is None))
        rows[(claim.season, claim.part)].append(y)
    for official in page.officials:
        ys = rows.get((official.season, official.part)) or [TOP + (len(claims) - 1) * ROW]
        start = official.window.start or first
        end = official.window.end or last
        left, right = x(start), x(end + dt.timedelta(days=1))
        page.marks.append(Mark(official, left, max(right - left, 2.0), min(ys) - 4,
                               max(ys) - min(ys) + ROW))  # fmt: skip
    page.ticks = [(x(dt.date(year, 1, 1)), str(year)) for year in range(first.year, last.year + 1)]
    page.height = TOP + max(len(claims), 1) * ROW + AXIS


def build_report(session: Session, directory: Path, *, now: dt.datetime) -> Report:
    """Write the site into ``directory`` (made if need be); its index's path and sizes."""
    claims = list_claims(session)
    officials = list_officials(session)
    history = _history(session, [c.id for c in claims])
    by_title: dict[str, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        by_title[claim.title].append(claim)
    official_by_title: dict[str, list[OfficialView]] = defaultdict(list)
    for official in officials:
        official_by_title[official.title].append(official)
    names = sorted(set(by_title) | set(official_by_title), key=str.casefold)
    pages = []
    used: set[str] = set()
    for name in names:
        stem = slug(name) or "title"
        file, n = f"{stem}.html", 2
        while file in used:  # two names with one slug ("Moon Court", "Moon-Court")
            file, n = f"{stem}-{n}.html", n + 1
        used.add(file)
        page = TitlePage(name, file, by_title.get(name, []), official_by_title.get(name, []),
                         {c.id: history.get(c.id, []) for c in by_title.get(name, [])})  # fmt: skip
        _layout(page)
        pages.append(page)
    titles_dir = directory / "titles"
    titles_dir.mkdir(parents=True, exist_ok=True)
    context: dict[str, Any] = {"now": now, "pages": pages, "claims": len(claims)}
    title_template = _ENVIRONMENT.get_template("report_title.html")
    for page in pages:
        write_output(titles_dir / page.file, title_template.render(context, page=page).encode())
    index = _ENVIRONMENT.get_template("report_index.html").render(context)
    write_output(directory / "index.html", index.encode())
    shutil.copyfile(Path(__file__).parent / "templates" / "report.css", directory / "report.css")
    return Report(directory / "index.html", len(pages), len(claims))
