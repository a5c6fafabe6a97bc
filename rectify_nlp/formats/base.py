"""What an annotation format is: a name, the suffix of its files, a reader that turns a file
into records, a writer that turns notices into a file's content, and one shape for the three
states a record can be in (gold, a pre-annotation nobody reviewed yet, or nothing to read)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Iterable, Protocol

from .. import errors as E
from ..errors import AnnotationError
from ..io.readers import read_regular_file
from ..schema import LABELS, AnnotatedNotice, span_key


class Review(Enum):
    """Whether a record is gold: what every tool signals its own way, said one way."""

    GOLD = "gold"
    PENDING = "pending"  # predictions nobody reviewed: read only when predictions are asked for
    SKIPPED = "skipped"  # rejected, ignored, or nothing to read: never read


@dataclass(frozen=True)
class Record:
    """One record as its format holds it, before its spans are checked against the guide."""

    id: str
    text: str
    spans: list[Any]  # raw {start, end, label} dicts, in the format's order
    meta: dict[str, Any] = field(default_factory=dict)
    review: Review = Review.GOLD


class Sink:
    """Where a file's problems go: raised at once, or collected (``validate`` reports every
    problem of a file, up to ``limit``)."""

    def __init__(self, sink: list[str] | None = None, limit: int = 100):
        self.sink, self.limit = sink, limit

    def report(self, message: str) -> None:
        if self.sink is None:
            raise AnnotationError(message)
        if len(self.sink) < self.limit:
            self.sink.append(message)

    @property
    def full(self) -> bool:
        return self.sink is not None and len(self.sink) >= self.limit


RAISE = Sink()


class Format(Protocol):
    """One annotation tool's files.  ``read`` gives each record with the place it was read
    from (a problem in one record goes to ``errors`` and the rest are read); ``write`` gives
    the whole file's content (bytes when ``binary``).  A format that cannot be read or written
    sets ``readable`` or ``writable`` false; ``predictions`` says ``pre-annotate`` can write
    it (predictions to correct in the tool)."""

    name: str
    suffix: str  # what a directory of its files holds
    kind: str  # what the output rule (io/output.OWN) knows its files as, for --force
    binary: bool
    readable: bool
    writable: bool
    predictions: bool  # pre-annotate writes it

    def looks_like(self, obj: dict[str, Any]) -> str | None:
        """Why a JSON object is one of this format's records (for E014), or None."""

    def read(self, path: Path, errors: Sink, predictions: bool) -> list[tuple[Record, str]]: ...

    def write(
        self, notices: list[AnnotatedNotice], predictions: bool, model_version: str
    ) -> str | bytes: ...


def review_of(meta: dict[str, Any], where: str, predictions: bool) -> Review:
    """``reviewed: false`` (what ``pre-annotate`` writes in the line formats) is a
    pre-annotation nobody corrected: never gold by default, as the other tools' predictions
    are not (E017), read as such only when predictions are asked for."""
    if meta.get("reviewed") is not False:
        return Review.GOLD
    if not predictions:
        raise AnnotationError(E.E017.format(where=where))
    return Review.PENDING


def notice_id(value: Any, fallback: str, where: str) -> str:
    """A record's id as a string: 0 is an id, a missing or empty one takes the fallback."""
    if value is None or value == "":
        return fallback
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise AnnotationError(
            E.E002.format(where=where, field="id", expected="a string or an integer")
        )
    return str(value)


def text_of(obj: dict[str, Any], where: str, key: str = "text") -> str:
    text = obj.get(key)
    if not isinstance(text, str):
        raise AnnotationError(E.E002.format(where=where, field=key, expected="a string"))
    return text


def span_order(d: Any) -> tuple:
    """The one span order (schema.span_key), made total for raw dicts not yet validated."""
    if not isinstance(d, dict):
        return (1, (-1, 0, 0, 0))
    start, end, label = d.get("start"), d.get("end"), d.get("label")
    if isinstance(start, int) and isinstance(end, int) and label in LABELS:
        return (0, span_key(start, end, label))
    return (1, (start if isinstance(start, int) else -1, 0, 0, 0))


def read_lines(path: Path) -> list[str]:
    data = read_regular_file(path, AnnotationError)
    try:
        # only "\n" ends a JSON line: U+2028, U+0085 and friends are text (str.splitlines
        # would cut a notice that holds one)
        return [line.removesuffix("\r") for line in data.decode("utf-8-sig").split("\n")]
    except UnicodeDecodeError as exc:
        raise AnnotationError(E.E010.format(path=path, detail=exc)) from None


def parse_json(text: str, where: str) -> Any:
    """A JSON value, or E001 naming the place (a recursion or a huge integer included)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationError(E.E001.format(where=where, detail=exc.msg)) from None
    except RecursionError:
        raise AnnotationError(E.E001.format(where=where, detail="nested too deeply")) from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise AnnotationError(E.E001.format(where=where, detail=exc)) from None


class LineFormat:
    """A format of one JSON object per line (the guide, doccano, Prodigy): the subclass says
    how one object reads (``parse``) and writes (``export``)."""

    suffix = ".jsonl"
    kind = "annotations"
    binary = False
    readable = writable = predictions = True
    name = ""

    def looks_like(self, obj: dict[str, Any]) -> str | None:
        return None

    def parse(self, obj: dict[str, Any], where: str, fallback_id: str, predictions: bool) -> Record:
        raise NotImplementedError

    def export(self, notice: AnnotatedNotice, gold: bool) -> dict[str, Any]:
        raise NotImplementedError

    def read(self, path: Path, errors: Sink, predictions: bool) -> list[tuple[Record, str]]:
        lines = read_lines(path)
        first = next((x for x in lines if x.strip()), "")
        if first.lstrip().startswith("["):
            # one JSON array, not a line per record: a Label Studio export
            raise AnnotationError(
                E.E014.format(
                    where=path, looks="label-studio", why="a JSON array of tasks", fmt=self.name
                )
            )
        out = []
        for n, line in enumerate(lines, 1):
            if errors.full:
                break
            if not line.strip():
                continue
            where = f"{path}: line {n}"
            try:
                obj = parse_json(line, where)
                if not isinstance(obj, dict):
                    raise AnnotationError(E.E001.format(where=where, detail="not an object"))
                text_of(obj, where)
                out.append((self.parse(obj, where, f"{path.stem}-{n}", predictions), where))
            except AnnotationError as exc:
                errors.report(str(exc))
        return out

    def write(
        self, notices: Iterable[AnnotatedNotice], predictions: bool, model_version: str
    ) -> str:
        from ..io.encoding import dumps

        return "".join(dumps(self.export(n, not predictions)) + "\n" for n in notices)
