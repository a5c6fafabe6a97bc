"""The scorer against hand-made perturbations with known answers."""
import pytest

from rectify_nlp.evaluation.scorer import calibration, evaluate
from rectify_nlp.schema import AnnotatedNotice, Span


@pytest.fixture()
def notice(gold):
    return gold["dongcheng-2026-xuncha"]


def _copy(n, spans):
    return AnnotatedNotice(n.id, n.text, tuple(spans))


def test_gold_against_itself_is_perfect(gold):
    r = evaluate(list(gold.values()), list(gold.values()))
    for lab, d in r.labels.items():
        assert d["overlap"]["f1"] == 1.0 and d["exact"]["f1"] == 1.0
    assert r.records["problem_recall"] == 1.0 and r.records["attachment"] == 1.0
    assert r.errors == []


def test_dropped_span_costs_recall_only(notice):
    spans = list(notice.spans)
    k = next(i for i, s in enumerate(spans) if s.label == "problem")
    dropped = spans[:k] + spans[k + 1:]
    r = evaluate([_copy(notice, dropped)], [notice])
    p = r.labels["problem"]["overlap"]
    assert p["precision"] == 1.0 and p["fn"] == 1 and p["recall"] == pytest.approx(27 / 28, abs=1e-4)
    fn = [e for e in r.errors if e["kind"] == "false_negative"]
    assert len(fn) == 1 and fn[0]["text"] == "整改责任压得不实"


def test_shifted_span_matches_at_overlap_but_not_exactly(notice):
    spans = list(notice.spans)
    k = next(i for i, s in enumerate(spans) if s.label == "measure" and s.end - s.start > 20)
    s = spans[k]
    spans[k] = Span(s.start + 2, s.end, s.label, notice.text[s.start + 2:s.end])  # IoU well above 0.5
    r = evaluate([_copy(notice, spans)], [notice])
    assert r.labels["measure"]["overlap"]["f1"] == 1.0
    assert r.labels["measure"]["exact"]["fn"] == 1 and r.labels["measure"]["exact"]["fp"] == 1


def test_wrong_label_is_a_false_positive_and_a_false_negative(notice):
    spans = list(notice.spans)
    k = next(i for i, s in enumerate(spans) if s.label == "status")
    s = spans[k]
    spans[k] = Span(s.start, s.end, "measure", s.text)
    r = evaluate([_copy(notice, spans)], [notice])
    assert r.labels["status"]["overlap"]["fn"] == 1
    assert r.labels["measure"]["overlap"]["fp"] == 1


def test_measure_attached_to_the_wrong_problem(notice):
    """Drop problem 2 (持续整改力度减弱): its three measures now follow problem 1 and are
    attached to the wrong problem, while still matching as spans."""
    spans = list(notice.spans)
    p2 = [s for s in spans if s.label == "problem"][1]
    assert p2.text == "持续整改力度减弱"
    r = evaluate({notice.id: [s for s in spans if s != p2]}, {notice.id: notice})
    assert r.records["measures_matched"] == 92
    assert r.records["attached_correct"] == 89
    assert r.records["attachment"] == pytest.approx(89 / 92, abs=1e-4)
    assert r.records["problem_recall"] == pytest.approx(27 / 28, abs=1e-4)


def test_expected_calibration_error_known_answer():
    import numpy as np
    conf = np.array([0.95, 0.95, 0.95, 0.95, 0.55, 0.55])
    correct = np.array([1, 1, 1, 0, 1, 0], dtype=float)
    c = calibration(conf, correct)
    # bin 0.9-1.0: conf .95 acc .75 (4 spans); bin 0.5-0.6: conf .55 acc .5 (2 spans)
    assert c["ece"] == pytest.approx(4 / 6 * 0.2 + 2 / 6 * 0.05, abs=1e-4)
    assert sum(b["n"] for b in c["table"]) == 6


def test_missing_prediction_is_reported(gold):
    from rectify_nlp.errors import RectifyError
    g = list(gold.values())
    with pytest.raises(RectifyError, match="E040"):
        evaluate(g[:2], g)


def test_evaluate_scores_the_records_topics_end_to_end(gold):
    """``evaluate`` of extracted notices against gold with ``meta.topics``: each gold problem
    found by the record overlapping it, that record's topic against the gold one; a record
    whose topic is changed costs exactly its problem."""
    import dataclasses

    from rectify_nlp import extract

    g = gold["shifanqu-2025-xuncha"]
    topics = g.meta["topics"]
    pred = extract(g.text, id=g.id)
    r = evaluate([pred], [g])
    assert r.topics["n"] == len(topics) == 22
    found = r.topics["found"]
    right = round(r.topics["extracted_topic_accuracy"] * found)
    assert 0 < found <= 22 and right <= found
    assert r.summary()["topics"] == r.topics
    assert f"topics end to end ({found} of 22 gold problems found" in r.to_table()

    # one record's topic made wrong: one right fewer, nothing else moves
    k, rec = next(
        (k, x) for k, x in enumerate(pred.records)
        if topics.get(f"{x.problem.start}-{x.problem.end}") == x.topic
    )
    wrong = "other" if rec.topic != "other" else "study"
    records = list(pred.records)
    records[k] = dataclasses.replace(rec, topic=wrong, area="other")
    r2 = evaluate([dataclasses.replace(pred, records=tuple(records))], [g])
    assert r2.topics["found"] == found
    assert round(r2.topics["extracted_topic_accuracy"] * found) == right - 1

    # gold without topics, or predictions without records: no topic figures
    assert evaluate([pred], [_copy(g, g.spans)]).topics is None
    assert evaluate([g], [g]).topics is None
