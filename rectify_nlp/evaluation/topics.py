"""Topic figures on gold notices: the topic classifier on the gold problems as annotated, and
end to end, on the records an extraction made for them (``cv`` and ``evaluate`` print both)."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..assemble.records import owners, problem_categories
from ..features.analysis import Analysis, analyse
from ..models.topics import AREA_OF, TOPICS, TopicClassifier
from ..schema import AnnotatedNotice, Label

# (wording, category path, measure texts, topic)
TopicRow = tuple[str, tuple[str, ...], tuple[str, ...], str]


def _gold_topics(n: AnnotatedNotice) -> dict[str, str]:
    """The notice's ``meta.topics`` (problem offsets ``"start-end"`` to topic), or empty."""
    topics = n.meta.get("topics") if isinstance(n.meta, dict) else None
    return topics if isinstance(topics, dict) else {}


def gold_problems(n: AnnotatedNotice, a: Analysis) -> list[TopicRow]:
    """(wording, category path, measures, topic) of every gold problem with a topic; the
    category path is found from the gold spans exactly as extraction finds it from predicted
    ones, and the measures are the gold measure spans the problem owns, in order, attached as
    extraction attaches them (``assemble.records.owners``: the last problem starting at or
    before the span); wording and measures in their normalised text, as extraction reads them."""
    topics = _gold_topics(n)
    if not topics:
        return []
    spans = sorted(n.spans, key=lambda s: (s.start, -s.end))
    problems = [s for s in spans if s.label == Label.problem]
    paths = problem_categories(a.norm, a.all_units, spans)
    measures: list[list[str]] = [[] for _ in problems]
    for s, k in zip(spans, owners(spans)):
        if k is not None and s.label == Label.measure:
            measures[k].append(a.norm.normalised_text(s.start, s.end))
    out = []
    for p, path, ms in zip(problems, paths, measures):
        t = topics.get(f"{p.start}-{p.end}")
        if t in TOPICS:
            out.append((a.norm.normalised_text(p.start, p.end), path, tuple(ms), t))
    return out


def topic_hits(
    clf: TopicClassifier | None, n: AnnotatedNotice, a: Analysis
) -> tuple[int, int, int]:
    """(gold problems with a topic, topics right, areas right) for one notice, its wording,
    headings and measures as annotated, so the figure is the classifier's, not the span
    tagger's; nothing is counted without a classifier."""
    rows = gold_problems(n, a) if clf is not None else []
    if not rows:
        return 0, 0, 0
    pred = [t for t, _ in clf.predict_problems([(w, c, m) for w, c, m, _ in rows])]
    gold = [t for *_, t in rows]
    return (
        len(rows),
        sum(p == g for p, g in zip(pred, gold)),
        sum(AREA_OF[p] == AREA_OF[g] for p, g in zip(pred, gold)),
    )


def extracted_topic_hits(
    notice: AnnotatedNotice, records: Iterable[Any]
) -> tuple[int, int, int, int]:
    """(gold problems with a topic, found, topics right, areas right) for one notice's
    extracted records: a gold problem is found by the record whose problem overlaps it most;
    a record without a topic (a model with no topic classifier) finds nothing."""
    topics = _gold_topics(notice)
    if not topics:
        return 0, 0, 0, 0
    records = list(records)
    n = found = right = area = 0
    for s in notice.spans:
        want = topics.get(f"{s.start}-{s.end}") if s.label == Label.problem else None
        if want not in TOPICS:
            continue
        n += 1
        overlap = [
            (min(s.end, r.problem.end) - max(s.start, r.problem.start), j)
            for j, r in enumerate(records)
        ]
        best, j = max(overlap, default=(0, -1))
        if best <= 0 or records[j].topic is None:
            continue
        found += 1
        right += records[j].topic == want
        area += AREA_OF.get(records[j].topic) == AREA_OF.get(want)
    return n, found, right, area


def _extracted(found: int, right: int, area: int) -> dict[str, Any]:
    out: dict[str, Any] = {"found": found}
    if found:
        out["extracted_topic_accuracy"] = round(right / found, 4)
        out["extracted_area_accuracy"] = round(area / found, 4)
    return out


def extracted_topics(
    predicted: Mapping[str, Any], gold: Mapping[str, AnnotatedNotice]
) -> dict[str, Any] | None:
    """Topics end to end for ``evaluate``: the extracted records' topics against the gold
    problems' (``meta.topics``), over the predictions that are notices with records; None when
    no gold notice gives a topic."""
    n = found = right = area = 0
    for nid, g in gold.items():
        records = getattr(predicted.get(nid), "records", None)
        if records is None:
            continue
        dn, df, dr, da = extracted_topic_hits(g, records)
        n, found, right, area = n + dn, found + df, right + dr, area + da
    return {"n": n, **_extracted(found, right, area)} if n else None


def topic_report(
    notices: Iterable[AnnotatedNotice],
    extracted: Mapping[str, Any],
    classifiers: Mapping[str, TopicClassifier | None],
) -> dict[str, Any]:
    """Topic and area accuracy over ``notices``: on the gold problems as annotated (wording,
    headings, measures), and end to end, on the records of ``extracted[notice.id]`` for the gold
    problems the extraction found (a record whose problem overlaps the gold one).
    ``classifiers``: the topic classifier each notice is scored by (in ``cv``, its fold's)."""
    n = tc = ac = found = e2e_t = e2e_a = 0
    for notice in notices:
        own = classifiers[notice.id]
        dn, dt, da = topic_hits(own, notice, analyse(notice.text))
        n, tc, ac = n + dn, tc + dt, ac + da
        if own is None or not dn:
            continue
        _, df, dr, dar = extracted_topic_hits(notice, extracted[notice.id].records)
        found, e2e_t, e2e_a = found + df, e2e_t + dr, e2e_a + dar
    if not n:
        return {"n": 0}
    out: dict[str, Any] = {
        "n": n, "topic_accuracy": round(tc / n, 4), "area_accuracy": round(ac / n, 4)
    }
    return out | _extracted(found, e2e_t, e2e_a)


def topic_lines(t: Mapping[str, Any]) -> list[str]:
    """``topic_report`` as the lines a table prints (none without gold topics)."""
    if not t.get("n"):
        return []
    out = []
    if "topic_accuracy" in t:
        out.append(
            f"topics ({t['n']} gold problems): topic accuracy {t['topic_accuracy']:.3f},"
            f" area accuracy {t['area_accuracy']:.3f}"
        )
        of = "of them"
    else:  # end to end only (``evaluate``: no classifier to score the gold problems)
        of = f"of {t['n']} gold problems"
    if t.get("found"):
        out.append(
            f"topics end to end ({t['found']} {of} found by the extraction):"
            f" topic accuracy {t['extracted_topic_accuracy']:.3f},"
            f" area accuracy {t['extracted_area_accuracy']:.3f}"
        )
    elif not out:
        out.append(f"topics end to end: none of {t['n']} gold problems found with a topic")
    return out
