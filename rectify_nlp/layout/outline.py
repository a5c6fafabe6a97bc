"""A notice's outline as its headings are read: `一、` over `（一）` over `1.`, whatever classes
a notice uses, ranked by first use.  Featurisation reads a unit's depth from it and records
read the heading path above a problem, so both see the same outline."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class OutlineStack(Generic[T]):
    """The headings open above the current position, each with what the reader keeps of it.

    A heading class ranks by its first use; a heading closes every open heading of its rank
    or deeper before it opens.
    """

    def __init__(self) -> None:
        self._order: list[str] = []
        self._open: list[tuple[str, T]] = []

    def push(self, cls: str, item: T) -> int:
        """Open a heading of enumerator class ``cls``; its depth (1: top level)."""
        if cls not in self._order:
            self._order.append(cls)
        rank = self._order.index(cls)
        while self._open and self._order.index(self._open[-1][0]) >= rank:
            self._open.pop()
        self._open.append((cls, item))
        return len(self._open)

    @property
    def depth(self) -> int:
        return len(self._open)

    @property
    def path(self) -> tuple[T, ...]:
        """What was kept of each open heading, outermost first."""
        return tuple(item for _, item in self._open)
