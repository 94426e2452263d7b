"""Titles written bare: no quotes, no "season 2" beside them.

News names a show or a film without marks in a few fixed places, and these are
read here (``bare_titles``):

- as the subject of a release verb: "Euphoria will be back in the spring",
  "Industry will return for its fourth season", "Andor, which debuted in 2022";
- as the object of a verb that moves or makes a release: "moved Challengers to April",
  "pushes the release date of X from ... to ...", "will release X on May 3";
- after a noun for its kind: "the limited series DTF", "the feature film Mugen Train",
  "a romantic comedy called Players";
- as the items of a list of works (``verifier.lists``): "titles that have been
  postponed include A, B's C and D", "the lineup includes the fifth season of A";
- renewed or cancelled ("X has been picked up for a fifth season"), and with a date
  in parentheses in a line-up ("Bel-Air (February 13)").

A name is read as ``verifier.names`` reads one; an owner before it ("Disney+'s
Casino", "Zac Efron's A Family Affair") is not part of it. Streamers, networks, studios, pronouns and calendar words are not names, nor a
single word the document also writes in lower case ("Production will begin").
"""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.lists import KIND_NOUN, list_items
from verifier.names import (
    CALENDAR,
    JOINING,
    NETWORKS,
    NOT_FIRST,
    PLACES,
    read_back,
    read_on,
)
from verifier.scan import Words, lowered
from verifier.sentences import ABBREVIATIONS, MAX_SENTENCE
from verifier.titles import AMBIGUOUS_WORDS

# Auxiliaries and adverbs between a subject and its release verb: "is also set for",
# "will finally be back", "has been slated for"; a relative clause may come first ("X,
# which was first set for March, will premiere").
_AUX = (
    r"(?:will|would|is|are|was|were|has|have|had|could|can|may|might|should|shall|must|also|"
    r"first|finally|officially|now|then|still|reportedly|only|initially|originally|already|"
    r"soon|likely|be|been|being|all|set|slated|scheduled|expected|due|poised|going|planned|previously|"
    r"confirmed|tipped|to|just|eventually|again|meant|supposed|intended)"
)
_AUX_BEFORE = re.compile(
    rf"(?i)(?:\s*\([^()\n]{{0,80}}\))?"
    # "X, starring A and B, which hits screens": an aside, then a relative clause
    rf"(?:,\s+(?:starring|featuring|(?:directed|written|produced|created)\s+by|based\s+on)"
    rf"\s+[^,()\n.;]{{1,80}}?(?=,\s+(?:which|that)\b))?"
    rf"(?:,\s+(?:which|that|who|both|each|all|from)\s+[^,()\n.;]{{1,80}}?,|"
    # who is in it or made it may take long: "X, starring A as a man who ..., moves to"
    rf",\s+(?:starring|featuring|(?:directed|written|produced|created)\s+by|based\s+on)"
    rf"\s+[^,()\n.;]{{1,150}}?,|"
    # an appositive noun phrase: "X, the sequel to the 2019 hit, will premiere"
    rf",\s+(?:the|a|an)\s+[^,()\n.;]{{1,80}}?,|"
    rf",\s+which|"
    rf",\s+that)?((?:\s+{_AUX})*)\s+\Z"
)
# The auxiliaries alone, over a short stretch: most subjects need no more, and the full
# pattern, searched back over 160 characters, costs several times as much.
_AUX_ONLY = re.compile(rf"(?i)((?:\s+{_AUX})*)\s+\Z")


def _before_verb(text: str, verb: int) -> re.Match[str] | None:
    """The auxiliaries (and a parenthesis or relative clause) between a subject and a verb."""
    short = _AUX_ONLY.search(text, max(0, verb - 70), verb)
    if short is None:
        return None
    head = text[max(0, short.start() - 8) : short.start()].rstrip()
    if head.endswith((",", ")", "which", "that", "who")) or short.start() <= verb - 70:
        return _AUX_BEFORE.search(text, max(0, verb - 230), verb)
    return short


