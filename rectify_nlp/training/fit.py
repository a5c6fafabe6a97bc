"""Fitting a model: estimators on aligned targets, calibration on grouped folds, the card."""

from __future__ import annotations

import hashlib
from typing import Callable, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from .. import arguments
from .. import errors as E
from .._version import __version__
from ..config import Config, feature_hash
from ..decide.model import Model
from ..decide.propose import UNIT_LABELS
from ..errors import RectifyError
from ..evaluation.scorer import evaluate_spans, match_spans
from ..features.analysis import Analysis, analyse
from ..features.canary import canary_digest
from ..features.vocabulary import Vocabulary
from ..models.calibration import Calibrator
from ..models.crf import CRFTagger
from ..models.linear import LinearClassifier
from ..models.sequence import SequenceTagger
from ..schema import DETAIL_LABELS, LABELS, AnnotatedNotice, Span
from .align import clause_targets, unit_targets
from .augment import LAYOUT_FAMILIES, augment
from .folds import calibration_group_of, grouped_folds, layout_of
from .topics import fit_topics

Progress = Callable[[str], None] | None

# What train and cross_validate say to a caller who passed something else (a path, most often).
TRAINING_NOTICES = (
    "AnnotatedNotice objects, e.g. rectify_nlp.load_corpus([path]) for annotation files"
)


def fit_estimators(
    analyses: Sequence[Analysis], golds: Sequence[Sequence[Span]], config: Config
) -> Model:
    """An uncalibrated model fitted on analysed notices and their gold spans."""
    if not analyses or not any(len(a.units) for a in analyses):
        raise RectifyError(E.E041.format(detail="the annotations hold no text"))
    # the vocabulary is every feature the training text shows; what only new text shows has
    # no weight, so it is dropped at prediction
    rows = [f for a in analyses for f in a.unit_feature_rows()]
    unit_vocabulary = Vocabulary.fit(rows)
    X = unit_vocabulary.rows(rows).to_csr()
    y = np.concatenate([unit_targets(a, g) for a, g in zip(analyses, golds)])
    if config.tagger == "crf":
        tagger = CRFTagger(c2=config.c2_units, labels=UNIT_LABELS, random_state=config.seed)
    else:
        tagger = SequenceTagger(
            C=config.C_units,
            transition_weight=config.transition_weight,
            labels=UNIT_LABELS,
            random_state=config.seed,
        )
    tagger.fit(X, y, lengths=[len(a.units) for a in analyses])
    rows = [f for a in analyses for f in a.clause_feature_rows()]
    clause_vocabulary = Vocabulary.fit(rows)
    Xc = clause_vocabulary.rows(rows).to_csr()
    detail = {}
    for label in DETAIL_LABELS:
        yc = np.concatenate([clause_targets(a, g, label) for a, g in zip(analyses, golds)])
        detail[label] = LinearClassifier(
            C=config.C_clauses, classes=(0, 1), random_state=config.seed
        ).fit(Xc, yc)
    return Model(tagger, detail, unit_vocabulary, clause_vocabulary, config)


def renderings(notices: Sequence[AnnotatedNotice], config: Config) -> list[AnnotatedNotice]:
    """The layout renderings ``config`` asks for (none when ``augment`` is off)."""
    if not config.augment or config.augment_per_notice < 1:
        return []
    families = [f for f in LAYOUT_FAMILIES if f not in set(config.augment_exclude)]
    return augment(notices, families, config.augment_per_notice, config.seed)


def fit_with_renderings(
    notices: Sequence[AnnotatedNotice], analyses: Sequence[Analysis], config: Config
) -> Model:
    """Estimators fitted on the notices and on their renderings into other layouts."""
    extra = renderings(notices, config)
    return fit_estimators(
        list(analyses) + [analyse(r.text) for r in extra],
        [n.spans for n in notices] + [r.spans for r in extra],
        config,
    )


