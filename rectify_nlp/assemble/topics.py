"""Each record's problem topic and area, from the model's topic classifier."""

from __future__ import annotations

import dataclasses

from ..models.topics import AREA_OF, TopicClassifier
from ..schema import Record
from ..text.normalise import NormText


def with_topics(
    records: list[Record], clf: TopicClassifier | None, norm: NormText
) -> list[Record]:
    """The records with ``topic``, ``area`` and ``topic_confidence`` set from each record's
    wording, category path and measures (unchanged when the model has no topic classifier).
    Only these three fields change: no span, offset or measure.  ``norm``: the notice's
    normalised text, where the wording and the measures are read."""
    if clf is None or not records:
        return list(records)
    read = norm.normalised_text
    problems = [
        (
            read(r.problem.start, r.problem.end),
            r.category,
            tuple(read(m.start, m.end) for m in r.measures),
        )
        for r in records
    ]
    guesses = clf.predict_problems(problems)
    return [
        dataclasses.replace(r, topic=t, area=AREA_OF[t], topic_confidence=round(p, 4))
        for r, (t, p) in zip(records, guesses)
    ]
