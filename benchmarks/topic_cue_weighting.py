"""How much a topic cue mention counts, chosen by nested cross-validation (README, "Cue words
by length"). For each held-out group of ``topic_cv.py``'s two splits (each layout family, and
5 folds by site), the training problems alone choose among five weightings by grouped folds of
their own (by site when layouts are held out, by layout when sites are); the chosen weighting
is then fitted on all the training problems and scored on the held-out group. Prints each
outer fold's inner hits per weighting and its choice, each split's nested accuracy, the inner
hits summed over all outer folds, and each weighting's own held-out accuracy.

    python benchmarks/topic_cue_weighting.py        # some 20 minutes on two cores

"once a word" is the previous release's counting: each cue word the string holds, once,
shorter cue words inside it again; the others read each mention longest first
(``models.topics.cue_mentions``) and count a mention of n characters as given; "n // 2" is
the shipped ``words_in``.
"""
import json
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from rectify_nlp import Config, load_corpus
from rectify_nlp.evaluation.topics import gold_problems
from rectify_nlp.features.analysis import analyse
from rectify_nlp.models import topics
from rectify_nlp.training.folds import calibration_group_of, grouped_folds
from rectify_nlp.training.topics import fit_topic_rows

ROOT = Path(__file__).resolve().parents[1]
LONGEST_FIRST = topics._mentions


def once_a_word(strings):
    # each word at its first place, so "in the first sentence" is read as before
    return [[(s.find(w), k) for k, (_, w) in enumerate(topics._LEXICON) if w in s]
            for s in strings]


WEIGHTINGS = {
    "once a word": (once_a_word, lambda w: 1),
    "n": (LONGEST_FIRST, len),
    "n - 1": (LONGEST_FIRST, lambda w: max(1, len(w) - 1)),
    "n // 2": (LONGEST_FIRST, lambda w: max(1, len(w) // 2)),
    "min(3, n - 1)": (LONGEST_FIRST, lambda w: min(3, max(1, len(w) - 1))),
}


def use(name):
    """The features count cue mentions as ``name`` says (``models.topics`` reads its finder
    and each word's counted strings when it builds a row)."""
    find, count = WEIGHTINGS[name]
    topics._mentions = find
    topics._COUNTED = topics.counted_strings(count)


def hits(name, rows, train, test, config):
    use(name)
    clf = fit_topic_rows([rows[i] for i in train], config)
    pred = clf.predict_problems([rows[i][:3] for i in test])
    return sum(t == rows[i][3] for (t, _), i in zip(pred, test))


def main() -> None:
    config = Config()
    notices = load_corpus([ROOT / "annotations"])
    site_fold = {i: k for k, part in enumerate(grouped_folds(notices, 5, config.seed))
                 for i in part}
    rows, layout, site = [], [], []
    for i, n in enumerate(notices):
        for row in gold_problems(n, analyse(n.text)):
            rows.append(row)
            layout.append(calibration_group_of(n))
            site.append(site_fold[i])
    splits = {"layout": (layout, site), "site, 5 folds": (site, layout)}
    summed = dict.fromkeys(WEIGHTINGS, 0)
    out = {}
    for split, (outer, inner_groups) in splits.items():
        nested = 0
        fixed = dict.fromkeys(WEIGHTINGS, 0)
        for g in sorted(set(outer)):
            test = [i for i, x in enumerate(outer) if x == g]
            train = np.array([i for i, x in enumerate(outer) if x != g])
            groups = [inner_groups[i] for i in train]
            inner = list(GroupKFold(min(5, len(set(groups)))).split(train, groups=groups))
            inner_hits = {name: sum(hits(name, rows, list(train[a]), list(train[b]), config)
                                    for a, b in inner) for name in WEIGHTINGS}
            for name in WEIGHTINGS:
                summed[name] += inner_hits[name]
                fixed[name] += hits(name, rows, list(train), test, config)
            best = max(WEIGHTINGS, key=lambda name: inner_hits[name])  # first of equals
            got = hits(best, rows, list(train), test, config)
            nested += got
            print(split, g, len(test), inner_hits, "->", best, got, flush=True)
        out[split] = {"nested": round(nested / len(rows), 3), "nested_hits": nested,
                      "fixed": {k: round(v / len(rows), 3) for k, v in fixed.items()}}
        print(split, out[split], flush=True)
    out["inner hits summed"] = summed
    use("n // 2")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
