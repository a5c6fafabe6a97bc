"""Annotation passes over the real corpus (not part of the package; needs only Python).

    python annotations/tools/real_pass.py lines ID              # the text, line by line, with offsets
    python annotations/tools/real_pass.py clauses ID PASS [A B] # the guide's clauses with offsets
    python annotations/tools/real_pass.py check ID PASS         # resolve and validate PASS/ID.tsv

ID is ``real-NNN``; PASS is a folder under annotations/real/ (``pass1``, ``pass2``, ``gold``).
A pass file ``annotations/real/PASS/ID.tsv`` has one span per line, in text order:
``label<TAB>text``, the text copied exactly from the notice, a line break inside a span written
as ``\\n``. Each line is looked up from the start of the previous span onwards, so spans must be
listed by their start (a metric inside a measure comes after that measure). Lines starting with
``#`` are comments. It is self-contained on purpose: annotators never run the model.
"""
import json
import re
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "real"
LABELS = ("problem", "measure", "status", "metric", "deadline")
# The guide's problem topics (section "Problem topics"); a problem line's third column.
TOPICS = ("study", "development", "ideology", "livelihood", "responsibility", "conduct", "integrity",
          "management", "leadership", "cadres", "grassroots", "rectification", "other")
STRUCTURE = ("problem", "measure", "status")
# The guide's clause delimiters; a line break ends a clause too.
CLAUSE_END = set("，,；;。：:！!？?\n")
SPACE = set(" \t\r\n\u3000\xa0")
# Punctuation that may not stand at a span's edge (guide, "Span edges").
EDGE_PUNCT = set("，,；;。：:！!？?、.·…—-~～ \t\r\n\u3000\xa0")
OPENERS = {"“": "”", "‘": "’", '"': '"', "《": "》", "（": "）", "(": ")", "【": "】", "「": "」"}
CLOSERS = {v: k for k, v in OPENERS.items()}


def notice_text(nid):
    return (REAL / "notices" / f"{nid}.txt").read_text(encoding="utf-8")


def clauses(text):
    out, start = [], 0
    for i, ch in enumerate(text + "\n"):
        if ch in CLAUSE_END:
            a, b = start, i
            while a < b and text[a] in SPACE:
                a += 1
            while b > a and text[b - 1] in SPACE:
                b -= 1
            if b > a:
                out.append((a, b))
            start = i + 1
    return out


def read_pass(nid, pass_dir):
    path = REAL / pass_dir / f"{nid}.tsv"
    text = notice_text(nid)
    spans, errors, cursor = [], [], 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        topic = None
        if len(parts) == 3 and parts[0].strip() == "problem":
            topic = parts[2].strip()
            if topic not in TOPICS:
                errors.append(f"line {n}: unknown topic {topic!r} (one of {', '.join(TOPICS)})")
                continue
        elif len(parts) != 2:
            errors.append(f"line {n}: need label<TAB>text (problem<TAB>text<TAB>topic), "
                          f"got {len(parts)} fields")
            continue
        label, frag = parts[0].strip(), parts[1].replace("\\n", "\n")
        if label not in LABELS:
            errors.append(f"line {n}: unknown label {label!r}")
            continue
        start = text.find(frag, cursor)
        if start < 0:
            where = "earlier in the text (out of order?)" if frag in text else "anywhere"
            errors.append(f"line {n}: text not found {where}: {frag[:40]!r}")
            continue
        cursor = start
        span = {"start": start, "end": start + len(frag), "label": label, "line": n}
        if topic:
            span["topic"] = topic
        spans.append(span)
    return text, spans, errors


def edge_errors(text, s):
    frag = text[s["start"]:s["end"]]
    out = []
    first, last = frag[0], frag[-1]
    if first in EDGE_PUNCT or (first in CLOSERS) or (first in OPENERS and OPENERS[first] not in frag[1:]):
        out.append(f"starts with {first!r}")
    if last in EDGE_PUNCT or (last in OPENERS and last not in CLOSERS) or (
            last in CLOSERS and CLOSERS[last] not in frag[:-1]):
        out.append(f"ends with {last!r}")
    return out


META_KEYS = {"issuer", "inspection_kind", "inspecting_body", "inspection_period", "feedback_date",
             "rectification_period", "publication_date", "counts", "contacts"}
COUNT_KEYS = {"problems_reported", "completed", "in_progress", "completion_rate"}
CONTACT_KEYS = {"phone", "email", "address"}


