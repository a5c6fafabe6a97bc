"""``rectify-nlp tables``, ``show`` and ``report``: a batch as tidy tables, one notice as a
page to check by eye, a batch as one page."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import RectifyError
from ..io.readers import NOTICE_SUFFIXES
from . import common as c
from .application import app
from .extract import Done, each_notice

FRAMES = ("notices", "records", "measures", "metrics", "deadlines")


class TableFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"


class ViewStyle(str, Enum):
    records = "records"
    displacy = "displacy"


@app.command()
def tables(
    files: List[str] = typer.Argument(..., help="Notice files, directories or globs."),
    output: Path = c.output_option(
        "Directory for the five tables (notices, records, measures, …)."
    ),
    format: TableFormat = typer.Option(
        TableFormat.csv, "--format", "-f", help="csv, or parquet (needs pyarrow)."
    ),
    recursive: bool = c.recursive_option(),
    model: Optional[Path] = c.model_option(),
    force: bool = c.force_option("tables already in the directory"),
) -> None:
    """Tidy tables (one row per notice, record, measure, metric quantity, deadline) as CSV or
    Parquet.

    Example: rectify-nlp tables annotations/notices/ -o tables/ -f csv
    """
    from ..io.frames import to_frames
    from ..io.output import plan_tables

    paths = c.expand(files, NOTICE_SUFFIXES, recursive)
    try:
        targets = plan_tables(output, [f"{n}.{format.value}" for n in FRAMES], paths, force)
        m = c.load_model(model)
    except RectifyError as exc:
        c.fail(exc)
    notices = list(each_notice(paths, m, None, Done()))
    if not notices:
        c.fail(RectifyError(f"no file could be read; {output} is left as it was"), 1)
    frames = to_frames(notices)
    output.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        target = targets[f"{name}.{format.value}"]
        if format is TableFormat.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                c.fail(RectifyError("writing Parquet needs pyarrow: `pip install pyarrow`"))
            with c.atomic_output(target, binary=True) as fh:
                df.to_parquet(fh, index=False)
        else:
            with c.atomic_output(target) as fh:
                df.to_csv(fh, index=False)
        typer.echo(f"wrote {target.path} ({len(df)} rows)")


@app.command()
def show(
    file: Path = typer.Argument(..., help="A notice file."),
    output: Path = c.output_option("The HTML page to write."),
    style: ViewStyle = typer.Option(
        ViewStyle.records,
        "--style",
        help="records: spans beside the records table; displacy: displaCy's span view "
        "(needs the spacy extra).",
    ),
    model: Optional[Path] = c.model_option(),
    force: bool = c.force_option("an existing page"),
) -> None:
    """An HTML page with the notice's labelled spans highlighted beside its records.

    Example: rectify-nlp show annotations/notices/muye-2025-xunshi.txt -o view.html
    """
    from ..api import extract as run
    from ..io.output import mark_page
    from ..io.view import to_html

    planned = c.check_output(output, [file], force, "page")
    try:
        notice = run(file, model=c.load_model(model))
        page = to_html(notice) if style is ViewStyle.records else notice.render(page=True)
    except RectifyError as exc:
        c.fail(exc)
    with c.atomic_output(planned) as fh:
        fh.write(mark_page(page))
    typer.echo(f"wrote {output} ({len(notice.records)} records, {len(notice.spans)} spans)")


@app.command()
def report(
    files: List[str] = typer.Argument(
        ...,
        help="Notice files, saved results (extract -f json|jsonl), guide annotation files "
        "(.jsonl: their texts are extracted), directories of any of these, or globs.",
    ),
    output: Path = c.output_option("The HTML page to write."),
    force: bool = c.force_option("an existing page"),
    recursive: bool = c.recursive_option(),
    model: Optional[Path] = c.model_option(),
    min_confidence: Optional[float] = c.min_confidence_option(),
) -> None:
    """One self-contained page comparing a batch: problems per area and topic, completion
    stated beside extracted, deadlines, measures per problem, the notices that need a look,
    every record linked to its notice's view.  Needs the report extra (plotly).

    Example: rectify-nlp report annotations/notices/ annotations/real/ -o report.html
    """
    from ..io.batch import REPORT_SUFFIXES, notices_from
    from ..io.output import mark_page
    from ..io.report import report as build
    from ..io.report import require_plotly
    from ..io.summary import review_line, tally_checks

    paths = c.expand(files, REPORT_SUFFIXES, recursive)
    if not paths:
        c.fail(RectifyError(f"no notice or result files found in {', '.join(files)}"))
    planned = c.check_output(output, paths, force, "page")
    try:
        require_plotly()  # missing: say so before extracting anything
        m = c.load_model(model)
        skipped: List[Path] = []
        with c.progress(len(paths), "reading") as bar:
            task = bar.add_task("read", total=len(paths))
            notices = list(notices_from(
                paths, m, min_confidence,
                on_skip=lambda p, why: (skipped.append(p), c.skip(p, why)),
                on_file=lambda: bar.advance(task),
            ))
        if not notices:
            c.fail(RectifyError(f"no notice could be read; {output} is left as it was"), 1)
        page = build(notices)
    except RectifyError as exc:
        c.fail(exc)
    with c.atomic_output(planned) as fh:
        fh.write(mark_page(page))
    needing: dict = {}
    for n in notices:
        tally_checks(needing, n)
    c.note(
        f"wrote {output}: {len(notices)} notices from {len(paths) - len(skipped)} of "
        f"{len(paths)} files, {sum(len(n.records) for n in notices)} records, "
        f"{review_line(needing, len(notices))}"
    )
