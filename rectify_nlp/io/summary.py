"""A notice's records as a table for a person at a terminal (``rectify-nlp extract`` on a tty)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..schema import Notice

_PROBLEM_WIDTH = 18  # characters; a CJK character takes two cells


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def notice_table(notice: Notice) -> Table:
    """One row per record: its problem, category, status, counts and deadlines."""
    m = notice.metadata
    title = " · ".join(
        str(x) for x in (notice.id or None, m.get("issuer"), m.get("inspecting_body")) if x
    )
    table = Table(title=title or None, title_justify="left", show_lines=False)
    table.add_column("#", justify="right")
    # one line per record: long problems and categories end in "…" (the JSON has them whole)
    table.add_column("problem", no_wrap=True, overflow="ellipsis", max_width=2 * _PROBLEM_WIDTH)
    table.add_column("category", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("status", min_width=11, no_wrap=True)
    table.add_column("measures", justify="right")
    table.add_column("metrics", justify="right")
    table.add_column("deadlines")
    for k, r in enumerate(notice.records, 1):
        table.add_row(
            str(k),
            _short(r.problem.text, _PROBLEM_WIDTH),
            _short(r.category[-1], 7) if r.category else "",
            str(r.status.value),
            str(len(r.measures)),
            str(len(r.metrics)),
            ", ".join(f"{d.date or '—'} {d.kind}" for d in r.deadlines),
        )
    general = len(notice.general_measures)
    table.caption = (
        f"{len(notice.records)} records, "
        f"{sum(len(r.measures) for r in notice.records)} measures "
        f"(+{general} notice-level), {len(notice.spans)} spans; "
        "-f json for every span and its offsets"
    )
    table.caption_justify = "left"
    return table


def print_notice(notice: Notice, console: Console) -> None:
    console.print(notice_table(notice))
