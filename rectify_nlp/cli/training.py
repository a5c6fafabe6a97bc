"""``rectify-nlp train``, ``evaluate`` and ``cv``: models from annotations, and their scores."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import RectifyError
from . import common as c
from .application import app


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


class GroupBy(str, Enum):
    notice = "notice"
    layout = "layout"


def _report_format():
    return typer.Option(
        ReportFormat.table, "--format", "-f", help="table: to read; json: every figure."
    )


def _errors_option():
    return typer.Option(
        None, "--errors", help="Write every false positive and negative here (JSONL)."
    )


@app.command()
def train(
    annotations: List[str] = typer.Argument(
        ..., help="Annotation files or directories (guide JSONL by default)."
    ),
    output: Path = c.output_option("The model directory to write."),
    force: bool = c.force_option("an existing model directory"),
    seed: int = typer.Option(
        0, "--seed", help="Fixes the calibration folds; recorded in the model's config."
    ),
    input_format: str = c.input_format_option(),
) -> None:
    """Train a model on annotated notices (calibrated on grouped folds of them).

    Example: rectify-nlp train annotations/ -o my_model
    """
    from ..io.annotations import annotation_files
    from ..io.output import plan_model_dir
    from ..serialize import save
    from ..training.fit import train as fit

    try:
        inputs = annotation_files(annotations, input_format)
        planned = plan_model_dir(output, [*inputs, *map(Path, annotations)], force)
        notices = c.read_corpus(annotations, input_format)
        model = fit(notices, seed=seed, progress=lambda msg: typer.echo(msg, err=True))
        save(model, output, force=force, expect=planned.expect)
    except RectifyError as exc:
        c.fail(exc)
    except OSError as exc:
        c.write_failed(output, exc)
    cv = model.card.get("calibration_folds")
    typer.echo(f"wrote {output} (trained on {len(notices)} notices)")
    if cv:
        typer.echo(
            "calibration-fold overlap F1: "
            + ", ".join(f"{lab} {d['overlap']['f1']:.3f}" for lab, d in cv["labels"].items())
        )


def _errors_planned(errors: Optional[Path], annotations: List[str], fmt: str, force: bool):
    """The --errors file checked by the output rule before the work (None without one)."""
    from ..io.annotations import annotation_files

    if not errors:
        return None
    try:
        inputs = annotation_files(annotations, fmt)
    except RectifyError as exc:
        c.fail(exc)
    return c.check_output(errors, inputs, force, "errors")


def _write_errors(planned, errors: List[dict]) -> None:
    from ..io.encoding import dumps

    with c.atomic_output(planned) as fh:
        for e in errors:
            fh.write(dumps(e) + "\n")
    c.note(f"wrote {len(errors)} errors to {planned.path}")


@app.command()
def evaluate(
    model_dir: Path = typer.Argument(..., help="The model directory to evaluate."),
    gold: List[str] = typer.Argument(..., help="Gold annotation files or directories."),
    format: ReportFormat = _report_format(),
    errors: Optional[Path] = _errors_option(),
    force: bool = c.force_option("an existing --errors file"),
    input_format: str = c.input_format_option(),
) -> None:
    """Score a model on gold notices: spans per label, records, calibration, topics.

    Example: rectify-nlp evaluate my_model annotations/dongcheng-2023-xuncha.jsonl --errors e.jsonl
    """
    from ..api import extract_text as run
    from ..evaluation.scorer import evaluate_spans
    from ..evaluation.topics import topic_report
    from ..io.encoding import dumps
    from ..serialize import load

    c.stdout()
    planned = _errors_planned(errors, gold, input_format, force)
    try:
        model = load(model_dir)
        notices = c.read_corpus(gold, input_format)
        preds = {n.id: run(n.text, model=model, id=n.id) for n in notices}
        report = evaluate_spans(preds, {n.id: n for n in notices})
        topics = topic_report(notices, preds, {n.id: model.topics for n in notices})
    except RectifyError as exc:
        c.fail(exc)
    # the topic figures with the model's classifier on the gold problems too, not only end to end
    report = replace(report, topics=topics)
    if format is ReportFormat.json:
        summary = report.summary() | {"calibration": report.calibration}
        c.print_out(dumps(summary, indent=1), True)
    else:
        c.print_out(report.to_table(), False)
    if planned:
        _write_errors(planned, report.errors)


@app.command()
def cv(
    annotations: List[str] = typer.Argument(
        ..., help="Annotation files or directories (read recursively)."
    ),
    folds: Optional[int] = typer.Option(
        None,
        "--folds",
        "-k",
        min=2,
        help="Number of grouped folds (default 5; --group-by layout has one per family).",
    ),
    format: ReportFormat = _report_format(),
    errors: Optional[Path] = _errors_option(),
    force: bool = c.force_option("an existing --errors file"),
    seed: int = typer.Option(0, "--seed", help="Fixes the folds."),
    input_format: str = c.input_format_option(),
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
    from ..io.encoding import dumps
    from ..training.cross_validation import cross_validate

    if folds is not None and group_by is GroupBy.layout:
        # one family per fold: a fold count would be silently ignored
        raise typer.BadParameter(
            "--group-by layout holds out each layout family in turn; leave out --folds.",
            param_hint="'--folds'",
        )
    c.stdout()
    planned = _errors_planned(errors, annotations, input_format, force)
    try:
        notices = c.read_corpus(annotations, input_format)
        report = cross_validate(
            notices,
            # the fold count's default is cross_validate's own
            **({} if folds is None else {"folds": folds}),
            seed=seed,
            group_by=group_by.value,
            progress=lambda msg: typer.echo(msg, err=True),
        )
    except RectifyError as exc:
        c.fail(exc)
    if format is ReportFormat.json:
        c.print_out(dumps(report.to_dict(), indent=1), True)
    else:
        c.print_out(report.to_table(), False)
    if planned:
        _write_errors(planned, report.errors())
