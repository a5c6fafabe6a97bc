"""formats/doccano.py: sequence labelling's ``label`` lists read in the one span order."""
import json

from rectify_nlp.io.annotations import read_annotations

from ..io.test_annotations import TEXT, good_spans


def test_doccano_import_sorts_and_validates(tmp_path):
    p = tmp_path / "d.jsonl"
    s = good_spans()
    labels = [[x["start"], x["end"], x["label"]] for x in reversed(s)]
    p.write_text(json.dumps({"id": "d1", "text": TEXT, "label": labels}, ensure_ascii=False) + "\n", encoding="utf-8")
    back = read_annotations(p, "doccano")
    assert [x.label for x in back[0].spans][0] == "problem"
