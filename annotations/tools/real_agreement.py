"""Agreement of two independent passes over the real corpus, per label (plain Python).

    python annotations/tools/real_agreement.py A B [--diff FILE]

A and B are pass folders under annotations/real/ (``pass1``, ``pass2``, ``gold``); every
notice that B holds is compared, A as reference. Matching is one-to-one within a label, at
IoU >= 0.5 ("overlap") and on identical offsets ("exact"), as the package's scorer does.
"""
import sys

from real_pass import LABELS, REAL, read_pass


def iou(a, b):
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return inter / (max(a["end"], b["end"]) - min(a["start"], b["start"])) if inter > 0 else 0.0


def match(p, g, thr):
    pairs = sorted(((-iou(x, y), i, j) for i, x in enumerate(p) for j, y in enumerate(g)
                    if iou(x, y) >= thr - 1e-12), key=lambda t: t)
    used_p, used_g, out = set(), set(), {}
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            out[i] = j
            used_p.add(i)
            used_g.add(j)
    return out


def main():
    a_dir, b_dir = sys.argv[1], sys.argv[2]
    diff_path = sys.argv[sys.argv.index("--diff") + 1] if "--diff" in sys.argv else None
    ids = sorted(p.stem for p in (REAL / b_dir).glob("real-*.tsv"))
    counts = {lab: {"overlap": [0, 0, 0], "exact": [0, 0, 0], "a": 0, "b": 0} for lab in LABELS}
    diffs = []
    for nid in ids:
        text, a_spans, _ = read_pass(nid, a_dir)
        _, b_spans, _ = read_pass(nid, b_dir)
        for lab in LABELS:
            a = [s for s in a_spans if s["label"] == lab]
            b = [s for s in b_spans if s["label"] == lab]
            counts[lab]["a"] += len(a)
            counts[lab]["b"] += len(b)
            for mode, thr in (("overlap", 0.5), ("exact", 1.0)):
                m = match(b, a, thr)
                c = counts[lab][mode]
                c[0] += len(m)
                c[1] += len(b) - len(m)
                c[2] += len(a) - len(m)
                if mode == "exact":
                    for i, s in enumerate(b):
                        if i not in m:
                            diffs.append(f"{nid}\t{lab}\tonly {b_dir}\t{s['start']}\t{text[s['start']:s['end']]!r}")
                    hit = set(m.values())
                    for j, s in enumerate(a):
                        if j not in hit:
                            diffs.append(f"{nid}\t{lab}\tonly {a_dir}\t{s['start']}\t{text[s['start']:s['end']]!r}")
    print(f"{len(ids)} notices; {a_dir} as reference")
    print(f"| label | {a_dir} | {b_dir} | F1 (IoU >= 0.5) | F1 (exact) |")
    print("|---|---:|---:|---:|---:|")
    for lab in LABELS:
        row = [lab, str(counts[lab]["a"]), str(counts[lab]["b"])]
        for mode in ("overlap", "exact"):
            tp, fp, fn = counts[lab][mode]
            row.append(f"{2 * tp / (2 * tp + fp + fn):.3f}" if tp + fp + fn else "n/a")
        print("| " + " | ".join(row) + " |")
    if diff_path:
        with open(diff_path, "w", encoding="utf-8") as f:
            f.write("\n".join(diffs) + "\n")


if __name__ == "__main__":
    main()
