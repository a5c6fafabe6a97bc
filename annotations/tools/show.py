"""Print a notice's clauses with offsets and the labels the review file gives them.

    python annotations/tools/show.py ID [START END]

Each line: ``start end [labels] clause`` where labels are the review file's spans that cover
the clause (P problem, M measure, S status) and those that match it exactly (metric,
deadline).  Use it to walk a notice clause by clause and check nothing is missing.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from rectify_nlp.text.normalise import normalise  # noqa: E402
from rectify_nlp.text.segment import clauses  # noqa: E402

nid = sys.argv[1]
lo = int(sys.argv[2]) if len(sys.argv) > 2 else 0
hi = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
text = (ROOT / "annotations" / "notices" / f"{nid}.txt").read_text(encoding="utf-8")
review = ROOT / "annotations" / "review"
files = sorted(review.glob(f"{nid}.part*.tsv")) or [review / f"{nid}.tsv"]
spans = []
for f in files:
    for line in f.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            s, lab, frag = line.split("\t")
            frag = frag.replace("\\n", "\n")
            s = int(s)
            if not text.startswith(frag, s):
                pos = text.find(frag)
                s = pos if pos >= 0 else s
            spans.append((s, s + len(frag), lab))
norm = normalise(text)
for c in clauses(norm):
    a, b = norm.to_original(c.start, c.end)
    if b <= lo or a >= hi:
        continue
    tags = ""
    for s, e, lab in spans:
        if lab in ("problem", "measure", "status") and s <= a and b <= e:
            tags += lab[0].upper()
        if lab in ("metric", "deadline") and (s, e) == (a, b):
            tags += {"metric": "m", "deadline": "d"}[lab]
        elif lab in ("metric", "deadline") and s < b and a < e:
            tags += {"metric": "m?", "deadline": "d?"}[lab]
    print(f"{a}\t{b}\t[{tags}]\t{text[a:b]!r}")
