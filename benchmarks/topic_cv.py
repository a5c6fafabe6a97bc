"""The topic classifier alone, held out two ways, with the training code's own fit
(``fit_topics``) on the gold problems (wording, headings and measures as annotated): each
layout family (and each site of the organisation family, ``calibration_group_of``) in turn,
and 5 grouped folds by site.  Prints topic and area accuracy, and the ECE of
``topic_confidence`` (10 bins, against the topic being right) with the mean confidence: the
README's topic table.

    python benchmarks/topic_cv.py                                     # the default Config
    python benchmarks/topic_cv.py topic_area_weight=0                 # without the area's expert
    python benchmarks/topic_cv.py topic_measure_weight=0              # without the measures'
"""
import json
import sys
from pathlib import Path

import numpy as np

from rectify_nlp import Config, load_corpus
from rectify_nlp.evaluation.topics import gold_problems
from rectify_nlp.features.analysis import analyse
from rectify_nlp.models.topics import AREA_OF
from rectify_nlp.training.folds import calibration_group_of, grouped_folds
from rectify_nlp.training.topics import fit_topics

ROOT = Path(__file__).resolve().parents[1]


def ece(conf, hit, bins: int = 10) -> float:
    conf, hit = np.asarray(conf), np.asarray(hit, dtype=float)
    b = np.minimum((conf * bins).astype(int), bins - 1)
    return float(sum(abs(conf[b == k].mean() - hit[b == k].mean()) * (b == k).sum()
                     for k in range(bins) if (b == k).any()) / len(conf))


def main() -> None:
    settings = dict(a.split("=", 1) for a in sys.argv[1:])
    config = Config(**{k: float(v) for k, v in settings.items()})
    notices = load_corpus([ROOT / "annotations"])
    analyses = [analyse(n.text) for n in notices]
    by_layout = sorted({calibration_group_of(n) for n in notices})
    splits = {
        "layout": [[i for i, n in enumerate(notices) if calibration_group_of(n) == g]
                   for g in by_layout],
        "site, 5 folds": grouped_folds(notices, 5, config.seed),
    }
    out = {}
    for name, parts in splits.items():
        conf, hit, area_hit = [], [], []
        for part in parts:
            held = set(part)
            clf = fit_topics([n for i, n in enumerate(notices) if i not in held],
                             [a for i, a in enumerate(analyses) if i not in held], config)
            for i in part:
                rows = gold_problems(notices[i], analyses[i])
                if not rows or clf is None:
                    continue
                for (topic, p), (*_, gold) in zip(
                        clf.predict_problems([(w, c, m) for w, c, m, _ in rows]), rows):
                    conf.append(p)
                    hit.append(topic == gold)
                    area_hit.append(AREA_OF[topic] == AREA_OF[gold])
        out[name] = {"problems": len(hit), "topic": round(float(np.mean(hit)), 3),
                     "area": round(float(np.mean(area_hit)), 3), "ece": round(ece(conf, hit), 3),
                     "mean_confidence": round(float(np.mean(conf)), 3)}
        print(name, out[name], flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
