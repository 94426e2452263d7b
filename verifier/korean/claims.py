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

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from verifier.claim import Claim, quote_between
from verifier.korean.dates import KoreanDate, korean_dates
from verifier.korean.names import Mention, Name, find_mentions, page_names
from verifier.korean.words import (
    ANNOUNCED,
    ANNOUNCEMENT_OBJECT,
    ARGUMENT_AFTER,
    HANGUL,
    MANY,
    MODIFIER_AFTER,
    OFFICIAL,
    OTHER,
    PAST,
    QUOTED,
    RATINGS,
    REFERENCE,
    RELEASE,
    RUMOUR,
    SEASON_NUMBER,
    SPECULATION,
    SPOKESPERSON,
)
from verifier.sentences import Sentence, split_sentences
from verifier.windows import Window

# Where a clause ends: a connective ending and the space after it ("공개되며 ", "방송하고 ").
# (A comma parts a list's items, not clauses: "'A', 'B', 'C'를 발표했다".)
# ("다시 손잡고 만든 <X>": a "-고" joining the verbs of a clause that describes a name ends none)
_CLAUSE_END = re.compile(
    r"(?:며|고(?!\s+\S{0,3}(?:든|한|는|던|된|운|인)\s)|으며|지만|는데|면서|다가),?\s|;\s"
)
_FUTURE = re.compile(r"예정|할\s*것|될\s*것|한다|된다|인다|온다|간다|할\s*계획|나선다|앞두고")


