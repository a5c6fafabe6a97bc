"""``rectify-nlp pre-annotate``, ``convert``, ``validate`` and ``labeling-config``: annotation
files for and from the annotation tools (rectify_nlp/formats)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import E041_NO_SPAN, RectifyError
from ..io.readers import NOTICE_SUFFIXES
from . import common as c
from .application import app


@app.command("pre-annotate")
def pre_annotate(
    files: List[str] = typer.Argument(..., help="Raw notice files, directories or globs."),
    output: Path = c.output_option("The annotation file to write."),
    format: str = c.annotation_format_option(
        "--format", "The annotation tool's import format", "guide", predictions=True
    ),
    model: Optional[Path] = c.model_option(),
    force: bool = c.force_option("an existing output file"),
) -> None:
    """Predictions in annotation tools' import formats, to correct rather than label anew.

    Label Studio gets them as predictions (a score per region, the model version), Prodigy as
    spans tasks with one token per character, doccano as entities with relations to problems.
    A file that cannot be read is skipped with its reason, as extract and tables skip it.

    Example: rectify-nlp pre-annotate my_notices/ -o tasks.json -f label-studio
    """
    from ..formats import registry as formats
    from ..io.annotations import write_annotations
    from ..io.batch import extract_files
    from ..schema import AnnotatedNotice

    paths = c.expand(files, NOTICE_SUFFIXES)
    planned = c.check_output(output, paths, force, formats.get(format, output).kind)
    try:
        m = c.load_model(model)
        notices = [
            AnnotatedNotice(
                n.id,
                n.text,
                n.spans,
                {"source": str(p), "annotator": "rectify-nlp pre-annotation", "reviewed": False},
            )
            for p, n in extract_files(paths, m, on_skip=c.skip)
        ]
        if not notices:
            c.fail(RectifyError(f"no file could be read; {output} is left as it was"), 1)
        write_annotations(notices, output, format, predictions=True, expect=planned.expect)
    except RectifyError as exc:
        c.fail(exc)
    except OSError as exc:
        c.write_failed(output, exc)
    typer.echo(f"wrote {len(notices)} pre-annotated notices to {output} ({format})")


@app.command()
def convert(
    annotations: List[str] = typer.Argument(..., help="Annotation files or directories."),
    output: Path = c.output_option("The file to write."),
    to: str = c.annotation_format_option(
        "--to",
        "The format to write (spacy: a DocBin with the gold spans in doc.spans['sc'], for "
        "spacy train; needs the spacy extra)",
    ),
    input_format: str = c.input_format_option(),
    force: bool = c.force_option("an existing output file"),
) -> None:
    """Convert gold annotations to another tool's format, or to a spaCy DocBin.

    Example: rectify-nlp convert annotations/ -o train.spacy --to spacy
    """
    from ..formats import registry as formats
    from ..io.annotations import annotation_files, write_annotations

    kind = formats.get(to, output).kind
    try:
        inputs = annotation_files(annotations, input_format)
    except RectifyError as exc:
        c.fail(exc)
    planned = c.check_output(output, inputs, force, kind)
    try:
        notices = c.read_corpus(annotations, input_format)
        write_annotations(notices, output, to, expect=planned.expect)
    except RectifyError as exc:
        c.fail(exc)
    except OSError as exc:
        c.write_failed(output, exc)
    spans = sum(len(n.spans) for n in notices)
    typer.echo(f"wrote {output} ({len(notices)} notices, {spans} spans, {to})")


@app.command()
def validate(
    files: List[str] = typer.Argument(..., help="Annotation files or directories to check."),
    input_format: str = c.input_format_option(),
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
    from ..io.annotations import annotation_files, check_files

    try:
        paths = annotation_files(files, input_format)
    except RectifyError as exc:
        c.fail(exc)
    bad_files = spans = 0
    for found in check_files(paths, input_format, predictions=predictions, limit=limit):
        counts: dict = {}
        for n in found.notices:
            for s in n.spans:
                counts[s.label] = counts.get(s.label, 0) + 1
            spans += len(n.spans)
        read = c.count(len(found.notices), "notice")
        if found.errors:
            bad_files += 1
            for e in found.errors:
                typer.secho(f"error: {e}", fg=typer.colors.RED, err=True)
            more = " (the limit; there may be more)" if len(found.errors) >= limit else ""
            typer.echo(f"{found.path}: {c.count(len(found.errors), 'error')}{more}; {read} read")
        else:
            typer.echo(
                f"{found.path}: {read} ok; "
                + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )
    if not paths:
        c.fail(RectifyError("no annotation files found"))
    if bad_files:
        raise typer.Exit(1)
    if not spans:  # train refuses such a corpus: say so here, before a training run
        c.fail(RectifyError(E041_NO_SPAN), 1)


@app.command("labeling-config")
def labeling_config() -> None:
    """Print Label Studio's labeling config (XML) for the five labels.

    Example: rectify-nlp labeling-config > config.xml
    """
    from ..formats.label_studio import labeling_config as config

    c.stdout()
    typer.echo(config(), nl=False)