# "The Moon Court anime", "the Glass Orchard adaptation": a Title Case name and a noun for a
# work made from it and named after it (not "the Ana Cole series", named by a star, nor "the
# X sequel", another work).
_NAME_KIND = re.compile(
    r"(?:^|\b(?i:the|its|their|this|that)\s+)((?:[A-Z0-9][\w'’:&!.-]*\s+(?:(?:of|the|and|in|on|to|a)\s+)?){0,6}"
    r"[A-Z0-9][\w'’:&!.-]*)\s+(?i:anime|adaptation|musical)\Z"
)


# Words that describe the work rather than name it: "the Ana Cole-led series", "the
# 16-episode series", "the Seoul-set drama".
_DESCRIBING = re.compile(r"-[a-z]+\b|\b\d+\b")


# The release verbs and predicates a title is the subject of.
_RELEASE_VERB = Words(
    r"\b(?:premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|return(?:s|ed|ing)?|arriv(?:e|es|ed|ing)|"
    r"air(?:s|ed|ing)|launch(?:es|ed|ing)?|releas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|"
    r"land(?:s|ed|ing)?|stream(?:s|ed|ing)?|follows\s+(?:in|on)\s|"
    # "X will make its Apple TV+ premiere"
    r"mak(?:e|es|ing)\s+(?:its|their)\s+(?:[\w+'’-]+\s+){0,3}?(?:premiere|debut|bow|return)|bow(?:s|ed)?\s+(?:in|on)\s|(?:have|has|get|gets|enjoy|enjoys|hold|holds)\s+(?:their|its)\s+(?:season\s+)?premieres?|(?:eye(?:s|ing)|target(?:s|ing)|aim(?:s|ing)\s+for)\s+(?:a|an)\s|hit(?:s|ting)?\s+(?:netflix|theaters|theatres|"
    r"screens|cinemas|the|hulu|disney|hbo|max|prime|apple|peacock|paramount|crunchyroll|tving|"
    r"wavve|viki)|(?:come|comes|coming|came)\s+(?:back|out|to)|(?<!-)back\s+(?:in|on|for|with|"
    r"next|this|later)|(?:begin(?:s|ning)?|began|start(?:s|ing)?)\s+(?:airing|playing|streaming)|kick(?:s|ed)?\s+off|"
    r"roll(?:s|ed)?\s+out|brought\s+back|postponed|delayed(?!\s+by)|"
    # "with Y taking X's old Easter slot of April 18"
    r"tak(?:es|ing)\s+(?:over\s+)?(?:[\w'’\":.-]+\s+){1,5}?(?:slot|spot)\s+(?:of|on)\s|"
    # "X has been pushed a year to May 1", "Y has moved back around three months to July 26"
    r"(?:push(?:es|ed)|mov(?:es|ed))\s+(?:back\s+|up\s+)?(?:(?:by\s+)?(?:around\s+|about\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?),?\s+)"
    r"(?:to|until|into)|open(?:s|ed)?\s+(?:on|in\s+(?:theaters|theatres|cinemas)|nationwide|wide|(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))|dated\s+(?:on|for)|(?:slated|scheduled|set|penciled|pencilled)\s+for|mov(?:es|ed)\s+(?:up\s+|back\s+)?to|head(?:s|ed)\s+to|moving\s+(?:from|to)|out\s+(?:in|on|by)|for\s+(?:a\s+)?(?:(?:19|20)\d\d|release|premiere|debut|launch))\b"
)
_ACTOR_AFTER = re.compile(r"\s+(?:as|to\s+(?:star|direct|play|lead))\b")


_PASSIVE = re.compile(r"(?i)\b(?:was|were|been|be|is|are)\b")
# "premieres", "debuted", "taking": a verb, not "the X premiere"
_INFLECTED = re.compile(r"\w+(?:s|ed|d)\b|taking\b")
_CAST_BEFORE = Words(
    r"\b(?:cast|casts|starring|stars|star|members|actors?|actress(?:es)?|played|director|"
    r"directors|creator|creators|showrunners?|producers?|writers?|singers?|idols?|host|hosts)\b"
)


def _cast_before(text: str, start: int, end: int) -> bool:
    """Whether people are listed before ``end``: "stars A and B", "cast members" (a word of a
    Title Case name, "between Star Wars films", lists no one; "stars in X" names a work)."""
    return any(
        (not text[m.start()].isupper() or m.start() == start) and not _ACTS_IN.match(text, m.end())
        for m in _CAST_BEFORE.finditer(text, start, end)
    )