def korean_claims(
    text: str, original: str, published: dt.date | None, field: str, *, official: bool = False
) -> list[Claim]:
    """The claims of the Korean sentences of ``text`` (``original``: the same text as
    written, for quotes)."""
    if HANGUL.search(text) is None:
        return []
    names = page_names(text)
    official = official or ANNOUNCED.search(text) is not None  # a line-up a company announced
    if published is None:
        published = _year_written(text)
    sentences = [
        part
        for s in split_sentences(text, field)
        for part in _lines_of(text, s)
        if HANGUL.search(text, part.start, part.end)
    ]
    seasons = _named_seasons(text, sentences, names)
    claims: list[Claim] = []
    last: list[Mention] = []
    last_bare = False
    last_season: int | None = None  # the one season the sentence that named them gave all
    special_before = -1  # the paragraph whose sentence before told of films on TV (특선 영화)
    month_before: Window | None = None
    carried: tuple[Window, str, int] | None = None  # a window given to people, for a while
    lineup: tuple[Window, str, int] | None = None  # a line-up's window ("하반기 라인업을 ...")
    for index, sentence in enumerate(sentences):
        body = text[sentence.start : sentence.end]
        mentions = find_mentions(body, names)
        past = PAST.search(body) is not None and _FUTURE.search(body) is None
        # a release told as done is the writer's report ("2021년 <A>를 공개했다"); a line-up
        # or a date unveiled is the company's word ("라인업을 공개했다")
        released = past and _told_as_done(body)
        # (a name's own digits are no date: "'1박 2일' 시즌4")
        dates = korean_dates(_ALIAS.sub(lambda m: " " * len(m.group()), _blanked(body, mentions)),
                             published, past=past, month_before=month_before)  # fmt: skip
        months = [d.window for d in dates if d.window.granularity == "month"]
        month_before = months[-1] if months else month_before
        if dates and not mentions and _PEOPLE_MEET.search(body) and RELEASE.search(body):
            # "내년 상반기에는 김희선, 소지섭 등 톱스타들이 시청자들과 만난다": the works each
            # appears in, named in the sentences after, carry the window
            carried = (dates[-1].window, _stance(body, official, released), index)
            continue
        if carried is not None and index - carried[2] <= 6 and not dates and mentions:
            quote = quote_between(original, sentence.start, sentence.end, field)
            for mention in mentions:
                if _APPEARS_IN.match(body, mention.end):
                    claims.append(Claim(mention.name.title, mention.name.season, carried[0],
                                        carried[1], [quote]))  # fmt: skip
        for date in dates:
            if _LINEUP_AFTER.match(body, date.end) and date.window.granularity in _COARSE:
                lineup = (date.window, _stance(body, official, released), index)
        if dates and not mentions and MANY.search(body) and not past:
            # "이달 OTT에는 신작이 대거 쏟아질 예정이다": the works named after it, their window
            lineup = (dates[-1].window, _stance(body, official, released), index)
        planned = _planned_clause(body, dates)
        if lineup is not None and index - lineup[2] <= 4 and planned is not None:
            # "디즈니+ 시리즈로는 '형사록 시즌2'가 예정돼 있다" after "하반기 라인업을 선보였다":
            # a work of the line-up, its window (in a clause of its own, after one dated
            # otherwise: "오는 30일 'A'가 출격하며, 디즈니+로는 'B'가 예정돼 있다")
            quote = quote_between(original, sentence.start, sentence.end, field)
            inside = [m for m in mentions if m.start >= planned]
            for mention in _listed_arguments(body, inside):
                claim = Claim(mention.name.title, mention.name.season, lineup[0], lineup[1],
                              [quote])  # fmt: skip
                claim.listed = True
                claims.append(claim)
        special = _SPECIAL.search(body) is not None
        rerun = (special or special_before == sentence.paragraph) and not _NEW_SHOW.search(body)
        special_before = sentence.paragraph if special else -1
        if rerun:
            continue  # "특선 영화의 경우 21일 KBS 1TV에서 '도굴'": a film on TV, no release
        if dates and RATINGS.search(body) is None:
            stance = _stance(body, official, released)
            numbers = [int(n) for n in SEASON_NUMBER.findall(body)]
            # the sentence's, once: per date they would cost dates × names
            roles = _Roles(set(_modifiers(body, mentions)), _blanked(body, mentions),
                           clause_ends(body, mentions))  # fmt: skip
            for date in dates:
                chosen = _chosen(body, date, mentions, last, dates, roles, last_bare)
                if chosen is None:
                    continue
                first = chosen[0]
                if len(chosen) > 1 and first.start >= 0 and _FIRST_OF.match(body, first.end):
                    # "오는 6월 30일 'A'를 시작으로 'B', 'C'가 출격 대기 중": the day is the
                    # first's; the others are the line-up's, if the page gives it a window
                    rest, chosen = chosen[1:], chosen[:1]
                    if lineup is not None and index - lineup[2] <= 4:
                        quote = quote_between(original, sentence.start, sentence.end, field)
                        for mention in rest:
                            claim = Claim(mention.name.title, mention.name.season, lineup[0],
                                          lineup[1], [quote])  # fmt: skip
                            claim.listed = True
                            claims.append(claim)
                quote = quote_between(original, sentence.start, sentence.end, field)
                for mention in chosen:
                    season = mention.name.season
                    if (
                        season is None
                        and len(set(numbers)) == 1
                        and (len(chosen) == 1 or all(m.start < 0 for m in chosen))
                        and (mention.start < 0 or len({m.name.title for m in mentions}) == 1)
                    ):
                        # "시즌2는 ... 방송한다", "'X'도 2월 편성을 목표로 시즌2 제작에": one work
                        season = numbers[0]
                    if season is None and mention.start < 0 and not numbers:
                        # "'A' 'B' 'C'가 시즌2로 돌아온다. 다음 달 공개되는 이들 작품": theirs
                        season = last_season
                    if mention.start >= 0 and _RELEASED_BEFORE_NAME.fullmatch(
                        body, date.end, mention.start
                    ):
                        # "지난 2016년 방송된 KBS2 'X'는 올해 시즌2로 돌아온다": the year is the
                        # work's first release, not the season the sentence brings
                        claims.append(Claim(mention.name.title, None, date.window, "report",
                                            [quote]))  # fmt: skip
                        continue
                    done = released or (
                        published is not None
                        and date.window.end is not None
                        and date.window.end < published
                    )
                    if season is None:
                        # a release told as done is no season the page is about: "'D.P'는
                        # 21년 8월 공개되며" on a page about its season 2 is the first's
                        season = seasons.get(_bare(mention.name.title))
                        if done:
                            season = 1 if season == 2 else None
                    claim = Claim(mention.name.title, season, date.window,
                                  "report" if done and stance == "official" else stance,
                                  [quote], yearless=date.yearless)  # fmt: skip
                    # a year gives way to a finer window for the same season ("내년에 선보일
                    # 예정이다 ... 내년 11월에 방송"), and so does a list's ("11월엔 ▲'A' ▲'B'
                    # ▲'C'이 방송되며 ... 지난 1일 'A'가 첫화를 방영했다")
                    claim.listed = date.window.granularity == "year" or len(chosen) >= 3
                    claims.append(claim)
        described = set(_modifiers(body, mentions))
        arguments = [m for m in mentions if m not in described]
        if arguments:  # (a work named only to describe someone is not what comes next)
            last = arguments
            # a line that only lists names ("'형사록' 'D·P' '경이로운 소문'"): what the next
            # sentence, with no subject, speaks of is all of them
            last_bare = not _NOT_A_NAME.sub("", _blanked(body, mentions))
            told = {int(n) for n in SEASON_NUMBER.findall(_blanked(body, mentions))}
            last_season = told.pop() if len(told) == 1 else None
    return _finest(claims)


