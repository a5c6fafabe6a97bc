"""``extract``: a notice's text in, a ``Notice`` (spans, records, metadata) out."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np

from . import arguments
from . import errors as E
from .assemble.checks import check_notice
from .assemble.metadata import extract_metadata
from .assemble.records import assemble, drop_below
from .assemble.status import statuses_from_counts
from .assemble.topics import with_topics
from .decide.model import Model
from .errors import ArgumentError, InputError
from .features.analysis import analyse
from .io.readers import NOTICE_SUFFIXES, read_input
from .schema import Label, Notice
from .serialize import default_model, load

# Below this share of CJK characters a text is not a Chinese notice (English, code, junk):
# the tagger was never trained on such text, so nothing it says there would mean anything.
MIN_CJK_SHARE = 0.3


_CJK = re.compile(r"[\u4e00-\u9fff]")
# The share is counted in slices of this many characters, so a 10 MB text is never held as
# code points at once.
_SHARE_SLICE = 2**20


@functools.cache
def _letters() -> np.ndarray:
    """Which code points of the Basic Multilingual Plane are letters or digits (str.isalnum):
    built at the first extract, not at import (it takes a few ms)."""
    return np.fromiter((chr(o).isalnum() for o in range(0x10000)), dtype=bool, count=0x10000)


def _cjk_share(text: str) -> float:
    """The share of CJK characters among the text's letters and digits, over the whole text.
    Punctuation, spaces, symbols and emoji are not counted: a notice followed (or preceded) by
    pages of commas or rules is still a notice, and a text of English or code is not."""
    letters = _letters()
    cjk = counted = 0
    for at in range(0, len(text), _SHARE_SLICE):
        piece = text[at : at + _SHARE_SLICE]
        # code points counted in one vectorised pass: a regex made a string per character
        codes = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        bmp = codes[codes < 0x10000]
        counted += int(np.count_nonzero(letters[bmp]))
        cjk += int(np.count_nonzero((bmp >= 0x4E00) & (bmp <= 0x9FFF)))
    return cjk / counted if counted else 0.0


# A str is read as a path (as pandas reads one) when it is one short line naming a file; a
# line that only looks like a path to a notice file is refused rather than read as a notice.
PATH_MAX = 4096


def _as_path(text: str) -> str | None:
    """The path a one-line ``str`` names, or None when it is notice text."""
    if not text or len(text) > PATH_MAX or "\n" in text or "\r" in text or "\x00" in text:
        return None
    candidate = text.strip()
    try:
        if os.path.isfile(candidate):
            return candidate
        is_dir = os.path.isdir(candidate)
    except (OSError, ValueError):
        return None
    if is_dir:
        raise InputError(
            E.E032.format(
                path=candidate,
                detail="it is a directory (a str naming a file is read as its path; pass the "
                "files in it to extract_many)",
            )
        )
    if candidate.lower().endswith(NOTICE_SUFFIXES) and not _CJK.search(
        os.path.basename(candidate)[:-4]
    ):
        raise InputError(
            E.E031.format(path=candidate) + " (a str naming a file is read as its path;"
            " pass notice text, or pathlib.Path for a file)"
        )
    return None


def text_id(text: str) -> str:
    """A stable id for a notice given as text: the first 12 hex digits of its SHA-256."""
    return "text-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def extract(
    text: Any,
    model=None,
    id: str = "",
    source: str = "",
    min_confidence: float | None = None,
) -> Notice:
    """Label a notice and assemble its records.

    ``text`` is a ``str`` (the notice itself), ``bytes`` (decoded with encoding detection), or
    a path (``pathlib.Path``, or a one-line ``str`` that names an existing file; .txt, .html,
    .pdf, .docx).  Offsets always refer to ``Notice.text``, which for notice text given as a
    ``str`` is the argument itself.  ``id`` defaults to the file's stem, or for text to a hash
    of it (``text-<sha256[:12]>``), so that every notice can be traced.  ``min_confidence``
    leaves out every span scoring below it (a record whose problem scores below it goes whole,
    with what it owns): a number in [0, 1], or None.  ``Notice.checks`` holds the self-check's
    findings.
    """
    arguments.min_confidence(min_confidence)  # before a file is read
    model = resolve_model(model)
    named = _as_path(text) if isinstance(text, str) else None
    if named is not None:
        text = Path(named)
    if isinstance(text, str):
        body = text
    elif isinstance(text, (bytes, bytearray, os.PathLike)):
        body, src = read_input(text)
        source = source or src
        if not id and isinstance(text, os.PathLike):
            id = os.path.splitext(os.path.basename(os.fspath(text)))[0]
    else:
        raise ArgumentError(E.E030.format(type=type(text).__name__))
    return extract_text(body, model, id, source, min_confidence)


def resolve_model(model: Any):
    """``model=``: None (the shipped model), a loaded ``Model``, or a model directory given as
    a ``str`` or a path; anything else is ``ArgumentError`` E038."""
    if model is None or isinstance(model, Model):
        return model
    if isinstance(model, (str, os.PathLike)):
        return load(model)
    raise ArgumentError(
        E.E038.format(
            name="model", value=type(model).__name__,
            expected="a Model, a model directory (str or path), or None for the shipped model",
        )
    )


def extract_text(
    body: str,
    model=None,
    id: str = "",
    source: str = "",
    min_confidence: float | None = None,
) -> Notice:
    """``extract`` of a ``str`` that is always the notice text, never a path (the spaCy
    component's doc text, a line read from a file)."""
    if not isinstance(body, str):
        raise ArgumentError(E.E030.format(type=type(body).__name__))
    min_confidence = arguments.min_confidence(min_confidence)
    id = id or text_id(body)
    if not body.strip() or _cjk_share(body) < MIN_CJK_SHARE:
        return Notice(
            text=body, spans=(), records=(), metadata=extract_metadata(""), id=id, source=source
        )
    model = resolve_model(model) or default_model()
    a = analyse(body)
    dropped: dict[str, dict[str, int]] = {}
    spans = model.label(body, a, dropped)
    problems = [s.start for s in spans if s.label == Label.problem]
    body_start = a.norm.to_normalised(problems[0]) if problems else None
    meta = extract_metadata(a.norm, body_start)
    fallback_year = None
    for key in ("rectification_period.start", "inspection_period.start", "publication_date"):
        if meta.value(key):
            fallback_year = int(meta.value(key)[:4])
            break
    start = meta.value("rectification_period.start") or meta.value("feedback_date")
    records, general, notice_metrics = assemble(
        body, a.norm, a.all_units, spans, fallback_year, start, meta.value("publication_date"),
        inspection_start=meta.value("inspection_period.start"),
    )
    if min_confidence is not None:
        kept, records, general, notice_metrics = drop_below(
            spans, records, general, notice_metrics, min_confidence
        )
        left_out = _count_labels(spans) - _count_labels(kept)
        if left_out:
            dropped["below_min_confidence"] = dict(sorted(left_out.items()))
        spans = kept
    records = with_topics(records, model.topics, a.norm)
    records = statuses_from_counts(records, meta.counts.values())
    checks = check_notice(body, a.norm, a.all_units, spans, records, meta)
    placed = {(s.start, s.end) for s in general}
    placed |= {(m.span.start, m.span.end) for m in notice_metrics}
    for r in records:
        placed |= {(x.start, x.end) for x in r.spans()}
    unplaced: dict[str, int] = {}
    for s in spans:
        if (s.start, s.end) not in placed:
            # e.g. a status or a deadline before the first problem: labelled, in no record
            unplaced[str(s.label)] = unplaced.get(str(s.label), 0) + 1
    if unplaced:
        dropped["not_in_a_record"] = unplaced
    return Notice(
        text=body,
        spans=tuple(spans),
        records=tuple(records),
        general_measures=tuple(general),
        notice_metrics=tuple(notice_metrics),
        metadata=meta,
        id=id,
        source=source,
        checks=checks,
        dropped=dropped,
    )


def _count_labels(spans) -> Counter:
    return Counter(str(s.label) for s in spans)


ON_ERROR = ("raise", "return")


def _check_many_args(items: Any, n_process: Any, on_error: Any, min_confidence: Any) -> None:
    if not arguments.many(items):
        # a str would be read a character at a time, each taken for a path or a text
        raise arguments.refuse(
            "items", items,
            "an iterable of notices (texts, bytes or paths): [text] or [path] for one, or "
            "extract() itself",
        )
    if on_error not in ON_ERROR:
        raise ArgumentError(
            E.E038.format(
                name="on_error", value=on_error,
                expected='"raise" (stop at the first bad item) or "return" (yield its exception)',
            )
        )
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ArgumentError(
            E.E038.format(name="n_process", value=n_process, expected="an integer >= 1")
        )
    arguments.min_confidence(min_confidence)


def extract_many(
    items: Iterable[Any],
    model=None,
    n_process: int = 1,
    on_error: str = "raise",
    min_confidence: float | None = None,
) -> Iterator[Notice | Exception]:
    """Extract many notices in order, yielding each as soon as it is ready.
    ``n_process > 1`` spreads them over processes.

    With ``on_error="return"`` a notice that cannot be read (or cannot be sent to a worker
    process) yields its exception instead of stopping the batch.  Ids are unique within the
    batch: files whose stems collide (``a/index.txt``, ``b/index.txt``) get their path
    relative to the files' common folder (for an iterator, read as it goes, a later file's path
    relative to the working folder).  An iterator that fails at item k has given items 0..k-1
    first; its exception is then raised (or, with ``on_error="return"``, yielded last).
    ``min_confidence`` is ``extract``'s.  ``items`` is a list or an iterable, never one text
    or path alone (a str is refused: give ``[text]`` or ``[path]``).
    """
    _check_many_args(items, n_process, on_error, min_confidence)  # at the call, not at next()
    return _extract_many(
        items, resolve_model(model) or default_model(), n_process, on_error, min_confidence
    )


def _extract_many(
    items, model, n_process: int, on_error: str, min_confidence: float | None
) -> Iterator[Notice | Exception]:
    if isinstance(items, (list, tuple)):
        pairs: Iterator[tuple[Any, str]] = iter(zip(items, batch_ids(list(items))))
    else:
        pairs = _streamed_ids(items)
    if n_process == 1:
        try:
            for it, nid in pairs:
                yield _one(it, model, on_error, nid, min_confidence)
        except _SourceFailed as failed:
            if on_error == "raise":
                raise failed.error from None
            yield failed.error
        return
    yield from _in_processes(pairs, model, n_process, on_error, min_confidence)


class _SourceFailed(Exception):
    """The caller's iterator raised: what it gave before is yielded, then this."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


def _streamed_ids(items: Iterable[Any]) -> Iterator[tuple[Any, str]]:
    seen: set[str] = set()
    iterator = iter(items)
    while True:
        try:
            it = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # the caller's generator failed: report it after the rest
            raise _SourceFailed(exc) from None
        p = _path_of(it)
        nid = os.path.splitext(os.path.basename(p))[0] if p else ""
        if nid and nid in seen:
            nid = os.path.splitext(os.path.relpath(os.path.abspath(p)))[0]
            k = 2
            while nid in seen:
                nid, k = f"{nid}#{k}", k + 1
        seen.add(nid)
        yield it, nid


def _in_processes(
    pairs, model, n_process: int, on_error: str, min_confidence: float | None
) -> Iterator[Notice | Exception]:
    """Items over a pool of processes, a bounded window ahead, results in order."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    window: deque = deque()
    failed: _SourceFailed | None = None
    with ProcessPoolExecutor(
        max_workers=n_process, initializer=_init_worker, initargs=(model,)
    ) as pool:
        while True:
            while failed is None and len(window) < 2 * n_process:
                try:
                    it, nid = next(pairs)
                except StopIteration:
                    break
                except _SourceFailed as exc:
                    failed = exc
                    break
                window.append(pool.submit(_worker, it, on_error, nid, min_confidence))
            if not window:
                break
            future = window.popleft()
            try:
                result = future.result()
            except Exception as exc:  # e.g. an item that cannot be sent to a process
                if on_error == "raise":
                    raise
                result = exc
            yield result
    if failed is not None:
        if on_error == "raise":
            raise failed.error from None
        yield failed.error


def _path_of(item: Any) -> str | None:
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    if isinstance(item, str):
        try:
            return _as_path(item)
        except InputError:
            return None  # reported when the item itself is extracted
    return None


def batch_ids(items: list[Any]) -> list[str]:
    """Ids for a batch: file stems, or for colliding stems the path relative to the common
    folder (without suffix); "" lets ``extract`` choose (text: its hash)."""
    paths = [_path_of(it) for it in items]
    stems = [os.path.splitext(os.path.basename(p))[0] if p else "" for p in paths]
    clash = {s for s in stems if s and stems.count(s) > 1}
    if not clash:
        return stems
    root = os.path.commonpath([os.path.abspath(p) for p in paths if p])
    return [
        os.path.splitext(os.path.relpath(os.path.abspath(p), root))[0] if p and st in clash else st
        for p, st in zip(paths, stems)
    ]


def _one(
    item: Any, model, on_error: str, nid: str = "", min_confidence: float | None = None
) -> Notice | Exception:
    try:
        return extract(item, model=model, id=nid, min_confidence=min_confidence)
    except (E.RectifyError, TypeError, OSError) as exc:
        if on_error == "return":
            return exc
        raise


_WORKER_MODEL = None


def _init_worker(model) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model


def _worker(
    item: Any, on_error: str, nid: str, min_confidence: float | None = None
) -> Notice | Exception:
    return _one(item, _WORKER_MODEL, on_error, nid, min_confidence)
