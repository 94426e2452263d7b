"""Titles and seasons in text.

``title_key`` is the one normalisation of a name (case, punctuation, curly
quotes, a leading "The", "&"), so "The White Lotus" and "White Lotus" are one
title. ``Catalogue`` finds known titles and aliases with a token index: the
cost per word of text does not grow with the catalogue. ``discover_titles``
finds names the catalogue does not know ("X season 2", "season 2 of X",
quoted Title Case names). ``find_seasons`` finds "season 2", "second
season", "S2", "Season Two", "Part 2", "Volume 1".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "i": 1, "ii": 2, "iii": 3, "iv": 4}  # fmt: skip
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2,
                 "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9,
                 "10th": 10}  # fmt: skip
# Single words that are titles too rarely to count without a season or quotes beside them.
AMBIGUOUS_WORDS = {
    "it", "us", "you", "she", "they", "them", "we", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "netflix", "season", "series", "part", "the", "dark", "lost",
}  # fmt: skip


def fold(text: str) -> str:
    """Length-preserving cleanup of scraped text: curly quotes, odd spaces, "…" as "."."""
    if text.isascii():
        return text
    for odd, plain in _FOLD:  # a few C-speed replaces beat str.translate with a dict
        if odd in text:
            text = text.replace(odd, plain)
    return text


_FOLD = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "),
         ("\u2032", "'"), ("\u00b4", "'"), ("\u2009", " "), ("\u202f", " "), ("\u2026", "."))  # fmt: skip


_TOKEN_OR_AMPERSAND = re.compile(f"{_TOKEN.pattern}|&", _TOKEN.flags)


def _words(folded: str) -> list[str]:
    """The normalised words of folded text, one per ``_TOKEN_OR_AMPERSAND`` match, so that
    offsets come from the text itself (NFKC can change lengths: "ﬁ" is "fi")."""
    if folded.isascii():  # lower() keeps ASCII lengths
        words = _TOKEN_OR_AMPERSAND.findall(folded.lower())
    else:
        raw = _TOKEN_OR_AMPERSAND.findall(folded)
        words = [unicodedata.normalize("NFKC", w).casefold() for w in raw]
    if "&" in folded:
        words = ["and" if w == "&" else w for w in words]
    return words


def tokens(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", fold(text)).casefold().replace("&", " and ")
    return _TOKEN.findall(normal)


def title_key(name: str) -> str:
    """The normalised key of a title: "The Devil’s Plan" → "devil s plan"."""
    words = tokens(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class TitleMention:
    start: int
    end: int
    title: str  # canonical name


class Catalogue:
    """Known titles and aliases, found in text by a token index."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self._canonical: dict[str, str] = {}
        self._names: set[str] = set()
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for name, aliases in entries:
            self.add(name, aliases)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: str) -> bool:
        return title_key(name) in self._canonical

    def add(self, name: str, aliases: Iterable[str] = ()) -> str:
        """Add a title (or more aliases of a known one); returns its canonical name."""
        canonical = self._canonical.get(title_key(name), name)
        self._names.add(canonical)
        for variant in (name, *aliases):
            key = title_key(variant)
            if not key or key in self._canonical:
                continue
            self._canonical[key] = canonical
            words = tuple(key.split())
            self._by_first.setdefault(words[0], []).append(words)
            self._by_first[words[0]].sort(key=len, reverse=True)
        return canonical

    def canonical(self, name: str) -> str | None:
        return self._canonical.get(title_key(name))

    def names(self) -> list[str]:
        return sorted(self._names)

    def find(self, text: str) -> list[TitleMention]:
        """Every known title in ``text``, longest match first, without overlaps."""
        if not self._by_first:
            return []
        folded = fold(text)
        words = _words(folded)
        starts = [i for i, word in enumerate(words) if word in self._by_first]
        if not starts:
            return []
        spans = [m.span() for m in _TOKEN_OR_AMPERSAND.finditer(folded)]
        found: list[TitleMention] = []
        free = 0  # words before this one are inside a title already found
        for i in starts:
            if i < free:
                continue
            match_len = next(
                (len(c) for c in self._by_first[words[i]] if tuple(words[i : i + len(c)]) == c), 0
            )
            if not match_len:
                continue
            start, end = spans[i][0], spans[i + match_len - 1][1]
            if not self._acceptable(text, start, end, match_len):
                continue
            if i > 0 and words[i - 1] == "the" and start - spans[i - 1][1] <= 1:
                start = spans[i - 1][0]
            key = " ".join(words[i : i + match_len])
            found.append(TitleMention(start, end, self._canonical[key]))
            free = i + match_len
        return found

    @staticmethod
    def _acceptable(text: str, start: int, end: int, length: int) -> bool:
        first = text[start]
        if first.isalpha() and first.islower():
            return False
        if length == 1 and text[start:end].casefold() in AMBIGUOUS_WORDS:
            quoted = start > 0 and text[start - 1] in "'\"\u2018\u201c"
            return quoted or bool(_SEASON_AFTER.match(text, end))
        return True


