"""A batch for the report: notice files are extracted, saved results (``extract -f
json|jsonl``) read back, and guide annotation files (JSONL of ``text`` and gold ``spans``) have
their texts extracted, so one folder may hold any of the three."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterator

from .. import errors as E
from ..errors import InputError, RectifyError
from ..schema import Notice
from .results import read_json_document

SAVED_SUFFIXES = (".json", ".jsonl")


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
    on_skip: Callable[[Path, str], None] | None = None,
    on_file: Callable[[], None] | None = None,
) -> Iterator[Notice]:
    """Every notice the files hold, in order: notice files extracted (ids unique in the batch),
    saved results read back, guide annotations' texts extracted under their own ids.  A file
    that cannot be read is passed to ``on_skip`` with its reason (raised without it)."""
    from ..api import batch_ids, extract, extract_text
    from ..serialize import default_model
    from .annotations import read_annotations
    from .results import read_jsonl

    model = model if model is not None else default_model()
    for p, nid in zip(paths, batch_ids(paths)):
        try:
            kind = kind_of(p)
            if kind == "results":
                found = read_jsonl(p)
            elif kind == "annotations":
                found = [
                    extract_text(a.text, model, a.id, f"{p}#{a.id}", min_confidence)
                    for a in read_annotations(p, "guide")
                ]
            else:
                found = [extract(p, model=model, id=nid, min_confidence=min_confidence)]
        except (RectifyError, OSError) as exc:
            if on_skip is None:
                raise
            on_skip(p, str(exc))
            found = []
        yield from found
        if on_file is not None:
            on_file()
