"""Annotation workflow helper (not part of the package).

    python annotations/tools/review.py draft ID      # rules draft -> annotations/review/ID.tsv
    python annotations/tools/review.py export ID     # annotations/ID.jsonl -> review/ID.tsv
    python annotations/tools/review.py import ID     # review/ID.tsv -> annotations/ID.jsonl (validated)

The review file is one span per line, in text order: ``start<TAB>label<TAB>text`` with line
breaks inside a span written as ``\\n``.  A reviewer edits labels and texts, deletes lines, and
adds lines; ``start`` is only a hint: the text is looked up at that offset first, then at the
nearest occurrence, so an added line may copy a neighbour's start.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from rectify_nlp.baseline import baseline_spans  # noqa: E402
from rectify_nlp.io.annotations import read_annotations, validate_spans  # noqa: E402
from rectify_nlp.schema import span_key  # noqa: E402

NOTICES = ROOT / "annotations" / "notices"
REVIEW = ROOT / "annotations" / "review"


def text_of(nid):
    return (NOTICES / f"{nid}.txt").read_text(encoding="utf-8")


def write_tsv(nid, spans):
    REVIEW.mkdir(exist_ok=True)
    lines = [f"{s.start}\t{s.label}\t{s.text.replace(chr(10), chr(92) + 'n')}" for s in spans]
    (REVIEW / f"{nid}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def resolve(text, hint, frag):
    if text.startswith(frag, hint):
        return hint
    best = None
    pos = text.find(frag)
    while pos != -1:
        if best is None or abs(pos - hint) < abs(best - hint):
            best = pos
        pos = text.find(frag, pos + 1)
    return best


def import_tsv(nid):
    text = text_of(nid)
    raw = []
    files = sorted(REVIEW.glob(f"{nid}.part*.tsv")) or [REVIEW / f"{nid}.tsv"]
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"review/{nid}.tsv line {n}: need start<TAB>label<TAB>text, got {len(parts)} fields")
        hint, label, frag = parts
        frag = frag.replace("\\n", "\n")
        start = resolve(text, int(hint), frag)
        if start is None:
            sys.exit(f"review/{nid}.tsv line {n}: text not found in the notice: {frag[:60]!r}")
        raw.append({"start": start, "end": start + len(frag), "label": label})
    raw.sort(key=lambda d: span_key(d["start"], d["end"], d["label"]))
    validate_spans(text, raw, f"review/{nid}.tsv")
    old = ROOT / "annotations" / f"{nid}.jsonl"
    meta = {"source": f"annotations/notices/{nid}.txt", "split": "full"}
    if old.exists():
        meta = read_annotations(old)[0].meta or meta
    rec = {"id": nid, "text": text, "spans": raw, "meta": meta}
    old.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = {}
    for d in raw:
        counts[d["label"]] = counts.get(d["label"], 0) + 1
    print(nid, counts)


def main():
    cmd, nid = sys.argv[1], sys.argv[2]
    if cmd == "draft":
        write_tsv(nid, baseline_spans(text_of(nid)))
    elif cmd == "export":
        write_tsv(nid, read_annotations(ROOT / "annotations" / f"{nid}.jsonl")[0].spans)
    elif cmd == "import":
        import_tsv(nid)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
