"""``extract``: a notice's text in, a ``Notice`` (spans, records, metadata) out."""

from __future__ import annotations

import os
import re
from typing import Any, Iterable, Iterator

from . import errors as E
from .assemble.metadata import extract_metadata
from .assemble.records import assemble
from .features.analysis import analyse
from .io.readers import read_input
from .schema import Notice
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


def extract(text: Any, model=None, id: str = "", source: str = "") -> Notice:
    """Label a notice and assemble its records.

    ``text`` is a ``str`` (the notice itself), ``bytes`` (decoded with encoding detection), or
    a path (``pathlib.Path``; .txt, .html, .pdf, .docx).  Offsets always refer to
    ``Notice.text``, which for a ``str`` is the argument itself.
    """
    if isinstance(text, str):
        body = text
    elif isinstance(text, (bytes, bytearray, os.PathLike)):
        body, src = read_input(text)
        source = source or src
        if not id and isinstance(text, os.PathLike):
            id = os.path.splitext(os.path.basename(os.fspath(text)))[0]
    else:
        raise TypeError(E.E030.format(type=type(text).__name__))
    if model is None:
        model = default_model()
    if not body.strip() or _cjk_share(body) < MIN_CJK_SHARE:
        return Notice(
            text=body, spans=(), records=(), metadata=extract_metadata(""), id=id, source=source
        )
    a = analyse(body)
    spans = model.label(body, a)
    meta = extract_metadata(a.norm.text)
    fallback_year = None
    for key in ("rectification_period", "inspection_period"):
        start = meta[key]["start"] if meta[key] else None
        if start:
            fallback_year = int(start[:4])
            break
    if fallback_year is None and meta.get("publication_date"):
        fallback_year = int(meta["publication_date"][:4])
    records, general, notice_metrics = assemble(body, a.norm, a.all_units, spans, fallback_year)
    return Notice(
        text=body,
        spans=tuple(spans),
        records=tuple(records),
        general_measures=tuple(general),
        notice_metrics=tuple(notice_metrics),
        metadata=meta,
        id=id,
        source=source,
    )


def extract_many(
    items: Iterable[Any], model=None, n_process: int = 1, on_error: str = "raise"
) -> Iterator[Notice | Exception]:
    """Extract many notices in order.  ``n_process > 1`` spreads them over processes.

    With ``on_error="return"`` a notice that cannot be read yields its exception instead of
    stopping the batch.
    """
    if model is None:
        model = default_model()
    items = list(items)
    if n_process <= 1:
        for it in items:
            yield _one(it, model, on_error)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=n_process, initializer=_init_worker, initargs=(model,)
    ) as pool:
        yield from pool.map(_worker, items, [on_error] * len(items), chunksize=1)


def _one(item: Any, model, on_error: str) -> Notice | Exception:
    try:
        return extract(item, model=model)
    except (E.RectifyError, TypeError, OSError) as exc:
        if on_error == "return":
            return exc
        raise


_WORKER_MODEL = None


def _init_worker(model) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model


def _worker(item: Any, on_error: str) -> Notice | Exception:
    return _one(item, _WORKER_MODEL, on_error)
