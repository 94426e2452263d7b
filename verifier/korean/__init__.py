"""Korean-language news: the same claims as the English rules find, from Korean sentences.

One package per language: ``dates`` (its date grammar), ``words`` (release and
non-release cues, stance words, title marks) and ``claims`` (which date is whose). The
English rules are the modules at ``verifier/`` (see the README's layout notes).
"""

from verifier.korean.claims import korean_claims

__all__ = ["korean_claims"]