# "Ana Lee stars in X, which premieres": the cast word is followed by the work, not by people.
_ACTS_IN = re.compile(r"\s+in\s+(?=[A-Z0-9\"'“‘])")


_DATED = Words(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|"
    r"year|quarter|half|christmas|holiday)"
)


def _subjects(text: str, owned: set[str]) -> list[str]:
    """Names before a release verb ("X will premiere", "X, which debuted") in a dated sentence,
    not in a list of cast ("stars A, B and C returned"); those a network owns are added to
    ``owned``."""
    names = []
    dated = _Dated(text)
    for verb in _RELEASE_VERB.finditer(text):
        if not dated(verb.start(), verb.end()):
            continue  # most verbs: read before the costlier search back for a subject
        before = _before_verb(text, verb.start())
        if before is None or _ACTOR_AFTER.match(text, verb.end()):
            continue
        plain = not before.group(1).strip() and not _INFLECTED.match(text, verb.start())
        if verb.group().startswith(("postponed", "delayed")) and not _PASSIVE.search(
            before.group(1)
        ):
            continue  # "X was postponed" names X; "Sony delayed it" names who delays
        found = read_back(text, before.start())
        if found is None:
            # "the Moon Court anime will premiere": the name before a noun for its kind
            kind = _NAME_KIND.search(text, max(0, before.start() - 120), before.start())
            found = (
                (kind.start(1), kind.group(1))
                if kind is not None and not _DESCRIBING.search(kind.group(1))
                else None
            )
        if found is None and _AND_BEFORE.search(text, max(0, before.start() - 5), before.start()):
            found = _coordinated_subject(text, before.start())
        if found is None or text[max(0, found[0] - 2) : found[0]] in ('" ', "' "):
            continue  # 'Jonah "Jo" Park arrives': a person's name around a nickname
        if _BY_PERSON.search(text, max(0, found[0] - 25), found[0]):
            continue  # "the drama directed by Ana Lee will stream": who made it, not what
        start, name = found
        # "A and B have their season premieres": "their" makes the subject two works
        plural = " their " in verb.group()
        if plain and not (
            _LAST_JOINT.search(text, max(0, start - 8), start)
            or len(conjuncts(name, listed=plural)) > 1
        ):
            continue  # "the Moon Court premiere" is a noun; "A and Moon Court premiere" a verb
        sentence = _sentence_around(text, start, verb.end())
        clause = max(
            (m.end() for m in _NEW_CLAUSE.finditer(text, sentence[0], start)), default=sentence[0]
        )  # "X, starring A, moves to May, with Y taking X's slot": Y's clause names no cast
        if _cast_before(text, clause, start):
            continue
        names.extend(conjuncts(name, listed=plural or text[max(0, start - 2) : start] == ", "))
        names.extend(_listed_before(text, start))
        if _network_owned(text, start):
            owned.add(name)
    return names


_NEW_CLAUSE = re.compile(r",\s+(?:with|while|whereas)\s|;\s")
_AND_BEFORE = re.compile(r"\sand\Z")
_BY_PERSON = re.compile(
    r"(?i)\b(?:(?:directed|written|produced|created|helmed|penned|scripted|led)\s+by|starring)\s+\Z"
)
# The verb after a sentence's subject, and the rest of its predicate up to the "and" before
# the release verb: "X stars A and B and premieres", "X follows a chef and returns" (no
# clause of its own: a comma, "that", "who" or a second subject's verb end it).
_FIRST_PREDICATE = re.compile(
    r"\s+(?:[a-z]{2,}[a-rt-z]s|[a-z]{2,}ed|is|was|has)\s+(?:(?![,;:]|\b(?:that|which|who|when|while|"
    r"but|after|before|said|says)\b).){1,80}?\Z"
)


