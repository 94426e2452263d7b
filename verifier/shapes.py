"""Names that a sentence's shape gives, though nothing marks them as titles.

- A question about a release names the work it asks about: "When Does Moon Court Come
  Out in Theaters?", "When will Glass Orchard return?". A headline writes the verb in
  Title Case too, so the name ends before the verb.
- A list of moves that leaves out the verb after the first names a work in each item:
  "Moon Court has been pushed back to May 2027, Ridgeline to June 2028 and Silver Tide
  to 2029".
"""

from __future__ import annotations

import re

from verifier.cues import DATE_START
from verifier.scan import Words
from verifier.titles import AMBIGUOUS_WORDS

_WORD = re.compile(r"[\w'&.:!?-]+")
_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from",
          "&", "de", "la", "le", "vs", "vs.", "or", "my", "your", "our"}  # fmt: skip

_ASKED = Words(r"\bwhen\s+(?:does|do|will|is|are|did)\s+")
_ASKED_VERBS = {
    "come", "comes", "release", "premiere", "arrive", "return", "hit", "debut", "drop", "stream",
    "air", "launch", "land", "be", "start", "begin", "get", "finally", "open", "make", "hitting",
}  # fmt: skip
_SEASON_WORD = re.compile(r"(?i)season|series|s\d{1,2}")

# The first item's verb of moving; the items after it give a name and a date only.
_MOVED = Words(
    r"\b(?:delay|postpon|push|mov|shift|bump|reschedul|set|slat|dat)\w*\s+(?:back\s+|up\s+)?"
    r"(?:to|until|for)\s"
)
_GAPPED_ITEM = re.compile(
    r"[,;]\s+(?:and\s+|while\s+|with\s+)?((?:[A-Z][\w'’&:.-]*)(?:\s+(?:[A-Z0-9][\w'’&:.-]*|of|the|"
    rf"and|in))*?)\s+(?:to|until|for)\s+(?=(?i:{DATE_START}))"
)


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
    for moved in _MOVED.finditer(text):
        end = _sentence_end(text, moved.end())
        for item in _GAPPED_ITEM.finditer(text, moved.end(), end):
            name = item.group(1)
            if len(name.split()) <= 6 and name.lower() not in AMBIGUOUS_WORDS:
                names.append(name)
    return names


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
