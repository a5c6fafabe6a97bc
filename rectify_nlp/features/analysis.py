"""Text to model inputs: normalise, cut into units and clauses, and featurise them.

Training and prediction both go through ``analyse``, so the model always sees the same inputs
for the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..layout.cues import DETAIL_CANDIDATE, mask_non_quantities
from ..layout.sections import closing_start, first_heading
from ..text.normalise import NormText, normalise
from ..text.segment import Clause, Unit, UnitIndex, clauses, content_units, unit_at, units
from .clauses import clause_features
from .context import UnitContext, unit_contexts
from .units import unit_features
from .vocabulary import FeatureBatch, FeatureRows, Vocabulary

# Units and clauses are featurised this many at a time, so memory stays bounded however long
# the text is (a 10 MB file holds some 300,000 units).
BATCH = 2048


@dataclass(frozen=True)
class Analysis:
    norm: NormText
    units: list[Unit]  # content units only (field names are context, not labelled)
    all_units: list[Unit]
    unit_index: list[UnitIndex]  # position of each content unit in all_units
    all_contexts: list[UnitContext]
    clauses: list[Clause]  # candidate clauses for metric/deadline (DETAIL_CANDIDATE)
    clause_contexts: list[UnitContext | None]
    closing_at: int  # normalised offset where the closing section starts
    intro_until: int  # normalised offset of the first outline heading

    @property
    def contexts(self) -> list[UnitContext]:
        return [self.all_contexts[k] for k in self.unit_index]

    def unit_feature_batches(self) -> Iterator[FeatureBatch]:
        for lo in range(0, len(self.unit_index), BATCH):
            which = self.unit_index[lo : lo + BATCH]
            yield unit_features(self.norm, self.all_units, self.all_contexts, which)

    def clause_feature_batches(self) -> Iterator[FeatureBatch]:
        for lo in range(0, len(self.clauses), BATCH):
            yield clause_features(
                self.norm,
                self.clauses[lo : lo + BATCH],
                self.closing_at,
                self.intro_until,
                self.clause_contexts[lo : lo + BATCH],
            )

    def unit_batches(self, vocabulary: Vocabulary) -> Iterator[FeatureRows]:
        return map(vocabulary.rows, self.unit_feature_batches())

    def clause_batches(self, vocabulary: Vocabulary) -> Iterator[FeatureRows]:
        return map(vocabulary.rows, self.clause_feature_batches())

    def unit_feature_rows(self) -> list[list[str]]:
        """Every unit's features as strings (training)."""
        return [f for batch in self.unit_feature_batches() for f in batch.as_strings()]

    def clause_feature_rows(self) -> list[list[str]]:
        return [f for batch in self.clause_feature_batches() for f in batch.as_strings()]


def analyse(text: str) -> Analysis:
    # The mask cache serves one text (its clauses are masked when featurised and again when a
    # metric's quantities are read): what one text left in it says nothing of the next.
    mask_non_quantities.cache_clear()
    norm = normalise(text)
    all_units = units(norm)
    stop = closing_start(norm, all_units)
    ctx_all = unit_contexts(norm, all_units, stop)
    keep = content_units(all_units)
    closing_at = all_units[stop].start if stop < len(all_units) else len(norm.text)
    cl = clauses(norm, DETAIL_CANDIDATE)
    # each clause knows the unit it sits in: a date inside a problem's description is history,
    # not a deadline (annotations/README.md)
    starts = [u.start for u in all_units]
    clause_ctx = [ctx_all[unit_at(starts, c.start)] if all_units else None for c in cl]
    return Analysis(
        norm=norm,
        units=[all_units[k] for k in keep],
        all_units=all_units,
        unit_index=keep,
        all_contexts=ctx_all,
        clauses=cl,
        clause_contexts=clause_ctx,
        closing_at=closing_at,
        intro_until=first_heading(norm, all_units),
    )