_SEASON_AFTER = re.compile(r"[:\s,]*(?:season|series|s\d)", re.I)

# --- seasons and parts -------------------------------------------------------------------

_NUM = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
# One word-start test, ``\b(?=\w)``, before all the alternatives: a quarter faster than a
# ``\b`` in each, which is also tried where words end.
SEASON_PATTERN = re.compile(
    rf"\b(?=\w)(?:(?:season|series)\s*(?P<num>{_NUM})(?!\d|:\d)|S(?P<s>\d{{1,2}})(?:E\d+)?\b|"
    rf"(?P<ord>{_ORD})\s+(?:and\s+(?:final|last)\s+)?(?:season|series|instal+ment)\b)",
    re.I,
)
PART_PATTERN = re.compile(
    rf"\b(?=\w)(?:(?:part|volume|vol\.|act|chapter)\s*(?P<num>{_NUM}|I{{1,3}}|IV)\b|"
    rf"(?P<ord>{_ORD})\s+(?:part|volume|act|half|chapter)\b)",
    re.I,
)


@dataclass(frozen=True)
class SeasonMention:
    start: int
    end: int
    number: int
    kind: str  # season or part


def number_word(text: str) -> int | None:
    text = text.lower().rstrip(".")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text) or ORDINAL_WORDS.get(text)


def find_seasons(text: str) -> list[SeasonMention]:
    found: list[SeasonMention] = []
    for kind, pattern in (("season", SEASON_PATTERN), ("part", PART_PATTERN)):
        for m in pattern.finditer(text):
            raw = next(g for g in m.groupdict().values() if g)
            number = number_word(raw)
            # "act", "vol." and "chapter" count only written as names ("Act Two").
            casual = (
                kind == "part"
                and m.group().lower().startswith(("act", "vol", "chapter"))
                and not m.group()[0].isupper()
                and m.group("ord") is None
            )
            if number and 0 < number < 40 and not casual:
                found.append(SeasonMention(m.start(), m.end(), number, kind))
    return sorted(found, key=lambda s: s.start)


# --- discovery of unknown titles ---------------------------------------------------------

_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from",
          "is", "are", "&", "de", "la", "le", "vs", "vs.", "or", "my", "your", "our", "us"}  # fmt: skip
_LEAD_STRIP = {"when", "is", "will", "where", "what", "why", "how", "does", "did", "here",
               "here's", "everything", "new", "watch", "exclusive", "netflix", "netflix's",
               "hbo", "hbo's", "disney", "prime", "video", "max", "apple", "the", "a", "an",
               "and", "of", "in", "on", "to", "for", "at", "by", "with", "from", "are", "or",
               "after", "before", "while", "as", "if", "but", "so", "both", "about",
               "than", "upcoming", "confirmed", "official", "update", "release", "date", "vs",
               "news", "breaking", "review", "trailer", "first", "look", "teaser", "korean",
               "k-drama", "drama", "series", "show", "season", "part", "my", "your", "our",
               "us", "it", "this", "that", "these", "those", "has", "have", "had", "was",
               "were", "be", "been", "de", "la", "le"}  # fmt: skip
