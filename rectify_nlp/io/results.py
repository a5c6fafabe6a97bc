"""Saved results back as Notice objects: what ``extract -f json|jsonl`` and
``Notice.to_json()`` wrote, so frames, views and spaCy docs can be made without re-extracting."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .. import errors as E
from ..errors import InputError
from ..schema import Notice
from .readers import read_regular_file


def read_json_document(path: Path) -> tuple[str, Any]:
    """The file's text and, when the whole of it is one JSON document (an object or an array,
    whatever the suffix says), that document; else None (JSONL, or not JSON)."""
    try:
        raw = read_regular_file(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(E.E032.format(path=path, detail=exc)) from None
    try:
        return raw, json.loads(raw)
    except ValueError:
        return raw, None
    except RecursionError:
        raise InputError(E.E034.format(where=str(path), detail="nested too deeply")) from None


def read_jsonl(path: str | os.PathLike) -> list[Notice]:
    """Notices from a JSONL file (one per line) or a JSON file (one object or an array)."""
    path = Path(path)
    raw, whole = read_json_document(path)
    if isinstance(whole, list):
        return [Notice.from_dict(d, where=f"{path}: item #{k}") for k, d in enumerate(whole)]
    if isinstance(whole, dict):
        return [Notice.from_dict(whole, where=str(path))]
    out = []
    # then a notice per line; only "\n" ends a line: a text may hold U+2028 or U+0085
    for n, line in enumerate(raw.split("\n"), 1):
        if line.strip():
            where = f"{path}: line {n}"
            out.append(Notice.from_dict(_loads(line, where), where=where))
    return out


def _loads(s: str, where: str):
    try:
        return json.loads(s)
    except ValueError as exc:
        raise InputError(E.E034.format(where=where, detail=f"not JSON: {exc}")) from None
    except RecursionError:
        raise InputError(E.E034.format(where=where, detail="nested too deeply")) from None