def _coordinated_subject(text: str, and_at: int) -> tuple[int, str] | None:
    """The subject of a sentence whose release verb is its second: "Glass Orchard stars Ana
    Lee and premieres in March" names Glass Orchard (the sentence opens on the name)."""
    opening = _sentence_around(text, and_at, and_at)[0]
    while opening < and_at and text[opening] in " \t\"'“‘":
        opening += 1
    found = read_on(text, opening)
    if found is None or (" " not in found[1] and found[1].endswith(("ed", "ing"))):
        return None  # "Planned as a tribute and slated for 2026" opens on no name
    if not _FIRST_PREDICATE.match(text[: and_at - 4], opening + len(found[1])):
        return None
    return found


_LAST_JOINT = re.compile(r"(?:,\s*|\s+)(?:and|&)\s+\Z")
_JOINT = re.compile(r",\s+\Z")


def _listed_before(text: str, start: int) -> list[str]:
    """The names of a list that ends with the subject at ``start``: "A, B, and C all return"
    (its last joint an "and")."""
    joint = _LAST_JOINT.search(text, max(0, start - 8), start)
    found: list[str] = []
    while joint is not None and len(found) < 8:
        previous = read_back(text, joint.start())
        if previous is None:
            break
        found.append(previous[1])
        joint = _JOINT.search(text, max(0, previous[0] - 4), previous[0])
    return found


# Renewed, picked up or cancelled: what news says of a show by name, dated or not.
# (passive: "Netflix has renewed X" names the network first)
_RENEWED = Words(
    r"\b(?:(?:has|have|had)\s+(?:(?:officially|now|also|just|finally|reportedly)\s+)*been|was|were|is|"
    r"got|gets|been)\s+(?:(?:officially|now|also|just|finally|reportedly)\s+)*(?:renewed|picked\s+up|"
    r"greenlit|green-lit|cancell?ed|axed|ordered)\b"
)


# The network renews: "HBO has renewed Paper Lanterns for a second season".
_RENEWS = Words(r"\b(?:renew(?:s|ed)|cancell?(?:s|ed)|greenlit|green-lit|picked\s+up)\s+")
_FOR_A_SEASON = re.compile(
    r"\s+(?:for\s+(?:(?:a|its)\s+\w+\s+season|(?i:season|series)\s+(?:\d+|[a-z]+)\b)|"
    r"after\s+(?:one|two|three|\w+)\s+seasons?)\b"
)  # ("renewed X for season 3")


def _renewed(text: str) -> list[str]:
    """ "The Expanse has been picked up for a fifth season", "X was cancelled", "HBO has
    renewed X for a second season"."""
    names = []
    for verb in _RENEWED.finditer(text):
        found = read_back(text, len(text[: verb.start()].rstrip()))
        if found is not None and text[max(0, found[0] - 2) : found[0]] not in ('" ', "' "):
            names.append(found[1])
    for verb in _RENEWS.finditer(text):
        found = read_on(text, verb.end(), joining=JOINING - {"and", "or", "for"})
        if found is not None and _FOR_A_SEASON.match(text, found[0] + len(found[1])):
            names.append(found[1])
    return names


# A verb that moves or sets a release, then its object: "moved Glass Orchard to October",
# "pushes the release date of Moon Court from ...", "will release Paper Lanterns on May 3".
_MOVE_VERB = Words(
    r"\b(?:push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|delay(?:s|ed|ing)?|"
    r"postpon(?:e|es|ed|ing)|bump(?:s|ed|ing)?|reschedul(?:e|es|ed|ing)|dat(?:ed|ing)|"
    r"releas(?:e|es|ed|ing)|premier(?:e|es|ed|ing)|launch(?:es|ed|ing)?|debut(?:s|ed|ing)?|"
    r"slat(?:e|es|ed|ing)|schedul(?:e|es|ed|ing)|set(?:s|ting)?|bring(?:s|ing)?|brought|"
    # "viewers can stream Moon Court on Netflix", "catch Ridgeline on Hulu"
    r"(?<=can\s)(?:stream|watch|catch|binge)|(?<=to\s)(?:stream|watch|catch|binge)|"
    # "... in December 2029, followed by Y in December 2031"
    r"followed\s+by)\s+(?:back\s+|up\s+)?"
    r"(?!dates?\b|window\b|schedule\b)"
    r"(?:(?:the\s+)?(?:release|premiere|debut|launch)(?:\s+date)?\s+of\s+)?"
)
_OBJECT_END = re.compile(
    r"(?:'s)?(?:\s+(?:season|part|from|to|until|till|back|for|on|in|into|up|off|out|forward|by|"
    r"and|again|once|a|an|the|\d)\b|\s*[,.;:(]|\s*$)"
)


