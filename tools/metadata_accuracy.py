"""Per-field accuracy of the metadata reader on the notices with gold metadata files.

    PYTHONPATH=. python tools/metadata_accuracy.py [--errors] [--metadata-only]

Gold: tests/data/meta/<id>.meta.json (copies of annotations/real/pass1/real-NNN.meta.json and
annotations/review/<id>.meta.json); texts: annotations/real/notices/<id>.txt and
annotations/notices/<id>.txt.  By default each notice is extracted whole (the model decides
where the problems start, which bounds the counts); --metadata-only reads the text alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rectify_nlp.assemble.metadata import extract_metadata  # noqa: E402
from rectify_nlp.evaluation.metadata import score_metadata  # noqa: E402
from rectify_nlp.text.normalise import normalise  # noqa: E402

GOLD = ROOT / "tests" / "data" / "meta"
TEXTS = (ROOT / "annotations" / "real" / "notices", ROOT / "annotations" / "notices")


def corpus() -> list[tuple[str, str, dict]]:
    out = []
    for g in sorted(GOLD.glob("*.meta.json")):
        nid = g.name[: -len(".meta.json")]
        text = next((d / f"{nid}.txt" for d in TEXTS if (d / f"{nid}.txt").exists()), None)
        if text is not None:
            out.append((nid, text.read_text(encoding="utf-8"), json.loads(g.read_text("utf-8"))))
    return out


def predictions(items, metadata_only: bool):
    if metadata_only:
        return [(nid, extract_metadata(normalise(t)), g) for nid, t, g in items]
    import rectify_nlp

    return [(nid, rectify_nlp.extract(t, id=nid).metadata, g) for nid, t, g in items]


def main(argv: list[str]) -> int:
    items = corpus()
    report = score_metadata(predictions(items, "--metadata-only" in argv))
    real = score_metadata(
        (nid, p, g) for nid, p, g in predictions(
            [i for i in items if i[0].startswith("real-")], "--metadata-only" in argv)
    ) if "--split" in argv else None
    print(report.to_table())
    if real is not None:
        print("\nreal notices only\n" + real.to_table())
    if "--errors" in argv:
        for e in report.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
