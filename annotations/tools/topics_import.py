"""Problem topics and notice metadata into the full and written notices' JSONL (plain Python).

    python annotations/tools/topics_import.py

``topics/gold.tsv`` (id, key = "start-end" of the problem span, topic; the adjudicated first
pass, see annotations/README.md) goes to ``meta.topics`` of ``annotations/<id>.jsonl`` and
``heldout/heldout.jsonl``; ``review/<id>.meta.json`` to ``meta.notice`` of the full notices.
The real corpus gets both from ``real_import.py``.
"""
import csv
import json
from pathlib import Path

ANN = Path(__file__).resolve().parents[1]


def main():
    topics = {}
    with open(ANN / "topics" / "gold.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            topics.setdefault(row["id"], {})[row["key"]] = row["topic"]
    for path in sorted(ANN.glob("*.jsonl")) + [ANN / "heldout" / "heldout.jsonl"]:
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            keys = {f"{s['start']}-{s['end']}" for s in rec["spans"] if s["label"] == "problem"}
            given = topics.get(rec["id"], {})
            if set(given) != keys:
                raise SystemExit(f"{rec['id']}: topics for {len(given)} of {len(keys)} problems")
            rec["meta"]["topics"] = given
            meta = ANN / "review" / f"{rec['id']}.meta.json"
            if meta.exists():
                rec["meta"]["notice"] = json.loads(meta.read_text(encoding="utf-8"))
            out.append(json.dumps(rec, ensure_ascii=False))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"{path.relative_to(ANN)}: {len(out)} notices")


if __name__ == "__main__":
    main()
