"""Letters and case, the same way for every pattern.

``re`` ignoring case matches a few letters outside ASCII to ASCII letters ("ſ" to
"s", "ı" and "İ" to "i", the Kelvin sign to "k") that ``str.lower()`` keeps apart,
so a matched phrase is read with those letters made plain.
"""

from __future__ import annotations

# The letters that case-insensitive ``re`` matches to an ASCII letter besides its two cases,
# found by trying every code point (tests/verifier/test_scan.py tries them again).
_PLAIN = str.maketrans({"İ": "I", "ı": "i", "ſ": "s", "\u212a": "K"})


def plain_letters(text: str) -> str:
    """``text`` with those twins written as the ASCII letters they match ("ſummer" is
    "summer"); the same length."""
    return text if text.isascii() else text.translate(_PLAIN)
