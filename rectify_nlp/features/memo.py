"""Feature strings memoised by what they are made of.

Most of a unit's context features and a clause's flags are a few small values (a field kind,
a depth capped at 5, a boolean) spelled out as strings; most units and clauses of any notice
share them, and building those strings anew for each was a fifth of extraction.  The memo is
keyed by the values, so any text reuses it, not only a text seen before.
"""

from __future__ import annotations

from typing import Callable

# Bounded, so a long-running process does not grow without end.
MEMO_MAX = 50_000


def memo(table: dict, key: tuple, make: Callable[..., list[str]]) -> tuple[str, ...]:
    """``make(*key)`` as a tuple, made once per key."""
    got = table.get(key)
    if got is None:
        if len(table) >= MEMO_MAX:
            table.clear()
        got = table[key] = tuple(make(*key))
    return got
