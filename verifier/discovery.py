"""Names the catalogue does not know, found by how news text writes titles.

``discover_titles`` finds the name before "season 2" / "Part 2" / "release date"
(``_title_before``: a Title Case run of words, or a quoted name), after "season 2
of" and "fans of" (``_title_after``), and in quotes. ``subtitle_end`` tells a
spin-off's own name ("X: The Challenge") from a headline's lead-in ("X:
Everything We Know").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from verifier.bare_names import bare_titles, conjuncts, lower_case_words
from verifier.headings import heading_titles
from verifier.lines import listing_names
from verifier.names import (
    ABBREVIATIONS,
    LEAD_WORDS,
    NETWORKS,
    PERSON_BEFORE,
    PLACING,
    PUBLICATIONS,
    before_date,
)
from verifier.scan import Words
from verifier.shapes import shaped_names
from verifier.titles import AMBIGUOUS_WORDS, NUMBER, ORDINAL, ORDINAL_WORDS, tokens

_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from",
          "is", "are", "&", "de", "la", "le", "vs", "vs.", "x", "or", "my", "your", "our", "us"}  # fmt: skip
_LEAD_STRIP = {"when", "is", "will", "where", "what", "why", "how", "does", "did", "here",
               "we", "know",  # "Everything We Know About X Season 3"
               "here's", "everything", "new", "watch", "exclusive", "netflix", "netflix's",
               "hbo", "hbo's", "disney", "prime", "video", "max", "apple", "the", "a", "an",
               "and", "of", "in", "on", "to", "for", "at", "by", "with", "from", "are", "or",
               "after", "before", "while", "as", "if", "but", "so", "both", "about",
               "than", "upcoming", "confirmed", "official", "update", "release", "date", "vs",
               "news", "breaking", "review", "trailer", "first", "look", "teaser", "korean",
               "k-drama", "drama", "series", "show", "season", "part", "my", "your", "our",
               "us", "it", "this", "that", "these", "those", "has", "have", "had", "was",
               "were", "be", "been", "de", "la", "le",
               # a listing's field: "Scheduled Release Date:", "Original Release Date:"
               "scheduled", "expected", "original", "planned", "initial", "tentative",
               "rumored", "rumoured", "projected", "estimated", "revised", "current",
               "latest", "theatrical", "digital", "worldwide", "global"}  # fmt: skip
_WORD = re.compile(r"[\w'&.:!?-]+")
_DATE_WORD = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[:/]\d{2}.*|\(?\d{4}\)?")
_MARKER = re.compile(r"(?i)season|series|part|volume|vol\.|s\d{1,2}")
# What follows a name: "X season 2", "X Part 2" (a name's capital), "X: S2", "X release
# date". The scan starts at the keyword (a leading "[:\s,]*" would be tried at every
# position); ``_anchor_start`` steps back over the separators. Each alternative begins with
# its own letter, so ``re`` can skip to the next "s", "p", "v" or "r" at once. "Part",
# "Volume" and "Vol." count only so written, which ``_anchors`` checks on the text itself.
_NUMBERED = r"\s*(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
_ANCHOR_BEFORE = Words(
    rf"(?<![a-z0-9])s(?:e(?:ason|ries){_NUMBERED}|(?P<short>\d{{1,2}}\b))|p(?P<part>art){_NUMBERED}"
    rf"|v(?P<volume>olume|ol\.){_NUMBERED}|r(?<=\sr)(?P<date>elease\s+date)"
)


def _anchors(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_ANCHOR_BEFORE`` whose "Part", "Volume" or "Vol." is so written."""
    pos = 0
    while (found := _ANCHOR_BEFORE.search(text, pos)) is not None:
        word = found.end("part") if found.group("part") else found.end("volume")
        if word < 0 or text[found.start() : word] in ("Part", "Volume", "Vol."):
            yield found
            pos = found.end()
        else:
            pos = found.start() + 1  # no other kind of anchor begins with a "p" or a "v"


