"""Grouped k-fold cross-validation: the model and the rules-only baseline on the same folds,
reported per split of the corpus (the full notices, the real corpus, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .. import errors as E
from ..api import extract_text
from ..baseline import baseline_spans
from ..config import Config
from ..errors import RectifyError
from ..evaluation.scorer import Report, evaluate_spans
from ..schema import AnnotatedNotice
from .fit import Progress, train
from .folds import grouped_folds, split_of


@dataclass
class CVReport:
    """Per split: the model's report and the baseline's, on the same held-out notices."""

    folds: int
    splits: dict[str, dict[str, Report]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "splits": {
                s: {who: r.summary() for who, r in d.items()} for s, d in self.splits.items()
            },
        }

    def to_table(self) -> str:
        out = []
        for split, d in self.splits.items():
            n = len(d["model"].per_notice)
            for who, r in d.items():
                out.append(f"== {split} ({n} notices), {who} ==")
                out.append(r.to_table(per_notice=False))
                out.append("")
        return "\n".join(out).rstrip() + "\n"

    def errors(self) -> list[dict[str, Any]]:
        """The model's false positives and negatives, each once (the "all" split holds them
        all when there are several splits)."""
        report = self.splits.get("all") or next(iter(self.splits.values()))
        return list(report["model"].errors)


def cross_validate(
    notices: Iterable[AnnotatedNotice],
    folds: int = 5,
    config: Config | None = None,
    progress: Progress = None,
    seed: int | None = None,
) -> CVReport:
    """Every figure comes from notices whose group the model did not train on."""
    config = config or Config()
    if seed is not None:
        config = config.replace(seed=seed)
    notices = list(notices)
    if len(notices) < 2:
        raise RectifyError(
            E.E041.format(detail="cross-validation needs at least two annotated notices")
        )
    parts = grouped_folds(notices, folds, config.seed)
    if len(parts) < 2:
        raise RectifyError(
            E.E041.format(detail="cross-validation needs notices of at least two groups")
        )
    model_preds: dict[str, Any] = {}
    base_preds: dict[str, Any] = {}
    for f, held in enumerate(parts):
        if progress:
            progress(f"fold {f + 1}/{len(parts)}: {len(held)} notices held out")
        rest = [notices[i] for i in range(len(notices)) if i not in set(held)]
        model = train(rest, config)
        for i in held:
            n = notices[i]
            model_preds[n.id] = extract_text(n.text, model=model)
            base_preds[n.id] = baseline_spans(n.text)
    splits: dict[str, dict[str, Report]] = {}
    names = sorted({split_of(n) for n in notices})
    for split in names + (["all"] if len(names) > 1 else []):
        gold = {n.id: n for n in notices if split == "all" or split_of(n) == split}
        splits[split] = {
            "model": evaluate_spans({k: model_preds[k] for k in gold}, gold),
            "baseline": evaluate_spans({k: base_preds[k] for k in gold}, gold),
        }
    return CVReport(len(parts), splits)
