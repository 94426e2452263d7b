"""Letters and case, and faster keyword patterns with the same matches.

``re`` ignoring case matches a few letters outside ASCII to ASCII letters ("ſ" to
"s", "ı" and "İ" to "i", the Kelvin sign to "k") that ``str.lower()`` keeps apart;
``plain_letters`` writes them as those letters.

Most of extraction's time goes to ``re`` trying keyword patterns at every word
start. Two rewrites cut that without changing what matches:

- ``Words``: a case-insensitive pattern written in lower case is matched, case
  sensitive, on the lower-cased text. Ignoring case, ``re`` folds every character
  it compares; compared plainly, each alternative is ruled out by its first
  letter at once. Lower-casing (after ``plain_letters``) keeps offsets. A pattern that
  starts at a word start is tried only at words that begin as a match can, up to four
  letters, tested by look-aheads right after its ``\\b`` (``_first_letters_after_word_start``).
- ``gated``: a pattern that starts at a word start gets a look-ahead right
  after its ``\\b`` naming the first letters any match can begin with, read
  from the pattern's parse tree ("the", "mar", "q1", ...). The full pattern is
  then tried only at the few words that begin so. The look-ahead only restates
  what the pattern requires, so the matches are the same.
- Needed words: where every match of a ``Words`` pattern holds one of a few
  words ("when", "until" or "before"), ``search`` and ``finditer`` first look
  for those with ``str.find`` and skip ``re`` on text that has none.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# The letters that case-insensitive ``re`` matches to an ASCII letter besides its two cases,
# found by trying every code point (tests/verifier/test_scan.py tries them again).
_TWINS = {"i": "İı", "s": "ſ", "k": "\u212a"}
_PLAIN = str.maketrans(
    {twin: letter.upper() if twin.isupper() else letter for letter, twins in _TWINS.items()
     for twin in twins}
)  # fmt: skip


def plain_letters(text: str) -> str:
    """``text`` with those twins written as the ASCII letters they match ("ſummer" is
    "summer"); the same length."""
    return text if text.isascii() else text.translate(_PLAIN)


@lru_cache(maxsize=4)  # several patterns read the same sentence in turn
def lowered(text: str) -> str:
    """``text`` lower-cased for ``Words``, with its offsets kept: each character becomes
    one, and a letter that matches an ASCII letter ignoring case becomes that letter."""
    low = text.lower()
    if not low.isascii() and (len(low) != len(text) or "ı" in low or "ſ" in low):
        low = text.translate(_PLAIN).lower()
    return low


class Words:
    """A case-insensitive pattern, written in lower case, run on lower-cased text.

    Matches and spans are those of ``re.compile(pattern, re.I)`` on the text itself;
    ``group()`` gives the lower-cased text, so callers slice the text by span instead.
    """

    def __init__(self, pattern: str) -> None:
        tree = _parser.parse(pattern)
        _check_lower_case(tree.data, pattern)
        self.source = pattern  # as written; ``pattern`` may add a test of first letters
        self.pattern = re.compile(_first_letters_after_word_start(pattern, tree.data))
        # Words one of which every match holds, if they are few and long enough to be rare:
        # text without any of them is turned away by ``str.find`` before ``re`` is run.
        needed = _needed(tree.data)
        useful = needed and len(needed) <= _MOST_NEEDED and min(map(len, needed)) >= 3
        self.needed = tuple(sorted(needed)) if useful else ()  # type: ignore[arg-type]

    # An end past the text is the text's end, as for ``re.Pattern`` methods.
    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        low = lowered(text)
        if self.needed and not _holds_any(low, self.needed, pos, endpos):
            return iter(())
        return self.pattern.finditer(low, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = lowered(text)
        if self.needed and not _holds_any(low, self.needed, pos, endpos):
            return None
        return self.pattern.search(low, pos, endpos)

    # A match at one place fails at once where the text does not begin as it must: looking
    # for needed words first would only cost more.
    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(lowered(text), pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.fullmatch(lowered(text), pos, endpos)


def _holds_any(low: str, words: tuple[str, ...], pos: int, endpos: int) -> bool:
    """Whether one of ``words`` lies wholly in ``low[pos:endpos]``."""
    return any(low.find(word, pos, endpos) >= 0 for word in words)


# --- needed words: literals that every match holds -------------------------------------------

_MOST_NEEDED = 8  # more words than this cost more to look for than ``re`` does


def _needed(items: list[Any]) -> frozenset[str] | None:
    """Words (runs of literal characters) one of which every match of ``items`` holds, or
    None. Of the sets each part of a sequence needs, the one of fewest, longest words is
    kept; an alternation needs what all its alternatives need, together."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _rarity(found) < _rarity(best)):
            best = found

    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op in _GROUPS:
            consider(_needed(_inside(av)))
        elif op is sre.BRANCH:
            each = [_needed(alternative.data) for alternative in av[1]]
            if all(each):
                consider(frozenset().union(*each))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            consider(_needed(av[2].data))
    consider(frozenset([run]) if run else None)
    if best is None:
        return None
    return frozenset(w for w in best if not any(o != w and o in w for o in best))


