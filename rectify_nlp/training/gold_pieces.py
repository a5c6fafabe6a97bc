"""Gold records as pieces of text: a notice's problems, each with its measures and status, the
metric and deadline spans inside them kept relative to their piece (training/augment.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schema import AnnotatedNotice, Span

CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN[tens - 1] + "十" + (CN[ones - 1] if ones else "")


@dataclass
class Piece:
    """Gold text with the detail spans inside it, offsets relative to the piece."""

    text: str
    label: str
    inner: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Item:
    problem: Piece
    measures: list[Piece]
    status: Piece | None


class Builder:
    """Appends text and keeps the spans of the gold pieces it is given."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int, str]] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def piece(self, p: Piece) -> None:
        start = self.pos
        self.add(p.text)
        self.spans.append((start, self.pos, p.label))
        self.spans += [(start + a, start + b, lab) for a, b, lab in p.inner]

    def text(self) -> str:
        return "".join(self.parts)


def _piece(text: str, s: Span, details: list[Span]) -> Piece:
    inner = [
        (d.start - s.start, d.end - s.start, str(d.label))
        for d in details
        if d.start >= s.start and d.end <= s.end
    ]
    return Piece(text[s.start : s.end], str(s.label), inner)


def records_of(n: AnnotatedNotice) -> tuple[list[Item], list[Piece]]:
    """The notice's problems with what follows each, and its notice-level measures."""
    spans = sorted(n.spans, key=lambda s: (s.start, -s.end))
    details = [s for s in spans if s.label in ("metric", "deadline")]
    items: list[Item] = []
    general: list[Piece] = []
    for s in spans:
        if s.label == "problem":
            items.append(Item(_piece(n.text, s, details), [], None))
        elif s.label == "measure":
            (items[-1].measures if items else general).append(_piece(n.text, s, details))
        elif s.label == "status" and items and items[-1].status is None:
            items[-1].status = _piece(n.text, s, details)
    return items, general
