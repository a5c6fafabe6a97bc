"""Span, record and calibration metrics: the one scorer every figure in the README comes from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import numpy as np

from .. import arguments
from .. import errors as E
from ..errors import RectifyError
from ..schema import LABELS, AnnotatedNotice, Label, Notice, Span, sort_spans
from .metadata import MetadataReport, gold_metadata
from .topics import extracted_topics, topic_lines

IOU = 0.5  # the issue's matching threshold for "overlap" scores
ECE_BINS = 10


def iou(a: Span, b: Span) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / (max(a.end, b.end) - min(a.start, b.start))


def match_spans(pred: list[Span], gold: list[Span], threshold: float = IOU) -> dict[int, int]:
    """One-to-one matching, best overlaps first: {pred index: gold index}.

    ``threshold=1.0`` means exact offsets.  Labels are not compared here; callers pass spans
    of one label.
    """
    pairs = []
    gi = 0
    gold_sorted = sorted(range(len(gold)), key=lambda k: gold[k].start)
    for pk, p in enumerate(pred):
        for gk in gold_sorted[gi:]:
            g = gold[gk]
            if g.start >= p.end:
                break
            v = iou(p, g)
            if v >= threshold - 1e-12:
                pairs.append((-v, pk, gk))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = {}
    for _, pk, gk in pairs:
        if pk not in used_p and gk not in used_g:
            out[pk] = gk
            used_p.add(pk)
            used_g.add(gk)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def owners(spans: list[Span]) -> list[int | None]:
    """For each span, the index (in ``spans``) of the problem that owns it (the guide's rule:
    a problem owns what follows it up to the next problem; before the first, the notice)."""
    out: list[int | None] = []
    current = None
    for k, s in enumerate(spans):
        if s.label == Label.problem:
            current = k
            out.append(k)
        else:
            out.append(current)
    return out


@dataclass
class Report:
    labels: dict[str, dict[str, dict[str, float]]]
    records: dict[str, float]
    calibration: dict[str, Any]
    per_notice: dict[str, dict[str, float]]
    errors: list[dict[str, Any]] = field(default_factory=list)
    # per-field metadata accuracy, over the gold notices that carry meta["notice"]
    metadata: MetadataReport | None = None
    # topic figures (evaluation.topics), over the gold notices that carry meta["topics"]
    topics: dict[str, Any] | None = None

    def summary(self) -> dict[str, Any]:
        d = {
            "labels": self.labels,
            "records": self.records,
            "calibration": {"ece": self.calibration["ece"], "n": self.calibration["n"]},
            "per_notice": self.per_notice,
        }
        if self.metadata is not None:
            d["metadata"] = self.metadata.summary()
        if self.topics is not None:
            d["topics"] = self.topics
        return d

    def to_dict(self) -> dict[str, Any]:
        d = self.summary()
        d["calibration"] = self.calibration
        d["errors"] = self.errors
        return d

    def to_table(self, per_notice: bool = True) -> str:
        lines = [
            f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'exact F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}"
        ]
        for lab, d in self.labels.items():
            o, x = d["overlap"], d["exact"]
            lines.append(
                f"{lab:<10}{o['precision']:>8.3f}{o['recall']:>8.3f}{o['f1']:>8.3f}{x['f1']:>10.3f}"
                f"{o['tp']:>6}{o['fp']:>6}{o['fn']:>6}"
            )
        r = self.records
        lines.append("")
        lines.append(
            f"records: problem recall {r['problem_recall']:.3f}, measure attachment "
            f"{r['attachment']:.3f} ({r['attached_correct']}/{r['measures_matched']}"
            " matched measures)"
        )
        c = self.calibration
        lines.append(f"calibration: ECE {c['ece']:.3f} over {c['n']} spans")
        lines.append(f"{'bin':<12}{'n':>6}{'conf':>8}{'acc':>8}")
        for b in c["table"]:
            if b["n"]:
                bin_range = f"{b['lo']:.1f}-{b['hi']:.1f}"
                lines.append(
                    f"{bin_range:<12}{b['n']:>6}{b['confidence']:>8.3f}{b['accuracy']:>8.3f}"
                )
        if self.metadata is not None:
            lines.append("")
            lines.append(self.metadata.to_table())
        if per_notice and len(self.per_notice) > 1:
            lines.append("")
            lines.append("per notice (overlap F1): " + ", ".join(LABELS))
            for nid, d in self.per_notice.items():
                lines.append(
                    f"  {nid:<28}" + " ".join(f"{d.get(lab, float('nan')):6.3f}" for lab in LABELS)
                )
        # last, as the command line has always printed them
        topics = topic_lines(self.topics) if self.topics else []
        if topics:
            lines += ["", *topics]
        return "\n".join(lines)


def _context(text: str, s: Span, width: int = 20) -> str:
    return (
        text[max(0, s.start - width) : s.start]
        + "["
        + text[s.start : s.end]
        + "]"
        + text[s.end : s.end + width]
    )


def _as_spans(p: Any) -> list[Span]:
    if isinstance(p, Notice):
        return list(p.spans)
    if isinstance(p, AnnotatedNotice):
        return list(p.spans)
    return [s if isinstance(s, Span) else Span.from_dict(s) for s in p]


def _first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((k for k in range(n) if a[k] != b[k]), n)


def check_same_text(nid: str, pred: Any, gold_text: str) -> None:
    """A prediction is scored only against the text it was made of: a notice of another text
    (one character shifted) would score by offsets that mean other words (E044)."""
    text = getattr(pred, "text", None)
    if isinstance(pred, (Notice, AnnotatedNotice)) and text != gold_text:
        k = _first_difference(text, gold_text)
        raise RectifyError(
            E.E044.format(id=nid, offset=k, pred=text[k : k + 12], gold=gold_text[k : k + 12])
        )
    if isinstance(pred, (Notice, AnnotatedNotice)):
        return
    for s in _as_spans(pred):
        inside = 0 <= s.start < s.end <= len(gold_text)
        if not inside or (s.text and gold_text[s.start : s.end] != s.text):
            there = gold_text[s.start : s.end] if inside else ""
            k = s.start + _first_difference(s.text, there) if inside else s.start
            raise RectifyError(
                E.E044.format(id=nid, offset=k, pred=s.text[:12], gold=there[:12])
            )


def evaluate_spans(predicted: Mapping[str, Any], gold: Mapping[str, AnnotatedNotice]) -> Report:
    """Score predictions ({notice id: spans or Notice}) against gold notices; a prediction of
    another text than its gold notice's is refused (E044)."""
    missing = [nid for nid in gold if nid not in predicted]
    if missing:
        raise RectifyError(E.E040.format(id=", ".join(missing)))
    for nid, g in gold.items():
        check_same_text(nid, predicted[nid], g.text)
    counts = {lab: {"overlap": [0, 0, 0], "exact": [0, 0, 0]} for lab in LABELS}
    per_notice: dict[str, dict[str, float]] = {}
    conf, hit = [], []
    errors: list[dict[str, Any]] = []
    problems_found = problems_total = attached = measures_matched = measures_total = 0
    meta_report = MetadataReport()
    for nid, g in gold.items():
        gold_meta = gold_metadata(getattr(g, "meta", {}) or {})
        if gold_meta is not None and isinstance(predicted[nid], Notice):
            meta_report.add(nid, predicted[nid].metadata, gold_meta)
        pred = sort_spans(_as_spans(predicted[nid]))
        gold_spans = list(g.spans)
        per_notice[nid] = {}
        matches: dict[str, dict[int, int]] = {}
        for lab in LABELS:
            p = [s for s in pred if s.label == lab]
            q = [s for s in gold_spans if s.label == lab]
            for mode, thr in (("overlap", IOU), ("exact", 1.0)):
                m = match_spans(p, q, thr)
                tp = len(m)
                c = counts[lab][mode]
                c[0] += tp
                c[1] += len(p) - tp
                c[2] += len(q) - tp
                if mode == "overlap":
                    matches[lab] = m
                    per_notice[nid][lab] = (
                        _prf(tp, len(p) - tp, len(q) - tp)["f1"] if (p or q) else float("nan")
                    )
                    for k, s in enumerate(p):
                        conf.append(s.confidence)
                        hit.append(k in m)
                        if k not in m:
                            errors.append(
                                {
                                    "notice": nid,
                                    "label": lab,
                                    "kind": "false_positive",
                                    "start": s.start,
                                    "end": s.end,
                                    "text": s.text,
                                    "confidence": s.confidence,
                                    "context": _context(g.text, s),
                                }
                            )
                    matched_g = set(m.values())
                    for k, s in enumerate(q):
                        if k not in matched_g:
                            errors.append(
                                {
                                    "notice": nid,
                                    "label": lab,
                                    "kind": "false_negative",
                                    "start": s.start,
                                    "end": s.end,
                                    "text": s.text,
                                    "context": _context(g.text, s),
                                }
                            )
        # records: problems found, and measures attached to the right problem
        p_struct = [s for s in pred if s.label in (Label.problem, Label.measure)]
        g_struct = [s for s in gold_spans if s.label in (Label.problem, Label.measure)]
        p_own, g_own = owners(p_struct), owners(g_struct)
        p_prob = [k for k, s in enumerate(p_struct) if s.label == Label.problem]
        g_prob = [k for k, s in enumerate(g_struct) if s.label == Label.problem]
        pm = match_spans([p_struct[k] for k in p_prob], [g_struct[k] for k in g_prob])
        prob_map = {p_prob[a]: g_prob[b] for a, b in pm.items()}
        problems_found += len(pm)
        problems_total += len(g_prob)
        p_meas = [k for k, s in enumerate(p_struct) if s.label == Label.measure]
        g_meas = [k for k, s in enumerate(g_struct) if s.label == Label.measure]
        mm = match_spans([p_struct[k] for k in p_meas], [g_struct[k] for k in g_meas])
        measures_total += len(g_meas)
        for a, b in mm.items():
            measures_matched += 1
            po, go = p_own[p_meas[a]], g_own[g_meas[b]]
            if (po is None and go is None) or (po is not None and prob_map.get(po) == go):
                attached += 1
    labels = {
        lab: {mode: _prf(*counts[lab][mode]) for mode in ("overlap", "exact")} for lab in LABELS
    }
    records = {
        "problem_recall": round(problems_found / problems_total, 4) if problems_total else 0.0,
        "attachment": round(attached / measures_matched, 4) if measures_matched else 0.0,
        "attached_correct": attached,
        "measures_matched": measures_matched,
        "measures_gold": measures_total,
    }
    return Report(
        labels, records, calibration(np.array(conf), np.array(hit, dtype=float)), per_notice,
        errors, meta_report if meta_report.notices else None,
    )


