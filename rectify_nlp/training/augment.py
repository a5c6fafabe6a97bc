"""Layout-invariant training data: annotated problems re-rendered into other layouts.

The gold records of a notice (each problem with its measures, status and the metric and
deadline clauses inside them) are written out again as a notice of another layout family:
field blocks, ``问题N：`` items, quoted headings, three-level nesting, header-row tables,
findings lists.  Every piece of gold text is copied verbatim and its spans
move with it, so a rendered span's text always equals its source span's.  The tagger then sees
the same wording in many positions and has to learn from what a unit says, not where it sits
(issue 16).  Seeded: the same notices and seed give the same renderings.
"""

from __future__ import annotations

import random
from typing import Sequence

from ..schema import AnnotatedNotice, Span
from .gold_pieces import Piece, records_of
from .layout_renderers import RENDERERS, eligible_items, render, short_problem

__all__ = ["LAYOUT_FAMILIES", "RENDERERS", "augment", "records_of"]

# The layout families a notice can be tagged with (``meta.layout``, annotations/README.md);
# the renderable ones are the keys of RENDERERS (training/layout_renderers.py).
LAYOUT_FAMILIES = (
    "field-blocks",
    "question-field",
    "inline",
    "status-sections",
    "quoted-heading",
    "three-level",
    "table",
    "findings-list",
    "organisation",
)


def augment(
    notices: Sequence[AnnotatedNotice],
    families: Sequence[str] | None = None,
    per_notice: int = 2,
    seed: int = 0,
) -> list[AnnotatedNotice]:
    """Renderings of every notice with two or more problems into ``families`` (all renderable
    ones by default), ``per_notice`` each.  Notice-level measures for the opening section come
    from all ``notices``.

    Renderings are never hard-wrapped as from a PDF: trained without the written notices and
    scored on them over three seeds, wrapping a third of them lowered measure F1 from 0.945 to
    0.916 (annotations/README.md)."""
    families = [f for f in (families if families is not None else RENDERERS) if f in RENDERERS]
    rng = random.Random(seed)
    general_pool: list[Piece] = []
    heading_pool: list[str] = []
    sources = []
    for n in notices:
        items, general = records_of(n)
        general_pool += [g for g in general if len(g.text) < 200]
        # short problem wordings serve as (unlabelled) group headings in other renderings
        heading_pool += [it.problem.text for it in items if short_problem(it)]
        if len(items) >= 2:
            sources.append((n, items))
    out: list[AnnotatedNotice] = []
    for n, items in sources:
        for family in families:
            pool = eligible_items(family, items)
            if len(pool) < 2:
                continue
            for r in range(per_notice):
                chosen = rng.sample(pool, min(len(pool), rng.randint(3, 8)))
                chosen.sort(key=pool.index)
                b = render(family, chosen, general_pool, rng, heading_pool)
                text, spans = b.text(), b.spans
                out.append(
                    AnnotatedNotice(
                        id=f"{n.id}~{family}~{r}",
                        text=text,
                        spans=tuple(
                            Span(a, z, lab, text[a:z])
                            for a, z, lab in sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
                        ),
                        meta={"split": "rendered", "layout": family, "rendered_from": n.id,
                              "group": f"rendered:{n.id}"},
                    )
                )
    return out
