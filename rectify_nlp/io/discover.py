"""Which files a batch means: the one rule for notice files, saved results and annotation
files alike.  A file named is taken whatever its name; a directory gives its files with the
suffixes asked for (below it too with ``recursive``); a glob pattern gives every regular file
it matches, and matching none is an error.  Entries passed over go to ``on_skip`` with why.
A glob's ``**`` descends into no symbolic link, as a directory read recursively does not, and
a file a pattern reaches by two paths is read once."""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError

OnSkip = Callable[[Path, str], None]


def _quiet(path: Path, why: str) -> None:
    pass


def _is_dir(p: Path) -> bool:
    """Path.is_dir, False where the name cannot even be looked up (too long: ENAMETOOLONG is
    not one of the errors pathlib swallows); the file's reader then names the problem."""
    try:
        return p.is_dir()
    except OSError:
        return False


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
        if _is_dir(p):
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
            matches = sorted(Path(g) for g in _glob(text))
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            seen: set[str] = set()
            for q in matches:
                if not q.is_file():
                    skip(q, "not a regular file")
                elif os.path.realpath(q) not in seen:
                    seen.add(os.path.realpath(q))
                    out.append(q)
        else:
            out.append(p)
    return out


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, except that ``**`` matches only real
    directories: Python's follows links to directories, so a link to a parent (``up -> ..``)
    reads a tree again at every level and a few such links never end."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        return glob.glob(pattern)
    k = parts.index("**")
    head, rest = os.sep.join(parts[:k]) or os.sep * (k > 0), os.sep.join(parts[k + 1 :])
    bases = glob.glob(head) if glob.has_magic(head) else [head]
    out: list[str] = []
    for base in bases:
        if base and not os.path.isdir(base):
            continue
        for d in _real_dirs(base):
            if rest:
                out.extend(_glob(os.path.join(glob.escape(d), rest)))
            else:  # a trailing ``**``: every entry below, as glob gives it
                out.extend(os.path.join(d, e) for e in os.listdir(d or os.curdir)
                           if not e.startswith("."))
    return out


def _real_dirs(base: str) -> Iterator[str]:
    """``base`` and every directory below it that is not hidden (glob's ``**`` skips those
    too), reached without following a link; "" is the working directory, its paths relative."""
    for top, dirs, _ in os.walk(base or os.curdir, followlinks=False):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        yield top if base else "" if top == os.curdir else os.path.relpath(top)
