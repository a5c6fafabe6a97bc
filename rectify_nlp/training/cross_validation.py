"""Grouped k-fold cross-validation: the model and the rules-only baseline on the same folds,
reported per split of the corpus (the full notices, the real corpus, ...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import arguments
from .. import errors as E
from ..api import extract_text
from ..baseline import baseline_spans
from ..config import Config
from ..errors import RectifyError
from ..evaluation.scorer import Report, evaluate_spans
from ..evaluation.topics import topic_lines, topic_report
from ..schema import AnnotatedNotice
from .fit import TRAINING_NOTICES, Progress, train
from .folds import grouped_folds, layout_of, split_of

GROUP_BY = ("notice", "layout")


@dataclass
class CVReport:
    """Per split: the model's report and the baseline's, on the same held-out notices."""

    folds: int
    splits: dict[str, dict[str, Report]]
    # per split: topic and area accuracy of the held-out model on the gold problems
    topics: dict[str, dict[str, Any]] = field(default_factory=dict)
    group_by: str = "notice"

    def to_dict(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "group_by": self.group_by,
            "splits": {
                s: {who: r.summary() for who, r in d.items()} for s, d in self.splits.items()
            },
            "topics": self.topics,
        }

    def to_table(self) -> str:
        out = []
        for split, d in self.splits.items():
            n = len(d["model"].per_notice)
            for who, r in d.items():
                out.append(f"== {split} ({n} notices), {who} ==")
                out.append(r.to_table(per_notice=False))
                out.append("")
            lines = topic_lines(self.topics.get(split) or {})
            if lines:
                out += [*lines, ""]
        return "\n".join(out).rstrip() + "\n"

    def errors(self) -> list[dict[str, Any]]:
        """The model's false positives and negatives, each once (the "all" split holds them
        all when there are several splits)."""
        report = self.splits.get("all") or next(iter(self.splits.values()))
        return list(report["model"].errors)


def _check_every_fold_has_spans(notices: list[AnnotatedNotice], parts: list[list[int]]) -> None:
    """E041 before any fitting when a fold would train on no span: ``train`` refuses such a
    fold, and found out only after the folds before it had been fitted."""
    spanned = sum(bool(n.spans) for n in notices)
    if not spanned:
        raise RectifyError(E.E041_NO_SPAN)
    for f, held in enumerate(parts):
        if sum(bool(notices[i].spans) for i in held) == spanned:
            bare = [n.id for n in notices if not n.spans]
            raise RectifyError(
                E.E041.format(
                    detail=f"fold {f + 1} of {len(parts)} holds out every notice with spans and"
                    f" would train on {len(bare)} without any ({', '.join(bare[:3])}"
                    f"{', …' if len(bare) > 3 else ''}); annotate those or leave them out"
                )
            )


def cross_validate(
    notices: Iterable[AnnotatedNotice],
    folds: int = 5,
    config: Config | None = None,
    progress: Progress = None,
    seed: int | None = None,
    group_by: str = "notice",
) -> CVReport:
    """Every figure comes from notices whose group the model did not train on.

    ``group_by="notice"``: grouped k-fold by ``meta.group`` (the site), figures per split;
    ``"layout"``: each layout family (``meta.layout``) held out in turn, its renderings
    removed from training too, figures per family.  ``notices`` and ``config`` are
    ``train``'s."""
    notices = arguments.listed(notices, "notices", AnnotatedNotice, TRAINING_NOTICES)
    config = arguments.config(config) or Config()
    arguments.progress(progress)
    if seed is not None:
        config = config.replace(seed=seed)
    if len(notices) < 2:
        raise RectifyError(
            E.E041.format(detail="cross-validation needs at least two annotated notices")
        )
    if group_by not in GROUP_BY:
        raise RectifyError(E.E041.format(detail=f"group_by must be one of {GROUP_BY}"))
    if group_by == "layout":
        # each layout family held out in turn, and never rendered into for its fold
        families = sorted({layout_of(n) for n in notices})
        parts = [[i for i, n in enumerate(notices) if layout_of(n) == f] for f in families]
        excluded = families
        part_of = layout_of
    else:
        parts = grouped_folds(notices, folds, config.seed)
        excluded = [None] * len(parts)
        part_of = split_of
    if len(parts) < 2:
        groups = (  # "unknown": no notice says its family
            f"layout families (meta.layout; all of these are {families[0]!r})"
            if group_by == "layout" else "groups"
        )
        raise RectifyError(
            E.E041.format(detail=f"cross-validation needs notices of at least two {groups}")
        )
    _check_every_fold_has_spans(notices, parts)
    model_preds: dict[str, Any] = {}
    base_preds: dict[str, Any] = {}
    classifiers: dict[str, Any] = {}  # each held-out notice: its fold's topic classifier
    for f, (held, family) in enumerate(zip(parts, excluded)):
        if progress:
            what = f"layout {family!r}" if family else f"{len(held)} notices"
            progress(f"fold {f + 1}/{len(parts)}: {what} held out")
        rest = [notices[i] for i in range(len(notices)) if i not in set(held)]
        fold_config = config
        if family:
            fold_config = config.replace(augment_exclude=sorted({*config.augment_exclude, family}))
        model = train(rest, fold_config)
        for i in held:
            n = notices[i]
            model_preds[n.id] = extract_text(n.text, model=model)
            base_preds[n.id] = baseline_spans(n.text)
            classifiers[n.id] = model.topics
    splits: dict[str, dict[str, Report]] = {}
    topics: dict[str, dict[str, Any]] = {}
    names = sorted({part_of(n) for n in notices})
    for split in names + (["all"] if len(names) > 1 else []):
        gold = {n.id: n for n in notices if split == "all" or part_of(n) == split}
        splits[split] = {
            "model": evaluate_spans({k: model_preds[k] for k in gold}, gold),
            "baseline": evaluate_spans({k: base_preds[k] for k in gold}, gold),
        }
        topics[split] = topic_report(gold.values(), model_preds, classifiers)
    return CVReport(len(parts), splits, topics, group_by)
