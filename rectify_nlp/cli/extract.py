"""``rectify-nlp extract``: notices to records, as a table, JSON, JSONL or CSV."""

from __future__ import annotations

import csv
import sys
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import RectifyError
from ..io.readers import NOTICE_SUFFIXES
from . import common as c
from .application import app


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def extract(
    files: Optional[List[str]] = typer.Argument(
        None,
        help="Notice files (.txt .html .pdf .docx), directories or globs; - (or nothing, in a "
        "pipe) reads standard input.",
    ),
    format: Optional[OutFormat] = typer.Option(
        None,
        "--format",
        "-f",
        help="table: a summary to read (the default on a terminal); json: one document, an "
        "array for several inputs (the default otherwise); jsonl: a line per notice; "
        "csv: a row per problem.",
    ),
    output: Optional[Path] = c.output_option(
        "Write here instead of standard output (never an input; an existing file only "
        "with --force).",
        required=False,
    ),
    model: Optional[Path] = c.model_option(),
    force: bool = c.force_option("an existing --output file"),
    recursive: bool = c.recursive_option(),
    min_confidence: Optional[float] = c.min_confidence_option(),
) -> None:
    """Extract problems, measures, statuses, metrics and deadlines from notices.

    Example: rectify-nlp extract annotations/notices/dongcheng-2026-xuncha.txt -f json -o out.json
    """
    from ..io.encoding import terminal, utf8_stream
    from ..io.readers import STDIN

    if not files:
        if sys.stdin is None or sys.stdin.isatty():
            c.fail(RectifyError("name notice files, or pipe a notice in (or name - for it)"))
        files = [STDIN]
    paths = c.expand(files, NOTICE_SUFFIXES, recursive)
    if not paths:
        c.fail(RectifyError(f"no notice files found in {', '.join(files)}"))
    out = None if output else c.stdout()
    if format is None:
        format = OutFormat.table if output is None and out.isatty() else OutFormat.json
    planned = c.check_output(output, paths, force, "results") if output else None
    try:
        m = c.load_model(model)
    except RectifyError as exc:
        c.fail(exc)
    started = time.monotonic()
    try:
        if planned:
            with c.atomic_output(planned) as sink:
                done = _extract_to(sink, paths, m, format, min_confidence)
                if done.failed == len(paths):
                    # nothing was read: keep what --output held rather than replace it
                    c.fail(RectifyError(f"no file could be read; {output} is left as it was"), 1)
        else:
            # machine formats are UTF-8 whatever the locale; the table is for the terminal
            out = terminal(out) if format is OutFormat.table else utf8_stream(out)
            done = _extract_to(out, paths, m, format, min_confidence)
            out.flush()
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as Unix tools do
        c.quiet_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:  # standard output on a full disk (> /dev/full)
        c.quiet_stdout()
        c.write_failed("standard output", exc)
    from ..io.summary import review_line

    c.note(
        f"{len(paths) - done.failed} of {len(paths)} files read, {done.records} records, "
        f"{done.failed} skipped, {review_line(done.needing, len(paths) - done.failed)}, "
        f"{time.monotonic() - started:.1f} s",
        fg=typer.colors.YELLOW if done.failed or done.needing else None,
    )
    if done.failed == len(paths):
        raise typer.Exit(1)


@dataclass
class Done:
    failed: int = 0
    records: int = 0
    needing: dict = field(default_factory=dict)  # check -> notices failing it ("": any)


def each_notice(paths: List[Path], m, min_confidence: Optional[float], done: Done):
    """The library's batch loop under a progress bar: unreadable files skipped and counted."""
    from ..io.batch import extract_files

    def skipped(p: Path, why: str) -> None:
        done.failed += 1
        c.skip(p, why)

    with c.progress(len(paths), "extracting") as bar:
        task = bar.add_task("extract", total=len(paths))
        for p, notice in extract_files(
            paths, m, min_confidence, on_skip=skipped, on_file=lambda: bar.advance(task)
        ):
            report_dropped(p, notice)
            yield notice


def report_dropped(path, notice) -> None:
    """Problems cut as a closing section may be a second notice in the file: say so."""
    n = notice.dropped.get("cut_closing_section", {}).get("problem", 0)
    if n:
        typer.secho(
            f"note: {path}: {n} problems after the closing section were not read (a second "
            "notice in the file? see \"dropped\" in the JSON)",
            fg=typer.colors.YELLOW,
            err=True,
        )


def _extract_to(
    sink, paths: List[Path], m, format: OutFormat, min_confidence: Optional[float] = None
) -> Done:
    """Write every notice's result to ``sink``; count what was skipped and read."""
    from ..io.encoding import dumps
    from ..io.rows import CSV_COLUMNS, csv_rows
    from ..io.summary import tally_checks

    done = Done()
    writer = None
    docs = []
    console = None
    if format is OutFormat.table:
        from ..io.summary import PipeConsole, print_notice

        # a file or a pipe gets the width of a wide terminal rather than rich's 80 columns
        width = None if sink.isatty() else 120
        console = PipeConsole(file=sink, soft_wrap=False, width=width)
    for notice in each_notice(paths, m, min_confidence, done):
        done.records += len(notice.records)
        tally_checks(done.needing, notice)
        if format is OutFormat.jsonl:
            sink.write(notice.to_json() + "\n")
            sink.flush()
        elif format is OutFormat.csv:
            if writer is None:
                writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS)
                writer.writeheader()
            writer.writerows(csv_rows(notice))
        elif format is OutFormat.table:
            print_notice(notice, console)
        else:
            docs.append(notice.to_dict())
    if format is OutFormat.json and done.failed < len(paths):
        # one object for one file named, an array whenever several were asked for; when no
        # file could be read nothing at all (not an empty array), as with --output
        body = docs[0] if len(docs) == 1 and len(paths) == 1 else docs
        sink.write(dumps(body, indent=1) + "\n")
    return done
