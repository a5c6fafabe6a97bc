"""The ``rectify-nlp`` application: its name, its help and ``--version``; the commands add
themselves from their modules (main.py imports them)."""

from __future__ import annotations

import typer

from .._version import __version__

HELP = "Structured records from Chinese inspection-rectification notices (巡视/巡察整改通报)."

app = typer.Typer(
    add_completion=False, rich_markup_mode="markdown", no_args_is_help=True, help=HELP
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