def calibration(conf: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> dict[str, Any]:
    """Expected calibration error over equal-width confidence bins, with the reliability table."""
    table = []
    ece = 0.0
    n = len(conf)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = (conf >= lo) & ((conf < hi) if b < bins - 1 else (conf <= hi))
        k = int(sel.sum())
        row = {"lo": lo, "hi": hi, "n": k, "confidence": 0.0, "accuracy": 0.0}
        if k:
            row["confidence"] = round(float(conf[sel].mean()), 4)
            row["accuracy"] = round(float(correct[sel].mean()), 4)
            ece += k / n * abs(row["confidence"] - row["accuracy"])
        table.append(row)
    return {"ece": round(ece, 4), "n": n, "table": table}


def evaluate(predicted: Any, gold: Any) -> Report:
    """``rectify_nlp.evaluate``: predictions and gold as dicts by id, or lists of notices.

    Predictions may be Notices (from ``extract``), AnnotatedNotices, or span lists. Where the
    gold gives topics (``meta.topics``) and the predictions are Notices, ``topics`` holds the
    records' topics end to end (``evaluation.topics.extracted_topics``).
    """
    for name, value in (("predicted", predicted), ("gold", gold)):
        one = isinstance(value, (Notice, AnnotatedNotice))
        if not (one or arguments.many(value, mappings=True)):
            raise arguments.refuse(
                name, value, "notices: a list of Notice/AnnotatedNotice objects, or a dict by id"
            )
    gold_map = _by_id(gold)
    pred_map = _by_id(predicted) if not isinstance(predicted, Mapping) else dict(predicted)
    return replace(evaluate_spans(pred_map, gold_map), topics=extracted_topics(pred_map, gold_map))


def _by_id(items: Any) -> dict[str, Any]:
    if isinstance(items, Mapping):
        return dict(items)
    if isinstance(items, (AnnotatedNotice, Notice)):
        items = [items]
    out = {}
    for it in items:
        nid = getattr(it, "id", "")
        if not nid:
            raise RectifyError(
                "E042: every notice to score needs an id (Notice.id / AnnotatedNotice.id)."
            )
        out[nid] = it
    return out
