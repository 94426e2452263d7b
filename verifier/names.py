"""Reading a name out of running text: a run of Title Case words, read back from where it
ends (``read_back``) or on from where it begins (``read_on``).

A name holds Title Case words with "of", "the", "no" ... between them; it stops at a
lower-case word, at punctuation between words, after an owner ("X's"), and at a season
marker ("Squid Game Season 2": Squid Game). Streamers, networks and lead-in words
("Meanwhile", "Netflix") are stripped from its front.
"""

from __future__ import annotations

import re

# Words a name may hold in lower case between its Title Case words ("Kimetsu no Yaiba").
JOINING = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at",
            "&", "no", "de", "la", "le", "vs", "vs.", "x", "or", "is", "are", "my", "our"}  # fmt: skip
# Abbreviations whose dot does not end a name ("Dr. Romantic", "Mr. Sunshine").
ABBREVIATIONS = {"dr.", "mr.", "mrs.", "ms.", "st.", "jr.", "sr.", "vol.", "no.", "vs.", "pt."}
# Who releases, not what is released: stripped from the front of a name ("Netflix Euphoria"
# is not written, "Meanwhile Euphoria" is a sentence's start).
NETWORKS = {
    "netflix", "disney", "disney+", "hbo", "max", "hulu", "prime", "amazon", "apple", "peacock",
    "paramount", "paramount+", "crunchyroll", "funimation", "tvn", "jtbc", "mbc", "sbs", "kbs",
    "kbs2", "ena", "tving", "wavve", "coupang", "viki", "viu", "iqiyi", "wetv", "marvel",
    "lucasfilm", "pixar", "warner", "sony", "universal", "starz", "showtime", "amc", "fx",
    "bbc", "itv", "fox", "nbc", "cbs", "abc", "cw", "mgm", "a24", "lionsgate", "ocn", "gmmtv",
    "searchlight", "blumhouse", "dreamworks", "columbia", "tristar", "miramax", "annapurna",
    "toho", "aniplex", "mappa", "ufotable", "hombale",
}  # fmt: skip
# Who reports, not what is reported: "according to Variety", "Deadline reports". The trade
# press and the outlets news cites by name (not those whose names are common words).
PUBLICATIONS = {
    "variety", "deadline", "deadline hollywood", "the hollywood reporter", "hollywood reporter",
    "thr", "indiewire", "collider", "screen rant", "screenrant", "ign", "entertainment weekly",
    "ew", "vanity fair", "the wrap", "thewrap", "rolling stone", "total film", "the guardian",
    "bbc news", "yonhap", "yonhap news", "yonhap news agency", "soompi", "allkpop",
    "the korea herald", "korea herald", "korea joongang daily", "the korea times", "korea times",
    "newsen", "osen", "sports chosun", "star news", "my daily", "xportsnews", "bloomberg",
    "reuters", "the new york times", "forbes", "cnn", "what's on netflix", "radio times",
    "digital spy", "tvline", "tv line", "den of geek", "cbr", "polygon", "gamesradar",
    "anime news network", "the verge", "usa today", "tv insider", "tvguide", "tv guide",
    "puck", "the ankler", "the playlist", "comicbook.com", "slashfilm", "/film", "decider",
}  # fmt: skip
# Where a release is, not what: regional windows are written "in the U.K. (Dec. 24)".
PLACES = {
    "u.s", "u.s.", "us", "usa", "u.k", "u.k.", "uk", "america", "north america", "canada",
    "australia", "new zealand", "japan", "korea", "south korea", "india", "china", "taiwan",
    "hong kong", "singapore", "thailand", "philippines", "indonesia", "malaysia", "vietnam",
    "europe", "asia", "latin america", "germany", "france", "spain", "italy", "ireland",
    "brazil", "mexico", "the u.s", "the u.s.", "the u.k", "the u.k.", "the philippines",
}  # fmt: skip
LEAD_WORDS = NETWORKS | {
    "studio", "but", "and", "so", "yet", "now", "then", "also", "meanwhile", "however", "finally", "still",
    "today", "tomorrow", "tonight", "yesterday", "soon", "when", "if", "while", "after",
    "before", "since", "until", "once", "as", "in", "on", "at", "by", "for", "from", "with",
    "hopefully", "unfortunately", "originally", "initially", "currently", "recently",
    "previously", "reportedly", "officially", "korean", "japanese", "chinese", "american",
    "british", "english", "k-drama", "k-dramas", "dramas", "shows", "films", "movies", "titles",
    "credits", "credit", "photo", "image", "source", "via", "read", "related", "watch", "see",
    "getty", "instagram", "twitter", "season", "seasons", "series", "episode", "episodes",
    "part", "production", "filming", "fans", "viewers", "audiences",
}  # fmt: skip
# Words no title begins with.
NOT_FIRST = LEAD_WORDS | {"it", "its", "this", "these", "those", "he", "she", "they", "we",
                            "i", "you", "there", "which", "what", "who", "whoever", "everything",
                            "nothing"}  # fmt: skip
