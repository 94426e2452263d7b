"""The names of works on a Korean page: what it quotes ('…', "…", 〈…〉, 《…》, <…>, 「…」,
『…』) or lists ("▲X ▲Y", "# X – 10월 15일"), less sayings, events and broadcast slots;
each with the season written into it ("'추리의 여왕 시즌2'", "'지옥2'"), and where the page
writes each again (``mentions``), with the season written after it ("'X' 시즌2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.korean.words import (
    DOUBLE_SAYING,
    HANGUL,
    NETWORK_NAMES,
    ORDINALS,
    QUOTED,
    SAYING,
    SEASON_AFTER,
)

_SUBTITLE_AFTER = re.compile(r"['’\"”]?\s*(?:이)?라는\s*부제")
# "부제 '카운터 펀치'로": a season's subtitle, not a work
_SUBTITLE_BEFORE = re.compile(r"부제(?:는|인|로|가)?\s*$")
# A work with a Latin name in a Korean sentence: "'D.P. 시즌2'", "'SKY 캐슬'" (a capital or a
# digit first, a few words)
_LATIN_NAME = re.compile(r"[A-Z0-9][A-Za-z0-9.·:&!?'’ -]{1,30}")
# A kind of works, quoted: "'넷플릭스 오리지널 컨텐츠'", "'K-드라마'", "'시즌제'"
_CATEGORY = re.compile(
    r"(?:(?:넷플릭스|디즈니\+?|디즈니플러스|티빙|웨이브|쿠팡플레이|tvN|JTBC|MBC|SBS|KBS2?|OTT|K)[ -]*)?"
    r"(?:오리지널|콘텐츠|컨텐츠|시리즈|드라마|영화|예능|시즌|시즌제|\s)+"
)
# "'경이로운 소문'(이하 '경소문')": the page's short name for the work just named
_SHORT_NAME = re.compile(
    r"['’\"”>》〉」』]\s*\(\s*이하\s*['‘\"“<《〈「『]?([^'’\"”>》〉」』()]{1,20}?)['’\"”>》〉」』]?\s*\)"
)
_UNQUOTED_SEASON = re.compile(
    r"(?<![\w'‘’\"“”<>《》〈〉「」『』.·:-])([\uac00-\ud7a3A-Za-z0-9]{2,12})\s*시즌\s*\d{1,2}(?!\d)"
)
_NOT_SERIES = {
    "내년", "올해", "이번", "다음", "지난", "새", "새로운", "첫", "전", "이전", "차기", "새해", "드라마",
    "예능", "작품", "시리즈", "프로그램", "오리지널", "신작", "기존", "후속", "해당", "본", "그", "이",
    "최근", "현재", "당시", "또", "특히", "먼저", "이어", "앞서", "한편", "마지막", "두번째", "다시",
    "아직", "바로", "이미", "벌써", "곧", "결국", "지금", "향후", "올", "내후년", "지난해", "작년",
    # times: "내년 상반기 시즌2로 다시 찾아온다"
    "상반기", "하반기", "연말", "연초", "연내", "분기", "봄", "여름", "가을", "겨울", "초", "중순", "말",
    "하순", "상순", "이달", "내달", "다음달", "연휴",
}  # fmt: skip
_PARTICLES = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "도",
    "와",
    "과",
    "에",
    "로",
    "서",
    "며",
    "고",
    "다",
)
_PLAYED_BY = re.compile(r"\([^()]{1,20}\s*분\)$")
_ASIDE_AFTER = re.compile(r"(?<=\S)\s*\([^()]{1,30}\)$")
_ENGLISH_AFTER = re.compile(r"\s*\([A-Za-z0-9 :'&!?.,-]{1,40}\)$")
# A quoted event's name: "'넥스트 온 넷플릭스' 라인업", "'X' 행사", "'X' 쇼케이스".
_EVENT_AFTER = re.compile(
    r"['’\"”]?\s*(?:라인업|행사|쇼케이스|이벤트|시상식|페스티벌|축제|기자간담회|간담회|발표회|콘셉트|컨셉|캠페인)"
)
# An event named in full: "'2023 웨이브 콘텐츠 라인업 설명회'", "'X 쇼케이스'" (a word of its
# own: "'대행사'" is a work)
_EVENT_NAME = re.compile(
    r"\s(?:설명회|발표회|행사|쇼케이스|시상식|페스티벌|영화제|간담회|이벤트|콘서트|팬미팅|보고회|시사회|라인업)$"
)
# A kind of people, quoted: "'한드 마니아'들의" (a work takes no plural).
_PLURAL_AFTER = re.compile(r"\s*들(?:이|의|은|을|에게|도|과|와|\s)")
# A quoted event's name after its kind: "팬 이벤트인 '투둠 코리아'를 통해".
_EVENT_BEFORE = re.compile(r"(?:이벤트|행사|쇼케이스|축제|페스티벌|시상식)(?:인|의)?\s*$")
# A list's items marked "▲": "▲킹덤 2 ▲범인은 바로 너! 시즌 2 ▲보건교사 안은영 등이다".
_MARKED_ITEM = re.compile(r"▲\s*([^▲\n]{1,30}?)\s*(?=▲|\s등|$|\n)")
_SLOT = re.compile(r"(?:\d+\s*시\s*)?(?:편성|시간대|방송\s*시간)|\d+\s*시")  # matched whole
# "'X 시즌2'", "'더 글로리 파트2'" (a part numbered as the streamer numbers seasons)
_OWN_SEASON = re.compile(r"\s*(?:시즌|파트)\s*(\d{1,2})$")
_SPACED_NUMBER = re.compile(r"\s+([2-9])$")
_TRAILING_NUMBER = re.compile(r"^(.*[\uac00-\ud7a3])\s?([2-9])$")


@dataclass(frozen=True)
class Name:
    title: str
    season: int | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: Name


# A listing's line: "# 마이 네임 – 10월 15일", "- 지옥 - 11월 19일".
_LISTED = re.compile(
    r"^[ \t#*•·-]*([\uac00-\ud7a3A-Za-z0-9][\uac00-\ud7a3A-Za-z0-9 :!?,.&]{0,28}?)[ \t]+[–—-][ \t]+"
    r"(?:(?:19|20)\d\d\s*년\s*)?\d{1,2}\s*월",
    re.M,
)


def page_names(text: str) -> dict[str, Name]:
    """The names the page quotes or lists with a date, each as written and without its
    punctuation."""
    names: dict[str, Name] = {}
    for m in _LISTED.finditer(text):
        name = m.group(1).strip()
        if HANGUL.search(name):
            names.setdefault(name, Name(name, None))
    for m in _MARKED_ITEM.finditer(text):
        item = m.group(1).strip()
        if QUOTED.search(item):
            continue  # "▲ ENA '낮에 뜨는 달'": the quoted name is the item's, read below
        lead = item.split(maxsplit=1)
        if len(lead) == 2 and lead[0] in NETWORK_NAMES:
            item = lead[1]  # "▲ SBS 마이데몬": the channel, then the work
        own = _OWN_SEASON.search(item) or _SPACED_NUMBER.search(item)
        name = Name(item[: own.start()].strip(), int(own.group(1))) if own else Name(item, None)
        if name.title and HANGUL.search(name.title):
            names.setdefault(item, name)
            names.setdefault(name.title, Name(name.title, None))
    quoted = list(QUOTED.finditer(text))
    for m in quoted:
        inner = next(g for g in m.groups() if g is not None).strip()
        double = m.group(2) is not None
        if double and (SAYING.search(inner) or DOUBLE_SAYING.search(inner)):
            # a saying, and the names it quotes: "\"'X'는 3분기 공개 예정\"이라고 밝혔다"
            quoted.extend(QUOTED.finditer(text, m.start() + 1, m.end() - 1))
            continue
        if _PLAYED_BY.search(inner):
            continue  # "'동동주(김소현 분)'": a character and who plays her
        inner = _ASIDE_AFTER.sub("", _ENGLISH_AFTER.sub("", inner).strip()).strip()
        if (
            not inner
            or not (HANGUL.search(inner) or _LATIN_NAME.fullmatch(inner))
            or _CATEGORY.fullmatch(inner)
            or _SUBTITLE_BEFORE.search(text, max(0, m.start() - 8), m.start())
            or len(inner.split()) > 8
            or _SUBTITLE_AFTER.match(text, m.end())
            or inner in NETWORK_NAMES
            or _EVENT_AFTER.match(text, m.end())
            or _EVENT_NAME.search(inner)
            or _PLURAL_AFTER.match(text, m.end())
            or _EVENT_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        # (the English name in parentheses and a maker's aside are dropped: "'보호자(정우성
        # 감독)'", "'X(가제)'")
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
        name = Name(inner, season)
        for form in {inner, re.sub(r"[^\w\s]", "", inner), re.sub(r"[^\w]", "", inner)}:
            if len(form) >= 2:
                names.setdefault(form, Name(inner, None))
        if season is not None:
            names[inner + str(season)] = name
            names[inner + " " + str(season)] = name
    for m in _UNQUOTED_SEASON.finditer(text):
        # "내년 소년시대 시즌2와": a word written with a season is a series' name, unquoted
        word = m.group(1)
        if (
            word in _NOT_SERIES
            or word in NETWORK_NAMES
            or word.endswith(_PARTICLES)
            or any(word in n.title for n in names.values())
        ):
            continue
        names.setdefault(word, Name(word, None))
    for m in _SHORT_NAME.finditer(text):
        before = [
            n for form, n in names.items() if text.endswith(form, 0, m.start()) and n.season is None
        ]
        if before:
            names[m.group(1)] = max(before, key=lambda n: len(n.title))
    # "'내일 지구가…'" in a headline: the name cut short, the page's full name for it
    for form, name in list(names.items()):
        cut = name.title.endswith(("..", "…")) or (
            name.title.endswith(".") and HANGUL.match(name.title, len(name.title) - 2) is not None
        )  # ("K.O." is a whole name)
        if cut:
            stem = name.title.rstrip(".… ")
            full = [n for n in names.values() if n.title.startswith(stem) and n.title != name.title]
            del names[form]
            if full and stem:
                names[form] = max(full, key=lambda n: len(n.title))
    return names


def find_mentions(body: str, names: dict[str, Name]) -> list[Mention]:
    """Where ``body`` writes the names, longest first, each with the season written after it."""
    found: list[Mention] = []
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
                        name = Name(name.title, ORDINALS[number])
                    elif number:
                        name = Name(name.title, int(number))
                found.append(Mention(at, end, name))
                taken.append((at, end))
            at = body.find(form, end)
    return sorted(found, key=lambda m: m.start)
