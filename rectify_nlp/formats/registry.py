"""The one registry of annotation formats: built-in ones by module name, others by
``register``; names, lookups with a named error (E013), and which format a record's keys say
it comes from."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .. import errors as E
from ..errors import AnnotationError, ArgumentError
from .base import Format

BUILT_IN = ("guide", "doccano", "label_studio", "prodigy", "spacy_docbin")

_REGISTRY: dict[str, Format] = {}


# What a format must have, read off the protocol itself (formats/base.Format: its attributes,
# then its methods) and checked when a format is registered: one format without
# ``looks_like`` would break the reading of every other (the guide asks each).
MEMBERS = tuple(Format.__annotations__) + tuple(
    n for n, v in vars(Format).items() if callable(v) and not n.startswith("_")
)


def register(fmt: Format) -> Format:
    """Make ``fmt`` known by its ``name`` (replacing one of that name); an object that lacks
    part of the ``Format`` protocol is refused (``ArgumentError``, E038) and nothing changes."""
    missing = [m for m in MEMBERS if not hasattr(fmt, m)]
    if missing or not isinstance(getattr(fmt, "name", None), str) or not fmt.name:
        raise ArgumentError(
            E.E038.format(
                name="format", value=type(fmt).__name__,
                expected="an object with every member of formats.base.Format "
                f"({', '.join(MEMBERS)}) and a non-empty name; it lacks {missing or ['a name']}",
            )
        )
    _REGISTRY[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


for _module in BUILT_IN:
    register(import_module(f"{__package__}.{_module}").FORMAT)


def names(
    *, readable: bool = False, writable: bool = False, predictions: bool = False
) -> list[str]:
    """The names of the formats that can do what is asked, in registration order."""
    return [
        name
        for name, f in _REGISTRY.items()
        if (f.readable or not readable)
        and (f.writable or not writable)
        and (f.predictions or not predictions)
    ]


def get(name: str, path: Any, *, readable: bool = False, writable: bool = False) -> Format:
    """The format called ``name``, or E013 naming the ones that can do what is asked."""
    fmt = _REGISTRY.get(name)
    if fmt is None or (readable and not fmt.readable) or (writable and not fmt.writable):
        known = names(readable=readable, writable=writable)
        raise AnnotationError(E.E013.format(path=path, fmt=name, known=", ".join(known)))
    return fmt


def shape_of(obj: dict[str, Any]) -> tuple[str, str] | None:
    """The format a record's keys say it comes from, and why, when they tell."""
    for name, f in _REGISTRY.items():
        why = f.looks_like(obj)
        if why:
            return name, why
    return None
