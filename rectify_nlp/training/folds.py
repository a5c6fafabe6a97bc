"""Grouped folds: every notice of a group (one notice, or every notice of one site) falls in
the same fold, so a figure never comes from a layout the model trained on."""

from __future__ import annotations

import hashlib
from typing import Callable, Sequence

from ..schema import AnnotatedNotice


def group_of(n: AnnotatedNotice) -> str:
    """``meta.group`` when the annotations give one (the real corpus: the publishing site),
    else the notice's id."""
    g = n.meta.get("group") if isinstance(n.meta, dict) else None
    return str(g) if g else n.id


def split_of(n: AnnotatedNotice) -> str:
    """The part of the corpus a notice belongs to, for per-split figures (``meta.split``)."""
    s = n.meta.get("split") if isinstance(n.meta, dict) else None
    return str(s) if s else "all"


def layout_of(n: AnnotatedNotice) -> str:
    """The notice's layout family (``meta.layout``, annotations/README.md), else "unknown"."""
    s = n.meta.get("layout") if isinstance(n.meta, dict) else None
    return str(s) if s else "unknown"


def calibration_group_of(n: AnnotatedNotice) -> str:
    """Calibration folds hold out whole layout families of problems (a confidence is then a
    hit rate on layouts the fold's model never saw); notices that end before their problems
    (``organisation``) are grouped by site as in ``group_of``."""
    fam = layout_of(n)
    return f"layout:{fam}" if fam not in ("organisation", "unknown") else group_of(n)


def text_groups(
    notices: Sequence[AnnotatedNotice],
    group: Callable[[AnnotatedNotice], str] | None = None,
) -> list[str]:
    """Each notice's group, with notices of one text (by its SHA-256) in one group: the same
    text under two ids must never straddle folds (the model would be scored on what it
    trained on)."""
    group = group or group_of
    parent: dict[str, str] = {}

    def find(g: str) -> str:
        while parent.setdefault(g, g) != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    by_text: dict[str, str] = {}
    for n in notices:
        g = find(group(n))
        h = hashlib.sha256(n.text.encode("utf-8", "surrogatepass")).hexdigest()
        if h in by_text:
            a, b = find(by_text[h]), g
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            by_text[h] = g
    return [find(group(n)) for n in notices]


def grouped_folds(
    notices: Sequence[AnnotatedNotice],
    k: int,
    seed: int = 0,
    group: Callable[[AnnotatedNotice], str] | None = None,
) -> list[list[int]]:
    """Indices of the notices in each of ``k`` folds (fewer when there are fewer groups).
    Notices of one group, or of one text (``text_groups``), share a fold.

    Each split (full notices, real corpus, ...) is spread over the folds on its own, so every
    fold holds out some of each; within a split, groups go, largest first, to the fold with
    the fewest of that split's characters so far.  Ties are broken by a hash of the group and
    the seed, so the folds are balanced and reproducible.
    """
    group = group or group_of
    groups: dict[str, list[int]] = {}
    for i, g in enumerate(text_groups(notices, group)):
        groups.setdefault(g, []).append(i)
    k = max(1, min(k, len(groups)))
    size = {g: sum(len(notices[i].text) for i in idx) for g, idx in groups.items()}
    split = {g: split_of(notices[idx[0]]) for g, idx in groups.items()}

    def tie(g: str) -> str:
        return hashlib.sha256(f"{seed}:{g}".encode()).hexdigest()

    folds: list[list[int]] = [[] for _ in range(k)]
    total = [0] * k
    for part in sorted(set(split.values())):
        load = [0] * k
        for g in sorted((g for g in groups if split[g] == part), key=lambda g: (-size[g], tie(g))):
            f = min(range(k), key=lambda j: (load[j], total[j], j))
            folds[f].extend(groups[g])
            load[f] += size[g]
            total[f] += size[g]
    return [sorted(f) for f in folds]
