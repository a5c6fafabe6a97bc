"""The public API's arguments checked at the door, before any work: a value of a type or range
an entry point does not take is ``ArgumentError`` (E038) naming the argument and what to pass,
never a traceback from deep inside.  Each rule is written once here, for every function that
takes the argument."""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Mapping
from typing import Any

from . import errors as E
from .errors import ArgumentError

# what to_frames and report take, and why a list of extract_many's results may not do
NOTICES = (
    "a Notice or a list of Notices (extract_many(on_error='return') yields exceptions for the "
    "items it could not read: keep only the Notice objects)"
)


def refuse(name: str, value: Any, expected: str) -> ArgumentError:
    """E038 for ``name``; a value that would print long or badly is named by its type."""
    short = isinstance(value, (int, float, type(None))) or (
        isinstance(value, str) and len(value) < 80
    )
    shown = value if short else type(value).__name__
    return ArgumentError(E.E038.format(name=name, value=shown, expected=expected))


def min_confidence(value: Any) -> float | None:
    """``min_confidence``: None (no floor) or a real number in [0, 1], the rule of the command
    line's ``--min-confidence``; a bool is refused (True would silently keep nothing), NaN and
    infinities are out of range."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1:
        raise refuse("min_confidence", value, "a number in [0, 1], or None for no floor")
    return float(value)


def many(value: Any, mappings: bool = False) -> bool:
    """Whether ``value`` can be a collection of items here: an iterable, but not a str, bytes
    or a path (iterable as they are, a character or a byte at a time), nor a mapping unless
    ``mappings`` (its keys would be taken for the items)."""
    if isinstance(value, (str, bytes, bytearray, os.PathLike)):
        return False
    return isinstance(value, Iterable) and (mappings or not isinstance(value, Mapping))


def listed(value: Any, name: str, kind: type | tuple[type, ...], expected: str) -> list:
    """An iterable of ``kind`` as a list (one ``kind`` alone is a list of it), by ``many``'s
    rule."""
    if isinstance(value, kind):
        return [value]
    if not many(value):
        raise refuse(name, value, expected)
    items = list(value)
    for k, item in enumerate(items):
        if not isinstance(item, kind):
            raise refuse(f"{name}[{k}]", item, expected)
    return items


def paths(value: Any, name: str = "paths") -> list:
    """Paths to read: an iterable of ``str``/``os.PathLike``, or one of them alone."""
    expected = "a path (str or os.PathLike) or a list of paths"
    if isinstance(value, (str, os.PathLike)):
        return [value]
    return listed(value, name, (str, os.PathLike), expected)


def path(value: Any, name: str = "path") -> Any:
    if not isinstance(value, (str, os.PathLike)):
        raise refuse(name, value, "a path (str or os.PathLike)")
    return value


def progress(value: Any) -> None:
    if value is not None and not callable(value):
        raise refuse("progress", value, "a function taking a line of text (e.g. print), or None")


def config(value: Any):
    """``config=``: None (the defaults), a ``Config``, or a dict of settings read as
    ``Config.from_dict`` reads a model's (each setting checked, an unknown one named)."""
    from .config import Config

    if value is None or isinstance(value, Config):
        return value
    if isinstance(value, dict):
        return Config.from_dict(value)
    raise refuse("config", value, "a Config, a dict of its settings, or None for the defaults")
