"""Layout cross-validation, one family at a time, printed as each fold ends.

    python benchmarks/layout_cv.py [--calibration-folds K] [--no-augment]

The same folds as ``rectify-nlp cv annotations/ --group-by layout`` (each family held out,
its renderings removed), with fewer calibration folds so that it fits a short session.
"""
import sys
import time

from rectify_nlp import Config, evaluate, load_corpus
from rectify_nlp.api import extract_text
from rectify_nlp.baseline import baseline_spans  # noqa: F401  (the cv command scores it too)
from rectify_nlp.training.fit import train
from rectify_nlp.training.folds import layout_of


def main():
    k = int(sys.argv[sys.argv.index("--calibration-folds") + 1]) if "--calibration-folds" in sys.argv else 2
    augment = "--no-augment" not in sys.argv
    notices = load_corpus(["annotations/"])
    families = sorted({layout_of(n) for n in notices})
    print(f"augment={augment} calibration_folds={k}", flush=True)
    for fam in families:
        t = time.time()
        held = [n for n in notices if layout_of(n) == fam]
        rest = [n for n in notices if layout_of(n) != fam]
        cfg = Config(calibration_folds=k, augment=augment, augment_exclude=[fam])
        model = train(rest, cfg)
        preds = [extract_text(n.text, model=model, id=n.id) for n in held]
        s = evaluate(preds, held).summary()
        lab = s["labels"]
        f1 = {str(x): lab[x]["overlap"]["f1"] for x in lab}
        print(f"{fam}\t{len(held)}\tproblem {f1.get('problem')}\tmeasure {f1.get('measure')}\t"
              f"status {f1.get('status')}\tece {s['calibration']['ece']}\t{time.time() - t:.0f}s",
              flush=True)


if __name__ == "__main__":
    main()
