"""``finditer`` for patterns that can start only at a few characters.

A pattern that begins with an alternation, a lookbehind or an optional group is tried in full
at every position of a string by ``finditer`` and ``sub``; the word lists of the cues and the
quantity patterns are such patterns, and that trying was a large part of featurising a clause.
Here a character class finds the positions where a match can start (one test a character) and
the pattern is tried only there: the same matches, far fewer attempts.
"""

from __future__ import annotations

import re
from typing import Iterator


def finditer_at(
    pattern: re.Pattern, starts: re.Pattern, text: str, lead: str = "", back: int = 0
) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` gives, given that every match of ``pattern`` (never
    empty) begins at a character of the class ``starts`` or, when it holds one within its
    first ``back + 1`` characters, at a character of ``lead`` before it (a prefix word such as
    约 or 第).  Positions are tried in order, so the leftmost match wins as in ``finditer``."""
    pos = 0
    while True:
        found = starts.search(text, pos)
        if found is None:
            return
        f = found.start()
        for at in range(max(pos, f - back), f + 1):
            if at < f and text[at] not in lead:
                continue
            m = pattern.match(text, at)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = f + 1

