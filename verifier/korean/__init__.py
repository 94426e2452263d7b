"""Korean-language news: the same claims as the English rules find, from Korean sentences.

One package per language: ``dates`` (its date grammar), ``words`` (release and
non-release cues, stance words, title marks), ``names`` (the works a page names) and
``claims`` (which date is whose). The
English rules are the modules at ``verifier/`` (see the README's layout notes).
"""

import re

from verifier.korean.claims import korean_claims
from verifier.korean.words import HANGUL


def mostly_korean(text: str) -> bool:
    """Whether most of the letters of ``text`` are Hangul (a sentence the Korean rules read)."""
    hangul = len(HANGUL.findall(text))
    return hangul * 2 > len(_LETTER.findall(text))


_LETTER = re.compile(r"[^\W\d_]")


__all__ = ["korean_claims", "mostly_korean"]
