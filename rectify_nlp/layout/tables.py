"""Tables turned into text: which column heading each cell sits under."""

from __future__ import annotations

from ..lexicon.fields import TABLE_HEADER
from ..text.normalise import NormText
from ..text.segment import Unit


def table_fields(norm: NormText, us: list[Unit]) -> list[str]:
    """For each unit in a table cell, the heading of its column ("" elsewhere).

    A table row whose cells are mostly column headings names the columns; the rows below it
    are read as if each cell were introduced by its heading as a field name.
    """
    text = norm.text
    out = [""] * len(us)
    header: dict[int, str] = {}
    k = 0
    while k < len(us):
        if us[k].cell < 0:
            # a body line ends the table; a heading line between rows ("（一）…方面") does not
            if us[k].line_start and not us[k].enumerator:
                header = {}
            k += 1
            continue
        line_end = text.find("\n", us[k].start)
        line_end = len(text) if line_end < 0 else line_end
        j = k
        while j < len(us) and us[j].start < line_end:
            j += 1
        cells = {
            u.cell: text[u.core_start : u.core_end] or text[u.start : u.end]
            for u in us[k:j]
            if u.line_start
        }
        named = {c: t for c, t in cells.items() if TABLE_HEADER.fullmatch(t)}
        if len(named) >= 2 and len(named) >= len(cells) / 2:
            header = named
        elif header:
            for i in range(k, j):
                out[i] = header.get(us[i].cell, "")
        k = j
    return out