# Films shown on television for a holiday: "설 특선 영화", "추석 특선영화", "TV 최초 공개".
_SPECIAL = re.compile(r"특선\s*영화|특선영화|TV\s*최초\s*(?:공개|방송)")
_NEW_SHOW = re.compile(r"예능|드라마|시리즈|파일럿")
# A clause told of the subject that follows it: "... 시작한 쿠팡플레이는 ".
_CLAUSE_SUBJECT = re.compile(r"\S*(?:한|된|던)\s+[\uac00-\ud7a3A-Za-z0-9+]{1,10}(?:은|는|이|가)\s")
# A line-up named by its window: "하반기 라인업", "2024년 드라마 라인업", "올해 라인업".
_LINEUP_AFTER = re.compile(r"\s*(?:의\s*)?(?:[^\s.]+\s+){0,3}?라인업")
_COARSE = {"year", "half", "quarter", "season", "part-of-year"}
# A work planned, with no date: "'X'가 예정돼 있다", "'Y'가 출격 대기 중이다", "'Z'도 공개된다".
_PLANNED = re.compile(
    r"예정돼\s*있|예정되어\s*있|출격\s*(?:대기|을\s*앞두|한다|할)|대기\s*중|공개된다|선보인다|찾아온다"
)
# The first of a list that goes on: "'A'를 시작으로 'B', 'C'".
_FIRST_OF = re.compile(r"['’\"”>》〉」』]?\s*(?:[을를]|으로)?\s*시작으로")


# A clause's end inside a sentence: "... 출격 대기 중이며, ...", "... 공개되고, ...".
_CLAUSE_BREAK = re.compile(r"(?:며|고|으나|지만),\s")


def _planned_clause(body: str, dates: list[KoreanDate]) -> int | None:
    """Where the sentence's undated clause that plans a work begins: the whole sentence when
    it has no date, else its last clause when no date is in it."""
    if not dates:
        return 0 if _PLANNED.search(body) else None
    breaks = list(_CLAUSE_BREAK.finditer(body))
    if not breaks or breaks[-1].end() <= dates[-1].end:
        return None
    start = breaks[-1].end()
    return start if _PLANNED.search(body, start) else None


def _listed_arguments(body: str, mentions: list[Mention]) -> list[Mention]:
    """The names a sentence gives as the verb's arguments, each the list's."""
    modifiers = _modifiers(body, mentions)
    return [m for m in mentions if m not in modifiers]


# A page's short name declared: "(이하 1박 2일 시즌3)" holds no date.
_ALIAS = re.compile(r"\(\s*이하\s*[^()]{1,30}\)")
# A date, a release told as done in the adnominal form, then the name it describes.
_RELEASED_BEFORE_NAME = re.compile(
    r"\s*(?:에\s*)?(?:방송된|공개된|개봉한|개봉된|방영된|방송했던|공개했던|방영했던|모습을\s*드러낸|"
    r"첫선을\s*보인|선보인)\s+"
    r"(?:[^\s'‘\"“<《〈「『]+\s+){0,3}['‘\"“<《〈「『]?"
)
# People, not works, meet the viewers in a window: "김희선, 소지섭, 박해진 등 톱스타들이".
_PEOPLE_MEET = re.compile(r"(?:등\s*)?(?:톱스타|스타|배우)들?(?:이|가)\s")
# A work someone appears in: "'X'에 출연한다", "'X'를 통해 ... 변신한다", "'X'로 돌아온다".
_APPEARS_IN = re.compile(
    r"['’\"”>》〉」』]?\s*(?:에\s*(?:출연|캐스팅|합류)|[을를]\s*통해|(?:으)?로\s*(?:복귀|돌아|컴백))"
)


