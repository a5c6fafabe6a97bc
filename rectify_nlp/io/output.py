"""The one rule for every output the command line writes (``-o``, ``--errors``, ``tables -o``).

- never an input of the same run (by device and inode, so a hard link counts; for a model
  directory, nor a folder holding an input): E025, even with ``--force``;
- an existing output only with ``--force`` (E023), and then only what rectify-nlp wrote: a
  model directory of save()'s (its ``model.json`` and ``weights.npz``, nothing else), or a
  file of the kind the command writes that the library reads, whole, as its own (saved
  results or tables, pre-annotations, an error list, a page, a table, a DocBin) or an empty
  one; never gold annotations (work no run can redo), never a folder holding other files,
  never a file by a directory, never a directory by a file (E026);
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
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .. import errors as E
from ..errors import OutputError
from .atomic import identity

MODEL_CARD = "model.json"
# Everything save() puts in a model directory: a directory holding anything else holds
# something rectify-nlp did not write, and --force never removes it.
MODEL_FILES = frozenset({MODEL_CARD, "weights.npz"})
_MAX_CARD = 16 * 2**20
GENERATOR = '<meta name="generator" content="rectify-nlp">'
# An existing output is read whole to tell whether it is the library's (a table's last notice,
# an annotation file's last record); a larger one is not taken for it.
_MAX_OWN = 256 * 2**20
# What extract writes: a notice object (its first key is "id", then "source") or an array of
# them; tables (io/summary.notice_table); the CSV header (io/rows.CSV_COLUMNS).
_NOTICE_JSON = re.compile(r'^\s*\[?\s*\{\s*"id"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"source"\s*:')
_BOX = ("┃", "┡", "│")  # the lines inside a table's box (rich's default), below its top
_TITLE_LINES = 3  # a notice's title line, wrapped


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
    except OutputError:
        raise  # already said (E028: another run wrote it), not a failed write (E027)
    except OSError as exc:
        raise write_error(planned.path, exc) from None


def _whole(path: Path) -> bytes | None:
    """The file's bytes, or None above ``_MAX_OWN``."""
    with open(path, "rb") as f:
        data = f.read(_MAX_OWN + 1)
    return data if len(data) <= _MAX_OWN else None


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace")


def _first_json_line(text: str) -> Any:
    line = next((x for x in text.split("\n") if x.strip()), "")
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _tables(text: str) -> bool:
    """Whether ``text`` is extract's tables and nothing else: for each notice a title of a few
    lines, the box (every line a box line), the caption, and the checks it names (free text up
    to the next title). Text that only quotes a caption or a table (notes, a README) is not."""
    from .summary import CAPTION, REVIEW

    # the caption, whole on its line, its counts any numbers
    caption = re.compile(re.sub(r"\\\{\w+\\\}", r"\\d+", re.escape(CAPTION)))
    lines = [x.rstrip() for x in text.split("\n")]  # as _json_lines: "\n" only
    while lines and not lines[-1]:
        lines.pop()
    tops = [i for i, x in enumerate(lines) if x.startswith("┏")]
    if not tops:
        return False
    free = tops[0] <= _TITLE_LINES  # the lines before the first box: its title
    at = 0
    for k, top in enumerate(tops):
        if not free and top - at > _TITLE_LINES:
            return False
        end = next((i for i in range(top + 1, len(lines)) if not lines[i].startswith(_BOX)),
                   len(lines))
        if end >= len(lines) or not lines[end].startswith("└"):
            return False
        if end + 1 >= len(lines) or not caption.fullmatch(lines[end + 1]):
            return False
        at = end + 2
        nxt = tops[k + 1] if k + 1 < len(tops) else len(lines)
        if nxt < at:
            return False
        free = at < len(lines) and lines[at].startswith(REVIEW)
    return free or len(lines) == at


def _json_lines(text: str) -> list[Any] | None:
    """Each non-blank line of ``text`` as JSON, or None when one is not."""
    out = []
    # lines end at "\n" only: JSON holds U+2028, U+0085 and the like raw, which splitlines
    # would break at
    for line in text.split("\n"):
        if line.strip():
            try:
                out.append(json.loads(line))
            except (ValueError, RecursionError):
                return None
    return out


