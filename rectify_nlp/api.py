"""``extract``: a notice's text in, a ``Notice`` (spans, records, metadata) out."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import errors as E
from .assemble.checks import check_notice
from .assemble.metadata import extract_metadata
from .assemble.records import assemble, drop_below
from .assemble.status import statuses_from_counts
from .assemble.topics import with_topics
from .errors import InputError
from .features.analysis import analyse
from .io.readers import read_input
from .schema import Label, Notice
from .serialize import default_model

# Below this share of CJK characters a text is not a Chinese notice (English, code, junk):
# the tagger was never trained on such text, so nothing it says there would mean anything.
MIN_CJK_SHARE = 0.3


_CJK = re.compile(r"[\u4e00-\u9fff]")
_VISIBLE = re.compile(r"\S")


def _cjk_share(text: str) -> float:
    sample = text[:200_000]  # the head decides; counting 10 MB of characters would not change it
    visible = len(_VISIBLE.findall(sample))
    return len(_CJK.findall(sample)) / visible if visible else 0.0


# A str is read as a path (as pandas reads one) when it is one short line naming a file; a
# line that only looks like a path to a notice file is refused rather than read as a notice.
PATH_MAX = 4096
NOTICE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


def _as_path(text: str) -> str | None:
    """The path a one-line ``str`` names, or None when it is notice text."""
    if not text or len(text) > PATH_MAX or "\n" in text or "\r" in text or "\x00" in text:
        return None
    candidate = text.strip()
    try:
        if os.path.isfile(candidate):
            return candidate
    except (OSError, ValueError):
        return None
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
    with what it owns).  ``Notice.checks`` holds the self-check's findings.
    """
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
        raise TypeError(E.E030.format(type=type(text).__name__))
    return extract_text(body, model, id, source, min_confidence)


def extract_text(
    body: str,
    model=None,
    id: str = "",
    source: str = "",
    min_confidence: float | None = None,
) -> Notice:
    """``extract`` of a ``str`` that is always the notice text, never a path (the spaCy
    component's doc text, a line read from a file)."""
    if model is None:
        model = default_model()
    id = id or text_id(body)
    if not body.strip() or _cjk_share(body) < MIN_CJK_SHARE:
        return Notice(
            text=body, spans=(), records=(), metadata=extract_metadata(""), id=id, source=source
        )
    a = analyse(body)
    spans = model.label(body, a)
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
        spans, records, general, notice_metrics = drop_below(
            spans, records, general, notice_metrics, float(min_confidence)
        )
    records = with_topics(records, model.topics)
    records = statuses_from_counts(records, meta.counts.values())
    checks = check_notice(body, a.norm, a.all_units, spans, records, meta)
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
    )


def extract_many(
    items: Iterable[Any],
    model=None,
    n_process: int = 1,
    on_error: str = "raise",
    min_confidence: float | None = None,
) -> Iterator[Notice | Exception]:
    """Extract many notices in order.  ``n_process > 1`` spreads them over processes.

    With ``on_error="return"`` a notice that cannot be read yields its exception instead of
    stopping the batch.  Ids are unique within the batch: files whose stems collide
    (``a/index.txt``, ``b/index.txt``) get their path relative to the files' common folder.
    ``min_confidence`` is ``extract``'s.
    """
    if model is None:
        model = default_model()
    items = list(items)
    ids = batch_ids(items)
    if n_process <= 1:
        for it, nid in zip(items, ids):
            yield _one(it, model, on_error, nid, min_confidence)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=n_process, initializer=_init_worker, initargs=(model,)
    ) as pool:
        n = len(items)
        yield from pool.map(
            _worker, items, [on_error] * n, ids, [min_confidence] * n, chunksize=1
        )


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
