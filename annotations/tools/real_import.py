"""Adjudicated passes of the real corpus to guide JSONL (spans, problem topics, notice metadata),
validated by the package.

    python annotations/tools/real_import.py        # gold/*.tsv -> annotations/real/real-NNN.jsonl

Each notice's text is ``notices/real-NNN.txt`` (the page text after the corpus file's URL line
and blank line, final newline stripped, otherwise unaltered); its spans are ``gold/real-NNN.tsv``
(see real_pass.py); ``meta.source`` is the page's URL, ``meta.group`` the publishing site (so
grouped folds keep one site's layouts together) and ``meta.split`` is ``real``.
"""
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

from real_pass import REAL, read_pass

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from rectify_nlp.io.annotations import validate_spans  # noqa: E402
from rectify_nlp.schema import span_key  # noqa: E402

ANNOTATOR = {range(1, 15): "A", range(15, 29): "B", range(29, 43): "C", range(43, 57): "D", range(57, 70): "E",
             range(70, 90): "F", range(90, 110): "G", range(110, 130): "H", range(130, 150): "I"}


def main():
    sources = json.loads((REAL / "sources.json").read_text(encoding="utf-8"))
    second = {p.stem for p in (REAL / "pass2").glob("real-*.tsv")}
    for tsv in sorted((REAL / "gold").glob("real-*.tsv")):
        nid = tsv.stem
        text, spans, errors = read_pass(nid, "gold")
        if errors:
            sys.exit(f"{tsv}: {errors[0]}")
        raw = sorted(({"start": s["start"], "end": s["end"], "label": s["label"]} for s in spans),
                     key=lambda d: span_key(d["start"], d["end"], d["label"]))
        validate_spans(text, raw, str(tsv))
        url = sources[nid]
        num = int(nid.split("-")[1])
        who = next(v for k, v in ANNOTATOR.items() if num in k)
        meta = {"source": url, "annotator": f"pass1-{who}", "second_pass": nid in second, "reviewed": True,
                "split": "real", "group": urlparse(url).hostname or nid,
                "topics": {f"{s['start']}-{s['end']}": s["topic"] for s in spans if s.get("topic")},
                "notice": json.loads((REAL / "gold" / f"{nid}.meta.json").read_text(encoding="utf-8"))}
        rec = {"id": nid, "text": text, "spans": raw, "meta": meta}
        (REAL / f"{nid}.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(list((REAL / 'gold').glob('real-*.tsv')))} notices to {REAL}")


if __name__ == "__main__":
    main()