def _csv_rows(text: str, columns: list[str]) -> bool:
    """A CSV whose header is exactly ``columns`` and whose every row has as many fields: the
    user's own rows or notes below the header are not the library's."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    return bool(rows) and rows[0] == columns and all(len(r) == len(columns) for r in rows[1:])


def _results(path: Path, data: bytes) -> bool:
    """Saved results, read back whole: JSON or JSONL notices, the CSV, or the tables."""
    from .rows import CSV_COLUMNS

    text = _text(data)
    if text.strip() == "[]":
        return True  # an empty result holds nothing to lose, as an empty file does
    if _NOTICE_JSON.match(text):
        # every document read back as a notice, offsets checked against its text, by the
        # reader of saved results: a gold line or a user's JSON with an "id" first is not
        from ..errors import RectifyError
        from .results import read_jsonl

        try:
            read_jsonl(path)
        except RectifyError:
            return False
        return True
    if text.split("\n", 1)[0].rstrip("\r") == ",".join(CSV_COLUMNS):
        return _csv_rows(text, CSV_COLUMNS)
    return _tables(text)


def _annotations(path: Path, data: bytes) -> bool:
    """Pre-annotations and nothing else: read by the formats' own readers, every record is one
    nobody reviewed (what ``pre-annotate`` writes). A file holding any gold, or a record a
    reviewer rejected, is never replaced, even by gold: annotations are work no run can redo."""
    from ..errors import RectifyError
    from ..formats import registry
    from ..formats.base import Review, Sink

    text = _text(data)
    if text.lstrip().startswith("["):  # one JSON array of tasks
        try:
            tasks = json.loads(text)
        except (ValueError, RecursionError):
            return False
        if tasks == []:
            return True  # nothing to lose
        if not isinstance(tasks, list):
            return False
        # a task a reviewer touched (an annotation, even a cancelled one) is their decision
        if any(isinstance(t, dict) and t.get("annotations") for t in tasks):
            return False
        obj = tasks[0]
    else:
        obj = _first_json_line(text)
    if not (isinstance(obj, dict) and (isinstance(obj.get("text"), str) or "data" in obj)):
        return False
    shape = registry.shape_of(obj)
    if shape is None and not isinstance(obj.get("text"), str):
        return False
    name = shape[0] if shape else "guide"  # the guide's lines say nothing more of themselves
    errors: list[str] = []
    try:
        records = registry.get(name, path, readable=True).read(path, Sink(errors, 1), True)
    except RectifyError:
        return False  # not cleanly a file of the kind pre-annotate writes
    # pending only: gold is work, and a rejected or ignored task a reviewer's decision
    return not errors and all(rec.review is Review.PENDING for rec, _ in records)


def _docbin(path: Path, data: bytes) -> bool:
    """Never: a DocBin holds gold spans (convert writes annotations into it), work no run can
    redo, and nothing in one tells the library's from another's."""
    return False


def _errors(path: Path, data: bytes) -> bool:
    rows = _json_lines(_text(data))
    return bool(rows) and all(
        isinstance(r, dict) and {"notice", "label", "kind"} <= set(r) for r in rows
    )


def _page(path: Path, data: bytes) -> bool:
    """The generator mark where mark_page puts it, right after the page's first <head>: a page
    that only quotes the mark further down is a user's."""
    head = data.find(b"<head>")
    return head >= 0 and data.startswith(GENERATOR.encode(), head + len(b"<head>"))


def _table(path: Path, data: bytes) -> bool:
    """One of the five tables, read back: its columns exactly (the records' category levels
    as many as it has), and in a CSV every row as wide; a user's Parquet or CSV under the
    same name is not."""
    from .frames import TABLE_COLUMNS

    columns = TABLE_COLUMNS.get(path.stem)
    if columns is None:
        return False
    if data.startswith(b"PAR1"):
        import pandas as pd

        try:
            have = list(pd.read_parquet(path).columns)
        except Exception:  # noqa: BLE001 - any unreadable Parquet is not the library's
            return False
    else:
        text = _text(data)
        have = text.split("\n", 1)[0].rstrip("\r").split(",")
    levels = [c for c in have if re.fullmatch(r"category_\d+", c)]
    want = columns(len(levels))
    if have != want:
        return False
    return data.startswith(b"PAR1") or _csv_rows(_text(data), want)


OWN = {
    "results": (_results, "saved results of rectify-nlp extract"),
    "annotations": (
        _annotations, "a file of pre-annotations (reviewed annotations, gold, are never replaced)"
    ),
    "docbin": (_docbin, "a spaCy DocBin (it holds gold spans: never replaced)"),
    "errors": (_errors, "an error list of evaluate or cv"),
    "page": (_page, "a page of rectify-nlp show"),
    "table": (_table, "a table of rectify-nlp tables"),
}


def is_own(path: Path, kind: str) -> bool:
    """Whether ``path`` reads as an output of ``kind`` that rectify-nlp wrote (or is empty)."""
    try:
        data = _whole(path)
    except OSError:
        return False
    return data is not None and (not data or OWN[kind][0](path, data))


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


def _our_card(card: Path) -> bool:
    """``model.json`` is a card save() wrote (any format version): a JSON object that names
    its format version, not another tool's model.json (TensorFlow.js writes one too)."""
    try:
        if card.stat().st_size > _MAX_CARD:
            return False
        obj = json.loads(card.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and isinstance(obj.get("format_version"), int)


def model_dir_problem(path: Path) -> str | None:
    """Why ``path`` is not a directory that ``save(force=True)`` may replace, or None: an
    empty directory, or a model directory save() wrote and nothing else."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_dir():
        return "is a file, not a model directory (a model is a directory)"
    try:
        names = sorted(p.name for p in path.iterdir())
    except OSError as exc:
        return f"cannot be listed ({exc.strerror or exc})"
    if not names:
        return None
    if MODEL_CARD not in names:
        return "is a folder of other files (no model.json)"
    if not _our_card(path / MODEL_CARD):
        return "holds a model.json that rectify-nlp did not write"
    # a directory under one of save()'s names is not its file (removing the model removes it)
    others = [n for n in names
              if n not in MODEL_FILES or ((path / n).is_dir() and not (path / n).is_symlink())]
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        return f"holds files rectify-nlp did not write ({shown}), which --force never removes"
    return None


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
    why = model_dir_problem(output) if there else None
    if why:
        raise OutputError(E.E026.format(path=output, what=why))
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
