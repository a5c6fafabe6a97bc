"""Agreement between the gold and an independent second annotation of excerpts.

    python annotations/tools/agreement.py

Reads annotations/agreement/<ID>.tsv (start, end, label, text) and scores it against
annotations/<ID>.jsonl over the excerpt's offset range, with the project's own scorer (F1 at
IoU >= 0.5 and exact), treating the gold as reference.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from rectify_nlp.evaluation.scorer import evaluate_spans  # noqa: E402
from rectify_nlp.io.annotations import read_annotations  # noqa: E402
from rectify_nlp.schema import LABELS, AnnotatedNotice, Span  # noqa: E402

RANGES = {"dongcheng-2026-xuncha": (1873, 4664), "dongcheng-2023-xuncha": (2082, 3067),
          "muye-2025-xunshi": (6468, 8625), "shifanqu-2025-xuncha": (3972, 5626)}  # 5626: the next problem starts with its quote
pred, gold = {}, {}
for nid, (lo, hi) in RANGES.items():
    g = read_annotations(ROOT / "annotations" / f"{nid}.jsonl")[0]
    second = []
    for line in (ROOT / "annotations" / "agreement" / f"{nid}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            s, e, lab, _ = line.split("\t", 3)
            second.append(Span(int(s), int(e), lab, g.text[int(s):int(e)]))
    gold[nid] = AnnotatedNotice(nid, g.text, tuple(s for s in g.spans if lo <= s.start < hi))
    pred[nid] = [s for s in second if lo <= s.start < hi]
r = evaluate_spans(pred, gold)
print(f"{'label':<10}{'n gold':>8}{'n second':>10}{'F1 IoU>=.5':>12}{'F1 exact':>10}")
for lab in LABELS:
    o, x = r.labels[lab]["overlap"], r.labels[lab]["exact"]
    print(f"{lab:<10}{o['tp'] + o['fn']:>8}{o['tp'] + o['fp']:>10}{o['f1']:>12.3f}{x['f1']:>10.3f}")
print(f"measure attachment {r.records['attachment']:.3f}")
if "-v" in sys.argv:
    for e in r.errors:
        print(e["notice"][:10], e["label"], e["kind"], e["context"].replace("\n", " "))
