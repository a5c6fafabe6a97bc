"""Training: align gold spans to units and clauses, fit the classifiers, calibrate on folds."""
from __future__ import annotations

import hashlib
from typing import Callable, Iterable

import numpy as np

from . import __version__
from . import errors as E
from .errors import RectifyError
from .model import Model
from .pipeline import Analysis, analyse
from .scoring import match_spans
from .tagger import Calibrator, LinearClassifier, SequenceTagger, UNIT_LABELS
from .types import DETAIL_LABELS, LABELS, STRUCTURE_LABELS, AnnotatedNotice, Span

# Hyper-parameters chosen by leave-one-notice-out cross-validation on annotations/ (README).
DEFAULTS = {"C_units": 0.5, "C_clauses": 2.0, "transition_weight": 0.3,
            "thresholds": {"metric": 0.5, "deadline": 0.5}}


def unit_targets(a: Analysis, gold: Iterable[Span]) -> np.ndarray:
    """BIO index per content unit from the gold structure spans."""
    spans = [s for s in gold if s.label in STRUCTURE_LABELS]
    y = np.zeros(len(a.units), dtype=int)
    idx = a.norm.index
    j = 0
    for k, u in enumerate(a.units):
        u_start, core_s = idx[u.start], idx[u.core_start]
        core_e = idx[u.core_end - 1] + 1
        while j < len(spans) and spans[j].end <= core_s:
            j += 1
        if j < len(spans) and spans[j].start < core_e:
            s = spans[j]
            tag = "B" if s.start >= u_start else "I"
            y[k] = UNIT_LABELS.index(f"{tag}-{s.label}")
    return y


def clause_targets(a: Analysis, gold: Iterable[Span], label: str) -> np.ndarray:
    spans = [s for s in gold if s.label == label]
    idx = a.norm.index
    y = np.zeros(len(a.clauses), dtype=int)
    j = 0
    for k, c in enumerate(a.clauses):
        cs, ce = idx[c.start], idx[c.end - 1] + 1
        while j < len(spans) and spans[j].end <= cs:
            j += 1
        for s in spans[j:j + 3]:
            inter = min(ce, s.end) - max(cs, s.start)
            if inter > 0 and inter / (max(ce, s.end) - min(cs, s.start)) >= 0.5:
                y[k] = 1
    return y


def _fit(analyses: list[Analysis], golds: list[tuple[Span, ...]], params: dict) -> Model:
    if not analyses or not any(len(a.units) for a in analyses):
        raise RectifyError(E.E041.format(detail="the annotations hold no text"))
    tagger = SequenceTagger(C=params["C_units"], transition_weight=params["transition_weight"])
    tagger.fit([a.unit_matrix() for a in analyses], [unit_targets(a, g) for a, g in zip(analyses, golds)])
    from scipy import sparse
    X = sparse.vstack([a.clause_matrix() for a in analyses]).tocsr()
    detail = {}
    for label in DETAIL_LABELS:
        y = np.concatenate([clause_targets(a, g, label) for a, g in zip(analyses, golds)])
        detail[label] = LinearClassifier(C=params["C_clauses"]).fit(X, y, 2)
    return Model(tagger, detail, thresholds=dict(params["thresholds"]))


def cross_validate_raw(notices: list[AnnotatedNotice], analyses: list[Analysis], params: dict,
                       progress: Callable[[str], None] | None = None) -> list[list[Span]]:
    """Leave-one-notice-out raw predictions: element i was predicted by a model without notice i."""
    preds = []
    for i, n in enumerate(notices):
        if progress:
            progress(f"fold {i + 1}/{len(notices)}: held out {n.id}")
        rest = [k for k in range(len(notices)) if k != i]
        model = _fit([analyses[k] for k in rest], [notices[k].spans for k in rest], params)
        preds.append(model.raw_spans(n.text, analyses[i]))
    return preds


def fit_calibrators(notices: list[AnnotatedNotice], raw_preds: list[list[Span]]) -> dict[str, Calibrator]:
    out = {}
    for label in LABELS:
        scores, correct = [], []
        for n, pred in zip(notices, raw_preds):
            p = [s for s in pred if s.label == label]
            g = [s for s in n.spans if s.label == label]
            hits = match_spans(p, g, 0.5)
            for k, s in enumerate(p):
                scores.append(s.confidence)
                correct.append(k in hits)
        if scores:
            out[label] = Calibrator().fit(np.array(scores), np.array(correct, dtype=float))
    return out


def corpus_hash(n: AnnotatedNotice) -> str:
    h = hashlib.sha256(n.text.encode("utf-8"))
    for s in n.spans:
        h.update(f"{s.start}:{s.end}:{s.label};".encode())
    return h.hexdigest()


def train(notices: list[AnnotatedNotice], seed: int = 0, params: dict | None = None,
          progress: Callable[[str], None] | None = None) -> Model:
    """Fit a model on annotated notices; calibrate it on leave-one-notice-out folds.

    Deterministic: lbfgs has no randomness, and ``seed`` is recorded in the model card and
    seeds numpy for anything that might draw.
    """
    np.random.seed(seed)
    params = {**DEFAULTS, **(params or {})}
    if not notices:
        raise RectifyError(E.E041.format(detail="no annotated notice was given"))
    if progress:
        progress(f"analysing {len(notices)} notices")
    analyses = [analyse(n.text) for n in notices]
    calibrators: dict[str, Calibrator] = {}
    cv_raw: list[list[Span]] = []
    if len(notices) >= 2:
        cv_raw = cross_validate_raw(notices, analyses, params, progress)
        calibrators = fit_calibrators(notices, cv_raw)
    if progress:
        progress("fitting the final model on all notices")
    model = _fit(analyses, [n.spans for n in notices], params)
    model.calibrators = calibrators
    model.card = {
        "library_version": __version__,
        "seed": seed,
        "params": params,
        "labels": list(LABELS),
        "training_notices": [{"id": n.id, "sha256": corpus_hash(n), "spans": len(n.spans)} for n in notices],
    }
    if cv_raw:
        from .scoring import evaluate_spans
        cal = [model.calibrate(p) for p in cv_raw]
        model.card["cross_validation"] = evaluate_spans(
            {n.id: p for n, p in zip(notices, cal)}, {n.id: n for n in notices}).summary()
    return model
