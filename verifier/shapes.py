"""Names that a sentence's shape gives, though nothing marks them as titles.

- A question about a release names the work it asks about: "When Does Moon Court Come
  Out in Theaters?", "When will Glass Orchard return?". A headline writes the verb in
  Title Case too, so the name ends before the verb.
- A name placed on a network in a sentence about premieres: "two premieres: Moon Court on
  KBS and Ridgeline on tvN", "On MBC, Glass Orchard, on KBS, Ridgeline".
- A name set off by commas between a description and its release verb: "The adaptation
  of the manga by Ana Cole, Moon Court!, will premiere on October 8".
- A list of moves that leaves out the verb after the first names a work in each item:
  "Moon Court has been pushed back to May 2027, Ridgeline to June 2028 and Silver Tide
  to 2029".
"""

from __future__ import annotations

import re

from verifier.cues import DATE_START
from verifier.lines import DAY
from verifier.names import PERSON_BEFORE, read_back
from verifier.scan import Words
from verifier.titles import AMBIGUOUS_WORDS

_WORD = re.compile(r"[\w'&.:!?-]+")
_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from",
          "&", "de", "la", "le", "vs", "vs.", "x", "or", "my", "your", "our"}  # fmt: skip

_ASKED = Words(r"\bwhen\s+(?:does|do|will|is|are|did)\s+")
_ASKED_VERBS = {
    "come", "comes", "release", "premiere", "arrive", "return", "hit", "debut", "drop", "stream",
    "air", "launch", "land", "be", "start", "begin", "get", "finally", "open", "make", "hitting",
}  # fmt: skip
_SEASON_WORD = re.compile(r"(?i)season|series|s\d{1,2}")

# The first item's verb of moving; the items after it give a name and a date only.
_MOVED = Words(
    r"\b(?:delay|postpon|push|mov|shift|bump|reschedul|set|slat|dat)\w*\s+(?:back\s+|up\s+)?"
    r"(?:to|until|for|from)\s"
)
_GAPPED_ITEM = re.compile(
    r"(?:[,;]\s+(?:and\s+|while\s+|with\s+)?|\s+and\s+)((?:[A-Z][\w'’&:.-]*)(?:\s+(?:[A-Z0-9][\w'’&:.-]*|of|the|"
    rf"and|in))*?)\s+(?:from\s+(?=(?i:{DATE_START}))[^;]{{1,30}}?\s+)?(?:to|until|for)\s+(?=(?i:{DATE_START}))"
)
_LISTED_NAME = (
    r"[A-Z0-9][\w'’&:!?.-]*(?:\s+(?:[A-Z0-9][\w'’&:!?.-]*|of|the|and\s+the|in|on|to|a|an|for))*"
)
# A plural kind of works, then their names, then what is said of them:
# "two new Korean films, Moral Court and Carter, that are expected to drop this year".
_KIND_LIST = re.compile(
    r"\b(?:films|movies|series|shows|dramas|k-dramas|K-dramas|titles|originals|anime)[,:]\s+"
    rf"({_LISTED_NAME}(?:,\s+{_LISTED_NAME})*,?\s+and\s+{_LISTED_NAME})"
    r"(?=,?\s+(?:that|which|are|were|will|both|all|set|slated|due|expected|arriving|coming|premiering)\b)"
)
# A verb of moving, then a date: "has been moved from December 17", "moves to March 7".
_MOVING = re.compile(
    r"(?<=\w)\s+(?:has\s+been\s+|have\s+been\s+|is\s+|was\s+|will\s+be\s+)?"
    r"(?:moved|moves|moving|shifts|shifted|shifting|heads|pushed(?:\s+back)?|bumped|delayed|"
    r"postponed|rescheduled)\s+(?:back\s+|up\s+)?(?:from|to|until)\s+"
    rf"(?=(?:[a-z']+\s+){{0,3}}?(?i:{DATE_START}))"
)
_NOT_A_NAME_START = {"it", "this", "that", "the", "which", "he", "she", "they", "warner", "disney",
                     "netflix", "sony", "paramount", "universal", "production", "filming"}  # fmt: skip


