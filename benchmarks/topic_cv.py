"""Topic classifier alone, leave-one-group-out over the gold problems (wording, headings and
measures as annotated), with the training code's own fit:

    python benchmarks/topic_cv.py                  # the default Config
    python benchmarks/topic_cv.py 0 0              # topic_measure_weight, topic_area_weight
"""
import sys

from rectify_nlp import Config, load_corpus
from rectify_nlp.features.analysis import analyse
from rectify_nlp.models.topics import AREA_OF
from rectify_nlp.evaluation.topics import gold_problems
from rectify_nlp.training.topics import fit_topic_rows

ns = load_corpus(["annotations/"])
rows = []
for n in ns:
    a = analyse(n.text)
    for r in gold_problems(n, a):
        rows.append((n.meta.get("group") or n.id, r))
config = Config()
if len(sys.argv) > 2:
    config = config.replace(
        topic_measure_weight=float(sys.argv[1]), topic_area_weight=float(sys.argv[2])
    )
groups = sorted({g for g, _ in rows})
tc = ac = 0
for g in groups:
    clf = fit_topic_rows([r for h, r in rows if h != g], config)
    te = [r for h, r in rows if h == g]
    pr = clf.predict_problems([(w, c, m) for w, c, m, _ in te])
    tc += sum(p == r[-1] for (p, _), r in zip(pr, te))
    ac += sum(AREA_OF[p] == AREA_OF[r[-1]] for (p, _), r in zip(pr, te))
print(
    config.topic_measure_weight, config.topic_area_weight, len(rows),
    "leave-one-group-out topic", round(tc / len(rows), 3), "area", round(ac / len(rows), 3),
)
