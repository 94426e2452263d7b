"""Sentences, clauses and comma segments of a text, with offsets.

Pure functions: a sentence ends at . ! ? before a capital (not after an
abbreviation such as "Dec." or "D.P.") or at a line break; paragraphs are
separated by blank lines. A clause runs between ";", " but ", " while " and
spaced dashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.scan import Words


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    field: str


ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "jan", "feb",
                  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
                  "co", "ltd", "approx", "ep", "eps", "feat", "ft", "u.s", "u.k",
                  # "the Warner Bros. Spike Jonze-directed adaptation": a studio's name goes on
                  "bros", "corp", "prof", "gen", "sen", "rep", "mt", "pt"}  # fmt: skip
# Each alternative begins with its own punctuation mark: ``re`` then reads the text for those
# few characters alone (a set of first characters it tests in a tight loop) and tries the
# pattern only there, five times faster than trying it at every character.
_AFTER_STOP = r"[.!?]*[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9\u0080-\uffff])"
_BOUNDARY = re.compile(rf"\.{_AFTER_STOP}|!{_AFTER_STOP}|\?{_AFTER_STOP}|\n\n*")


# A card's field asked as a question, its answer after it on the line.
_FIELD_QUESTION = re.compile(
    r"(?i)\s*when\s+(?:can|will|do|does)\s+(?:i|you|we|fans|viewers|it)\s+[\w\s'’]{0,30}\?"
)


# No sentence of news runs this long; text without sentence ends (a dump, a hostile page) is
# read in pieces of about this size, so that the rules, which look along a sentence for each
# date in it, take time in proportion to the text, not to its square.
MAX_SENTENCE = 1500


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_SENTENCE`` characters, each cut after a
    comma or a space where one is near the limit."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(", ", start, limit), text.rfind("; ", start, limit))
        if cut <= start + MAX_SENTENCE // 2:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def split_sentences(text: str, field: str = "text") -> list[Sentence]:
    """Sentences with offsets; paragraphs are runs of lines without a blank line. A "sentence"
    longer than ``MAX_SENTENCE`` is read in pieces."""
    return [
        Sentence(first, last, s.paragraph, s.field)
        for s in _split(text, field)
        for first, last in (
            _pieces(text, s.start, s.end) if s.end - s.start > MAX_SENTENCE else [(s.start, s.end)]
        )
    ]


def _split(text: str, field: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start, paragraph = 0, 0
    wrapped = "\n" in text and hard_wrapped(text)
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            word = _word_before(text, start, m.start()).lower()
            line_break = "\n\n" in m.group() or ("\n" in m.group() and not wrapped)
            if (word in ABBREVIATIONS or _INITIALS.fullmatch(word)) and not line_break:
                continue  # "D.P. returns", but "... “D.P.”" ends its paragraph
        elif m.group() == "\n" and wrapped:
            continue
        elif (
            m.group().startswith("?")
            and "\n" not in m.group()
            and _FIELD_QUESTION.fullmatch(text, start, m.start() + 1)
        ):
            continue  # "When can I watch it? July 20": a card's field and its value, one line
        end = m.start() + len(m.group().rstrip())
        if text[start:end].strip():
            sentences.append(Sentence(start, end, paragraph, field))
        if m.group().startswith("\n") or "\n\n" in m.group():  # a new paragraph
            paragraph += 1
        start = m.end()
    if text[start:].strip():
        sentences.append(Sentence(start, len(text), paragraph, field))
    return sentences


_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")  # "d.p", "u.s", "x"


def _word_before(text: str, start: int, dot: int) -> str:
    """The word (letters, digits, "_" and dots) that ends at the full stop at ``dot``, not
    reaching back before ``start``: "Dec" in "Dec. 26", "D.P" in "D.P. returns"."""
    first = dot
    while first > start and (text[first - 1].isalnum() or text[first - 1] in "._"):
        first -= 1
    return text[first:dot]


def hard_wrapped(text: str) -> bool:
    """Plain text wrapped at a fixed width (e-mail, terminals): no line is long, most lines
    are near the width, and most of those stop mid-sentence. Its single newlines are spaces."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < 3 or max(len(line) for line in lines) > 100:
        return False
    full = [line for line in lines if len(line) >= 50]
    unfinished = [line for line in full if line[-1] not in ".!?:\"'”"]
    return len(full) * 2 >= len(lines) and len(unfinished) * 2 >= len(full)


_CLAUSE_BREAK = Words(
    r";|"
    r"\s(?:but|however|while|whereas|although|though)\s|\s[—–]\s|,\s*then\s|"
    # "X ended in July, and we'll have to wait until winter": a new subject, a new clause
    r",\s+and\s+(?=(?:we|we'll|they|they'll|it|it'll|he|she|you|i|there|fans|viewers)\s)"
)


# The ";" of a list of moves that leaves out the verb after the first: "...; Avatar 3 from
# December 22, 2023, to December 20, 2024": no new clause, the verb is the first item's.
_GAPPED_AFTER = re.compile(
    r";\s+(?:and\s+)?[A-Z][\w'’&:.-]*(?:\s+[A-Z0-9][\w'’&:.-]*){0,5}\s+(?:from|to)\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:19|20)\d\d)\b"
)


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` around [start, end): between breaks like ';' or ' but '."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        if not _GAPPED_AFTER.match(text, m.start()):
            left = m.end()
    right = end
    while (right_match := _CLAUSE_BREAK.search(text, right)) is not None:
        if not _GAPPED_AFTER.match(text, right_match.start()):
            return left, right_match.start()
        right = right_match.end()
    return left, len(text)


def segment_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited stretch of ``body`` around a date."""
    left = max(body.rfind(",", 0, start), body.rfind(";", 0, start)) + 1
    right_candidates = [i for i in (body.find(",", end), body.find(";", end)) if i >= 0]
    return left, min(right_candidates) if right_candidates else len(body)


# The opening of quoted speech: a colon or comma, then the quote ('saying: "', 'quoting, "').
_SPEECH_OPENS = re.compile(r"[:,]\s*[\"“]\Z")


def speech_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quoted speech of ``text`` that holds [start, end), opened after a colon or comma
    ('the streamer wrote: "X returns in May"'): a sentence of its own, whose words around
    the quote do not speak of its dates."""
    opening = max(text.rfind('"', 0, start), text.rfind("“", 0, start))
    if opening < 0 or not _SPEECH_OPENS.search(text, 0, opening + 1):
        return None
    if text[:opening].count('"') % 2:
        return None  # that mark closes a quote
    closing = [i for i in (text.find('"', end), text.find("”", end)) if i >= 0]
    if not closing or len(text[opening + 1 : min(closing)].split()) < 3:
        return None
    return opening + 1, min(closing)