def _rarity(words: frozenset[str]) -> float:
    """How often some of ``words`` may turn up in text: longer words are rarer."""
    return sum(1 / len(w) ** 2 for w in words)


def _first_letters_after_word_start(pattern: str, items: list[Any]) -> str:
    """``\\b(?=\\w)(?:...)`` as ``\\b(?=[adfr...])(?=(?:rele|prem|...))(?:...)``: word ends,
    and words that begin with no letter a match can begin with, are turned away by one test;
    most other words by the few letters after it, read as a trie of the matches' prefixes
    (one form of each letter: the text is in lower case)."""
    lead = next((w for w in (r"\b(?=\w)", r"\b") if pattern.startswith(w)), None)
    starts = _prefixes(items, _WORDS_DEPTH, [10_000])
    if lead is None or "" in starts:
        return pattern
    kept = _shortest(starts)
    first = {w[0] for w in kept}
    gate = "(?=" + _class(first) + ")"
    if any(len(w) > 1 for w in kept):
        gate += "(?=" + _trie(kept, _one_form) + ")"
    if lead != r"\b" and not all(c.isalnum() or c == "_" for c in first):
        return lead + gate + pattern[len(lead) :]  # "(?=\w)" still rules out "'s"
    return r"\b" + gate + pattern[len(lead) :]


def _check_lower_case(items: list[Any], pattern: str) -> None:
    """Every letter the pattern names must be lower case and ASCII, and no part of it may
    turn case back on, or lower-cased text would not match as the pattern does."""
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            codes = [av]
        elif op is sre.IN:
            codes = [v for kind, v in av if kind is sre.LITERAL]
            codes += [c for kind, v in av if kind is sre.RANGE for c in range(v[0], v[1] + 1)]
        else:
            codes = []
            if op is sre.SUBPATTERN and (av[1] | av[2]) & re.I:
                raise ValueError(f"Words cannot turn case on or off inside: {pattern!r}")
            for value in av if isinstance(av, (tuple, list)) else ():
                for sub in value if isinstance(value, list) else [value]:
                    if isinstance(sub, _parser.SubPattern):
                        _check_lower_case(sub.data, pattern)
        for char in map(chr, codes):
            if char != char.lower() or (not char.isascii() and char.lower() != char.upper()):
                raise ValueError(f"Words needs lower-case ASCII letters: {char!r} in {pattern!r}")


# --- gated: the first letters of any match, as a look-ahead ---------------------------------

_WORDS_DEPTH = 4  # for ``Words``: lower-case text, so each prefix has one form
_DEPTH = 5  # characters of prefix looked at: "the" is common, "the f" and "the s" less so
_WIDEST_SET = 16  # a wider character class ("[a-z]", "\w") ends the prefix there
_MOST_PREFIXES = 2000
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_GROUPS = {sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN)}


