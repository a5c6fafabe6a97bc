"""The ``rectify-nlp`` command: thin wrappers that parse arguments, call the library, print."""

from __future__ import annotations

import contextlib
import csv
import glob
import os
import sys
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ._version import __version__
from .errors import RectifyError

app = typer.Typer(
    add_completion=False,
    rich_markup_mode="markdown",
    no_args_is_help=True,
    help="Structured records from Chinese inspection-rectification notices (巡视/巡察整改通报).",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rectify-nlp {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Structured records from Chinese inspection-rectification notices (巡视/巡察整改通报)."""


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class AnnFormat(str, Enum):
    guide = "guide"
    doccano = "doccano"
    label_studio = "label-studio"
    prodigy = "prodigy"


class GroupBy(str, Enum):
    notice = "notice"
    layout = "layout"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(exc: Exception, code: int = 2) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


NOTICE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _skip(path: Path, why: str) -> None:
    typer.secho(f"skipped {path}: {why}", fg=typer.colors.YELLOW, err=True)


def _expand(
    items: List[str], recursive: bool = False, suffixes: tuple = NOTICE_SUFFIXES
) -> List[Path]:
    """Files named, notice files in directories named (below them with ``recursive``), and
    glob patterns, in a stable order.  A glob that matches nothing is an error; every entry
    passed over is reported with its reason."""
    out: List[Path] = []
    for it in items:
        p = Path(it)
        if p.is_dir():
            found = sorted(p.rglob("*") if recursive else p.iterdir())
            for q in found:
                if q.suffix.lower() not in suffixes:
                    continue
                if q.is_file():
                    out.append(q)
                elif q.is_symlink() and not q.exists():
                    _skip(q, "a dangling symbolic link")
                elif q.is_dir():
                    _skip(q, "a directory, not a file")
        elif any(ch in it for ch in "*?["):
            matches = sorted(Path(g) for g in glob.glob(it, recursive=True))
            if not matches:
                _fail(RectifyError(f"{it}: the pattern matches no file"))
            for q in matches:
                if q.is_file():
                    out.append(q)
                else:
                    _skip(q, "not a regular file")
        else:
            out.append(p)
    return out


def _check_output(output: Path, inputs: List[Path], force: bool, kind: str):
    """The one rule for every -o (io/output.py), checked before the work."""
    from .io.output import plan_file

    try:
        return plan_file(output, inputs, force, kind)
    except RectifyError as exc:
        _fail(exc)


@contextlib.contextmanager
def _atomic_output(planned, binary: bool = False):
    """Write beside the target and rename on success: a failed run leaves the old file whole;
    at the rename the output must still be what was checked (E028)."""
    from .io.atomic import replaced, write_error

    try:
        with replaced(planned.path, binary=binary, expect=planned.expect) as sink:
            yield sink
    except RectifyError as exc:
        _fail(exc)
    except OSError as exc:  # a full disk, a folder gone read-only
        _fail(write_error(planned.path, exc))


def _stdout():
    """Standard output, or a named error when the run was started without one (E029)."""
    from .errors import E029, OutputError

    if sys.stdout is None:
        _fail(OutputError(E029.format(detail="closed or missing")))
    return sys.stdout


def _model(path: Optional[Path]):
    from .serialize import default_model, load

    return load(path) if path else default_model()


def _progress(total: int, label: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=total < 2 or not sys.stderr.isatty(),
        console=None,
    )


MIN_CONFIDENCE = typer.Option(
    None,
    "--min-confidence",
    min=0.0,
    max=1.0,
    help="Leave out spans scoring below this (a problem below it takes its record along).",
)


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
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write here instead of standard output (never an input; an existing file only "
        "with --force).",
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output file."),
    recursive: bool = typer.Option(
        False, "--recursive", "-r", help="Read directories' subdirectories too."
    ),
    min_confidence: Optional[float] = MIN_CONFIDENCE,
) -> None:
    """Extract problems, measures, statuses, metrics and deadlines from notices.

    Example: rectify-nlp extract annotations/notices/dongcheng-2026-xuncha.txt -f json -o out.json
    """
    from .io.encoding import terminal, utf8_stream
    from .io.readers import STDIN

    if not files:
        if sys.stdin is None or sys.stdin.isatty():
            _fail(RectifyError("name notice files, or pipe a notice in (or name - for it)"))
        files = [STDIN]
    paths = _expand(files, recursive)
    if not paths:
        _fail(RectifyError(f"no notice files found in {', '.join(files)}"))
    out = None if output else _stdout()
    if format is None:
        format = OutFormat.table if output is None and out.isatty() else OutFormat.json
    planned = _check_output(output, paths, force, "results") if output else None
    try:
        m = _model(model)
    except RectifyError as exc:
        _fail(exc)
    started = time.monotonic()
    try:
        if planned:
            with _atomic_output(planned) as sink:
                done = _extract_to(sink, paths, m, format, min_confidence)
                if done.failed == len(paths):
                    # nothing was read: keep what --output held rather than replace it
                    _fail(RectifyError(f"no file could be read; {output} is left as it was"), 1)
        else:
            # machine formats are UTF-8 whatever the locale; the table is for the terminal
            out = terminal(out) if format is OutFormat.table else utf8_stream(out)
            done = _extract_to(out, paths, m, format, min_confidence)
            out.flush()
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as Unix tools do
        _quiet_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:  # standard output on a full disk (> /dev/full)
        from .io.atomic import write_error

        _quiet_stdout()
        _fail(write_error("standard output", exc))
    from .io.summary import review_line

    typer.secho(
        f"{len(paths) - done.failed} of {len(paths)} files read, {done.records} records, "
        f"{done.failed} skipped, {review_line(done.needing, len(paths) - done.failed)}, "
        f"{time.monotonic() - started:.1f} s",
        fg=typer.colors.YELLOW if done.failed or done.needing else None,
        err=True,
    )
    if done.failed == len(paths):
        raise typer.Exit(1)


def _quiet_stdout() -> None:
    """Nothing more to standard output (Python's flush at exit would fail again)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout = open(os.devnull, "w")


@dataclass
class _Done:
    failed: int = 0
    records: int = 0
    needing: dict = field(default_factory=dict)  # check -> notices failing it ("": any)


def _each_notice(paths: List[Path], m, min_confidence: Optional[float] = None):
    """Each file's notice in order, under a progress bar, with ids unique in the batch; a file
    that cannot be read is reported with its reason and gives None."""
    from .api import batch_ids, extract_text
    from .api import extract as run
    from .io.readers import STDIN, read_stdin

    with _progress(len(paths), "extracting") as bar:
        task = bar.add_task("extract", total=len(paths))
        for p, nid in zip(paths, batch_ids(paths)):
            try:
                if str(p) == STDIN:
                    notice = extract_text(
                        read_stdin(), model=m, id="stdin", source="<stdin>",
                        min_confidence=min_confidence,
                    )
                else:
                    notice = run(p, model=m, id=nid, min_confidence=min_confidence)
            except (RectifyError, OSError) as exc:
                _skip(p, str(exc))
                notice = None
            if notice is not None:
                _report_dropped(p, notice)
            yield notice
            bar.advance(task)


def _report_dropped(path, notice) -> None:
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
) -> _Done:
    """Write every notice's result to ``sink``; count what was skipped and read."""
    from .io.summary import tally_checks

    done = _Done()
    writer = None
    from .io.encoding import dumps
    from .io.results import CSV_COLUMNS, csv_rows

    docs = []
    console = None
    if format is OutFormat.table:
        from .io.summary import PipeConsole, print_notice

        # a file or a pipe gets the width of a wide terminal rather than rich's 80 columns
        width = None if sink.isatty() else 120
        console = PipeConsole(file=sink, soft_wrap=False, width=width)
    for notice in _each_notice(paths, m, min_confidence):
        if notice is None:
            done.failed += 1
            continue
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
    if format is OutFormat.json:
        # one object for one file named, an array whenever several were asked for
        body = docs[0] if len(docs) == 1 and len(paths) == 1 else docs
        sink.write(dumps(body, indent=1) + "\n")
    return done


def _read_corpus(paths: List[str], fmt: AnnFormat):
    from .io.annotations import load_corpus

    notices = load_corpus(paths, fmt.value)
    if not notices:
        raise RectifyError(f"no annotation files found in {', '.join(paths)}")
    return notices


@app.command()
def train(
    annotations: List[str] = typer.Argument(
        ..., help="Annotation files or directories (guide JSONL by default)."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The model directory to write."),
    force: bool = typer.Option(False, "--force", help="Replace an existing model directory."),
    seed: int = typer.Option(
        0, "--seed", help="Fixes the calibration folds; recorded in the model's config."
    ),
    input_format: AnnFormat = typer.Option(
        AnnFormat.guide, "--input-format", help="Format of the annotation files."
    ),
) -> None:
    """Train a model on annotated notices (calibrated on grouped folds of them).

    Example: rectify-nlp train annotations/ -o my_model
    """
    from .io.annotations import annotation_files
    from .io.output import plan_model_dir
    from .serialize import save
    from .training.fit import train as fit

    try:
        inputs = annotation_files(annotations, input_format.value)
        planned = plan_model_dir(output, [*inputs, *map(Path, annotations)], force)
        notices = _read_corpus(annotations, input_format)
        model = fit(notices, seed=seed, progress=lambda msg: typer.echo(msg, err=True))
        save(model, output, force=force, expect=planned.expect)
    except RectifyError as exc:
        _fail(exc)
    except OSError as exc:
        from .io.atomic import write_error

        _fail(write_error(output, exc))
    cv = model.card.get("calibration_folds")
    typer.echo(f"wrote {output} (trained on {len(notices)} notices)")
    if cv:
        typer.echo(
            "calibration-fold overlap F1: "
            + ", ".join(f"{lab} {d['overlap']['f1']:.3f}" for lab, d in cv["labels"].items())
        )


def _print(text: str, machine: bool) -> None:
    """A report to standard output: JSON in UTF-8 whatever the locale, a table in the
    terminal's encoding (what it cannot show replaced)."""
    from .io.encoding import terminal, utf8_stream

    out = _stdout()
    out = utf8_stream(out) if machine else terminal(out)
    try:
        out.write(text + "\n")
        out.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:
        from .io.atomic import write_error

        _quiet_stdout()
        _fail(write_error("standard output", exc))


def _report_out(report, format: ReportFormat, errors) -> None:
    from .io.encoding import dumps

    if format is ReportFormat.json:
        _print(dumps(report.summary() | {"calibration": report.calibration}, indent=1), True)
    else:
        _print(report.to_table(), False)
    if errors:
        _write_errors(errors, report.errors)


def _write_errors(planned, errors: List[dict]) -> None:
    from .io.encoding import dumps

    with _atomic_output(planned) as fh:
        for e in errors:
            fh.write(dumps(e) + "\n")
    typer.echo(f"wrote {len(errors)} errors to {planned.path}", err=True)


@app.command()
def evaluate(
    model_dir: Path = typer.Argument(..., help="The model directory to evaluate."),
    gold: List[str] = typer.Argument(..., help="Gold annotation files or directories."),
    format: ReportFormat = typer.Option(
        ReportFormat.table, "--format", "-f", help="table: to read; json: every figure."
    ),
    errors: Optional[Path] = typer.Option(
        None, "--errors", help="Write every false positive and negative here (JSONL)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing --errors file."),
    input_format: AnnFormat = typer.Option(
        AnnFormat.guide, "--input-format", help="Format of the annotation files."
    ),
) -> None:
    """Score a model on gold notices: spans per label, records, calibration.

    Example: rectify-nlp evaluate my_model annotations/dongcheng-2023-xuncha.jsonl --errors e.jsonl
    """
    from .api import extract_text as run
    from .evaluation.scorer import evaluate_spans
    from .io.annotations import annotation_files
    from .serialize import load

    _stdout()
    planned = None
    if errors:
        inputs = annotation_files(gold, input_format.value)
        planned = _check_output(errors, inputs, force, "errors")
    try:
        model = load(model_dir)
        notices = _read_corpus(gold, input_format)
        preds = {n.id: run(n.text, model=model, id=n.id) for n in notices}
        report = evaluate_spans(preds, {n.id: n for n in notices})
    except RectifyError as exc:
        _fail(exc)
    _report_out(report, format, planned)


@app.command()
def cv(
    annotations: List[str] = typer.Argument(
        ..., help="Annotation files or directories (read recursively)."
    ),
    folds: int = typer.Option(5, "--folds", "-k", min=2, help="Number of grouped folds."),
    format: ReportFormat = typer.Option(
        ReportFormat.table, "--format", "-f", help="table: to read; json: every figure."
    ),
    errors: Optional[Path] = typer.Option(
        None, "--errors", help="Write every false positive and negative here (JSONL)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing --errors file."),
    seed: int = typer.Option(0, "--seed", help="Fixes the folds."),
    input_format: AnnFormat = typer.Option(
        AnnFormat.guide, "--input-format", help="Format of the annotation files."
    ),
    group_by: GroupBy = typer.Option(
        "notice",
        "--group-by",
        help="notice: grouped k-fold by site, per split; layout: each layout family "
        "(meta.layout) held out in turn, its renderings too.",
    ),
) -> None:
    """Grouped cross-validation beside the rules-only baseline, with topic accuracy.

    Example: rectify-nlp cv annotations/ --folds 5   (or --group-by layout)
    """
    from .io.annotations import annotation_files
    from .io.encoding import dumps
    from .training.cross_validation import cross_validate

    _stdout()
    planned = None
    if errors:
        inputs = annotation_files(annotations, input_format.value)
        planned = _check_output(errors, inputs, force, "errors")
    try:
        notices = _read_corpus(annotations, input_format)
        report = cross_validate(
            notices,
            folds=folds,
            seed=seed,
            group_by=group_by.value,
            progress=lambda msg: typer.echo(msg, err=True),
        )
    except RectifyError as exc:
        _fail(exc)
    if format is ReportFormat.json:
        _print(dumps(report.to_dict(), indent=1), True)
    else:
        _print(report.to_table(), False)
    if planned:
        _write_errors(planned, report.errors())


@app.command("pre-annotate")
def pre_annotate(
    files: List[str] = typer.Argument(..., help="Raw notice files, directories or globs."),
    output: Path = typer.Option(..., "--output", "-o", help="The annotation file to write."),
    format: AnnFormat = typer.Option(
        AnnFormat.guide, "--format", "-f", help="The annotation tool's import format."
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Predictions in annotation tools' import formats, to correct rather than label anew.

    Label Studio gets them as predictions (a score per region, the model version), Prodigy as
    spans tasks with one token per character, doccano as entities with relations to problems.

    Example: rectify-nlp pre-annotate my_notices/ -o tasks.json -f label-studio
    """
    from .api import batch_ids
    from .api import extract as run
    from .io.annotations import write_annotations
    from .schema import AnnotatedNotice

    paths = _expand(files)
    planned = _check_output(output, paths, force, "annotations")
    try:
        m = _model(model)
        notices = []
        for p, nid in zip(paths, batch_ids(paths)):
            n = run(p, model=m, id=nid)
            notices.append(
                AnnotatedNotice(
                    n.id,
                    n.text,
                    n.spans,
                    {
                        "source": str(p),
                        "annotator": "rectify-nlp pre-annotation",
                        "reviewed": False,
                    },
                )
            )
        write_annotations(
            notices, output, format.value, predictions=True, expect=planned.expect
        )
    except RectifyError as exc:
        _fail(exc)
    except OSError as exc:
        from .io.atomic import write_error

        _fail(write_error(output, exc))
    typer.echo(f"wrote {len(notices)} pre-annotated notices to {output} ({format.value})")


FRAMES = ("notices", "records", "measures", "metrics", "deadlines")


class TableFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"


@app.command()
def tables(
    files: List[str] = typer.Argument(..., help="Notice files, directories or globs."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Directory for the five tables (notices, records, measures, …)."
    ),
    format: TableFormat = typer.Option(
        TableFormat.csv, "--format", "-f", help="csv, or parquet (needs pyarrow)."
    ),
    recursive: bool = typer.Option(
        False, "--recursive", "-r", help="Read directories' subdirectories too."
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    ),
    force: bool = typer.Option(False, "--force", help="Replace tables already in the directory."),
) -> None:
    """Tidy tables (one row per notice, record, measure, metric quantity, deadline) as CSV or
    Parquet.

    Example: rectify-nlp tables annotations/notices/ -o tables/ -f csv
    """
    from .io.frames import to_frames
    from .io.output import plan_tables

    paths = _expand(files, recursive)
    try:
        targets = plan_tables(output, [f"{n}.{format.value}" for n in FRAMES], paths, force)
        m = _model(model)
    except RectifyError as exc:
        _fail(exc)
    notices = [n for n in _each_notice(paths, m) if n is not None]
    if not notices:
        _fail(RectifyError(f"no file could be read; {output} is left as it was"), 1)
    frames = to_frames(notices)
    output.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        target = targets[f"{name}.{format.value}"]
        if format is TableFormat.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                _fail(RectifyError("writing Parquet needs pyarrow: `pip install pyarrow`"))
            with _atomic_output(target, binary=True) as fh:
                df.to_parquet(fh, index=False)
        else:
            with _atomic_output(target) as fh:
                df.to_csv(fh, index=False)
        typer.echo(f"wrote {target.path} ({len(df)} rows)")


class ViewStyle(str, Enum):
    records = "records"
    displacy = "displacy"


@app.command()
def show(
    file: Path = typer.Argument(..., help="A notice file."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML page to write."),
    style: ViewStyle = typer.Option(
        ViewStyle.records,
        "--style",
        help="records: spans beside the records table; displacy: displaCy's span view "
        "(needs the spacy extra).",
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing page."),
) -> None:
    """An HTML page with the notice's labelled spans highlighted beside its records.

    Example: rectify-nlp show annotations/notices/muye-2025-xunshi.txt -o view.html
    """
    from .api import extract as run
    from .io.output import mark_page
    from .io.view import to_html

    planned = _check_output(output, [file], force, "page")
    try:
        notice = run(file, model=_model(model))
        page = to_html(notice) if style is ViewStyle.records else notice.render(page=True)
    except RectifyError as exc:
        _fail(exc)
    with _atomic_output(planned) as fh:
        fh.write(mark_page(page))
    typer.echo(f"wrote {output} ({len(notice.records)} records, {len(notice.spans)} spans)")


@app.command()
def report(
    files: List[str] = typer.Argument(
        ...,
        help="Notice files, saved results (extract -f json|jsonl), guide annotation files "
        "(.jsonl: their texts are extracted), directories of any of these, or globs.",
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML page to write."),
    force: bool = typer.Option(False, "--force", help="Replace an existing page."),
    recursive: bool = typer.Option(
        False, "--recursive", "-r", help="Read directories' subdirectories too."
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    ),
    min_confidence: Optional[float] = MIN_CONFIDENCE,
) -> None:
    """One self-contained page comparing a batch: problems per area and topic, completion
    stated beside extracted, deadlines, measures per problem, the notices that need a look,
    every record linked to its notice's view.  Needs the report extra (plotly).

    Example: rectify-nlp report annotations/notices/ annotations/real/ -o report.html
    """
    from .io.batch import SAVED_SUFFIXES, notices_from
    from .io.output import mark_page
    from .io.report import report as build
    from .io.report import require_plotly
    from .io.summary import review_line, tally_checks

    paths = _expand(files, recursive, NOTICE_SUFFIXES + SAVED_SUFFIXES)
    if not paths:
        _fail(RectifyError(f"no notice or result files found in {', '.join(files)}"))
    planned = _check_output(output, paths, force, "page")
    try:
        require_plotly()  # missing: say so before extracting anything
        m = _model(model)
        skipped: List[Path] = []
        with _progress(len(paths), "reading") as bar:
            task = bar.add_task("read", total=len(paths))
            notices = list(notices_from(
                paths, m, min_confidence,
                on_skip=lambda p, why: (skipped.append(p), _skip(p, why)),
                on_file=lambda: bar.advance(task),
            ))
        if not notices:
            _fail(RectifyError(f"no notice could be read; {output} is left as it was"), 1)
        page = build(notices)
    except RectifyError as exc:
        _fail(exc)
    with _atomic_output(planned) as fh:
        fh.write(mark_page(page))
    needing: dict = {}
    for n in notices:
        tally_checks(needing, n)
    typer.echo(
        f"wrote {output}: {len(notices)} notices from {len(paths) - len(skipped)} of "
        f"{len(paths)} files, {sum(len(n.records) for n in notices)} records, "
        f"{review_line(needing, len(notices))}",
        err=True,
    )


class ConvertFormat(str, Enum):
    guide = "guide"
    doccano = "doccano"
    label_studio = "label-studio"
    prodigy = "prodigy"
    spacy = "spacy"


@app.command()
def convert(
    annotations: List[str] = typer.Argument(..., help="Annotation files or directories."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    to: ConvertFormat = typer.Option(
        ...,
        "--to",
        help="guide, doccano, label-studio, prodigy, or spacy (a DocBin with the gold spans "
        "in doc.spans['sc'], for spacy train; needs the spacy extra).",
    ),
    input_format: AnnFormat = typer.Option(
        AnnFormat.guide, "--input-format", help="Format of the annotation files."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Convert gold annotations to another tool's format, or to a spaCy DocBin.

    Example: rectify-nlp convert annotations/ -o train.spacy --to spacy
    """
    from .io.annotations import annotation_files, write_annotations

    kind = "docbin" if to is ConvertFormat.spacy else "annotations"
    planned = _check_output(
        output, annotation_files(annotations, input_format.value), force, kind
    )
    try:
        notices = _read_corpus(annotations, input_format)
        if to is ConvertFormat.spacy:
            from .integrations.spacy_doc import gold_docbin
            from .io.atomic import replaced

            data = gold_docbin(notices).to_bytes()
            with replaced(output, binary=True, expect=planned.expect) as fh:
                fh.write(data)
        else:
            write_annotations(notices, output, to.value, expect=planned.expect)
    except RectifyError as exc:
        _fail(exc)
    except OSError as exc:
        from .io.atomic import write_error

        _fail(write_error(output, exc))
    spans = sum(len(n.spans) for n in notices)
    typer.echo(f"wrote {output} ({len(notices)} notices, {spans} spans, {to.value})")


@app.command()
def validate(
    files: List[str] = typer.Argument(..., help="Annotation files or directories to check."),
    input_format: AnnFormat = typer.Option(
        AnnFormat.guide, "--input-format", help="Format of the annotation files."
    ),
    predictions: bool = typer.Option(
        False, "--predictions", help="Read Label Studio predictions too (pre-annotations)."
    ),
    limit: int = typer.Option(
        100, "--limit", min=1, help="Report at most this many errors a file."
    ),
) -> None:
    """Check annotation files against the guide: every error (up to --limit a file), each naming
    the file, the line and the span.  Exit code 1 when any file has an error.

    Example: rectify-nlp validate annotations/
    """
    from .errors import E012
    from .io.annotations import annotation_files, read_annotations

    total = bad_files = 0
    paths = annotation_files(files, input_format.value)
    seen: dict = {}  # notice id -> the file that had it first: ids are unique across files
    for p in paths:
        errors: List[str] = []
        try:
            notices = read_annotations(
                p, input_format.value, predictions=predictions, errors=errors, limit=limit
            )
        except RectifyError as exc:
            notices, errors = [], [str(exc)]
        for n in notices:
            if seen.get(n.id, p) != p:
                errors.append(E012.format(id=n.id, where=p, first=seen[n.id]))
            seen.setdefault(n.id, p)
        counts: dict = {}
        for n in notices:
            for s in n.spans:
                counts[s.label] = counts.get(s.label, 0) + 1
        total += len(notices)
        if errors:
            bad_files += 1
            for e in errors:
                typer.secho(f"error: {e}", fg=typer.colors.RED, err=True)
            more = " (the limit; there may be more)" if len(errors) >= limit else ""
            typer.echo(
                f"{p}: {_count(len(errors), 'error')}{more}; "
                f"{_count(len(notices), 'notice')} read"
            )
        else:
            typer.echo(
                f"{p}: {_count(len(notices), 'notice')} ok; "
                + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )
    if not paths:
        _fail(RectifyError("no annotation files found"))
    if bad_files:
        raise typer.Exit(1)


@app.command("labeling-config")
def labeling_config() -> None:
    """Print Label Studio's labeling config (XML) for the five labels.

    Example: rectify-nlp labeling-config > config.xml
    """
    from .io.label_studio import labeling_config as config

    _stdout()
    typer.echo(config(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    app()
