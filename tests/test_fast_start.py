"""Extraction starts without scikit-learn and SciPy: a loaded model is NumPy arrays, and
prediction is a few products on them (training still imports both)."""
import json
import os
import subprocess
import sys

from tests.conftest import NOTICES, ROOT

SCRIPT = """
import json, sys
import rectify_nlp
from rectify_nlp.serialize import default_model
notice = rectify_nlp.extract(sys.argv[1])
raw = default_model().raw_spans(notice.text)
print(json.dumps({
    "heavy": sorted({m.split(".")[0] for m in sys.modules} & {"sklearn", "scipy", "pandas"}),
    "records": len(notice.records),
    "topics": sum(r.topic is not None for r in notice.records),
    "calibrated": sum(abs(a.confidence - b.confidence) > 1e-3 for a, b in zip(raw, notice.spans)),
}))
"""


def test_extract_imports_neither_sklearn_nor_scipy():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    path = str(NOTICES / "dongcheng-2023-xuncha.txt")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, path], capture_output=True, text=True, env=env, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["heavy"] == []
    # the topic classifier and the calibration maps ran in that process
    assert seen["records"] > 5 and seen["topics"] == seen["records"]
    assert seen["calibrated"] > 0


def test_training_is_still_there_on_demand():
    import rectify_nlp

    assert callable(rectify_nlp.train) and callable(rectify_nlp.cross_validate)
    from rectify_nlp import cross_validate, train  # noqa: F401