# A name owns its season: "Squid Game's second season", "X Anime's 2nd Season".
_POSSESSIVE_SEASON = Words(
    rf"'s\s+(?:{ORDINAL}|new|next|final|latest|upcoming)\s+(?:season|series|part|instal+ment)\b"
)
# A title follows "season 2 of", "titled" ("a prequel titled The Long Night") and, whose fans,
# episodes and what returns, "fans of" ("fans of The Long Night can look forward to"). One scan finds
# them all: none can start inside another.
_BEFORE_A_TITLE = Words(
    rf"\b(?:(?:(?P<season>(?:season|part|volume)\s+{NUMBER}|the\s+{ORDINAL}\s+(?:season|part|"
    r"volume))|(?P<audience>fans|viewers|the\s+return|episodes|anime|anime\s+adaptation))\s+of|"
    r"(?P<named>(?:en)?titled))\s+"
)
# What else bears a title: "an episode titled X", "the song, titled X". (A novel, titled X,
# is often what a show adapts, and named as its source.)
_NOT_A_SHOW = re.compile(
    r"(?i)\b(?:episodes?|finale|premiere|pilot|chapter|song|track|single|album|podcast|trailer|"
    r"teaser|video|panel|tour)\b[^.;:!?]*\Z"
)
# A quoted name of an event, not a work: the "Next on Netflix" event, the "X" showcase.
_NOT_A_WORK_AFTER = Words(
    # a story arc too: '"Awajishima Gekito-hen" (Fierce Battle at Awaji Island Arc)', '"X" arc'
    r"[\s,]*(?:arc\b|\([^()\n]{0,60}\barc\)|"
    r"event|showcase|conference|festival|awards?|ceremony|presentation|panel|fan\s+meeting|"
    r"fanmeeting|press\s+conference|concert|tour|campaign|hashtag)\b"
)


# A quoted name that is held, hosted or attended is an event's: 'held "Next on StreamHub"'.
# So is one named as when something happened: 'revealed during Netflix's "Tudum 2025"'.
_HELD = re.compile(
    r"(?i)\b(?:held|hosted|holds|hosts|attended|staged|during)\s+(?:the\s+|its\s+|a\s+|[\w+]+'s\s+)?\Z"
)
_EVENT_NAME = re.compile(r"(?i)\b(?:event|showcase|festival|awards|conference|expo|con|live)$")


def _nickname(text: str, quoted: re.Match[str]) -> bool:
    """'Carmen "Carmy" Berzatto': a quoted word inside a person's name."""
    before = text[max(0, quoted.start() - 20) : quoted.start()]
    after = text[quoted.end() : quoted.end() + 3]
    return (
        re.search(r"[A-Z][a-z]+ $", before) is not None and re.match(r" [A-Z]", after) is not None
    )


# ("Kei Sazane's light novel series X": an author, then the work)
_OWNER_DESCRIBED = re.compile(r"(?:[A-Z][\w.-]*\s+){0,2}[\w+]+'s\s+(?:[a-z][\w-]*\s+){1,4}[\"']?")
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
                 "plot", "netflix", "everything", "all", "the", "a", "an",
                 # "Moon Court: March 5": a listing's date
                 "january", "february", "march", "april", "may", "june", "july", "august",
                 "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"} | _LEAD_STRIP  # fmt: skip


# "X 2: Episode Oracle": an instalment word and a name, not a number ("X: Episode 5", "Part II")
_NAMED_INSTALMENT = re.compile(r"(?:Episode|Chapter|Volume)[ \t]+(?![IVX]+\b)[A-Z][a-z][\w'&-]*")


def subtitle_end(text: str, end: int) -> int | None:
    """Where the subtitle after a name ending at ``end`` ends: a spin-off's own name
    ("X: The Challenge"), not a headline's lead-in ("X: Everything We Know")."""
    found = _SUBTITLE.match(text, end)
    if found is None:
        return None
    words = found.group(1).split()
    core = [w for w in words if w not in ("The", "A", "An")]
    if not core or _date_like(found.group(1)):
        return None
    if core[0].lower() in _NOT_SUBTITLE and not _NAMED_INSTALMENT.fullmatch(" ".join(core[:2])):
        return None
    if words[-1].lower() in _SMALL or any(_MARKER.fullmatch(w) for w in words):
        return None
    return found.end()


def _is_title_word(word: str) -> bool:
    core = word.strip("'\".,:;!?")
    if not core:
        return False
    return core[0].isupper() or core[0].isdigit() or not core[0].isascii()


