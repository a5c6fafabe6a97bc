"""Topics on wordings no annotated notice has: 72 problems (6 a topic: 2 bare titles, 2 with a
description, 2 worded without the topic's obvious words or with another topic's words in
passing) written from the guide's topic table alone by a helper who saw no annotation, no code
and no word list (``benchmarks/topic-probe.tsv``: topic, kind, problem). Each is classified
by its wording alone, with no group heading and no measures, so the figure is a floor for what
headings and measures add. It is a check, not a development set: nothing was tuned on it.

    python benchmarks/topic_probe.py [MODEL_DIR]      # the shipped model by default
"""
import sys
from collections import Counter
from pathlib import Path

from rectify_nlp.models.topics import AREA_OF
from rectify_nlp.serialize import default_model, load
from rectify_nlp.text.normalise import normalise

PROBE = Path(__file__).with_name("topic-probe.tsv")


def main() -> None:
    model = load(sys.argv[1]) if len(sys.argv) > 1 else default_model()
    rows = [line.rstrip("\n").split("\t") for line in PROBE.open(encoding="utf-8") if line.strip()]
    got = model.topics.predict_problems([(normalise(text).text, (), ()) for _, _, text in rows])
    right, of, area = Counter(), Counter(), 0
    for (topic, kind, text), (predicted, confidence) in zip(rows, got):
        of[kind] += 1
        right[kind] += predicted == topic
        area += AREA_OF[predicted] == AREA_OF[topic]
        if predicted != topic:
            print(f"{topic} read as {predicted} ({confidence:.2f}): {text}")
    print(f"topics {sum(right.values())}/{len(rows)}, areas {area}/{len(rows)}; "
          + ", ".join(f"{k} {right[k]}/{of[k]}" for k in sorted(of)))


if __name__ == "__main__":
    main()