_MARKER = re.compile(r"(?i)season|series|part|volume|vol\.|episode|chapter|act|s\d{1,2}")
# Calendar words whole, not their first letters ("Separation", "Marvel", "Friends" are names).
CALENDAR = re.compile(
    r"(?i)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|"
    r"wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
    r"\.?|\d+(?:st|nd|rd|th)?|of|the"
)
_MONTH = re.compile(
    r"(?i)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WORD = re.compile(r"[\w'&.!?:+/#-]+")  # "Hidden Inventory/Premature Death" holds a slash
# A capital, a number (not "2will", two words run together) or a letter beyond Latin.
_TITLE_WORD = re.compile(r"[\"']?(?:[A-Z]|\d+(?![a-z])|[^\W\d_a-zA-Z]|#\d)")  # and "Soundtrack #2"


def _is_title_word(word: str) -> bool:
    return _TITLE_WORD.match(word) is not None


def _ends_name(word: str) -> bool:
    """A word whose last character closes a sentence, not an abbreviation or initials."""
    if not word.endswith((".", "!", "?")) or word.lower() in ABBREVIATIONS:
        return False
    return re.fullmatch(r"(?:[A-Z]\.)+", word) is None  # "D.P." is a name


def _owner_before(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether the word before ``words[i]`` is an owner of a Title Case name right beside it."""
    if i == 0:
        return False
    before = words[i - 1]
    return (
        before.group().lower().endswith("'s")
        and text[before.end() : words[i].start()] == " "
        and _is_title_word(words[i].group()[:-2])
    )


def read_back(text: str, end: int) -> tuple[int, str] | None:
    """The name whose last word ends at ``end``: Title Case words read backwards, stopping
    at a lower-case word, at punctuation between words, or after an owner ("X's")."""
    line_start = text.rfind("\n", max(0, end - 120), end) + 1
    chosen: list[tuple[int, str]] = []
    after = end
    words = list(_WORD.finditer(text, max(line_start, end - 100), end))
    for i in range(len(words) - 1, -1, -1):
        found = words[i]
        word, start = found.group(), found.start()
        if found.end() != end and not chosen:
            return None  # something other than a word ends the stretch
        between = text[found.end() : after]
        if chosen and between not in (" ", ": "):
            break
        if chosen and word.lower().endswith("'s") and _owner_before(text, words, i):
            chosen.insert(0, (start, word))  # "20th Century's Ron's Gone Wrong": an owner's
            break  # work whose name has one of its own
        if chosen and (word.lower().endswith(("'s", "s'")) or _ends_name(word)):
            break
        if word.endswith(":") and not chosen:
            break
        if _is_title_word(word) or (chosen and word.lower() in JOINING):
            chosen.insert(0, (start, word))
            after = start
            if len(chosen) >= 9:
                break
        else:
            break
    return _trimmed(text, chosen)


def read_on(
    text: str, start: int, joining: set[str] = JOINING, *, mid_sentence: bool = False
) -> tuple[int, str] | None:
    """The name whose first word begins at ``start``, read forwards as ``read_back`` does,
    with ``joining`` the lower-case words it may hold. ``mid_sentence``: ``start`` is inside
    a sentence, so a first word such as "See" is the name's ("See You in My 19th Life")."""
    chosen: list[tuple[int, str]] = []
    for found in _WORD.finditer(text, start, min(len(text), start + 100)):
        word, at = found.group(), found.start()
        if chosen:
            gap = text[chosen[-1][0] + len(chosen[-1][1]) : at]
            if gap != " ":
                break
        elif at != start:
            return None
        clean = word.rstrip(",;!?") if word.endswith((",", ";")) else word
        if _is_title_word(clean) or (chosen and clean.lower() in joining):
            if _ends_name(clean):
                chosen.append((at, clean.rstrip(".!?")))
                break
            chosen.append((at, clean))
            if clean != word or len(chosen) >= 9:
                break
        else:
            break
    return _trimmed(text, chosen, lead=not mid_sentence)


# A date after a name is no part of it: "the feature film Mugen Train in October 2020".
PLACING = frozenset({"in", "on", "by", "from", "until", "since", "for"})
WHEN_WORD = re.compile(
    r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(?:19|20)\d\d[.,;:!?]?"
)


def before_date(
    chosen: list[tuple[int, str]], placing: frozenset[str] = PLACING
) -> list[tuple[int, str]]:
    """The words of a name before a date read on with it: "the feature film Mugen Train in
    October 2020" is "Mugen Train" (``placing``: the words that may join a date on); and
    after a day that leads it ("March 5: Moon Court")."""
    for i in range(1, len(chosen) - 1):
        if chosen[i][1] in placing and WHEN_WORD.fullmatch(chosen[i + 1][1]):
            return chosen[:i]
    if (
        len(chosen) > 2
        and _MONTH.fullmatch(chosen[0][1])
        and re.fullmatch(r"\d{1,2}:", chosen[1][1])
    ):
        return chosen[2:]  # "March 5: Moon Court": a schedule's day leads the name
    return chosen


def _trimmed(
    text: str, chosen: list[tuple[int, str]], *, lead: bool = True
) -> tuple[int, str] | None:
    marker = next((i for i, (_, w) in enumerate(chosen) if _MARKER.fullmatch(w.strip(":,"))), None)
    if marker is not None:
        chosen = chosen[:marker]  # "Squid Game Season 2": the name ends before its season
    chosen = before_date(chosen)
    # ("No" written so begins a name: "No Time to Die", "No Way Out")
    while chosen and (
        (chosen[0][1].lower() in JOINING - {"the", "a", "an", "my", "our"} and chosen[0][1] != "No")
        or re.fullmatch(r"[\d/.:-]+", chosen[0][1]) is not None  # "2021-09-29 'Dead to Me'"
        or (lead and chosen[0][1].lower().strip("\"'") in LEAD_WORDS and len(chosen) > 1)
    ):
        chosen.pop(0)
    while chosen and (chosen[-1][1].lower().rstrip(":") in JOINING or chosen[-1][1].endswith(":")):
        chosen.pop()
    if not chosen:
        return None
    first, last = chosen[0], chosen[-1]
    name = text[first[0] : last[0] + len(last[1])].strip("\"'.,:;")
    return (first[0], name) if name else None


# A person named after a work: "starring A", "directed by B", "opposite C".
PERSON_BEFORE = re.compile(
    r"(?i)\b(?:starring|featuring|co-starring|(?:directed|written|produced|created|helmed)\s+by|"
    r"opposite|alongside)\s+\Z"
)
