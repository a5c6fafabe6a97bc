"""What every command shares: the option declarations (``--force``, ``--output``, ``--model``,
``--input-format``, … declared once here), failing with a named error, skipping a file with
its reason, standard output, the model, the progress bar and the output rule."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer

from ..errors import RectifyError
from ..formats import registry as formats


def fail(exc: Exception, code: int = 2) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def skip(path: Path, why: str) -> None:
    typer.secho(f"skipped {path}: {why}", fg=typer.colors.YELLOW, err=True)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# --- options, each declared once -----------------------------------------------------------


def force_option(what: str):
    return typer.Option(False, "--force", help=f"Replace {what}.")


def output_option(what: str, required: bool = True):
    return typer.Option(... if required else None, "--output", "-o", help=what)


def model_option():
    return typer.Option(
        None, "--model", "-m", help="A model directory; the shipped model by default."
    )


def recursive_option():
    return typer.Option(False, "--recursive", "-r", help="Read directories' subdirectories too.")


def min_confidence_option():
    return typer.Option(
        None,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Leave out spans scoring below this (a problem below it takes its record along).",
    )


def _choice(**want: bool) -> Callable[[str], str]:
    """A format name checked against the registry when the command runs (a format registered
    after import is a choice too)."""

    def parse(value: str) -> str:
        known = formats.names(**want)
        if value not in known:
            raise typer.BadParameter(
                f"{value!r} is not one of {', '.join(map(repr, known))}."
            )
        return value

    return parse


def _listed(names: List[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def input_format_option():
    return typer.Option(
        "guide",
        "--input-format",
        parser=_choice(readable=True),
        metavar="FORMAT",
        help=f"Format of the annotation files: {_listed(formats.names(readable=True))}.",
    )


def annotation_format_option(flag: str, help: str, default=..., **want: bool):
    """``--format``/``--to``: an annotation format to write, from the registry."""
    decls = (flag, "-f") if flag == "--format" else (flag,)
    return typer.Option(
        default,
        *decls,
        parser=_choice(writable=True, **want),
        metavar="FORMAT",
        help=f"{help}: {_listed(formats.names(writable=True, **want))}.",
    )


# --- running ---------------------------------------------------------------------------------


def expand(items: List[str], suffixes: tuple, recursive: bool = False) -> List[Path]:
    """The files a batch means (io/discover.py), what is passed over reported."""
    from ..io.discover import find_files

    try:
        return find_files(items, suffixes, recursive, on_skip=skip)
    except RectifyError as exc:
        fail(exc)


def check_output(output: Path, inputs: List[Path], force: bool, kind: str):
    """The one rule for every -o (io/output.py), checked before the work."""
    from ..io.output import plan_file

    try:
        return plan_file(output, inputs, force, kind)
    except RectifyError as exc:
        fail(exc)


@contextlib.contextmanager
def atomic_output(planned, binary: bool = False):
    """io/output.written, its errors said as the command's."""
    from ..io.output import written

    try:
        with written(planned, binary=binary) as sink:
            yield sink
    except RectifyError as exc:
        fail(exc)


def write_failed(path, exc: OSError) -> None:
    from ..io.atomic import write_error

    fail(write_error(path, exc))


def stdout():
    """Standard output, or a named error when the run was started without one (E029)."""
    from ..errors import E029, OutputError

    if sys.stdout is None:
        fail(OutputError(E029.format(detail="closed or missing")))
    return sys.stdout


def note(message: str, **style) -> None:
    """A line for the person at the terminal, on standard error; a reader that went away
    (`2>&1 | head`) ends it quietly, as it ends standard output."""
    try:
        typer.secho(message, err=True, **style)
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr = open(os.devnull, "w")
        raise typer.Exit(0) from None


def quiet_stdout() -> None:
    """Nothing more to standard output (Python's flush at exit would fail again)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout = open(os.devnull, "w")


def print_out(text: str, machine: bool) -> None:
    """A report to standard output: JSON in UTF-8 whatever the locale, a table in the
    terminal's encoding (what it cannot show replaced)."""
    from ..io.encoding import terminal, utf8_stream

    out = stdout()
    out = utf8_stream(out) if machine else terminal(out)
    try:
        out.write(text + "\n")
        out.flush()
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:
        quiet_stdout()
        write_failed("standard output", exc)


def load_model(path: Optional[Path]):
    from ..serialize import default_model, load

    return load(path) if path else default_model()


def progress(total: int, label: str):
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


def read_corpus(paths: List[str], fmt: str):
    from ..io.annotations import load_corpus

    notices = load_corpus(paths, fmt)
    if not notices:
        raise RectifyError(f"no annotation files found in {', '.join(paths)}")
    return notices
