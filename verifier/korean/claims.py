"""Release claims in Korean sentences.

Korean puts the predicate last: "SBS는 내년 1월 6일 새 금토드라마 '법쩐'을 공개한다". A
date is a release date when a release word (``words.RELEASE``) follows it in its clause
or ends the sentence, and no word of another event (a trailer unveiled, filming) stands
nearer to it. The date is the clause's titles', else the sentence's, else the one the
sentence before named ("이 작품은 ..."). A title is a name the page quotes ('…', 〈…〉,
《…》, <…>, 「…」), and wherever the page writes that name again, quoted or not; its
season is "시즌2" after it or a "2" that ends it ("지옥2").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from verifier.claim import Claim, quote_between
from verifier.korean.dates import KoreanDate, korean_dates
from verifier.korean.words import (
    ARGUMENT_AFTER,
    DOUBLE_SAYING,
    HANGUL,
    MANY,
    MODIFIER_AFTER,
    NETWORK_NAMES,
    OFFICIAL,
    ORDINALS,
    OTHER,
    PAST,
    QUOTED,
    RATINGS,
    REFERENCE,
    RELEASE,
    RUMOUR,
    SAYING,
    SEASON_AFTER,
    SEASON_NUMBER,
    SPECULATION,
)
from verifier.sentences import Sentence, split_sentences
from verifier.windows import Window

# Where a clause ends: a connective ending and the space after it ("공개되며 ", "방송하고 ").
# (A comma parts a list's items, not clauses: "'A', 'B', 'C'를 발표했다".)
_CLAUSE_END = re.compile(r"(?:며|고|으며|지만|는데|면서|다가),?\s|;\s")
_FUTURE = re.compile(r"예정|할\s*것|될\s*것|한다|된다|인다|온다|간다|할\s*계획|나선다|앞두고")
_SUBTITLE_AFTER = re.compile(r"['’\"”]?\s*(?:이)?라는\s*부제")
_ENGLISH_AFTER = re.compile(r"\s*\([A-Za-z0-9 :'&!?.,-]{1,40}\)$")
# A quoted event's name: "'넥스트 온 넷플릭스' 라인업", "'X' 행사", "'X' 쇼케이스".
_EVENT_AFTER = re.compile(
    r"['’\"”]?\s*(?:라인업|행사|쇼케이스|이벤트|시상식|페스티벌|축제|기자간담회|간담회|발표회|콘셉트|컨셉|캠페인)"
)
# A quoted event's name after its kind: "팬 이벤트인 '투둠 코리아'를 통해".
_EVENT_BEFORE = re.compile(r"(?:이벤트|행사|쇼케이스|축제|페스티벌|시상식)(?:인|의)?\s*$")
# A list's items marked "▲": "▲킹덤 2 ▲범인은 바로 너! 시즌 2 ▲보건교사 안은영 등이다".
_MARKED_ITEM = re.compile(r"▲\s*([^▲\n]{1,30}?)\s*(?=▲|\s등|$|\n)")
_SLOT = re.compile(r"(?:\d+\s*시\s*)?(?:편성|시간대|방송\s*시간)|\d+\s*시")  # matched whole
_OWN_SEASON = re.compile(r"\s*시즌\s*(\d{1,2})$")
_SPACED_NUMBER = re.compile(r"\s+([2-9])$")
_TRAILING_NUMBER = re.compile(r"^(.*[\uac00-\ud7a3])\s?([2-9])$")


@dataclass(frozen=True)
class _Name:
    title: str
    season: int | None


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: _Name


def korean_claims(
    text: str, original: str, published: dt.date | None, field: str, *, official: bool = False
) -> list[Claim]:
    """The claims of the Korean sentences of ``text`` (``original``: the same text as
    written, for quotes)."""
    if HANGUL.search(text) is None:
        return []
    names = _names(text)
    if published is None:
        published = _year_written(text)
    sentences = [s for s in split_sentences(text, field) if HANGUL.search(text, s.start, s.end)]
    seasons = _named_seasons(text, sentences, names)
    claims: list[Claim] = []
    last: list[_Mention] = []
    month_before: Window | None = None
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        mentions = _mentions(body, names)
        past = PAST.search(body) is not None and _FUTURE.search(body) is None
        dates = korean_dates(body, published, past=past, month_before=month_before)
        months = [d.window for d in dates if d.window.granularity == "month"]
        month_before = months[-1] if months else month_before
        if dates and RATINGS.search(body) is None:
            stance = _stance(body, official)
            numbers = [int(n) for n in SEASON_NUMBER.findall(body)]
            for date in dates:
                chosen = _chosen(body, date, mentions, last, dates)
                if chosen is None:
                    continue
                quote = quote_between(original, sentence.start, sentence.end, field)
                for mention in chosen:
                    season = mention.name.season
                    if (
                        season is None
                        and len(set(numbers)) == 1
                        and len(chosen) == 1
                        and (mention.start < 0 or len(mentions) == 1)
                    ):
                        # "시즌2는 ... 방송한다", "'X'도 2월 편성을 목표로 시즌2 제작에": one work
                        season = numbers[0]
                    if season is None:
                        season = seasons.get(mention.name.title)
                    claim = Claim(mention.name.title, season, date.window, stance, [quote],
                                  yearless=date.yearless)  # fmt: skip
                    # a year gives way to a finer window for the same season ("내년에 선보일
                    # 예정이다 ... 내년 11월에 방송")
                    claim.listed = date.window.granularity == "year"
                    claims.append(claim)
        if mentions:
            last = mentions
    return _finest(claims)


def _finest(claims: list[Claim]) -> list[Claim]:
    """Less a window that holds a finer one given the same title and season by the same
    sentence ("이번 하반기 최고의 기대작 ... 11월 19일 공개된다": November 19)."""
    kept = []
    for claim in claims:
        finer = any(
            other is not claim
            and other.title == claim.title
            and other.season == claim.season
            and other.quotes[0].start == claim.quotes[0].start
            and other.window != claim.window
            and claim.window.contains(other.window)
            for other in claims
        )
        if not finer:
            kept.append(claim)
    return kept


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?!\s*년\s*(?:만에|간|전|동안|생))")


def _year_written(text: str) -> dt.date | None:
    """For a page with no date: the latest year it names ("'넥스트 온 넷플릭스 2025' 행사"),
    read as its year, so that "올해" and "6월 27일" can be read at all."""
    years = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
    return dt.date(max(years), 1, 1) if years else None


def _named_seasons(text: str, sentences: list[Sentence], names: dict[str, _Name]) -> dict[str, int]:
    """The season each title is named with where the page names it with one ("'X' 시즌4 등이
    컴백한다" makes a later "X는 4분기에 돌아온다" season 4's), if only one."""
    found: dict[str, set[int]] = {}
    for sentence in sentences:
        for mention in _mentions(text[sentence.start : sentence.end], names):
            if mention.name.season is not None:
                found.setdefault(mention.name.title, set()).add(mention.name.season)
    return {title: next(iter(numbers)) for title, numbers in found.items() if len(numbers) == 1}


def _chosen(
    body: str,
    date: KoreanDate,
    mentions: list[_Mention],
    last: list[_Mention],
    dates: list[KoreanDate],
) -> list[_Mention] | None:
    """The titles a release date in ``body`` speaks of, or None if it is no release date."""
    listed = [
        m
        for m in mentions
        if _PAREN_BEFORE.fullmatch(body, m.end, date.start)
        or _DASH_BEFORE.fullmatch(body, m.end, date.start)
    ]
    if listed:
        return listed[:1]  # "'광장'(2분기)", "# 지옥 – 11월 19일": a list's name and its date
    start, end = _clause(body, date.start, mentions)
    release = RELEASE.search(body, date.end, end) or RELEASE.search(body, date.end)
    if release is None:
        release = RELEASE.search(body, start, date.start)
        if release is None:
            return None
    other = OTHER.search(body, start, end)
    if other is not None and abs(other.start() - date.end) < abs(release.start() - date.end):
        return None  # "내년 1월 촬영에 들어가": the date is the filming's
    ending = OTHER.search(body, release.end(), release.end() + 6)
    if ending is not None:
        return None  # "'X' 방영을 끝으로 ... 중단한다": the end of a run
    arguments = [m for m in mentions if not MODIFIER_AFTER.match(body, m.end)]
    here = [m for m in arguments if start <= m.start < end]
    paired = _paired(date, [d for d in dates if start <= d.start < end], here)
    if paired:
        return paired
    chosen = [m for m in here if ARGUMENT_AFTER.match(body, m.end)] or here
    if chosen:
        return chosen
    if arguments:
        return [m for m in arguments if ARGUMENT_AFTER.match(body, m.end)] or arguments
    if mentions:
        return None  # only works named to describe another
    if MANY.search(body):
        return None  # "2월 17일 두 편의 드라마가 편성을 확정했다": works not named here
    if REFERENCE.search(body) or _STARTS_WITH_DATE.match(body, 0, max(1, date.start + 1)):
        # "이 작품은 ...", or a sentence that drops its subject ("봄부터 촬영에 들어가 내년
        # 11월에 방송하는 걸 목표로 한다"): the work just named
        return [_Mention(-1, -1, m.name) for m in last[-1:]] or None
    return None


_STARTS_WITH_DATE = re.compile(
    r"\s*(?:(?:19|20)\d\d\s*년|\d{1,2}\s*월|봄|여름|가을|겨울|올해|내년|상반기|하반기)"
)


_DASH_BEFORE = re.compile(r"['’\"”>》〉」』]?\s+[–—-]\s+")
_PAREN_BEFORE = re.compile(r"['’\"”>》〉」』]?\s*\(\s*")


def _paired(date: KoreanDate, dates: list[KoreanDate], names: list[_Mention]) -> list[_Mention]:
    """Several dates and several names in a sentence, each date its own: where the first name
    comes first ("'A'는 3월, 'B'는 5월 공개"), a date is the name before it; where a date comes
    first ("2021년 <A>, 2022년 <B>", "오는 11일 'A'를 시작으로 하반기 'B', 'C'를 공개한다"), the
    names after it, up to the next date."""
    if len(dates) < 2 or len(names) < 2:
        return []
    starts = [d.start for d in dates]
    if names[0].start < starts[0]:
        previous = max((s for s in starts if s < date.start), default=-1)
        return [m for m in names if previous < m.start and m.end <= date.start]
    following = [s for s in starts if s > date.start]
    stop = following[0] if following else 1 << 30
    return [m for m in names if date.end <= m.start < stop]


def _clause(body: str, at: int, mentions: list[_Mention] | None = None) -> tuple[int, int]:
    """The clause around ``at``; a name's own words end none ("'당신의 운명을 쓰고 있습니다'")."""
    start, end = 0, len(body)
    for m in _CLAUSE_END.finditer(body):
        if mentions and any(n.start <= m.start() < n.end for n in mentions):
            continue
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.end()
            break
    return start, end


def _stance(body: str, official: bool) -> str:
    if RUMOUR.search(body):
        return "rumour"
    if SPECULATION.search(body):
        return "speculation"
    if official or OFFICIAL.search(body):
        return "official"
    return "report"


# A listing's line: "# 마이 네임 – 10월 15일", "- 지옥 - 11월 19일".
_LISTED = re.compile(
    r"^[ \t#*•·-]*([\uac00-\ud7a3A-Za-z0-9][\uac00-\ud7a3A-Za-z0-9 :!?,.&]{0,28}?)[ \t]+[–—-][ \t]+"
    r"(?:(?:19|20)\d\d\s*년\s*)?\d{1,2}\s*월",
    re.M,
)


def _names(text: str) -> dict[str, _Name]:
    """The names the page quotes or lists with a date, each as written and without its
    punctuation."""
    names: dict[str, _Name] = {}
    for m in _LISTED.finditer(text):
        name = m.group(1).strip()
        if HANGUL.search(name):
            names.setdefault(name, _Name(name, None))
    for m in _MARKED_ITEM.finditer(text):
        item = m.group(1).strip()
        own = _OWN_SEASON.search(item) or _SPACED_NUMBER.search(item)
        name = _Name(item[: own.start()].strip(), int(own.group(1))) if own else _Name(item, None)
        if name.title and HANGUL.search(name.title):
            names.setdefault(item, name)
            names.setdefault(name.title, _Name(name.title, None))
    for m in QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None).strip()
        double = m.group(2) is not None
        if (
            not inner
            or not HANGUL.search(inner)
            or (double and (SAYING.search(inner) or DOUBLE_SAYING.search(inner)))
            or len(inner.split()) > 6
            or _SUBTITLE_AFTER.match(text, m.end())
            or inner in NETWORK_NAMES
            or _EVENT_AFTER.match(text, m.end())
            or _EVENT_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        inner = _ENGLISH_AFTER.sub("", inner).strip()
        if _SLOT.fullmatch(inner):
            continue  # "'10시 편성'": a slot, not a work
        season = None
        own = _OWN_SEASON.search(inner)
        if own is not None:  # "'추리의 여왕 시즌2'": the name and its season
            inner, season = inner[: own.start()].strip(), int(own.group(1))
            if not inner:
                continue
        numbered = _TRAILING_NUMBER.match(inner) if season is None else None
        if numbered is not None:
            inner, season = numbered.group(1), int(numbered.group(2))
        name = _Name(inner, season)
        for form in {inner, re.sub(r"[^\w\s]", "", inner), re.sub(r"[^\w]", "", inner)}:
            if len(form) >= 2:
                names.setdefault(form, _Name(inner, None))
        if season is not None:
            names[inner + str(season)] = name
            names[inner + " " + str(season)] = name
    # "'내일 지구가…'" in a headline: the name cut short, the page's full name for it
    for form, name in list(names.items()):
        if name.title.endswith((".", "…")):
            stem = name.title.rstrip(".… ")
            full = [n for n in names.values() if n.title.startswith(stem) and n.title != name.title]
            del names[form]
            if full and stem:
                names[form] = max(full, key=lambda n: len(n.title))
    return names


def _mentions(body: str, names: dict[str, _Name]) -> list[_Mention]:
    """Where ``body`` writes the names, longest first, each with the season written after it."""
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for form in sorted(names, key=len, reverse=True):
        at = body.find(form)
        while at >= 0:
            end = at + len(form)
            inside = at > 0 and HANGUL.match(body, at - 1) is not None and len(form) <= 2
            if not inside and not any(a < end and at < b for a, b in taken):
                name = names[form]
                after = SEASON_AFTER.match(
                    body, end + (1 if body[end : end + 1] in "'’\"”>》〉」』" else 0)
                )
                if after is not None and name.season is None:
                    number = next((g for g in after.groups() if g), None)
                    if number in ORDINALS:
                        name = _Name(name.title, ORDINALS[number])
                    elif number:
                        name = _Name(name.title, int(number))
                found.append(_Mention(at, end, name))
                taken.append((at, end))
            at = body.find(form, end)
    return sorted(found, key=lambda m: m.start)
