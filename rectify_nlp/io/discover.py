"""Which files a batch means: the one rule for notice files, saved results and annotation
files alike.  A file named is taken whatever its name; a directory gives its files with the
suffixes asked for (below it too with ``recursive``); a glob pattern gives every regular file
it matches, and matching none is an error.  Entries passed over go to ``on_skip`` with why."""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError

OnSkip = Callable[[Path, str], None]


def _quiet(path: Path, why: str) -> None:
    pass


def find_files(
    items: Iterable[str | os.PathLike],
    suffixes: tuple[str, ...],
    recursive: bool = False,
    on_skip: OnSkip | None = None,
) -> list[Path]:
    """The files ``items`` name, in a stable order (see the module's rule)."""
    skip = on_skip or _quiet
    out: list[Path] = []
    for it in items:
        text, p = str(it), Path(it)
        if p.is_dir():
            for q in sorted(p.rglob("*") if recursive else p.iterdir()):
                if q.suffix.lower() not in suffixes:
                    continue
                if q.is_file():
                    out.append(q)
                elif q.is_symlink() and not q.exists():
                    skip(q, "a dangling symbolic link")
                elif q.is_dir():
                    skip(q, "a directory, not a file")
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(g) for g in glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            for q in matches:
                if q.is_file():
                    out.append(q)
                else:
                    skip(q, "not a regular file")
        else:
            out.append(p)
    return out
