"""rectify_nlp: structured, source-grounded records from Chinese inspection-rectification notices.

    >>> import rectify_nlp
    >>> notice = rectify_nlp.extract(text)
    >>> notice.records[0].problem.text
"""
__version__ = "0.1.0"

from .annotations import load_corpus, read_annotations, write_annotations  # noqa: E402
from .extraction import extract, extract_many  # noqa: E402
from .model_io import load, save  # noqa: E402
from .scoring import cross_validate, evaluate  # noqa: E402
from .training import train  # noqa: E402
from .types import Notice, Record, Span  # noqa: E402



def to_frames(notices):
    """Tidy pandas DataFrames of extracted notices (see ``rectify_nlp.frames``).

    Imported on first use: pandas costs a second of start-up that ``extract`` does not need.
    """
    from .frames import to_frames as build
    return build(notices)


__all__ = ["extract", "extract_many", "to_frames", "load", "save", "train", "evaluate", "cross_validate",
           "read_annotations", "write_annotations", "load_corpus", "Notice", "Record", "Span",
           "__version__"]