def _objects(text: str) -> list[str]:
    """Names right after a verb that moves, sets or makes a release, in a dated sentence."""
    names = []
    dated = _Dated(text)
    for verb in _MOVE_VERB.finditer(text):
        if not dated(verb.start(), verb.end()):
            continue
        found = read_on(text, verb.end(), joining=_OBJECTJOINING)
        if found is not None and _OBJECT_END.match(text, found[0] + len(found[1])):
            names.append(found[1])
    return names


_OBJECTJOINING = JOINING - {"and", "or", "to", "for", "on", "in"}


class _Dated:
    """Whether the sentence around a span holds a date word, each sentence read once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[int, bool] = {}

    def __call__(self, start: int, end: int) -> bool:
        sentence = _sentence_around(self.text, start, end)
        if sentence[0] not in self.known:
            self.known[sentence[0]] = _DATED.search(self.text, *sentence) is not None
        return self.known[sentence[0]]


# A name with its date in parentheses, as line-ups write them: "Bel-Air (February 13)".
_DATE_IN_PARENTHESES = re.compile(
    r" \((?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?: \d{1,2})?"
    r"(?:,? (?:19|20)\d\d)?|(?:19|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\)"
)


_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|across|throughout)\s+(?:the\s+)?\Z")
_AND_THEN = re.compile(r"(?i)\s*(?:,|and|,\s*and)\s+(?:in\s+)?(?:the\s+)?")


# A listing's line: "Love At First Sight — September 15", "Moon Court (season two) - June 23".
_DATE_AFTER_DASH = re.compile(
    r"(?:[ \t]+\((?:(?i:season|series|part)[ \t]+\w+|[A-Z][\w+&.' ]{0,25})\))?(?:[ \t]+[—–-][ \t]+|,[ \t]+)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
    r"(?:,?[ \t]+(?:19|20)\d\d)?[ \t]*$",
    re.M,
)


def _lines_with(text: str, mark: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text`` holding ``mark``, found by ``str.find``."""
    lines: list[tuple[int, int]] = []
    at = text.find(mark)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if end - start <= 240:
            lines.append((start, end))
        at = text.find(mark, end)
    return lines


# A name in Title Case, small words between ("Dancing with the Stars", "Law & Order").
_TITLED = re.compile(
    r"[A-Z0-9][\w'’&!?.:-]*(?:[ \t]+(?:[A-Z0-9&][\w'’&!?.:-]*|of|the|and|a|an|in|on|with|to|for|at|"
    r"from|by|or))*"
)
# A schedule's item: "Atlanta (FX, Season 4; final season)", "“Transplant” (NBC, debut)".
_SCHEDULE_ITEM = re.compile(
    # ("- 8 p.m. ET — Moon Court (FOX) | Season 5": a bullet, a time and its zone)
    r"[ \t]*(?:[-*•·][ \t]+)?(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:[ \t]*(?:ET|PT|CT|EST|PST|EDT|PDT|KST|GMT|BST))?\s*[:—–-]\s*|"
    # "March 5: Moon Court (Netflix)": the day leads the item's line
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}[ \t]*:[ \t]*)?"
    r"[\"“]?([^\n()\"“”]{1,80}?)[\"”]?,?"
    r"[ \t]+\((?:[A-Z][\w+&'/.-]*(?:[ \t]+[A-Z+][\w+&'/.-]*){0,3})(?:,[^()\n]{1,80})?\)"
    r"(?:,?[ \t]*\d{1,2}(?::\d\d)?[ \t]*[ap]\.?m\.?\*?)?(?:[ \t]*\((?:Season|Series)[ \t]+\w+\))?[ \t]*"
    r"(?:[—–-][ \t]+[A-Z][^\n]*|[ \t]*\|[ \t]*[^\n]{1,80})?",  # its blurb: "X (Disney+ Series) – From ...", "| Season 5"
)  # and "The League (FXX), 10 p.m. (Season 7)"


