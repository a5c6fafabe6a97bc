"""The ``rectify-nlp`` application: its name, its help and ``--version``; the commands add
themselves from their modules (main.py imports them)."""

from __future__ import annotations

import warnings

import typer

from .._version import __version__
from ..errors import InputWarning

HELP = "Structured records from Chinese inspection-rectification notices (巡视/巡察整改通报)."

app = typer.Typer(
    add_completion=False, rich_markup_mode="markdown", no_args_is_help=True, help=HELP
)


_show_warning = warnings.showwarning


def _warn_as_a_note(message, category, filename, lineno, file=None, line=None) -> None:
    """The library's warnings (a file read with bad bytes replaced) as a line on standard error
    like the command's other notes, not as Python's source-line report."""
    if issubclass(category, InputWarning):
        from .common import note

        note(f"warning: {message}", fg=typer.colors.YELLOW)
    else:
        _show_warning(message, category, filename, lineno, file, line)


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
    warnings.showwarning = _warn_as_a_note