def _title_before(text: str, end: int, *, season_next: bool = False) -> tuple[int, str] | None:
    """The Title Case run of words ending at ``end`` ("... All of Us Are Dead"), or the
    quoted name that ends there ('Secrets of "Wednesday" Season 2': Wednesday).
    ``season_next``: "season 2" follows at ``end``, after spaces only."""
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
    # The words are read back from the end, and the loop stops after a few: each word's start
    # is found then, by ``rfind`` (nothing between two words is part of a word).
    window = max(line_start, end - 90)
    chosen: list[tuple[int, str]] = []
    start = end
    words: list[str] = _WORD.findall(text, window, end)  # typed: mypyc cannot loop over Any
    for word in reversed(words):
        start = text.rfind(word, window, start)
        if (
            word.endswith((".", "!", "?"))
            and not re.fullmatch(r"(?:[A-Z]\.)+", word)
            and word.lower() not in ABBREVIATIONS  # "Kaiju No. 8 Season 2"
        ):
            # a sentence ends here: "... at Dol Dam Hospital. Season 2 will feature" names
            # nothing before its season
            break
        after = chosen[0][0] if chosen else end  # where the next word, or the name, begins
        if text[start + len(word) : after].strip() in (",", ";", "(", ")", "|"):
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
    name = _joined(text, chosen)
    if name.endswith(("'s", "’s")) and len(name) > 4:
        name = name[:-2]  # "Moon Court's Season 2": the owner's season
    if not name or len(name) < 2 or _date_like(name):
        return None
    if name.lower() in AMBIGUOUS_WORDS and not (
        season_next and name.lower() in _NAMES_BEFORE_A_SEASON and _not_a_time(text, chosen[0][0])
    ):
        return None
    return chosen[0][0], name


# Words that are usually not names but are the names of shows when "season 2" follows them
# at once ("Wednesday season 2 is closer than ever"), as the catalogue also takes them.
_NAMES_BEFORE_A_SEASON = AMBIGUOUS_WORDS - {
    "it", "us", "you", "she", "they", "them", "we", "netflix", "season", "series", "part", "the",
    "other", "others", "more", "all", "some", "another", "every", "each",  # "Another season"
    "most", "many", "several", "both", "few", "none", "these", "those", "either", "neither",
}  # fmt: skip
# What makes such a word a time instead: "on Wednesday season 2 was confirmed", "Netflix said
# Friday season 2 would", "by March season 2 had wrapped".
_TIME_BEFORE = re.compile(
    r"(?i)(?:\b(?:the|a|an|on|in|by|this|last|next|every|each|until|till|since|from|before|after|early|"
    r"late|mid|through|said|says|told|tweeted)|\w+ed|\d|[,-])\s+\Z"
)