_CAP = r"[A-Z0-9][\w'’&:.-]*"
_SMALL_IN_NAME = r"(?:of|the|a|an|in|is|to|our|my|for|no)"
# a name: Title Case words, small words between them
_NAME_WITH_AND = rf"{_CAP}(?:\s+(?:{_CAP}|{_SMALL_IN_NAME}|and))*?\s*(?<![\s])"
# the networks a schedule places works on (written as the schedule writes them)
_NETWORK = (
    r"(?:Netflix|Disney\+|HBO|Max|Hulu|Prime\s+Video|Apple\s+TV\+|Peacock|Paramount\+|tvN|JTBC|"
    r"MBC|SBS|KBS2?|ENA|OCN|TVING|Wavve|Coupang\s+Play|Viki|Viu|iQIYI|WeTV|Crunchyroll|Starz|"
    r"Showtime|AMC|FX|BBC(?:\s+One)?|ITV|Fox|NBC|CBS|ABC|The\s+CW|Channel\s+4)"
)
# "two premieres: Moon Court on KBS and Ridgeline on tvN": the name is read back from it
_ON_NETWORK = re.compile(rf"\s+on\s+{_NETWORK}(?![\w+])")
# "On MBC, Glass Orchard and Moon Court, on KBS, Ridgeline and on tvN, Silver Tide."
_NETWORK_FIRST = re.compile(
    rf"\b[Oo]n\s+{_NETWORK},\s+({_NAME_WITH_AND})(?=\s+and\s+on\b|,|\.(?:\s|$)|;|$)", re.M
)
_PREMIERES = Words(r"\b(?:premieres?|premiering|debuts?|new\s+(?:dramas|series|shows))\b")


def _is_title_word(word: str) -> bool:
    core = word.strip("'\".,:;!?")
    return bool(core) and (core[0].isupper() or core[0].isdigit() or not core[0].isascii())


def shaped_names(text: str) -> list[str]:
    """The names asked about and those of gapped lists of moves, in order."""
    names: list[str] = []
    for m in _ASKED.finditer(text):
        name = _asked_name(text, m.end())
        if name:
            names.append(name)
    covered = 0  # where the stretches read so far end: each stretch of text is read once
    for premieres in _PREMIERES.finditer(text):
        # the line so far and the paragraph on, within 600 characters (one endless line
        # must not be read again for each word of premieres it holds)
        reach = max(covered, premieres.start() - 600)
        start = max(text.rfind("\n", reach, premieres.start()) + 1, reach)
        end = _paragraph_end(text, premieres.end())
        if end <= covered:
            continue
        covered = end
        placed = [read_back(text, m.start()) for m in _ON_NETWORK.finditer(text, start, end)]
        placed += [(m.start(1), m.group(1)) for m in _NETWORK_FIRST.finditer(text, start, end)]
        for found in placed:
            name = _last_placed(found[1]) if found is not None else ""
            if name and len(name.split()) <= 7 and name.lower() not in AMBIGUOUS_WORDS:
                names.append(name)
    for apposed in _APPOSED.finditer(text):
        name = apposed.group(1)
        if len(name.split()) <= 7 and name.lower() not in AMBIGUOUS_WORDS:
            names.append(name)
    for kinds in _KIND_LIST.finditer(text):
        # "two new original Korean films, Moral Court and Carter, that are expected to drop":
        # the names a plural kind of works lists
        for name in re.split(r",\s+(?:and\s+)?|\s+and\s+", kinds.group(1)):
            name = name.strip()
            if name and len(name.split()) <= 6 and name.lower() not in AMBIGUOUS_WORDS:
                names.append(name)
    for moving in _MOVING.finditer(text):
        # "Avatar 2 has been moved from December 17, 2021, to ...", "Mickey 17 moves to March
        # 7": the Title Case name before a verb of moving that a date follows
        found = read_back(text, moving.start())
        if found is not None and not PERSON_BEFORE.search(text, max(0, found[0] - 30), found[0]):
            name = found[1]
            first = name.split()[0]
            if (
                len(name.split()) <= 6
                and name.lower() not in AMBIGUOUS_WORDS
                and first.lower() not in _NOT_A_NAME_START
            ):
                names.append(name)
    for moved in _MOVED.finditer(text):
        end = _sentence_end(text, moved.end())
        for item in _GAPPED_ITEM.finditer(text, moved.end(), end):
            name = item.group(1)
            if len(name.split()) <= 6 and name.lower() not in AMBIGUOUS_WORDS:
                names.append(name)
    return names


