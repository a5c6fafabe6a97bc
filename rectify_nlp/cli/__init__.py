"""The ``rectify-nlp`` command: thin commands that parse arguments, call the library, print.
One module per command or small group; the options they share are declared in common.py."""

# each module adds its commands, in the order the help lists them
from . import extract, training, pages, annotate  # noqa: F401, I001
from .app import app

__all__ = ["app"]
