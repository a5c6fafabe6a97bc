"""The one rule for every output the command line writes (``-o``, ``--errors``, ``tables -o``).

- never an input of the same run (by device and inode, so a hard link counts; for a model
  directory, nor a folder holding an input): E025, even with ``--force``;
- an existing output only with ``--force`` (E023), and then only what rectify-nlp wrote: a
  model directory (it has ``model.json``), or a file of the kind the command writes that the
  library reads as its own (saved results, annotations, an error list, a page, a table, a
  DocBin) or an empty one; never a folder of other files, never a file by a directory, never
  a directory by a file (E026);
- the folder must exist and take a file (E027), checked before the work;
- at the rename, under a lock on the folder, the output must still be what was checked (a
  name that was free is linked into place, never over another run's file): E028.

From Python: ``planned = plan_file(path, inputs, force, kind)`` before the work, then
``with written(planned) as fh: ...`` to write it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .. import errors as E
from ..errors import OutputError
from .atomic import identity

MODEL_CARD = "model.json"
GENERATOR = '<meta name="generator" content="rectify-nlp">'
_HEAD = 64 * 1024
# What extract writes: a notice object (its first key is "id", then "source") or an array of
# them; the table's caption; the CSV header (io/rows.CSV_COLUMNS).
_NOTICE_JSON = re.compile(r'^\s*\[?\s*\{\s*"id"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"source"\s*:')
_TABLE = "-f json for every span and its offsets"


@dataclass(frozen=True)
class Planned:
    """An output checked before the work: where, and what must be there at the rename."""

    path: Path
    expect: Any  # identity() of what --force may replace, or None for a name that was free


@contextlib.contextmanager
def written(planned: Planned, binary: bool = False) -> Iterator[IO]:
    """Write a planned output beside its target and rename it into place on success: a failed
    run leaves the old file whole; at the rename the output must still be what was checked
    (E028); a full disk or a read-only folder is a named error (E027)."""
    from .atomic import replaced, write_error

    try:
        with replaced(planned.path, binary=binary, expect=planned.expect) as sink:
            yield sink
    except OSError as exc:
        raise write_error(planned.path, exc) from None


def _head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(_HEAD)


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace")


def _first_json_line(text: str) -> Any:
    line = next((x for x in text.split("\n") if x.strip()), "")
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _results(data: bytes) -> bool:
    from .rows import CSV_COLUMNS

    text = _text(data)
    first = text.split("\n", 1)[0].rstrip("\r")
    return bool(
        _NOTICE_JSON.match(text)
        or text.strip() == "[]"
        or first == ",".join(CSV_COLUMNS)
        or _TABLE in text
    )


def _annotations(data: bytes) -> bool:
    text = _text(data)
    if text.lstrip().startswith("["):  # Label Studio tasks
        return bool(re.match(r'^\s*\[\s*(\]|\{\s*"data"\s*:)', text))
    obj = _first_json_line(text)
    return isinstance(obj, dict) and isinstance(obj.get("text"), str)


def _docbin(data: bytes) -> bool:
    try:
        head = zlib.decompressobj().decompress(data, 256)
    except zlib.error:
        return False
    return b"attrs" in head[:64]


def _errors(data: bytes) -> bool:
    obj = _first_json_line(_text(data))
    return isinstance(obj, dict) and {"notice", "label", "kind"} <= set(obj)


def _page(data: bytes) -> bool:
    return GENERATOR.encode() in data[:_HEAD]


def _table(data: bytes) -> bool:
    if data.startswith(b"PAR1"):
        return True  # Parquet; the name is one of the five tables (checked by the caller)
    return _text(data).split("\n", 1)[0].startswith("notice,source,")


OWN = {
    "results": (_results, "saved results of rectify-nlp extract"),
    "annotations": (_annotations, "an annotation file"),
    "docbin": (_docbin, "a spaCy DocBin"),
    "errors": (_errors, "an error list of evaluate or cv"),
    "page": (_page, "a page of rectify-nlp show"),
    "table": (_table, "a table of rectify-nlp tables"),
}


def is_own(path: Path, kind: str) -> bool:
    """Whether ``path`` reads as an output of ``kind`` that rectify-nlp wrote (or is empty)."""
    try:
        data = _head(path)
    except OSError:
        return False
    return not data or OWN[kind][0](data)


def mark_page(page: str) -> str:
    """A page with the generator mark that lets ``--force`` know it as the library's."""
    return page if GENERATOR in page else page.replace("<head>", "<head>" + GENERATOR, 1)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(p: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(p)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False


def check_writable(folder: Path, what: Any) -> None:
    """The folder exists, takes a new file and has room: checked before the work."""
    if not folder.is_dir():
        raise OutputError(E.E027.format(path=what, detail=f"the folder {folder} does not exist"))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".rectify-nlp-check.", dir=folder)
    except OSError as exc:
        from .atomic import write_error

        raise write_error(what, exc) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_bavail == 0:
            from .atomic import write_error

            raise write_error(what, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))


def _existing_ancestor(path: Path) -> Path:
    p = Path(os.path.abspath(path)).parent
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


def plan_file(output: Path, inputs: Iterable[Path], force: bool, kind: str) -> Planned:
    """Check ``output`` (a file) before the work; see the module's rule."""
    output = Path(output)
    if output.is_dir():
        raise OutputError(E.E026.format(path=output, what="is a directory; name a file"))
    there = output.exists() or output.is_symlink()
    if there:
        for p in inputs:
            if _same(p, output):
                raise OutputError(E.E025.format(path=output, input=p))
        if not force:
            raise OutputError(E.E023.format(path=output))
        if not output.is_file():
            raise OutputError(E.E026.format(path=output, what="is not a regular file"))
        if not is_own(output, kind):
            raise OutputError(
                E.E026.format(path=output, what=f"is not {OWN[kind][1]} (nor empty)")
            )
    check_writable(output.parent, output)
    return Planned(output, identity(output) if there else None)


def plan_model_dir(output: Path, inputs: Iterable[Path], force: bool) -> Planned:
    """Check a model directory to write: never a folder holding an input, never a file,
    never a folder of other files; an existing model only with ``--force``."""
    output = Path(output)
    for p in inputs:
        if _same(p, output) or _inside(p, output):
            raise OutputError(E.E025.format(path=output, input=p))
    there = output.exists() or output.is_symlink()
    if there and not output.is_dir():
        raise OutputError(
            E.E026.format(path=output, what="is a file, not a model directory")
        )
    if there and not force:
        raise OutputError(E.E023.format(path=output))
    if there and not (output / MODEL_CARD).is_file() and any(output.iterdir()):
        raise OutputError(E.E026.format(path=output, what="is a folder of other files"))
    check_writable(output.parent if output.parent.exists() else _existing_ancestor(output),
                   output)
    return Planned(output, identity(output) if there else None)


def plan_tables(
    folder: Path, names: Iterable[str], inputs: Iterable[Path], force: bool
) -> dict[str, Planned]:
    """Check the tables to write into ``folder`` (a directory, made if missing)."""
    folder = Path(folder)
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise OutputError(E.E026.format(path=folder, what="is a file; name a directory"))
    inputs = list(inputs)
    out = {}
    for name in names:
        target = folder / name
        if target.exists() or target.is_symlink():
            out[name] = plan_file(target, inputs, force, "table")
        else:
            out[name] = Planned(target, None)
    check_writable(folder if folder.is_dir() else _existing_ancestor(folder), folder)
    return out