_PLACED_BEFORE = re.compile(rf"\s+on\s+{_NETWORK}\s+(?:and|&)\s+")
_CALENDAR_START = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s"
)


_RANK = re.compile(r"(?:No\.?|#|Number|Top)\s*\d")


def _last_placed(name: str) -> str:
    """The last name of a run read back over "A on KBS and B": B; "October 14 is B": B."""
    name = _PLACED_BEFORE.split(name)[-1].rstrip(".")
    if _CALENDAR_START.match(name):
        head, _, rest = name.partition(" is ")
        name = rest if head and rest else ""
    if _RANK.match(name) or DAY.search(name):
        return ""  # "landed at No. 4 on Netflix": a chart's place; "Premieres March 5 on"
    return name


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n\n", start, start + 600)
    return end if end >= 0 else min(len(text), start + 600)


# "The adaptation of ..., Moon Court!, will premiere": the description, then the name.
_APPOSED = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:The|A|An)\s[^.!?\n]{5,120}?,\s+([A-Z][\w'’&!?:.-]*(?:\s+(?:[A-Z0-9][\w'’&!?:.-]*|of|"
    r"the|and|a|an|in|on|to|for|at|no))*),\s+(?:will|is\s+(?:set|slated|scheduled|due)\s+to|premieres|arrives|"
    r"debuts|returns|hits|lands|drops|opens)\b"
)
_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Ms|Dr|St|[A-Z])$"
)


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence from ``start`` ends (within 300 characters): "Dec. 16" and "U.S."
    end no sentence, a full stop before a space and a capital or the line's end does."""
    stop = min(len(text), start + 300)
    for m in re.finditer(r"[.!?](?=\s+[A-Z\"“]|\s*$)|\n", text[start:stop]):
        before = text[max(0, start + m.start() - 4) : start + m.start()]
        if m.group() == "." and _ABBREVIATION.search(before):
            continue  # "Dec.", "U.S.": an abbreviation
        return start + m.start()
    return stop


def _asked_name(text: str, start: int) -> str | None:
    """The Title Case words after the question's start, up to its verb."""
    chosen: list[tuple[int, str]] = []
    for m in _WORD.finditer(text, start, start + 80):
        word = m.group()
        if chosen and text[chosen[-1][0] + len(chosen[-1][1]) : m.start()].strip():
            return None
        if word.lower() in _ASKED_VERBS or (chosen and _SEASON_WORD.fullmatch(word)):
            break  # "When Will Moon Court Season 2 Come Out": the name ends at its season
        if not (_is_title_word(word) or (chosen and word.lower() in _SMALL)):
            return None  # "when will the show return": no name asked about
        chosen.append((m.start(), word))
        if word.endswith(("?", ".", "!", ",")):
            return None  # no verb after it: not the shape of the question
    while chosen and chosen[-1][1].lower() in _SMALL:
        chosen.pop()
    if not chosen:
        return None
    name = text[chosen[0][0] : chosen[-1][0] + len(chosen[-1][1])].strip("'\".,:;!?-")
    return name if name and name.lower() not in AMBIGUOUS_WORDS else None