_WORD = re.compile(r"[\w'&.:!?-]+")
_DATE_WORD = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[:/]\d{2}.*|\(?\d{4}\)?")
_MARKER = re.compile(r"(?i)season|series|part|volume|vol\.|s\d{1,2}")
# What follows a name: "X season 2", "X Part 2" (a name's capital), "X: S2", "X release
# date". The scan starts at the keyword (a leading "[:\s,]*" would be tried at every
# position); ``_anchor_start`` steps back over the separators.
_ANCHOR_BEFORE = re.compile(
    r"(?:season|series|(?-i:Part|Volume|Vol\.))\s*"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"|(?P<short>S\d{1,2}\b)|(?<=\s)(?P<date>release\s+date)",
    re.I,
)
_SEASON_OF = re.compile(
    rf"\b(?:(?:season|part|volume)\s+{_NUM}|the\s+{_ORD}\s+(?:season|part|volume))\s+of\s+", re.I
)
# Whose fans, and what returns, is a title: "fans of The Long Night can look forward to".
_AUDIENCE_OF = re.compile(r"\b(?:fans|viewers|the\s+return)\s+of\s+", re.I)
_DESCRIBED = re.compile(r"(?:[^\s.,;:!?()]+\s+){0,6}?[^\s.,;:!?()]+,\s+")
# The quote comes first and the test of the character before it after, so that the scanner
# can jump from quote to quote.
_QUOTED = re.compile(
    r"'(?<![\w']')((?:[^'\n]|'(?=[A-Za-z]))+?)'(?![A-Za-z])|\"(?<![\w\"]\")([^\"\n]+?)\"(?!\w)"
)


# What kind of adaptation a name is, written between it and its season: "X live-action
# season 2", "X anime Season 3".
FORMAT_WORD = (
    r"(?:live[-\s]action|anime|animated|reboot|remake|revival|spin-?off|prequel|sequel|"
    r"docuseries|reality\s+show|k-?drama|drama|series|show)"
)
_FORMAT_AT_END = re.compile(rf"\s+{FORMAT_WORD}\s*$", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a)$", re.I)  # "the anime season 2" names nothing
# A quoted name just before the end of a stretch: the quote opens at a word start.
_QUOTED_BEFORE = re.compile(r"(?<![\w'\"])(['\"])(?!\s)([^'\"\n]{1,80}?)\1\s*$")


# "Squid Game: The Challenge": a name, a colon and a Title Case subtitle of a few words.
_SUBTITLE = re.compile(
    r":[ \t]+((?:(?:The|A|An)[ \t]+)?[A-Z][\w'&-]*(?:[ \t]+(?:of|the|and|in|on|to|at|a|for|&|"
    r"[A-Z][\w'&-]*)){0,4})(?=[,.;:!?)\s\"']|$)"
)
_NOT_SUBTITLE = {"season", "series", "part", "volume", "episode", "release", "cast", "trailer",
                 "plot", "netflix", "everything", "all", "the", "a", "an"} | _LEAD_STRIP  # fmt: skip


def subtitle_end(text: str, end: int) -> int | None:
    """Where the subtitle after a name ending at ``end`` ends: a spin-off's own name
    ("X: The Challenge"), not a headline's lead-in ("X: Everything We Know")."""
    found = _SUBTITLE.match(text, end)
    if found is None:
        return None
    words = found.group(1).split()
    core = [w for w in words if w not in ("The", "A", "An")]
    if not core or core[0].lower() in _NOT_SUBTITLE or _date_like(found.group(1)):
        return None
    if words[-1].lower() in _SMALL or any(_MARKER.fullmatch(w) for w in words):
        return None
    return found.end()


def _is_title_word(word: str) -> bool:
    core = word.strip("'\".,:;!?")
    if not core:
        return False
    return core[0].isupper() or core[0].isdigit() or not core[0].isascii()


def _title_before(text: str, end: int) -> tuple[int, str] | None:
    """The Title Case run of words ending at ``end`` ("... All of Us Are Dead"), or the
    quoted name that ends there ('Secrets of "Wednesday" Season 2': Wednesday)."""
    # Only the last 120 characters are looked at: a newline further back changes nothing,
    # and searching the whole text back would make discovery quadratic on one-line pages.
    line_start = text.rfind("\n", max(0, end - 130), end) + 1
    descriptor = _FORMAT_AT_END.search(text, max(line_start, end - 30), end)
    if descriptor and not _ARTICLE_BEFORE.search(
        text, max(0, descriptor.start() - 4), descriptor.start()
    ):
        end = descriptor.start()  # "One Piece live-action season 2": One Piece
    quoted = _QUOTED_BEFORE.search(text, max(line_start, end - 90), end)
    if quoted:  # quotes make even "Wednesday" a name
        name = quoted.group(2).strip(",.;:!? ")
        if _is_title_word(name) and len(name.split()) <= 8 and not _date_like(name):
            return quoted.start(2), name
        return None
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, max(line_start, end - 90), end)]
    chosen: list[tuple[int, str]] = []
    for start, word in reversed(words):
        if word.endswith((".", "!", "?")) and chosen and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            break
        if chosen and text[start + len(word) : chosen[0][0]].strip() in (",", ";", "(", ")", "|"):
            break
        if _DATE_WORD.fullmatch(word) or (chosen and _MARKER.fullmatch(word)):
            break
        if word.startswith(("'", '"')) and (_is_title_word(word) or chosen):
            chosen.insert(0, (start, word))
            break
        if _is_title_word(word) or (word.lower() in _SMALL and chosen):
            chosen.insert(0, (start, word))
            if len(chosen) >= 8:
                break
        else:
            break
    chosen = _trim(chosen)
    if not chosen:
        return None
    name = text[chosen[0][0] : chosen[-1][0] + len(chosen[-1][1])].strip("'\".,:;!?-")
    if not name or name.lower() in AMBIGUOUS_WORDS or len(name) < 2 or _date_like(name):
        return None
    return chosen[0][0], name


