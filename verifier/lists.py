"""Lists of works: "titles that have been postponed include A, B's C and D", "the lineup
includes the fifth season of A, Season 4 of B and C", "Also coming in 2026 are A and B".

A list is introduced by "include(s)", "including", "namely", "such as", "like", "among
... are", a verb before "are" ("coming in 2026 are"), or "from ... to", after a noun for
works in the same sentence ("titles", "lineup", "series"). ``list_start`` finds where
one begins in a sentence; ``list_items`` reads the names it holds.
"""

from __future__ import annotations

import re

from verifier.names import JOINING, read_on
from verifier.scan import Words
from verifier.titles import ORDINAL

# A noun for a kind of work, then its name: "the limited series DTF", "a film called X".
KIND_NOUN = (
    r"(?:series|drama|k-drama|film|movie|show|program|programme|sitcom|anime|docuseries|"
    r"documentary|thriller|comedy|romance|miniseries|sequel|prequel|spin-?off|adaptation|"
    r"reboot|original|newcomers?|rom-?com|melodrama|flick|pic|tentpole|blockbuster|opus|"
    r"seasons?\s+(?:for|of))"
)
# A list of works: introduced by "include(s)", "including", "such as", "like", "from ... to",
# after a noun for works in the same sentence ("titles", "lineup", "series").
_LIST_START = Words(
    r"\b(?:includ(?:e|es|ed|ing)|namely|such\s+as|like|among\s+(?:[\w'-]+\s+){1,12}?(?:is|are)|from|"
    # the list after its verb: "Also coming in 2022 are A, B", "Featured are A, B"
    r"(?:coming|arriving|premiering|debuting|returning|launching|due|slated|scheduled|featured|"
    r"included)\b[^.;:!?\n]{0,40}?\b(?:are|is)|"
    # a release verb and a kind of works: "will launch drama series A, B and C"
    rf"(?P<kind>(?:launch(?:es|ing)?|releas(?:e|es|ing)|premier(?:e|es|ing)|roll(?:s|ing)?\s+out|"
    rf"add(?:s|ing)?|bring(?:s|ing)?)\s+(?:(?:the\s+)?(?:new|original|[a-z]+-?[a-z]*)\s+){{0,2}}"
    rf"{KIND_NOUN}s?(?=\s+[\"“‘'][^\"“”‘’\n]{{1,60}}[\"”’'],?\s*,?\s*(?:and\s+)?[\"“‘'])))\s+"
)
WORKS_NOUN = Words(
    r"\b(?:titles|shows|films|movies|series|dramas|k-dramas|originals|projects|productions|line-?up|slate|"
    r"releases|seasons|programs|programmes|favou?rites|sequels|offerings|works|anime)\b"
)
_ITEM_GAP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|to|plus)\s+|\s+as\s+well\s+as\s+")
# What may stand before an item's name: "the fifth and final season of", "Season 4 of",
# lower-case words that describe it ("new seasons for", "the survival drama"), an owner.
_BEFORE_ITEM = re.compile(
    rf"(?i:(?:the\s+)?(?:{ORDINAL}(?:\s+and\s+(?:final|last))?\s+season|season\s+\w+)\s+of\s+)|"
    # "Korean dramas Moving and ...": a nationality and a plural kind too
    rf"(?:(?:Korean|Japanese|Chinese|American|British|Thai|Indian|Taiwanese|Spanish)\s+)?"
    rf"(?:[a-z][\w-]*\s+){{0,3}}{KIND_NOUN}s?\s+|[\w.+-]+(?:\s[\w.+-]+){{0,2}}'s\s+"
)
_REST_OF_ITEM = re.compile(r"[^,.;:!?\n]{0,60}?(?=,)")
# "Moon Court Season 2 and Paper Lanterns": with no comma ahead, up to the "and"
_REST_BEFORE_AND = re.compile(
    r"[^,.;:!?\n]{0,30}?(?=\s+(?:and|or|&)\s)"
)  # "Players with A and B", up to the comma


def _works_listed(text: str, intro: re.Match[str]) -> bool:
    """Whether a noun for works comes before the list's start in its sentence. "From"
    starts a list ("From A to B, ...", "ranging from A to B") only at a sentence's or a
    clause's start: "a comedy from Bill Lawrence" names its maker."""
    sentence_start = max(text.rfind(". ", 0, intro.start()), text.rfind("\n", 0, intro.start()))
    if intro.group("kind"):
        return True  # the list's own words name works: "will launch drama series"
    if intro.group()[:5].lower() == "among" or intro.group().rstrip().endswith(("are", "is")):
        return True  # "Among them is", "Among the series due are", "Also coming in 2022 are"
    if intro.group().startswith(("from", "From")):
        before = text[max(0, sentence_start + 1) : intro.start()].rstrip()
        # and runs to a "to": "Antlers, from Scott Cooper, is set for" names its maker
        ends = [i for i in (text.find(". ", intro.end()), text.find("\n", intro.end())) if i >= 0]
        ranged = " to " in text[intro.end() : min(ends, default=len(text))]
        return ranged and (not before or before.endswith((",", "ranging", ":")))
    before = text[max(0, sentence_start + 1) : intro.start()].strip().lower()
    if before in _BACK_TO_WORKS:  # "These include A, B": the works the sentence before named
        return True
    window_start = max(sentence_start, intro.start() - 120)
    return WORKS_NOUN.search(text, window_start, intro.start()) is not None


_BACK_TO_WORKS = {"these", "those", "they", "highlights", "standouts", "some of them",
                  "some of these", "those titles", "these titles"}  # fmt: skip


def list_start(sentence: str) -> tuple[int, int] | None:
    """Where a list of works begins in ``sentence`` ("the lineup includes ", "Among them
    is "), if it has one."""
    for intro in _LIST_START.finditer(sentence):
        if _works_listed(sentence, intro):
            return intro.start(), intro.end()
    return None


def list_items(text: str) -> list[str]:
    names: list[str] = []
    for intro in _LIST_START.finditer(text):
        if not _works_listed(text, intro):
            continue
        pos = intro.end()
        # "from A to B": the "to" is the range's, not a name's ("Love to Hate You")
        joining = JOINING - {"and", "with", "or"}
        if intro.group()[:4].lower() == "from":
            joining -= {"to"}
        for _ in range(12):
            for _skip in range(3):
                described = _BEFORE_ITEM.match(text, pos)
                if described is None:
                    break
                pos = described.end()
            found = read_on(text, pos, joining=joining)
            if found is None and names:
                # the last item described: "A, about the world of aides, and B"
                rest = _REST_OF_ITEM.match(text, pos)
                gap = _ITEM_GAP.match(text, rest.end()) if rest else None
                if gap is not None and gap.group().strip(", ") in ("and", "or"):
                    pos = gap.end()
                    found = read_on(text, pos, joining=joining)
            if found is None:
                break
            names.append(found[1])
            pos = found[0] + len(found[1])
            gap = _ITEM_GAP.match(text, pos)
            if gap is None:
                rest = _REST_OF_ITEM.match(text, pos) or _REST_BEFORE_AND.match(text, pos)
                gap = _ITEM_GAP.match(text, rest.end()) if rest else None
            if gap is None:
                break
            pos = gap.end()
    return names