def meta_errors(nid, pass_dir):
    """The notice metadata file ``PASS/ID.meta.json`` (guide, "Notice metadata")."""
    path = REAL / pass_dir / f"{nid}.meta.json"
    if not path.exists():
        return [f"{path.name} missing (notice metadata; nulls where the text does not say)"]
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return [f"{path.name}: not JSON: {exc}"]
    out = []
    if set(meta) != META_KEYS:
        out.append(f"{path.name}: keys must be exactly {sorted(META_KEYS)}")
        return out
    iso = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

    def date_ok(v):
        return v is None or (isinstance(v, str) and iso.match(v))
    for k in ("feedback_date", "publication_date"):
        if not date_ok(meta[k]):
            out.append(f"{path.name}: {k} must be YYYY-MM-DD, YYYY-MM or null")
    for k in ("inspection_period", "rectification_period"):
        v = meta[k]
        if v is not None and not (isinstance(v, dict) and set(v) == {"start", "end"}
                                  and date_ok(v["start"]) and date_ok(v["end"])):
            out.append(f"{path.name}: {k} must be null or "
                       f"{{\"start\": date|null, \"end\": date|null}}")
    if meta["inspection_kind"] not in (None, "巡视", "巡察"):
        out.append(f"{path.name}: inspection_kind must be 巡视, 巡察 or null")
    if not isinstance(meta["counts"], dict) or set(meta["counts"]) != COUNT_KEYS:
        out.append(f"{path.name}: counts must have exactly {sorted(COUNT_KEYS)}")
    if not isinstance(meta["contacts"], dict) or set(meta["contacts"]) != CONTACT_KEYS:
        out.append(f"{path.name}: contacts must have exactly {sorted(CONTACT_KEYS)}")
    return out


def check(nid, pass_dir):
    text, spans, errors = read_pass(nid, pass_dir)
    clause_set = set(clauses(text))
    warnings = []
    for s in spans:
        errors += [f"line {s['line']}: {s['label']} {e}" for e in edge_errors(text, s)]
        if s["label"] in ("metric", "deadline") and (s["start"], s["end"]) not in clause_set:
            warnings.append(f"line {s['line']}: {s['label']} is not exactly one clause "
                            f"(ok only if an enumerator was cut off): {text[s['start']:s['end']][:40]!r}")
        if s["label"] == "problem" and "topic" not in s:
            errors.append(f"line {s['line']}: problem needs a topic (third column)")
    errors += meta_errors(nid, pass_dir)
    struct = sorted((s for s in spans if s["label"] in STRUCTURE), key=lambda s: s["start"])
    for a, b in zip(struct, struct[1:]):
        if b["start"] < a["end"]:
            errors.append(f"lines {a['line']} and {b['line']}: structure spans overlap")
    seen = set()
    for s in spans:
        key = (s["start"], s["end"], s["label"])
        if key in seen:
            errors.append(f"line {s['line']}: duplicate span")
        seen.add(key)
    counts = {lab: sum(s["label"] == lab for s in spans) for lab in LABELS}
    for s in spans:
        print(f"{s['start']}\t{s['end']}\t{s['label']}\t{text[s['start']:s['end']]!r}")
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print(json.dumps({"id": nid, "pass": pass_dir, "counts": counts, "errors": len(errors)},
                     ensure_ascii=False))
    return not errors


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd, nid = sys.argv[1], sys.argv[2]
    text = notice_text(nid)
    if cmd == "lines":
        pos = 0
        for line in text.split("\n"):
            print(f"{pos}\t{line}")
            pos += len(line) + 1
    elif cmd == "clauses":
        pass_dir = sys.argv[3] if len(sys.argv) > 3 else None
        lo = int(sys.argv[4]) if len(sys.argv) > 4 else 0
        hi = int(sys.argv[5]) if len(sys.argv) > 5 else len(text)
        spans = []
        if pass_dir and (REAL / pass_dir / f"{nid}.tsv").exists():
            spans = read_pass(nid, pass_dir)[1]
        for a, b in clauses(text):
            if b <= lo or a >= hi:
                continue
            tags = ""
            for s in spans:
                if s["label"] in STRUCTURE and s["start"] <= a and b <= s["end"]:
                    tags += s["label"][0].upper()
                elif s["label"] not in STRUCTURE and (s["start"], s["end"]) == (a, b):
                    tags += s["label"][0]
                elif s["label"] not in STRUCTURE and s["start"] < b and a < s["end"]:
                    tags += s["label"][0] + "?"
            print(f"{a}\t{b}\t[{tags}]\t{text[a:b]}")
    elif cmd == "check":
        sys.exit(0 if check(nid, sys.argv[3]) else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