def _date_like(name: str) -> bool:
    """ "November 26", "2023", "Friday, May 2": a date before "Part 2", not a name."""
    words = tokens(name)
    return all(w.isdigit() or w.rstrip("stndrh").isdigit() or w in _CALENDAR for w in words) and (
        len(words) > 1 or not words or not words[0].isalpha()  # a lone "Wednesday" may be a name
    )


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
             "jul", "aug", "sep", "sept", "oct", "nov", "dec", "of", "the"}  # fmt: skip


def _title_after(text: str, start: int) -> str | None:
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, start, start + 90)]
    chosen: list[tuple[int, str]] = []
    for pos, word in words:
        if chosen and text[chosen[-1][0] + len(chosen[-1][1]) : pos].strip():
            break
        clean = word.rstrip(".,:;!?")
        if _is_title_word(clean) or (clean.lower() in _SMALL and chosen):
            chosen.append((pos, clean))
            if word != clean or len(chosen) >= 8:
                break
        else:
            break
    chosen = _trim(chosen)
    if not chosen:
        return None
    name = text[chosen[0][0] : chosen[-1][0] + len(chosen[-1][1])].strip("'\".,:;!?-")
    return name if name and name.lower() not in AMBIGUOUS_WORDS else None


def _trim(chosen: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop lead-in words ("When is", "Netflix's"), numbers and small words at the edges."""
    chosen = list(chosen)
    while chosen:
        word = chosen[0][1].strip("'\"")
        lead = word.lower() in _LEAD_STRIP and word != "The"
        possessive = word.lower().endswith("'s") and len(chosen) > 1
        if lead or possessive or word.isdigit() or (word.lower() in _SMALL and word != "The"):
            chosen.pop(0)
        else:
            break
    while chosen and chosen[-1][1].lower() in _SMALL and chosen[-1][1] not in ("Us", "Our"):
        chosen.pop()  # but "All of Us" ends in a word
    return chosen


def _anchor_start(text: str, anchor: re.Match[str]) -> int:
    """Where the name before an anchor ends: back over spaces (and ":" or ",")."""
    extra = "" if anchor.group("date") else ":" if anchor.group("short") else ":,"
    i = anchor.start()
    while i > 0 and (text[i - 1] in extra or text[i - 1].isspace()):
        i -= 1
    return i


def discover_titles(text: str) -> list[str]:
    """Names that look like titles: before "season N", after "season N of", quoted."""
    names: list[str] = []
    for m in _ANCHOR_BEFORE.finditer(text):
        found = _title_before(text, _anchor_start(text, m))
        if found:
            names.append(found[1])
    for m in _SEASON_OF.finditer(text):
        name = _title_after(text, m.end())
        # "the second season of the hit fantasy prequel, House of the Dragon"
        apposition = _DESCRIBED.match(text, m.end())
        if name is None and apposition is not None:
            name = _title_after(text, apposition.end())
        if name:
            names.append(name)
    for m in _AUDIENCE_OF.finditer(text):
        name = _title_after(text, m.end())
        if name:
            names.append(name)
    for m in _QUOTED.finditer(text):
        inner = (m.group(1) or m.group(2) or "").strip().rstrip(",.;:!?")
        if len(inner) > 80:
            continue
        inner = re.sub(
            r"(?i)(?:^|[:\s,]+)(?:season|series|part|volume|vol\.|act)\s*\w+$", "", inner
        )
        words = inner.split()
        title_like = all(
            _is_title_word(w) or w.lower() in _SMALL or w.lower() in ("s", "vs.") for w in words
        )
        ambiguous = inner.lower() in AMBIGUOUS_WORDS
        if 1 <= len(words) <= 7 and title_like and _is_title_word(words[0]) and not ambiguous:
            names.append(inner)
    return names