def _not_a_time(text: str, start: int) -> bool:
    return _TIME_BEFORE.search(text[max(0, start - 20) : start]) is None


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
        if chosen:
            gap = text[chosen[-1][0] + len(chosen[-1][1]) : pos]
            if gap.strip() or "\n" in gap:
                break  # a name ends with its line: a headline's words run into no body
        clean = word if word.lower() in ABBREVIATIONS else word.rstrip(".,:;!?")
        if chosen and clean in ("'s", "’s"):
            begun = chosen[-1][0]  # "Shinobu Ohtaka 's Orient": an owner, spaced
            chosen[-1] = (begun, text[begun : pos + len(clean)])
            continue
        if chosen and _MARKER.fullmatch(clean):
            break  # "episodes of The Bear Season 3": the name ends before its season
        if _is_title_word(clean) or (clean.lower() in _SMALL and chosen):
            chosen.append((pos, clean))
            opened = chosen[0][1][0]
            if word != clean or len(chosen) >= 10:
                break
            if opened in "'\"" and len(clean) > 1 and clean.endswith(opened):
                break  # "Season 2 of 'Paradise' Lands a Date": the quote closes the name
        else:
            break
    owner = next((i for i, (_, w) in enumerate(chosen[:-1]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:
        chosen = chosen[owner + 1 :]  # "the anime of Shinobu Ohtaka's Orient manga": Orient
    name = _joined(text, _trim(chosen))
    return name if name and name.lower() not in AMBIGUOUS_WORDS else None


def _joined(text: str, chosen: list[tuple[int, str]]) -> str:
    """The text from the first chosen word to the end of the last, outer quotes and
    punctuation stripped ("" if none was chosen)."""
    if not chosen:
        return ""
    return text[chosen[0][0] : chosen[-1][0] + len(chosen[-1][1])].strip("'\".,:;!?-")


_ASKING = {"is", "are", "will", "does", "did", "do", "when", "what", "where", "why", "how", "can",
           "has", "have", "should", "could", "would"}  # fmt: skip
_PLACING = PLACING | {"of"}


def _trim(chosen: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop lead-in words ("When is", "Netflix's"), numbers and small words at the edges."""
    chosen = list(chosen)
    if chosen and chosen[0][1].strip("'\"").lower() in _ASKING:
        return []  # "Is There An Expected Release Date Yet?": a question, not a name
    while chosen:
        word = chosen[0][1].strip("'\"")
        lead = (word.lower() in _LEAD_STRIP or word.lower() in LEAD_WORDS) and word not in (
            "The",
            "Our",
            "My",  # "My Dress-Up Darling", "My Name"
        )
        possessive = word.lower().endswith("'s") and len(chosen) > 1
        small = word.lower() in _SMALL and word not in ("The", "Our", "My")  # "Our Last Crusade"
        if lead or possessive or word.isdigit() or small:
            chosen.pop(0)
        else:
            break
    # "Season 4 of The Handmaid's Tale in 2020", "X for June 12": the date is no part
    chosen = before_date(chosen, _PLACING)
    while chosen and chosen[-1][1].lower() in _SMALL and chosen[-1][1] not in ("Us", "Our"):
        chosen.pop()  # but "All of Us" ends in a word
    return chosen


def _anchor_start(text: str, anchor: re.Match[str]) -> int:
    """Where the name before an anchor ends: back over spaces (and ":" or ",")."""
    extra = "" if anchor.group("date") else ":" if anchor.group("short") else ":,"
    i = anchor.start()
    newlines = 0
    while i > 0 and (text[i - 1] in extra or text[i - 1].isspace()):
        newlines += text[i - 1] == "\n"
        if newlines == 2:  # a blank line: "Key Takeaways" above "Season 2 arrives ..." is
            break  # a heading of the article's, not the name of the season's show
        i -= 1
    return i


def discover_titles(text: str) -> list[str]:
    """Names that look like titles: before "season N", after "season N of", quoted."""
    names: list[str] = []
    for m in _anchors(text):
        if text.startswith(" of ", m.end()):
            continue  # "A and B, season 5 of C": the season is C's, not the name's before it
        end = _anchor_start(text, m)
        season_next = not m.group("date") and not text[end : m.start()].strip()
        found = _title_before(text, end, season_next=season_next)
        if found and _FIELD_BEFORE.search(text, max(0, found[0] - 30), found[0]):
            continue  # "Current status: Scripting Release date: Q4 2022": a field's value
        if found and PERSON_BEFORE.search(text, max(0, found[0] - 30), found[0]):
            continue  # '"Fatherhood" starring Kevin Hart moves from': a person, not the work
        if found:  # "... Vampire Academy and We Are Lady Parts Season 2": two names
            names.extend(conjuncts(found[1], listed=False))
    for m in _POSSESSIVE_SEASON.finditer(text):  # "Squid Game's second season"
        found = _title_before(text, m.start(), season_next=True)
        if found:
            names.append(found[1])
    of_audience: list[str] = []  # listed after those of seasons, as when they were two scans
    for m in _BEFORE_A_TITLE.finditer(text):
        if m.group("named") and _NOT_A_SHOW.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the finale, titled The Long Night": an episode's name
        name = _title_after(text, m.end())
        # "the second season of the hit fantasy prequel, House of the Dragon"
        apposition = _DESCRIBED.match(text, m.end()) if m.group("season") else None
        if name is None and apposition is not None:
            name = _title_after(text, apposition.end())
        if name is not None and name.endswith("'s") and len(name.split()) <= 3:
            # "the fifth season of Netflix's hit dating show 'X'": an owner, then the name
            owner = _OWNER_DESCRIBED.match(text, m.end())
            name = _title_after(text, owner.end()) if owner is not None else None
        if name:  # "season 2 of Moon Court and Paper Lanterns": two names
            (names if m.group("season") else of_audience).extend(conjuncts(name, listed=False))
    names.extend(of_audience)
    names.extend(shaped_names(text))  # "When Does X Come Out?", "A to May, B to June"
    names.extend(listing_names(text))  # "Moon Court (Netflix) – March 5"
    quoted: list[str] = []
    for m in _quotes(text):
        inner = (m.group(1) or m.group(2) or "").strip().rstrip(",.;:!?")
        if (
            len(inner) > 80
            or _NOT_A_WORK_AFTER.match(text, m.end())
            or _HELD.search(text, max(0, m.start() - 30), m.start())
            or _EVENT_NAME.search(inner)
            or _nickname(text, m)
        ):
            continue
        inner = re.sub(
            r"(?i)(?:^|[:\s,]+)(?:season|series|part|volume|vol\.|act)\s*\w+$", "", inner
        )
        words = inner.split()
        title_like = all(
            _is_title_word(w) or w.lower() in _SMALL or w.lower() in ("s", "vs.") for w in words
        )
        ambiguous = inner.lower() in AMBIGUOUS_WORDS
        # (quotes make a long name a name: 'Love Is Near, But I Hate Being Alone', 8 words)
        if 1 <= len(words) <= 10 and title_like and _is_title_word(words[0]) and not ambiguous:
            quoted.append(inner)
    names.extend(_without_scare_quotes(quoted, text))
    names.extend(bare_titles(text))
    names.extend(heading_titles(text))
    # "the second season of SBS series X": a network is who airs it, never the name
    # ("Prime Video released": what is left of a streamer's name once "Prime" is read as one)
    names = [_ORDINAL_END.sub("", name) for name in names]  # "Black Clover Second (Season)"
    names = [_NEWS_END.sub("", name) for name in names]  # "Moon Court 2 Postponed: The ..."
    return [
        name
        for name in names
        if name.lower() not in NETWORKS
        and name.lower().strip("'\"‘’“”") not in PUBLICATIONS  # "according to Variety"
        and not _regional_network(name)  # "UK Netflix release date: ...": a card's field
        and name.lower() not in _TAILS
        and not _DATED_NAME.search(name)
        and name.lower() not in ORDINAL_WORDS  # "Second" of '"Second Season 2"'
        and not _SPORTS.search(name)  # "NFL Kickoff Game (NBC)" on a schedule: a broadcast
        and not name.lower().startswith("untitled")  # "UNTITLED MARVEL (Disney)": a slot
    ]


# A game broadcast, not a work: "NFL Kickoff Game", "College Football", "Monday Night Football".
_SPORTS = re.compile(
    r"\b(?:NFL|NBA|MLB|NHL|MLS|NCAA|UFC|WWE\s+(?:Raw|SmackDown)|Football|Basketball|Baseball|Hockey|"
    r"Soccer|Kickoff|Grand\s+Prix|Olympics|Playoffs?|Super\s+Bowl|World\s+Cup|World\s+Series)\b"
)
# A card's field label just before a name: "Current status: Scripting", "Platform: Netflix".
_FIELD_BEFORE = re.compile(
    r"(?i)\b(?:status|platform|director|directors|cast|genre|network|channel|writer|creator|studio|"
    r"language|rating|runtime|episodes|type|starring|producer)\s*:\s*\Z"
)
# A season's ordinal left at a name's end: "Black Clover Second" from "... Second Season".
_ORDINAL_END = re.compile(
    r"(?<=\w)\s+(?:Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|2nd|3rd|[4-9]th|10th)$"
)
# A headline's verb left at a name's end: "Moon Court 2 Postponed: The sequel was ...".
_NEWS_END = re.compile(
    r"(?<=\w)\s+(?:Postponed|Delayed|Confirmed|Announced|Renewed|Cancell?ed|Revealed|Dated|"
    r"Rescheduled|Pushed(?:\s+Back)?|Moved|Shelved|Officially)$"
)
# "Moon Court: March" read from "Moon Court: March 5", "Premiere: March": a date, not a subtitle
_DATED_NAME = re.compile(
    r"(?i):\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|"
    # "StreamHub September" read from a heading "StreamHub September Premieres:"
    r"^\S+\s+(?:january|february|march|april|june|july|august|september|october|november|december)$|"
    r"^(?:premiere|release|air|streaming)?\s*(?:date|premiere|release)\s*:|"
    # "2023: from Black Knight to Squid Game" read from a headline "... on Netflix 2023: from"
    r"^(?:19|20)\d\d\s*:"
)


_TAILS = {"video", "plus", "tv+", "tv plus", "play", "originals", "studios"}
_REGIONS = {"uk", "us", "usa", "u.s.", "kr", "jp", "in", "ca", "au", "korea", "korean", "japan",
            "india", "global", "worldwide", "international", "asia"}  # fmt: skip


def _regional_network(name: str) -> bool:
    """ "UK Netflix", "Netflix Korea": a streamer where it streams, not a work."""
    words = name.lower().split()
    return (
        len(words) > 1
        and any(w in NETWORKS for w in words)
        and all(w in NETWORKS or w in _REGIONS or w in _TAILS for w in words)
    )


def _quotes(text: str) -> Iterator[re.Match[str]]:
    """The quoted stretches of ``text``, and inside a quoted speech the names it quotes in
    single quotes ('"Starting with 'Connect' and 'Big Bet' launching in December, ..."')."""
    for m in _QUOTED.finditer(text):
        yield m
        if m.group(2) is not None and len(m.group(2)) > 80 and "'" in m.group(2):
            yield from (q for q in _QUOTED.finditer(text, m.start(2), m.end(2)) if q.group(1))


def _without_scare_quotes(names: list[str], text: str) -> list[str]:
    """Less the single quoted words the text also writes in lower case: '"Confirmed" means
    ...' quotes a word of the language, not a name."""
    single = {n.lower() for n in names if " " not in n}
    if not single:
        return names
    low_cased = lower_case_words(text)
    common = {word for word in single if f" {word} " in low_cased}
    return [n for n in names if n.lower() not in common] if common else names
