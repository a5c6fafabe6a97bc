"""Turn the written-for-evaluation notices in annotations/heldout/ into guide JSONL.

    python annotations/tools/heldout.py        # writes annotations/heldout/heldout.jsonl

Each ``<id>.txt`` with its ``<id>.tsv`` (start, end, label, text) becomes one validated line.
They carry ``meta.split = "written"``, so cross-validation reports them apart from the real
corpus and the full notices; ``rectify-nlp cv annotations/*.jsonl annotations/real/`` leaves
them out altogether.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from rectify_nlp.io.annotations import validate_spans  # noqa: E402
from rectify_nlp.schema import span_key  # noqa: E402

HELDOUT = ROOT / "annotations" / "heldout"
lines = []
for txt in sorted(HELDOUT.glob("*.txt")):
    text = txt.read_text(encoding="utf-8")
    spans = []
    for n, line in enumerate(txt.with_suffix(".tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            start, end, label, frag = line.split("\t", 3)
            frag = frag.replace("\\n", "\n")
            if text[int(start):int(end)] != frag:
                sys.exit(f"{txt.stem}.tsv line {n}: text does not match offsets")
            spans.append({"start": int(start), "end": int(end), "label": label})
    spans.sort(key=lambda d: span_key(d["start"], d["end"], d["label"]))
    validate_spans(text, spans, f"{txt.stem}.tsv")
    lines.append(json.dumps({"id": txt.stem, "text": text, "spans": spans,
                             "meta": {"source": f"annotations/heldout/{txt.name}",
                                      "annotator": "written and annotated for evaluation", "reviewed": True,
                                      "split": "written"}},
                            ensure_ascii=False))
(HELDOUT / "heldout.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(lines)} notices to {HELDOUT / 'heldout.jsonl'}")