def _lines_of(text: str, sentence: Sentence) -> list[Sentence]:
    """A sentence's lines: Korean news ends a sentence with its line even where no period
    does ("8월 31일 첫 방송" over the next work's heading)."""
    if "\n" not in text[sentence.start : sentence.end]:
        return [sentence]
    parts, at = [], sentence.start
    for m in re.finditer(r"\n", text[sentence.start : sentence.end]):
        end = sentence.start + m.start()
        if text[at:end].strip():
            parts.append(Sentence(at, end, sentence.paragraph, sentence.field))
        at = end + 1
    if text[at : sentence.end].strip():
        parts.append(Sentence(at, sentence.end, sentence.paragraph, sentence.field))
    return parts


def _finest(claims: list[Claim]) -> list[Claim]:
    """Less a window that holds a finer one given the same title and season by the same
    sentence ("이번 하반기 최고의 기대작 ... 11월 19일 공개된다": November 19)."""
    same: dict[tuple[str, int | None, int | None], list[Claim]] = {}
    for claim in claims:  # (compared within their sentence only: a page may hold thousands)
        same.setdefault((claim.title, claim.season, claim.quotes[0].start), []).append(claim)
    kept = []
    for claim in claims:
        finer = any(
            other is not claim
            and other.window != claim.window
            and claim.window.contains(other.window)
            for other in same[(claim.title, claim.season, claim.quotes[0].start)]
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


def _bare(title: str) -> str:
    """A title without its punctuation and spaces: 'D.P' and 'D.P.' are one."""
    return re.sub(r"[\W_]", "", title)


def _named_seasons(text: str, sentences: list[Sentence], names: dict[str, Name]) -> dict[str, int]:
    """The season each title is named with where the page names it with one ("'X' 시즌4 등이
    컴백한다" makes a later "X는 4분기에 돌아온다" season 4's), if only one."""
    found: dict[str, set[int]] = {}
    for sentence in sentences:
        for mention in find_mentions(text[sentence.start : sentence.end], names):
            if mention.name.season is not None:
                found.setdefault(_bare(mention.name.title), set()).add(mention.name.season)
    return {title: next(iter(numbers)) for title, numbers in found.items() if len(numbers) == 1}


@dataclass(frozen=True)
class _Roles:
    """What one sentence's names are, read once for all its dates."""

    modifiers: set[Mention]  # names that describe another word (``_modifiers``)
    plain: str  # the sentence with its names blanked out (``_blanked``)
    ends: list[tuple[int, int]]  # where its clauses end (``clause_ends``)


def _chosen(
    body: str,
    date: KoreanDate,
    mentions: list[Mention],
    last: list[Mention],
    dates: list[KoreanDate],
    roles: _Roles,
    bare_list: bool = False,
) -> list[Mention] | None:
    """The titles a release date in ``body`` speaks of, or None if it is no release date."""
    told = [m for m in mentions if m.start >= date.end and _RELEASED_BEFORE_NAME.fullmatch(
        body, date.end, m.start)]  # fmt: skip
    if told:
        return told[:1]  # "지난해 9월 9일에 모습을 드러낸 '수리남'": the date of the name it tells
    listed = [
        m
        for m in mentions
        if _PAREN_BEFORE.fullmatch(body, m.end, date.start)
        or _DASH_BEFORE.fullmatch(body, m.end, date.start)
    ]
    if listed:
        return listed[:1]  # "'광장'(2분기)", "# 지옥 – 11월 19일": a list's name and its date
    start, end = _clause(body, date.start, roles.ends)
    plain = roles.plain  # a name's own words are no cue ("'열녀박씨 계약결혼뎐'")
    release = RELEASE.search(plain, date.end, end) or RELEASE.search(plain, date.end)
    if release is None:
        release = RELEASE.search(plain, start, date.start)
        if release is None:
            return None
    if release.start() >= date.end:
        closing = _CLAUSE_SUBJECT.search(plain, release.end(), release.end() + 16)
        if closing is not None:
            # "2021년 'A'부터 공개하기 시작한 쿠팡플레이는 'B', 'C' 등을 공개해왔다": the date
            # is the clause's that describes the subject; the names after it are not dated
            end = min(end, closing.start())
    after = next((m for m in mentions if m.start >= date.end), None)
    if (
        after is not None
        and after.start < end
        and _ADNOMINAL_BEFORE.search(body, date.end, after.start)
        and RELEASE.search(plain, date.end, after.start) is None
        and any(after.end <= d.start < release.start() for d in dates)
    ):
        # "2021년 흥행몰이 한 '지옥' 시즌2는 25일 공개될": the year tells of the work, the
        # release has its own date
        return None
    # an event's word between the date and its release word ("내년 1월 촬영에 들어가 ...
    # 방송"), or nearer the date than a release word before it; one before the date in a
    # clause that tells of something else ("<A>가 종영한 ENA는 2일부터 <B>를 방송한다") is not
    other = (
        OTHER.search(plain, date.end, release.end())
        if release.start() >= date.end
        else OTHER.search(plain, start, end)
    )
    if other is not None and abs(other.start() - date.end) < abs(release.start() - date.end):
        return None  # "내년 1월 촬영에 들어가": the date is the filming's
    ending = OTHER.search(plain, release.end(), release.end() + 10)  # "편성을 잠정 중단"
    if ending is not None:
        return None  # "'X' 방영을 끝으로 ... 중단한다": the end of a run
    arguments = [m for m in mentions if m not in roles.modifiers]  # (a set)
    here = [m for m in arguments if start <= m.start < end]
    each = _in_turn(body, date, dates, here)
    if each is not None:
        return [each]
    paired = _paired(date, [d for d in dates if start <= d.start < end], here)
    if paired:
        return paired
    chosen = [m for m in here if ARGUMENT_AFTER.match(body, m.end)] or here
    # a list shares its role: "'로또 1등', '취사병' 내년 공개" (a headline drops the particle)
    chosen += [
        m
        for m in here
        if m not in chosen
        and any(_LIST_JOIN.fullmatch(body, c.end, m.start) for c in chosen if c.end <= m.start)
    ]
    chosen.sort(key=lambda m: m.start)
    if chosen and date.end <= release.start() and release.end() <= chosen[0].start:
        # "내년 상반기 공개를 앞둔 <A>와 집필 중인 <B>가": the dated clause describes A and
        # the names listed right after it; B has a clause of its own
        chosen = chosen[:1] + [
            m for before, m in pairwise(chosen) if not _OWN_CLAUSE.match(body, before.end, m.start)
        ]
    if chosen:
        return chosen
    if arguments:
        # "4월5일에는 <A>가, 4월11일에는 <B>가 관객과 만난다" read past the clause: still pairs
        paired = _paired(date, dates, arguments)
        if paired:
            return paired
        return [m for m in arguments if ARGUMENT_AFTER.match(body, m.end)] or arguments
    if mentions:
        return None  # only works named to describe another
    if last and _THESE_WORKS.search(body):
        # "다음 달 공개되는 이들 작품": all the works just named
        return [Mention(-1, -1, m.name) for m in last]
    if MANY.search(body):
        return None  # "2월 17일 두 편의 드라마가 편성을 확정했다": works not named here
    if (
        REFERENCE.search(body)
        or _STARTS_WITH_DATE.match(body, 0, max(1, date.end))
        or _RELEASE_FIELD.match(body)
        or _subjectless(body, date.start)
    ):
        # "이 작품은 ...", or a sentence that drops its subject ("봄부터 촬영에 들어가 내년
        # 11월에 방송하는 걸 목표로 한다"): the work just named
        return [Mention(-1, -1, m.name) for m in (last if bare_list else last[-1:])] or None
    return None


# A clause that tells of the name after it: "흥행몰이 한 'X'", "사랑받은 'X'", "화제를 모았던 'X'".
_ADNOMINAL_BEFORE = re.compile(
    r"\S(?:한|했던|된|됐던|던|은|운)\s*['‘\"“<《〈「『]?\s*\Z|\s한\s*['‘\"“<《〈「『]?\s*\Z"
)


# A name's own adnominal clause after a list's joint: "와 집필 중이라고 전해지는 <".
_OWN_CLAUSE = re.compile(
    r"['’\"”>》〉」』]?\s*(?:와|과|,)\s+\S[^'‘\"“<《〈「『]*\s\S*[\uac00-\ud7a3](?:는|던|된|인|한|은)\s*"
    r"['‘\"“<《〈「『]\s*\Z"
)


# The works just named, all of them: "이들 작품", "이 드라마들", "세 작품 모두".
_THESE_WORKS = re.compile(
    r"이들\s*(?:작품|드라마|시리즈|영화|신작|화제작)|이\s*(?:작품|드라마|시리즈|영화)들|"
    r"(?:두|세|네)\s*(?:작품|드라마|시리즈|영화)\s*(?:모두|다)"
)
_NOT_A_NAME = re.compile(r"[\s'‘’\"“”<>《》〈〉「」『』,·◆▲■#-]+")


# Between two names of one list: "'A', 'B'", "'A'와 'B'".
_LIST_JOIN = re.compile(r"['’\"”>》〉」』]?\s*(?:,|와|과|및|·)?\s*['‘\"“<《〈「『]?")


def _modifiers(body: str, mentions: list[Mention]) -> list[Mention]:
    """The names that describe another word, not the verb's argument ("'X' 속 인물"), and
    the names listed with one ("'A', 'B' 등을 제작한 스튜디오": both)."""
    found: list[Mention] = []
    following: Mention | None = None
    for m in reversed(mentions):
        if MODIFIER_AFTER.match(body, m.end) or _in_relative_clause(body, m.end) or (
            following in found and following is not None
            and _LIST_JOIN.fullmatch(body, m.end, following.start)
        ):  # fmt: skip
            found.append(m)
        following = m
    return found


_OBJECT_VERB = re.compile(
    r"['’\"”>》〉」』]?\s*(?:[을를이가]|에서)\s+([\uac00-\ud7a3]+)\s+[\uac00-\ud7a3]"
)


def _in_relative_clause(body: str, end: int) -> bool:
    """A name that is the object of a verb describing a noun, not the sentence's argument:
    "'엠로스'를 찾은 사람들" (a verb in its adnominal form, ending in -ㄴ, -는 or -던; not a
    release word: "'X'를 공개한 넷플릭스" tells of X's release)."""
    m = _OBJECT_VERB.match(body, end)
    if m is None:
        return False
    verb = m.group(1)
    adnominal = verb.endswith(_ADNOMINAL_ENDINGS)  # 찾은, 그린, 다룬, 만드는, 보던
    return (
        adnominal
        and len(verb) >= 2
        and RELEASE.search(verb) is None
        and not verb.endswith("오는")  # "'X'가 오는 하반기 공개된다": a date's lead
    )


_ADNOMINAL_ENDINGS = ("은", "는", "던", "한", "된", "운", "린", "룬", "든", "낸", "탄", "친")


def _blanked(body: str, mentions: list[Mention]) -> str:
    """``body`` with the names it writes blanked out."""
    if not mentions:
        return body
    parts, at = [], 0
    for m in mentions:
        if m.start >= at:
            parts += [body[at : m.start], " " * (m.end - m.start)]
            at = m.end
    return "".join(parts) + body[at:]


# A card's field: "공개 예정: 2023년 3월", "개봉일: 5월 3일" under the work's name.
_RELEASE_FIELD = re.compile(
    r"\s*(?:공개|개봉|방송|방영|첫\s*방송|편성|출시)\s*(?:예정|예정일|일|일자|날짜|시기)?\s*[:：]"
)


def _subjectless(body: str, before: int) -> bool:
    """A sentence that names no subject or topic before its date ("총 8부작으로 구성되며, 12월
    26일 전편 동시 공개된다"): it goes on about the work just named."""
    for m in _WORD_PARTICLE.finditer(body, 0, before):
        word = m.group(1)
        if word.endswith(("은", "는", "가")) or (
            word.endswith("이") and len(word) >= 2 and (ord(word[-2]) - 0xAC00) % 28 != 0
        ):
            return False
    return True


_WORD_PARTICLE = re.compile(r"([\uac00-\ud7a3]{2,})(?=[\s,])")
_STARTS_WITH_DATE = re.compile(
    # ("넷플릭스 8월 22일 방영" under a card's name: the channel may lead)
    r"\s*(?:(?:넷플릭스|디즈니\+?|티빙|웨이브|쿠팡플레이|왓챠|tvN|JTBC|MBC|SBS|KBS2?|ENA|OCN|TVING)\s+)?"
    r"(?:(?:19|20)\d\d\s*년|\d{1,2}\s*월|봄|여름|가을|겨울|올해|내년|상반기|하반기|"
    r"(?:지난|오는)\s*\d{1,2}\s*일)"
)


_DASH_BEFORE = re.compile(r"['’\"”>》〉」』]?\s+[–—-]\s+")
_PAREN_BEFORE = re.compile(r"['’\"”>》〉」』]?\s*\(\s*")


# Between two dates of one list: "10일과 17일", "10일, 17일".
_DATES_JOINED = re.compile(r"\s*(?:과|와|,|및|·)\s*")


def _in_turn(
    body: str, date: KoreanDate, dates: list[KoreanDate], names: list[Mention]
) -> Mention | None:
    """ "'A'와 'B'를 10일과 17일로 연기했다": as many dates joined after the names as there are
    names, each in turn."""
    if len(names) < 2:
        return None
    after = [d for d in dates if d.start >= names[-1].end]
    if len(after) != len(names) or date not in after:
        return None
    if not all(_DATES_JOINED.fullmatch(body, a.end, b.start) for a, b in pairwise(after)):
        return None
    if not all(_LIST_JOIN.fullmatch(body, a.end, b.start) or
               re.fullmatch(r"['’\"”>》〉」』]?\s*(?:와|과)\s*[^'‘\"“<《〈「『]{0,20}['‘\"“<《〈「『]?",
                            body[a.end : b.start])
               for a, b in pairwise(names)):  # fmt: skip
        return None
    return names[after.index(date)]


def _paired(date: KoreanDate, dates: list[KoreanDate], names: list[Mention]) -> list[Mention]:
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


def clause_ends(body: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Where the sentence's clauses end (start and end of each mark), in order; a name's own
    words end none ("'당신의 운명을 쓰고 있습니다'")."""
    names: list[list[int]] = []  # the names' spans, overlapping ones merged, in order
    for first, last in sorted((n.start, n.end) for n in mentions):
        if names and first <= names[-1][1]:
            names[-1][1] = max(names[-1][1], last)
        else:
            names.append([first, last])
    starts = [first for first, _ in names]
    ends = []
    for m in _CLAUSE_END.finditer(body):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < names[i][1]:
            continue  # inside a name
        ends.append((m.start(), m.end()))
    return ends


def _clause(body: str, at: int, ends: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause around ``at``, between the clause ends before and after it."""
    start, end = 0, len(body)
    for mark_start, mark_end in ends:
        if mark_end <= at:
            start = mark_end
        elif mark_start >= at:
            end = mark_end
            break
    return start, end


def _told_as_done(body: str) -> bool:
    """A past release word that is no unveiling of a line-up, a date, a video ("라인업을
    공개했다", "하이라이트 영상을 공개했다")."""
    unveiled = [m.span() for m in ANNOUNCEMENT_OBJECT.finditer(body)]
    unveiled += [m.span() for m in OTHER.finditer(body)]
    return any(
        not any(start <= m.start() < end for start, end in unveiled) for m in PAST.finditer(body)
    )


def _stance(body: str, official: bool, released: bool) -> str:
    body = QUOTED.sub(lambda m: " " * len(m.group()), body)  # "'경이로운 소문'" is no rumour
    spokesperson = SPOKESPERSON.search(body) is not None
    if RUMOUR.search(body) and not spokesperson:
        return "rumour"
    if SPECULATION.search(body):
        return "speculation"
    if released:
        return "report"
    if official or spokesperson or OFFICIAL.search(body):
        return "official"
    return "report"
