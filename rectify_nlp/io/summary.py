"""A notice's records as a table for a person at a terminal (``rectify-nlp extract`` on a tty)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..schema import Notice
from .rows import record_rows

_PROBLEM_WIDTH = 18  # characters; a CJK character takes two cells
# A table's caption and the line of its checks: io/output knows extract's tables by them
CAPTION = (
    "{records} records, {measures} measures (+{general} notice-level), {spans} spans; "
    "-f json for every span and its offsets"
)
REVIEW = "needs a look: "


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def notice_table(notice: Notice, width: int = 120) -> Table:
    """One row per record: its problem, category (on a console of 100 columns or more),
    status, counts and deadlines.  Counts and statuses keep their width; the problem
    column gives way."""
    m = notice.metadata
    title = " · ".join(
        str(x) for x in (notice.id or None, m.value("issuer"), m.value("inspecting_body")) if x
    )
    wide = width >= 100
    table = Table(title=title or None, title_justify="left", show_lines=False)
    table.add_column("#", justify="right", no_wrap=True)
    # one line per record: long problems and categories end in "…" (the JSON has them whole)
    # what the fixed columns leave (cells, padding, borders): 2 cells per CJK character
    fixed = 4 + 13 + 10 + 9 + 11 + (16 if wide else 0) + (8 if wide else 7)
    cells = max(12, min(2 * _PROBLEM_WIDTH, width - fixed - 2))
    table.add_column("problem", width=cells, no_wrap=True, overflow="ellipsis")
    if wide:
        table.add_column("category", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("status", min_width=11, no_wrap=True)
    for name in ("measures", "metrics"):
        table.add_column(name, justify="right", min_width=len(name), no_wrap=True)
    table.add_column("deadlines", min_width=9)
    for k, r in enumerate(record_rows(notice), 1):
        category = [_short(r.category[-1], 7) if r.category else ""] if wide else []
        table.add_row(
            str(k),
            _short(r.problem, _PROBLEM_WIDTH),
            *category,
            r.status,
            str(r.measures),
            str(r.metric_count),
            r.deadlines,
        )
    general = len(notice.general_measures)
    table.caption = CAPTION.format(
        records=len(notice.records),
        measures=sum(len(r.measures) for r in notice.records),
        general=general,
        spans=len(notice.spans),
    )
    if notice.checks:
        table.caption += "\n" + REVIEW + "; ".join(
            f"{c.code} {c.message}" for c in notice.checks[:5]
        ) + (f"; … {len(notice.checks) - 5} more" if len(notice.checks) > 5 else "")
    table.caption_justify = "left"
    return table


def review_line(needing: dict[str, int], notices: int) -> str:
    """The run's verdict: ``3 of 40 notices need a look (C001 count_problems 2, …)``, from
    how many notices failed each check (keyed ``"C001 count_problems"``)."""
    flagged = needing.get("", 0)
    line = f"{flagged} of {notices} notices need a look"
    detail = ", ".join(f"{k} {v}" for k, v in sorted(needing.items()) if k)
    return line + (f" ({detail})" if detail else "")


def tally_checks(needing: dict[str, int], notice: Notice) -> None:
    """Count a notice into ``review_line``'s tally: once overall, once per check it fails."""
    if notice.checks:
        needing[""] = needing.get("", 0) + 1
    for key in {f"{c.code} {c.name}" for c in notice.checks}:
        needing[key] = needing.get(key, 0) + 1


class PipeConsole(Console):
    """A console that lets a closed pipe (`| head`) surface as BrokenPipeError, for the
    command to end quietly with status 0, where rich's own handler exits with 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def print_notice(notice: Notice, console: Console) -> None:
    console.print(notice_table(notice, console.width))
