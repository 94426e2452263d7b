from __future__ import annotations

import re
import sys

from verifier.scan import plain_letters


def test_plain_letters_are_exactly_what_ignoring_case_matches_to_ascii_letters() -> None:
    any_case = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        plain = plain_letters(char)
        assert len(plain) == 1
        lower = plain.lower()
        if any_case.fullmatch(char):
            assert lower.isascii() and re.fullmatch(lower, char, re.I), hex(code)
        else:
            assert not ("a" <= lower <= "z"), hex(code)
