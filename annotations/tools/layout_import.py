"""Layout families into every annotated notice's ``meta.layout`` (plain Python).

    python annotations/tools/layout_import.py     # after real_import.py / topics_import.py

``layouts.tsv`` names the family of every notice that reaches its problems (decided by reading
each one; the families are defined in annotations/README.md, "Layout families"); a notice not
listed ends before its first problem and is ``organisation``.
"""
import csv
import json
from pathlib import Path

ANN = Path(__file__).resolve().parents[1]
FAMILIES = ("field-blocks", "question-field", "inline", "status-sections", "quoted-heading",
            "three-level", "table", "findings-list", "organisation")


def main():
    with open(ANN / "layouts.tsv", encoding="utf-8") as f:
        layout = {row["id"]: row["layout"] for row in csv.DictReader(f, delimiter="\t")}
    bad = set(layout.values()) - set(FAMILIES)
    if bad:
        raise SystemExit(f"unknown families {sorted(bad)}")
    seen = set()
    paths = sorted(ANN.glob("*.jsonl")) + [ANN / "heldout" / "heldout.jsonl"]
    paths += sorted((ANN / "real").glob("real-*.jsonl"))
    for path in paths:
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            has_problem = any(s["label"] == "problem" for s in rec["spans"])
            fam = layout.get(rec["id"], "organisation")
            if has_problem and rec["id"] not in layout:
                raise SystemExit(f"{rec['id']} reaches its problems: give it a family in layouts.tsv")
            rec["meta"]["layout"] = fam
            seen.add(rec["id"])
            out.append(json.dumps(rec, ensure_ascii=False))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    missing = set(layout) - seen
    if missing:
        raise SystemExit(f"layouts.tsv names notices that do not exist: {sorted(missing)}")
    print(f"{len(seen)} notices tagged")


if __name__ == "__main__":
    main()
