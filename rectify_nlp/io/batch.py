"""The one batch loop: every file in turn, ids unique in the batch, a file that cannot be read
passed over with its reason (``on_skip``) rather than ending the batch.  ``extract_files``
extracts notice files (``-`` is standard input); ``notices_from`` (the report's) also reads
saved results (``extract -f json|jsonl``) back and extracts guide annotation files' texts, so
one folder may hold any of the three."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .. import errors as E
from ..errors import InputError, RectifyError
from ..schema import Notice
from .discover import OnSkip
from .readers import NOTICE_SUFFIXES, STDIN
from .results import read_json_document

SAVED_SUFFIXES = (".json", ".jsonl")
REPORT_SUFFIXES = NOTICE_SUFFIXES + SAVED_SUFFIXES


def each_file(
    paths: list[Path],
    read: Callable[[Path, str], Iterable[Notice]],
    on_skip: OnSkip | None = None,
    on_file: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, Notice]]:
    """``read(path, batch_id)`` for every file, yielding each notice with its file.  A file
    that cannot be read goes to ``on_skip`` with its reason (raised without it); ``on_file``
    is called after every file (a progress bar)."""
    from ..api import batch_ids

    for p, nid in zip(paths, batch_ids(paths)):
        try:
            found = list(read(p, nid))
        except (RectifyError, OSError) as exc:
            if on_skip is None:
                raise
            on_skip(p, str(exc))
            found = []
        for notice in found:
            yield p, notice
        if on_file is not None:
            on_file()


def extract_files(
    paths: list[Path],
    model=None,
    min_confidence: float | None = None,
    on_skip: OnSkip | None = None,
    on_file: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, Notice]]:
    """Each notice file extracted, in order, with its file (``-`` reads standard input)."""
    from ..api import extract, extract_text
    from ..serialize import default_model
    from .readers import read_stdin

    model = model if model is not None else default_model()

    def read(p: Path, nid: str) -> list[Notice]:
        if str(p) == STDIN:
            text = read_stdin()
            return [extract_text(text, model, "stdin", "<stdin>", min_confidence)]
        return [extract(p, model=model, id=nid, min_confidence=min_confidence)]

    return each_file(list(paths), read, on_skip, on_file)


def _first_object(path: Path):
    """The first JSON object of a JSON document (an object, or an array's first item) or of
    a JSONL file; None when there is none."""
    raw, whole = read_json_document(path)
    if isinstance(whole, list):
        return whole[0] if whole else None
    if isinstance(whole, dict):
        return whole
    for line in raw.split("\n"):
        if line.strip():
            try:
                return json.loads(line)
            except (ValueError, RecursionError):
                return None
    return None


def kind_of(path: str | os.PathLike) -> str:
    """``"results"`` (saved extractions), ``"annotations"`` (guide JSONL) or ``"notice"``."""
    path = Path(path)
    if path.suffix.lower() not in SAVED_SUFFIXES:
        return "notice"
    first = _first_object(path)
    if isinstance(first, dict) and "records" in first:
        return "results"
    if isinstance(first, dict) and "text" in first and "spans" in first:
        return "annotations"
    raise InputError(E.E037.format(path=path))


def notices_from(
    paths: list[Path],
    model=None,
    min_confidence: float | None = None,
    on_skip: OnSkip | None = None,
    on_file: Callable[[], None] | None = None,
) -> Iterator[Notice]:
    """Every notice the files hold, in order: notice files extracted (ids unique in the batch),
    saved results read back, guide annotations' texts extracted under their own ids.  A file
    that cannot be read is passed to ``on_skip`` with its reason (raised without it)."""
    from ..api import extract, extract_text
    from ..serialize import default_model
    from .annotations import read_annotations
    from .results import read_jsonl

    model = model if model is not None else default_model()

    def read(p: Path, nid: str) -> list[Notice]:
        kind = kind_of(p)
        if kind == "results":
            return read_jsonl(p)
        if kind == "annotations":
            return [
                extract_text(a.text, model, a.id, f"{p}#{a.id}", min_confidence)
                for a in read_annotations(p, "guide")
            ]
        return [extract(p, model=model, id=nid, min_confidence=min_confidence)]

    for _, notice in each_file(list(paths), read, on_skip, on_file):
        yield notice