def _dated_items(text: str) -> list[str]:
    names: list[str] = []
    if " (" in text:
        for start, end in _lines_with(text, " ("):  # few lines hold one
            item = _SCHEDULE_ITEM.fullmatch(text, start, end)
            if item is None:
                continue
            found = read_back(text, item.end(1))
            if found is not None and found[0] == item.start(1):
                names.append(found[1])
            elif _TITLED.fullmatch(item.group(1)):
                names.append(item.group(1))  # "Dancing with the Stars (ABC)": the item whole
    if "—" in text or "–" in text or " - " in text or ", " in text:
        for date in _DATE_AFTER_DASH.finditer(text):
            found = read_back(text, date.start())
            if found is not None:
                names.append(found[1])
    if " (" not in text:
        return names
    place_end = -1  # where the last place so dated ends
    for date in _DATE_IN_PARENTHESES.finditer(text):
        found = read_back(text, date.start())
        if found is None:
            continue
        # "later on Disney+ in the U.K. (Dec. 24) and Australia (2026)": places, dated
        name = found[1]
        tail = name.rsplit(" in ", 1)[-1].lower()
        if (
            name.lower() in PLACES
            or tail in PLACES
            or _PLACE_BEFORE.search(text, max(0, found[0] - 12), found[0])
            or (place_end >= 0 and _AND_THEN.fullmatch(text, place_end, found[0]))
        ):
            place_end = date.end()
            continue
        names.append(name)
    return names


def conjuncts(name: str, *, listed: bool) -> list[str]:
    """ "Squid Game and Stranger Things" are two names, and so are the items of a list
    ("A, B and C premiere"); "Love and Separation" is one."""
    if " and " not in name:
        return [name]
    first, last = name.rsplit(" and ", 1)
    dated = [all(CALENDAR.fullmatch(w) for w in n.split()) for n in (first, last)]
    if listed or any(dated) or (len(first.split()) > 1 and len(last.split()) > 1):
        return [n for n, date in zip((first, last), dated, strict=True) if not date]
    return [name]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    # looked for no further than a sentence can run (verifier.sentences), or text without
    # full stops would cost a search of the whole text for each name
    low, high = max(0, start - MAX_SENTENCE), min(len(text), end + MAX_SENTENCE)
    stop = max(text.rfind(". ", low, start), text.rfind("\n", low, start))
    full_stop = text.find(". ", end, high)
    while full_stop >= 0 and _ABBREVIATED.search(text, max(0, full_stop - 6), full_stop + 1):
        full_stop = text.find(". ", full_stop + 2, high)  # "MONSTERS VS. ALIENS", "Warner Bros."
    stops = [i for i in (full_stop, text.find("\n", end, high)) if i >= 0]
    return (stop + 1 if stop >= 0 else low), min(stops, default=high)


_ABBREVIATED = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS)) + r")\.\Z"
)


_KIND = Words(rf"\b(?:{KIND_NOUN}|called|dubbed|(?<=the\s)feature)\s+")
# A name before the noun for the work made of it: "of the Moon Court anime announced".
_MADE_OF = re.compile(
    r"\b(?:the|its|this|that)\s+((?:[A-Z0-9][\w'’:&!.-]*\s+(?:(?:of|the|and|in|on|to|a|x|no)\s+)?)"
    r"{0,6}[A-Z0-9][\w'’:&!.-]*)\s+(?:TV\s+)?(?:anime|live-action\s+(?:adaptation|series)|"
    r"anime\s+adaptation)\b"
)


def _made_of(text: str) -> list[str]:
    """ "the Moon Court anime": the name of the anime, as news names one (not "the Ana Cole
    series", named by its star)."""
    return [m.group(1) for m in _MADE_OF.finditer(text) if not _DESCRIBING.search(m.group(1))]


def _after_kinds(text: str) -> list[str]:
    names = []
    for kind in _KIND.finditer(text):
        if text[kind.start()].isupper() and not text[kind.start() - 2 : kind.start()].endswith(
            (". ", "\n")
        ):
            continue  # "Squid Game Season", a kind noun inside a name
        found = read_on(text, kind.end(), joining=JOINING - {"and", "or"})
        if found is not None and _TO_A_DATE.search(found[1]):
            # "moved its drama Harbor Lights to November 16": the name ends before its date
            found = (found[0], _TO_A_DATE.sub("", found[1]))
        if (
            found is not None
            and found[1]
            and not _ACTOR_AFTER.match(text, found[0] + len(found[1]))
        ):
            names.append(found[1])  # but "... feature Song Kang as the lead": a player
    return names


