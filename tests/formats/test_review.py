"""Whether a record is gold, said one way (formats.base.Review) for every tool's own signal:
an answer, finished annotations, ``meta.reviewed``.  Pre-annotations are read only when asked
for; rejected or empty tasks never."""
import json

import pytest

from rectify_nlp.errors import AnnotationError
from rectify_nlp.io.annotations import read_annotations

TEXT = "1.整改责任压得不实。\n完成情况:已完成"
SPAN = {"start": 2, "end": 10, "label": "problem"}
REGION = {"type": "labels", "value": {"start": 2, "end": 10, "labels": ["problem"]}}


def _ls(**task):
    return json.dumps([{"data": {"id": "t", "text": TEXT}, **task}], ensure_ascii=False)


def _line(**obj):
    return json.dumps({"id": "t", "text": TEXT, **obj}, ensure_ascii=False) + "\n"


# (format, file content, without predictions: spans read or the error, with predictions)
CASES = [
    ("guide", _line(spans=[SPAN]), 1, 1),
    ("guide", _line(spans=[SPAN], meta={"reviewed": False}), "E017", 1),
    ("prodigy", _line(spans=[SPAN], answer="accept"), 1, 1),
    ("prodigy", _line(spans=[SPAN]), "E016", 1),  # nobody answered: a pre-annotation
    ("prodigy", _line(spans=[SPAN], answer="reject"), "E011", "E011"),
    ("prodigy", _line(spans=[SPAN], answer="ignore"), "E011", "E011"),
    ("label-studio", _ls(annotations=[{"result": [REGION]}]), 1, 1),
    ("label-studio", _ls(predictions=[{"result": [REGION]}]), "E016", 1),
    ("label-studio", _ls(annotations=[{"result": [REGION], "was_cancelled": True}],
                         predictions=[{"result": []}]), "E016", 0),
    ("label-studio", _ls(), "E011", "E011"),  # nothing to read
]


@pytest.mark.parametrize("fmt, content, gold, predicted", CASES)
def test_gold_pending_and_skipped_records(tmp_path, fmt, content, gold, predicted):
    p = tmp_path / ("a.json" if fmt == "label-studio" else "a.jsonl")
    p.write_text(content, encoding="utf-8")
    for predictions, want in ((False, gold), (True, predicted)):
        if isinstance(want, str):
            with pytest.raises(AnnotationError, match=want):
                read_annotations(p, fmt, predictions=predictions)
        else:
            (n,) = read_annotations(p, fmt, predictions=predictions)
            assert len(n.spans) == want and n.id == "t"
