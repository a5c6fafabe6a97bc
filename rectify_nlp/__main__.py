"""``python -m rectify_nlp``: the command line, as ``rectify-nlp`` (where scripts are not on
PATH, or to pick the interpreter)."""

from .cli.main import app

app(prog_name="rectify-nlp")