_TO_A_DATE = re.compile(
    r"\s+(?:to|until|on|in|for)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?$"
)


# Promotional material names its work: "the newest stills for Heartbeat", "a new teaser for
# Moon Court", "the first trailer for the upcoming K-drama series Glass Orchard".
_PROMOTED = Words(
    r"\b(?:trailers?|teasers?|posters?|stills|images|photos|first\s+look|key\s+art)\s+"
    r"(?:(?:has|have|was|were)\s+(?:been\s+)?(?:dropped|released|unveiled|arrived|out)\s+)?(?:for|of)\s+"
    r"(?:(?:the|its|this|an?|upcoming|new|[\w+]+'s)\s+)*(?:(?:[a-z][\w-]*\s+){0,3}?"
    rf"(?:{KIND_NOUN})\s+)?"
)


# ... and its name may come before it: "the Jujutsu Kaisen teasers", "the new Moon Court trailer".
_PROMO_AFTER = Words(r"\b(?=\w)(?:teasers?|trailers?|posters?|first\s+look|key\s+art)\b")


_PROMO_WORDS = (
    "trailer",
    "teaser",
    "poster",
    "stills",
    "images",
    "photos",
    "first look",
    "key art",
)


def _promoted(text: str) -> list[str]:
    names: list[str] = []
    low = lowered(text)
    if not any(word in low for word in _PROMO_WORDS):
        return names
    for promo in _PROMO_AFTER.finditer(text):
        if promo.start() and text[promo.start() - 1] == " ":
            found = read_back(text, promo.start() - 1)
            if found is not None:
                names.append(found[1])
    for promo in _PROMOTED.finditer(text):
        found = read_on(text, promo.end(), joining=JOINING - {"and", "or"}, mid_sentence=True)
        if found is not None:
            names.append(found[1])
    return names


def _network_owned(text: str, start: int) -> bool:
    """ "Disney+'s Casino", "JTBC's Miracle Brothers": a network's work is a name, even a word
    the text also writes in lower case."""
    owner = re.search(r"([\w+]+)['’]s\s+\Z", text[max(0, start - 24) : start])
    return owner is not None and owner.group(1).lower() in NETWORKS


def _plausible(name: str, low_text: str, *, placed: bool = False) -> bool:
    """``placed``: read where only a name can stand, so its first word may be any."""
    words = name.split()
    if not words or len(words) > 8 or len(name) < 2:
        return False
    if (
        words[0].lower().strip("\"'") in NOT_FIRST and not placed
    ) or name.lower() in AMBIGUOUS_WORDS:
        return False
    if len(words) == 1 and name.endswith("'s"):
        return False  # "season 5 of Netflix's hit show": an owner, not a name
    if all(CALENDAR.fullmatch(w.strip(",")) for w in words):
        return False  # "July 19", "2024"
    # One word the text also writes in lower case is a word of the language, not a name
    # ("Production will begin").
    return len(words) > 1 or f" {name.lower()} " not in low_text


# A release the name owns: "Moon Court's premiere is March 5", "Ridgeline's debut comes".
_OWNED_RELEASE = Words(
    r"'s\s+(?:(?:long-awaited|highly\s+anticipated|official|global|streaming|theatrical|series|"
    r"season|new|upcoming)\s+)?(?:premiere|debut|release|return|launch|arrival|bow)\b"
)


def _owned_releases(text: str) -> list[str]:
    if "'s " not in text:
        return []
    names = []
    dated = _Dated(text)
    for owned in _OWNED_RELEASE.finditer(text):
        if dated(owned.start(), owned.end()):
            found = read_back(text, owned.start())
            if found is not None:
                names.append(found[1])
    return names