def _chars(op: object, av: Any) -> set[str] | None:
    """The lower-cased characters one item matches, or None: too many to list."""
    if op is sre.LITERAL:
        codes = [av]
    elif op is sre.IN:
        codes = []
        for kind, value in av:
            if kind is sre.LITERAL:
                codes.append(value)
            elif kind is sre.RANGE and value[1] - value[0] < _WIDEST_SET:
                codes.extend(range(value[0], value[1] + 1))
            elif kind is sre.CATEGORY and value is sre.CATEGORY_SPACE:
                codes.append(ord(" "))  # a space stands for any space: "the " is "the\s"
            else:
                return None  # a negation, a category or a wide range
    else:
        return None
    found = {chr(code) for code in codes}
    if len(found) > _WIDEST_SET or any(not c.isascii() and c.lower() != c.upper() for c in found):
        return None  # too many, or a letter outside ASCII whose case twins are not known here
    return {c.lower() for c in found}


def _prefixes(items: list[Any], depth: int, budget: list[int]) -> set[str]:
    """Every lower-cased prefix of at most ``depth`` letters that a match of ``items`` can
    begin with; a shorter one stands for itself followed by anything."""
    budget[0] -= 1
    if depth == 0 or not items or budget[0] < 0:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _prefixes(rest, depth, budget)
    if op in _GROUPS:
        return _prefixes(_inside(av) + rest, depth, budget)
    if op is sre.BRANCH:
        return set().union(*(_prefixes(list(alt.data) + rest, depth, budget) for alt in av[1]))
    if op in _REPEATS:
        low, high, item = av
        if high == 0:
            return _prefixes(rest, depth, budget)
        again = (op, (max(0, low - 1), high if high == sre.MAXREPEAT else high - 1, item))
        taken = _prefixes([*item.data, again, *rest], depth, budget)
        return taken | _prefixes(rest, depth, budget) if low == 0 else taken
    chars = _chars(op, av)
    if chars is None:
        return {""}
    after = _prefixes(rest, depth - 1, budget)
    return {c + tail for c in chars for tail in after}


def _inside(av: Any) -> list[Any]:
    """The items of a group: ``(?:...)`` carries its flags before them, ``(?>...)`` not."""
    return list((av if isinstance(av, _parser.SubPattern) else av[-1]).data)


def _forms(char: str) -> set[str]:
    """The characters that may stand for lower-case ``char`` in the text."""
    return {char, char.upper()} | set(_TWINS.get(char, ""))


def _class(chars: set[str]) -> str:
    escaped = [r"\s" if c == " " else re.escape(c) for c in sorted(chars)]
    return escaped[0] if len(escaped) == 1 else "[" + "".join(escaped) + "]"


def _shortest(prefixes: set[str]) -> set[str]:
    """The prefixes no shorter one of which is also there: "the" stands for "the s"."""
    return {w for w in prefixes if not any(w[:i] in prefixes for i in range(1, len(w)))}


def _one_form(char: str) -> set[str]:
    return {char}


def _trie(words: set[str], forms: Callable[[str], set[str]] = _forms, split: bool = False) -> str:
    """One regex for a set of words (in any case, by default), sharing their beginnings.
    ``split``: each form of a first letter begins an alternative of its own ("T..." or
    "t..."), which ``re`` rules out by comparing one character, not by testing a class."""
    heads: dict[str, set[str]] = {}
    for word in words:
        heads.setdefault(word[0], set()).add(word[1:])
    alternatives = [
        lead + ("" if "" in tails else _trie(tails, forms))  # "": the head alone will do
        for head, tails in sorted(heads.items())
        for lead in (sorted(_class({f}) for f in forms(head)) if split else [_class(forms(head))])
    ]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (which starts with ``\\b``) with a look-ahead for the first letters its
    matches can begin with; the same pattern where no useful look-ahead can be read."""
    if not pattern.pattern.startswith(r"\b"):
        raise ValueError(f"gated needs a pattern that starts with \\b: {pattern.pattern[:40]!r}")
    budget = [100_000]
    starts = _prefixes(list(_parser.parse(pattern.pattern, pattern.flags).data), _DEPTH, budget)
    if "" in starts or budget[0] < 0 or len(starts) > _MOST_PREFIXES:
        return pattern
    kept = _shortest(starts)
    # One class of all first letters turns most words away in a single test; the trie of
    # prefixes then turns away most of the rest.
    first = _class({form for word in kept for form in _forms(word[0])})
    return re.compile(
        r"\b(?=" + first + ")(?=" + _trie(kept, split=True) + ")" + pattern.pattern[2:],
        pattern.flags,
    )