def fold_predictions(
    notices: Sequence[AnnotatedNotice],
    analyses: Sequence[Analysis],
    config: Config,
    folds: list[list[int]],
    progress: Progress = None,
) -> list[list[Span]]:
    """Raw spans of every notice, predicted by a model fitted without that notice's fold
    (nor renderings of it)."""
    preds: list[list[Span]] = [[] for _ in notices]
    for f, held in enumerate(folds):
        if progress:
            progress(f"calibration fold {f + 1}/{len(folds)}: {len(held)} notices held out")
        rest = [i for i in range(len(notices)) if i not in set(held)]
        if not rest:
            continue
        # the held-out layouts are not rendered either: confidence is measured on layouts
        # the fold's model has never seen (calibration_group_of)
        unseen = {layout_of(notices[i]) for i in held} & set(LAYOUT_FAMILIES)
        fold_config = config.replace(augment_exclude=sorted({*config.augment_exclude, *unseen}))
        model = fit_with_renderings(
            [notices[i] for i in rest], [analyses[i] for i in rest], fold_config
        )
        for i in held:
            preds[i] = model.raw_spans(notices[i].text, analyses[i])
    return preds


def fit_calibrators(
    notices: Sequence[AnnotatedNotice], raw_preds: Sequence[Sequence[Span]]
) -> dict:
    out = {}
    for label in LABELS:
        scores, correct = [], []
        for n, pred in zip(notices, raw_preds):
            p = [s for s in pred if s.label == label]
            g = [s for s in n.spans if s.label == label]
            hits = match_spans(p, g)
            for k, s in enumerate(p):
                scores.append(s.confidence)
                correct.append(k in hits)
        if scores:
            out[label] = Calibrator().fit(np.array(scores)[:, None], np.array(correct, dtype=float))
    return out


def corpus_hash(n: AnnotatedNotice) -> str:
    h = hashlib.sha256(n.text.encode("utf-8"))
    for s in n.spans:
        h.update(f"{s.start}:{s.end}:{s.label};".encode())
    return h.hexdigest()


def train(
    notices: Sequence[AnnotatedNotice],
    config: Config | None = None,
    progress: Progress = None,
    seed: int | None = None,
) -> Model:
    """Fit a model on annotated notices; calibrate it on ``config.calibration_folds`` grouped
    folds (so training time grows linearly with the corpus).

    Deterministic: lbfgs draws nothing, folds are fixed by the seed, and BLAS runs on one
    thread while fitting, so the same data give byte-identical model files on a machine.
    ``notices`` are ``AnnotatedNotice`` objects (``load_corpus`` reads files); ``config`` a
    ``Config`` or a dict of its settings.
    """
    notices = arguments.listed(notices, "notices", AnnotatedNotice, TRAINING_NOTICES)
    config = arguments.config(config) or Config()
    arguments.progress(progress)
    if seed is not None:
        config = config.replace(seed=seed)
    if not notices:
        raise RectifyError(E.E041.format(detail="no annotated notice was given"))
    if not any(n.spans for n in notices):
        raise RectifyError(E.E041_NO_SPAN)
    with threadpool_limits(limits=1):
        if progress:
            progress(f"analysing {len(notices)} notices")
        analyses = [analyse(n.text) for n in notices]
        folds = grouped_folds(
            notices, config.calibration_folds, config.seed, group=calibration_group_of
        )
        raw: list[list[Span]] = []
        if len(folds) >= 2:
            raw = fold_predictions(notices, analyses, config, folds, progress)
        if progress:
            progress("fitting the final model on all notices")
        model = fit_with_renderings(notices, analyses, config)
        model.calibrators = fit_calibrators(notices, raw) if raw else {}
        if progress:
            progress("fitting the topic classifier")
        model.topics = fit_topics(notices, analyses, config)
    model.card = {
        "library_version": __version__,
        "feature_hash": feature_hash(),
        "feature_canary": canary_digest(),
        "labels": [str(lab) for lab in LABELS],
        "training_notices": [
            {"id": n.id, "sha256": corpus_hash(n), "spans": len(n.spans)} for n in notices
        ],
    }
    if raw:
        cal = [model.calibrate(p) for p in raw]
        model.card["calibration_folds"] = evaluate_spans(
            {n.id: p for n, p in zip(notices, cal)}, {n.id: n for n in notices}
        ).summary()
    return model