# A name described at once by its kind: "Ridgeline, a legal thriller starring Ana Cole",
# "Ridgeline, a fantasy manga still being serialized" (an adaptation keeps its source's name).
# ("DAWN TREADER, the third NARNIA entry, will now arrive in May 2010")
_DESCRIBED_AFTER = Words(
    rf",\s+(?:(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{KIND_NOUN}|manga|manhwa|webtoon|light\s+novel)|"
    rf"the\s+(?:second|third|fourth|fifth|"
    rf"sixth|latest|final)\s+(?:[\w-]+\s+){{0,2}}?(?:entry|installment|instalment|chapter))\b"
)


def _described(text: str) -> list[str]:
    names = []
    for kind in _DESCRIBED_AFTER.finditer(text):
        found = read_back(text, kind.start())
        if found is not None:
            names.append(found[1])
    return names


# A network's or studio's work named with it: "Showtime's Dexter is finally coming to an end".
_NETWORK_WORK = re.compile(r"\b([A-Z][\w+]*)['’]s\s+(?=[A-Z0-9])")
# What a network has many of: "Netflix's Global Top 10 TV list", "HBO's Max Originals".
_COLLECTION = re.compile(
    r"\bTop\s+\d+|\b(?:List|Lists|Chart|Charts|Ranking|Slate|Lineup|Line-up|Originals?|Series|"
    r"Shows|Films|Movies|Dramas|Catalog|Catalogue|Library|App|Service|Account|Subscribers?|Stock|"
    r"Shares|CEO|Chief|President|Executive|Co-CEO|Studios?|Q[1-4])\b"
)
_NATIONALITY = re.compile(
    r"(?:Korean|Japanese|American|British|Chinese|Thai|Indian|Spanish|French)\b"
)


def _network_works(text: str, owned: set[str]) -> list[str]:
    names = []
    for owner in _NETWORK_WORK.finditer(text):
        if owner.group(1).lower() not in NETWORKS or _NATIONALITY.match(text, owner.end()):
            continue  # ("Netflix's Korean slate": a kind of works, not one)
        found = read_on(text, owner.end(), joining=_OBJECTJOINING, mid_sentence=True)
        if found is not None and not _COLLECTION.search(found[1]):
            names.append(found[1])
            owned.add(found[1])
    return names


# A name used as an adjective of its release: "The Silver Tide premiere is set for June 5".
_THE_BEFORE_NAME = re.compile(r"\b[Tt]he\s+(?=[A-Z0-9])")
_RELEASE_NOUN_AFTER = re.compile(
    r"\s+(?:series\s+|movie\s+|film\s+)?(?:premiere|debut|release|launch)\b"
)


def _attributive(text: str) -> list[str]:
    names = []
    dated = _Dated(text)
    for the in _THE_BEFORE_NAME.finditer(text):
        if not dated(the.start(), the.end()):
            continue  # (known per sentence, cheaper than reading the name)
        found = read_on(text, the.end(), joining=_OBJECTJOINING, mid_sentence=True)
        if found is None or not _RELEASE_NOUN_AFTER.match(text, found[0] + len(found[1])):
            continue
        words = found[1].split()
        if not any(w.lower() in NETWORKS or CALENDAR.fullmatch(w) for w in words):
            names.append(found[1])  # not "the Netflix premiere", "the Friday premiere"
    return names


def bare_titles(text: str) -> list[str]:
    """Names the text writes bare, where news writes names: see the module's docstring."""
    owned: set[str] = set()
    names = _subjects(text, owned) + _objects(text) + _after_kinds(text) + list_items(text)
    names += _network_works(text, owned) + _attributive(text)
    names += _described(text) + _owned_releases(text) + _made_of(text)
    promoted = _promoted(text)  # "the poster for See You Again": where only a name stands
    names += _dated_items(text) + _renewed(text) + promoted
    # the lower-case words are read only if a one-word name is to be tested against them
    single = any(" " not in name and name not in owned for name in names)
    low_cased = lower_case_words(text) if single else ""
    return [
        name
        for name in dict.fromkeys(names)
        if _plausible(name, "" if name in owned else low_cased, placed=name in promoted)
    ]


@lru_cache(maxsize=2)  # discovery asks twice of one document
def lower_case_words(text: str) -> str:
    """The words of ``text`` written in lower case, one space apart."""
    return " " + " ".join(re.findall(r"(?<![\w'-])[a-z][\w'-]*", text)) + " "
