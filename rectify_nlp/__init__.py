"""rectify_nlp: structured, source-grounded records from Chinese inspection-rectification notices.

>>> import rectify_nlp
>>> notice = rectify_nlp.extract(text)
>>> notice.records[0].problem.text
"""

from . import arguments
from ._version import __version__
from .api import extract, extract_many
from .baseline import baseline_spans
from .config import Config
from .decide.model import Model
from .errors import (
    AnnotationError,
    ArgumentError,
    ConfigError,
    InputError,
    MissingExtraError,
    ModelError,
    OutputError,
    RectifyError,
)
from .evaluation.scorer import evaluate
from .io.annotations import load_corpus, read_annotations, write_annotations
from .io.results import read_jsonl
from .metadata import Metadata
from .schema import AnnotatedNotice, DeadlineKind, Label, Notice, Record, Span, StatusValue
from .serialize import load, save


def __getattr__(name):
    """``train`` and ``cross_validate``, imported on first use: they need scikit-learn and
    SciPy, which extraction does not (a second of start-up)."""
    if name == "train":
        from .training.fit import train

        return train
    if name == "cross_validate":
        from .training.cross_validation import cross_validate

        return cross_validate
    raise AttributeError(f"module 'rectify_nlp' has no attribute {name!r}")


def to_frames(notices):
    """Tidy pandas DataFrames of extracted notices (``rectify_nlp.io.frames``).

    Imported on first use: pandas costs a second of start-up that ``extract`` does not need.
    """
    from .io.frames import to_frames as build

    return build(notices)


def to_html(notice):
    """A self-contained page: the text with highlighted spans beside the records table."""
    from .io.view import to_html as render

    if not isinstance(notice, Notice):
        raise arguments.refuse("notice", notice, "a Notice (from extract or read_jsonl)")
    return render(notice)


def report(notices):
    """One self-contained page comparing a batch of notices (``rectify_nlp.io.report``):
    charts per area and topic, completion, deadlines, measures; the notices that need a look;
    every record linked to its notice's view.  Needs the ``report`` extra (plotly)."""
    from .io.report import report as build

    return build(arguments.listed(notices, "notices", Notice, arguments.NOTICES))


__all__ = [
    "extract",
    "extract_many",
    "to_frames",
    "to_html",
    "report",
    "train",
    "cross_validate",
    "evaluate",
    "baseline_spans",
    "load",
    "save",
    "read_annotations",
    "write_annotations",
    "load_corpus",
    "read_jsonl",
    "Notice",
    "Record",
    "Span",
    "AnnotatedNotice",
    "Metadata",
    "Label",
    "StatusValue",
    "DeadlineKind",
    "Model",
    "Config",
    "RectifyError",
    "InputError",
    "AnnotationError",
    "ModelError",
    "OutputError",
    "ConfigError",
    "ArgumentError",
    "MissingExtraError",
    "__version__",
]
