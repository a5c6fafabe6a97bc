"""Layout cross-validation with fewer calibration folds, to fit a short session.

    python benchmarks/layout_cv.py [--calibration-folds K]

The folds of ``rectify-nlp cv annotations/ --group-by layout`` (each family held out, its
renderings removed), with K calibration folds (default 2) instead of the model's 5.
"""
import sys

from rectify_nlp import Config, load_corpus
from rectify_nlp.training.cross_validation import cross_validate


def main():
    args = sys.argv[1:]
    k = int(args[args.index("--calibration-folds") + 1]) if "--calibration-folds" in args else 2
    report = cross_validate(
        load_corpus(["annotations/"]),
        config=Config(calibration_folds=k),
        group_by="layout",
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    print(report.to_table())


if __name__ == "__main__":
    main()
