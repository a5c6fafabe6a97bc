"""The application with every command: ``rectify-nlp`` (pyproject's console script) and
``python -m rectify_nlp.cli`` run it."""

# each module adds its commands, in the order the help lists them
from . import extract, training, pages, annotate  # noqa: F401, I001
from .application import app

__all__ = ["app"]
