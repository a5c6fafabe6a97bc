"""Feature columns: the vectorised n-gram lookup gives the columns the feature strings give,
and a vocabulary survives the model file as data."""
import numpy as np
import pytest

import rectify_nlp
from rectify_nlp.features.analysis import analyse
from rectify_nlp.features.vocabulary import FeatureBatch, Grams, Vocabulary, expand
from rectify_nlp.models.topics import measure_row, topic_row
from rectify_nlp.serialize import default_model


def _row_columns(rows):
    return [sorted(rows.indices[a:b].tolist()) for a, b in zip(rows.indptr, rows.indptr[1:])]


@pytest.mark.parametrize("nid", ["dongcheng-2023-xuncha", "muye-2025-xunshi"])
def test_vectorised_rows_equal_the_string_rows_on_real_notices(texts, nid):
    model = default_model()
    a = analyse(texts[nid])
    pairs = [
        (model.unit_vocabulary, a.unit_feature_batches()),
        (model.clause_vocabulary, a.clause_feature_batches()),
    ]
    for vocabulary, batches in pairs:
        for batch in batches:
            fast, strings = vocabulary.rows(batch), vocabulary.rows(batch.as_strings())
            assert _row_columns(fast) == _row_columns(strings)
            assert len(fast.indices) > 10 * len(batch)  # the n-grams were found, not dropped


def test_unknown_features_are_dropped_and_counts_kept():
    v = Vocabulary.fit([["a", "w:整改", "w:落实"]])
    batch = FeatureBatch([["a", "zzz"], []], [Grams("w:", 2, 2, ["整改整改", "未知"])])
    rows = v.rows(batch)
    assert _row_columns(rows) == [sorted([v.index["a"], v.index["w:整改"], v.index["w:整改"]]), []]
    weights = np.arange(2 * len(v), dtype=np.float32).reshape(len(v), 2)
    assert np.array_equal(rows.dot(weights), rows.to_csr() @ weights)


def test_vocabulary_round_trips_through_arrays():
    words = sorted({"h:〇次", "w:\ud800x", "rule=problem-head", "c:", "闭"})
    back = Vocabulary.from_arrays(*Vocabulary(words).to_arrays())
    assert back.features == words
    data, ends = Vocabulary(words).to_arrays()
    with pytest.raises(ValueError):
        Vocabulary.from_arrays(data, ends + 1)


def test_topic_rows_give_the_string_rows_columns_in_their_order(texts):
    """Topic rows keep their n-grams as windows: same columns, in the same order within each
    row (a row's weights are summed in that order), as the spelled-out strings."""
    model = default_model()
    notice = rectify_nlp.extract(texts["dongcheng-2023-xuncha"])
    seen: dict = {}
    rows = [
        topic_row(r.problem.text, r.category, seen) + measure_row([m.text for m in r.measures])
        for r in notice.records
    ]
    rows += [topic_row("", ()), topic_row("未知", ("",)), measure_row(["", "整改"])]
    vocabulary = model.topics.vocabulary
    fast, strings = vocabulary.mixed_rows(rows), vocabulary.rows([expand(r) for r in rows])
    assert np.array_equal(fast.indptr, strings.indptr)
    assert np.array_equal(fast.indices, strings.indices)
    assert len(fast.indices) > 50 * len(notice.records)
    measures = [i for i, f in enumerate(vocabulary.features) if f.startswith("m:")]
    assert np.isin(fast.indices, measures).sum() > 50 * len(notice.records)


def test_topic_cue_mentions_are_a_plain_longest_first_search():
    """The cue words found through their first characters, all strings of a batch at once, are
    the mentions a plain search finds: from left to right the longest cue word at each place,
    then on after it (windows of the notices, short as a wording and long as a problem's
    measures; words inside longer words; words said twice; one-character words)."""
    import re
    from pathlib import Path

    from rectify_nlp.lexicon.topics import TOPIC_CUES
    from rectify_nlp.models.topics import cue_mentions

    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in (root / "annotations/notices").glob("*.txt")]
    words = [w for ws in TOPIC_CUES.values() for w in ws]
    topic_of = {w: t for t, ws in TOPIC_CUES.items() for w in ws}
    longest_first = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    samples = [t[i : i + 160] for t in texts for i in range(0, len(t), 97)]
    samples += [t[i : i + 1200] for t in texts for i in range(0, len(t), 1013)]
    samples += ["".join(words[i : i + 7]) for i in range(0, len(words), 5)]
    samples += ["", *(w for w in words if len(w) == 1), "理论学习理论学习", "学习学习贯彻"]
    want = [
        [(m.start(), topic_of[m.group()], m.group()) for m in longest_first.finditer(s)]
        for s in samples
    ]
    assert sum(map(len, want)) > 1000 and any(len({m[2] for m in w}) < len(w) for w in want)
    assert cue_mentions(samples) == want
    assert [cue_mentions([s])[0] for s in samples[:50]] == want[:50]
    assert cue_mentions([]) == [] and cue_mentions(["", ""]) == [[], []]
    assert cue_mentions(["学习学习贯彻"])[0] == [(0, "study", "学习"), (2, "study", "学习贯彻")]
    # one topic a word, and none crosses the first sentence's end or a batch's separator
    assert len(set(words)) == len(words)
    assert not [w for w in words if "。" in w or "\n" in w]
    # 深入学习贯彻 (in nearly every notice) is read as study, not as 入学 (school enrolment)
    assert cue_mentions(["深入学习贯彻习近平总书记重要讲话精神"])[0] == [
        (0, "study", "深入学习"), (12, "study", "重要讲话")]


def test_unit_features_of_any_units_in_any_order_are_each_units_own(texts):
    """A unit's features do not depend on which other units share its batch, nor on their
    order (the batch keeps its units and their neighbours in one list)."""
    from rectify_nlp.features.analysis import analyse
    from rectify_nlp.features.units import unit_features

    a = analyse(texts["muye-2025-xunshi"])
    w = a.unit_index
    picked = [w[20], w[0], w[3], w[-1]]
    batch = unit_features(a.norm, a.all_units, a.all_contexts, picked).as_strings()
    for k, row in zip(picked, batch):
        alone = unit_features(a.norm, a.all_units, a.all_contexts, [k]).as_strings()[0]
        assert sorted(row) == sorted(alone)
