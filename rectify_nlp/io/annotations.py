"""Annotation files in any registered format (rectify_nlp/formats): read, validated against
the guide, written; the corpus and the cross-file id check."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import arguments
from .. import errors as E
from ..errors import AnnotationError, RectifyError
from ..formats import registry as formats
from ..formats.base import RAISE, Format, Review, Sink
from ..metadata import Metadata
from ..models.topics import TOPICS
from ..schema import LABELS, STRUCTURE_LABELS, AnnotatedNotice, Label, Span
from ..text.normalise import belongs_at_end, belongs_at_start, is_punct
from .atomic import ANY, replaced
from .discover import OnSkip, find_files


def _edge_ok(text: str, start: int, end: int) -> bool:
    if is_punct(text[start]) and not belongs_at_start(text, start, end):
        return False
    return not (is_punct(text[end - 1]) and not belongs_at_end(text, start, end))


def validate_spans(
    text: str, raw_spans: list[Any], where: str, errors: Sink = RAISE
) -> tuple[Span, ...]:
    """Check raw span dicts against the guide; return Spans or raise naming the span.  With a
    collecting ``errors`` every bad span is reported and left out."""
    spans: list[Span] = []
    prev_start = -1
    last_structure: Span | None = None
    seen: set[tuple[int, int, str]] = set()
    for k, raw in enumerate(raw_spans):
        label_where = f"{where}, span #{k}"
        if not isinstance(raw, dict):
            errors.report(E.E002.format(where=label_where, field="span", expected="an object"))
            continue
        bad_type = next(
            (
                key
                for key in ("start", "end")
                if not isinstance(raw.get(key), int) or isinstance(raw.get(key), bool)
            ),
            None,
        )
        if bad_type:
            errors.report(E.E002.format(where=label_where, field=bad_type, expected="an integer"))
            continue
        start, end, label = raw["start"], raw["end"], raw.get("label")
        desc = f"[{start}, {end}) {label!r}"
        if end <= start:
            errors.report(E.E004.format(where=label_where, span=desc))
            continue
        if start < 0 or end > len(text):
            errors.report(E.E003.format(where=label_where, span=desc, n=len(text)))
            continue
        if label not in LABELS:
            errors.report(
                E.E005.format(where=label_where, span=desc, label=label, known=", ".join(LABELS))
            )
            continue
        if start < prev_start:
            errors.report(E.E009.format(where=label_where, span=desc, prev=prev_start))
            continue
        if (start, end, label) in seen:
            errors.report(E.E015.format(where=label_where, span=desc))
            continue
        actual = text[start:end]
        if "text" in raw and raw["text"] != actual:
            errors.report(
                E.E008.format(where=label_where, span=desc, given=raw["text"], actual=actual)
            )
            continue
        if not _edge_ok(text, start, end):
            errors.report(E.E007.format(where=label_where, span=desc, text=actual[:40]))
            continue
        span = Span(start, end, Label(label), actual)
        if label in STRUCTURE_LABELS:
            if last_structure is not None and start < last_structure.end:
                prev = last_structure
                other = f"[{prev.start}, {prev.end}) {prev.label.value!r}"
                errors.report(E.E006.format(where=label_where, span=desc, other=other))
                continue
            last_structure = span
        seen.add((start, end, label))
        spans.append(span)
        prev_start = start
    return tuple(spans)


def validate_meta(
    meta: dict[str, Any], spans: tuple[Span, ...] | None, where: str, errors: Sink
) -> None:
    """``meta.notice`` and ``meta.topics`` as the guide defines them and as training and the
    scorer read them: a value of the wrong type, a date that is not ISO, a topic not in the
    guide's list or keyed by no problem span would otherwise be dropped without a word.
    ``spans`` None: some span was reported bad, and the keys are checked once it is fixed (a
    problem's bad offsets would be reported again through its topic's key)."""
    notice = meta.get("notice")
    if notice is not None:
        try:
            Metadata.from_dict(notice)
        except (TypeError, ValueError) as exc:
            errors.report(E.E046.format(where=where, detail=exc))
    topics = meta.get("topics")
    if topics is None:
        return
    if not isinstance(topics, dict):
        errors.report(E.E047.format(where=where, key=topics, detail="not an object"))
        return
    problems = {f"{s.start}-{s.end}" for s in spans or () if s.label == Label.problem}
    for key, topic in topics.items():
        if spans is not None and key not in problems:
            errors.report(E.E047.format(where=where, key=key, detail="no problem span there"))
        elif topic not in TOPICS:
            errors.report(
                E.E047.format(
                    where=where, key=key,
                    detail=f"unknown topic {topic!r} (known: {', '.join(TOPICS)})",
                )
            )


def _placed(
    path: Path, fmt: Format, errors: Sink, predictions: bool
) -> list[tuple[AnnotatedNotice, str]]:
    """The file's notices with where each was read; pre-annotations only with
    ``predictions`` (a file of nothing else is E016)."""
    out, pending = [], 0
    for rec, where in fmt.read(path, errors, predictions):
        if rec.review is Review.SKIPPED:
            continue
        if rec.review is Review.PENDING and not predictions:
            pending += 1
            continue
        spans = validate_spans(rec.text, rec.spans, where, errors)
        validate_meta(
            rec.meta, spans if len(spans) == len(rec.spans) else None, where, errors
        )
        out.append((AnnotatedNotice(rec.id, rec.text, spans, rec.meta), where))
    if not out and pending:
        raise AnnotationError(E.E016.format(path=path, n=pending))
    return out


def read_annotations(
    path: str | os.PathLike,
    fmt: str = "guide",
    *,
    predictions: bool = False,
    errors: list[str] | None = None,
    limit: int = 100,
) -> list[AnnotatedNotice]:
    """Read and validate an annotation file; errors name the file, the line and the span.

    Label Studio tasks are read from their last finished annotation; tasks with only
    predictions are pre-annotations, not gold, and are read only with ``predictions=True``.
    Prodigy tasks answered ``reject`` or ``ignore`` are left out.  Given an ``errors`` list,
    every problem (up to ``limit``) is appended to it instead of raised, and what is valid is
    returned."""
    path = Path(path)
    adapter = formats.get(fmt, path, readable=True)
    sink = Sink(errors, limit) if errors is not None else RAISE
    placed = _placed(path, adapter, sink, predictions)
    if not placed and errors is None:
        raise AnnotationError(E.E011.format(path=path))
    _check_unique_ids(placed, {}, sink)
    return [a for a, _ in placed]


def _check_unique_ids(
    placed: list[tuple[AnnotatedNotice, str]], first_seen: dict[str, str], errors: Sink
) -> None:
    for a, where in placed:
        if a.id in first_seen:
            errors.report(E.E012.format(id=a.id, where=where, first=first_seen[a.id]))
        else:
            first_seen[a.id] = where


@dataclass
class FileCheck:
    """One file as ``check_files`` found it: what was read, and every problem (up to the
    limit)."""

    path: Path
    notices: list[AnnotatedNotice]
    errors: list[str]


def check_files(
    paths: Iterable[Path], fmt: str = "guide", *, predictions: bool = False, limit: int = 100
) -> Iterator[FileCheck]:
    """Every file checked against the guide, each problem named (up to ``limit`` a file);
    notice ids must be unique across the files (a duplicate names both places)."""
    first_seen: dict[str, str] = {}
    for p in paths:
        errors: list[str] = []
        sink = Sink(errors, limit)
        try:
            placed = _placed(Path(p), formats.get(fmt, p, readable=True), sink, predictions)
        except RectifyError as exc:
            placed, errors[:] = [], [str(exc)]
        if not placed and not errors:  # as load_corpus refuses it (train, evaluate, cv)
            errors.append(E.E011.format(path=p))
        _check_unique_ids(placed, first_seen, sink)
        yield FileCheck(Path(p), [a for a, _ in placed], errors)


def annotation_files(
    paths: Iterable[str | os.PathLike], fmt: str = "guide", on_skip: OnSkip | None = None
) -> list[Path]:
    """Files named, glob patterns, and directories: a directory means every file below it,
    subdirectories included, with the format's suffix (``*.jsonl``; ``*.json`` for Label
    Studio exports), in path order (io/discover.py's rule); one path alone is a list of it."""
    paths = arguments.paths(paths)
    suffix = formats.get(fmt, ", ".join(map(str, paths)), readable=True).suffix
    return find_files(paths, (suffix,), recursive=True, on_skip=on_skip)


def load_corpus(
    paths: Iterable[str | os.PathLike], fmt: str = "guide", *, predictions: bool = False
) -> list[AnnotatedNotice]:
    """Read and validate every annotation file named (``paths``: files, directories or glob
    patterns, or one of them alone); notice ids must be unique across them (a duplicate names
    both places)."""
    out: list[AnnotatedNotice] = []
    first_seen: dict[str, str] = {}
    for f in annotation_files(paths, fmt):
        placed = _placed(f, formats.get(fmt, f, readable=True), RAISE, predictions)
        if not placed:
            raise AnnotationError(E.E011.format(path=f))
        _check_unique_ids(placed, first_seen, RAISE)
        out.extend(a for a, _ in placed)
    return out


def write_annotations(
    notices: Iterable[AnnotatedNotice],
    path: str | os.PathLike,
    fmt: str = "guide",
    *,
    predictions: bool = False,
    model_version: str = "",
    force: bool = False,
    expect: Any = ANY,
) -> None:
    """Write notices in a registered format (``rectify_nlp.formats``); the file is replaced
    only once fully written.

    An existing file is replaced only with ``force``, and then only under the command line's
    output rule (io/output.py): never gold annotations, never a file the library did not
    write (E023, E026), as ``save`` treats a model directory.  ``predictions=True`` writes
    pre-annotations: Label Studio ``predictions`` with a score per region and
    ``model_version``, Prodigy tasks with span scores and no answer.  ``expect`` (the command
    line's, which has checked the output itself) is what must be at ``path`` when the file is
    renamed into place (io/atomic.commit)."""
    notices = arguments.listed(
        notices, "notices", AnnotatedNotice,
        "AnnotatedNotice objects (an extracted Notice n as AnnotatedNotice(n.id, n.text, n.spans))",
    )
    path = Path(arguments.path(path))
    adapter = formats.get(fmt, path, writable=True)
    if expect is ANY:
        from .output import plan_file

        expect = plan_file(path, [], force, adapter.kind).expect
    body = adapter.write(notices, predictions, model_version)
    with replaced(path, binary=adapter.binary, expect=expect) as fh:
        fh.write(body)
