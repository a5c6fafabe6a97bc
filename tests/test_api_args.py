"""API arguments checked at the door with named errors; extract_many yields what it has as it
goes (issue 21, class 6)."""
import threading

import pytest

import rectify_nlp
from rectify_nlp import ArgumentError, ConfigError, InputError, Notice, RectifyError

from .conftest import NOTICES, ROOT

TEXT = (NOTICES / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kwargs", [{"on_error": "skip"}, {"on_error": None},
                                    {"n_process": "4"}, {"n_process": 0}, {"n_process": True}])
def test_extract_many_refuses_bad_arguments_at_the_call(kwargs):
    with pytest.raises(RectifyError, match="E038") as info:
        rectify_nlp.extract_many([TEXT], **kwargs)  # not iterated: checked at the door
    assert next(iter(kwargs)) in str(info.value)
    if "n_process" in kwargs:
        assert isinstance(info.value, TypeError)  # what a wrong type raises in Python


def test_model_given_as_a_path_string_or_a_path():
    default = rectify_nlp.extract(TEXT)
    for model in ("models/default", str(ROOT / "models" / "default"), ROOT / "models" / "default"):
        if model == "models/default":
            import os
            cwd = os.getcwd()
            os.chdir(ROOT)
            try:
                n = rectify_nlp.extract(TEXT, model=model)
            finally:
                os.chdir(cwd)
        else:
            n = rectify_nlp.extract(TEXT, model=model)
        assert len(n.records) == len(default.records)
    with pytest.raises(RectifyError, match="E038"):
        rectify_nlp.extract(TEXT, model=42)
    with pytest.raises(RectifyError, match="E020"):
        rectify_nlp.extract(TEXT, model=str(ROOT / "no-such-model"))


def test_a_str_naming_a_directory_is_an_error_like_a_path():
    with pytest.raises(InputError, match="E032"):
        rectify_nlp.extract(str(NOTICES))
    with pytest.raises(InputError, match="E032"):
        rectify_nlp.extract(NOTICES)


def _failing_at(k):
    for i, name in enumerate(["dongcheng-2023-xuncha", "dongcheng-2026-xuncha", "muye-2025-xunshi"]):
        if i == k:
            raise RuntimeError("the source broke")
        yield NOTICES / f"{name}.txt"


def test_extract_many_over_a_failing_generator_gives_what_came_before():
    got = []
    with pytest.raises(RuntimeError, match="the source broke"):
        for n in rectify_nlp.extract_many(_failing_at(2)):
            got.append(n)
    assert [n.id for n in got] == ["dongcheng-2023-xuncha", "dongcheng-2026-xuncha"]
    out = list(rectify_nlp.extract_many(_failing_at(1), on_error="return"))
    assert out[0].id == "dongcheng-2023-xuncha" and isinstance(out[1], RuntimeError)


def test_extract_many_yields_as_it_goes():
    seen, asked = [], []

    def items():
        yield TEXT
        asked.append(len(seen))  # how many results the caller had when the next item was asked
        yield TEXT

    for n in rectify_nlp.extract_many(items()):
        seen.append(n)
    assert asked == [1] and len(seen) == 2


def test_extract_many_in_processes_returns_an_item_that_cannot_cross(tmp_path):
    lock = threading.Lock()  # cannot be sent to a worker process
    out = list(rectify_nlp.extract_many([TEXT, lock, TEXT], n_process=2, on_error="return"))
    assert isinstance(out[0], Notice) and isinstance(out[2], Notice)
    assert isinstance(out[1], Exception)


def test_to_frames_of_a_list_with_an_exception_is_a_named_error():
    results = list(rectify_nlp.extract_many([TEXT, NOTICES / "missing.txt"], on_error="return"))
    with pytest.raises(RectifyError, match="E038.*notices\\[1\\]"):
        rectify_nlp.to_frames(results)
    with pytest.raises(RectifyError, match="E038"):
        rectify_nlp.to_frames(42)
    frames = rectify_nlp.to_frames([n for n in results if isinstance(n, Notice)])
    assert len(frames["notices"]) == 1


def test_notice_from_dict_checks_quantities_and_confidences():
    d = rectify_nlp.extract(TEXT).to_dict()
    metric = next(m for r in d["records"] for m in r["metrics"] if m["quantities"])
    metric["quantities"][0]["start"] = len(d["text"]) + 10
    metric["quantities"][0]["end"] = len(d["text"]) + 12
    with pytest.raises(InputError, match="E034.*quantity"):
        Notice.from_dict(d)
    d = rectify_nlp.extract(TEXT).to_dict()
    d["spans"][0]["confidence"] = float("nan")
    with pytest.raises(InputError, match="E034.*confidence"):
        Notice.from_dict(d)
    d = rectify_nlp.extract(TEXT).to_dict()
    d["records"][0]["confidence"] = 3.0
    with pytest.raises(InputError, match="E034"):
        Notice.from_dict(d)


@pytest.mark.parametrize("floor", [2, -1, float("nan"), float("inf"), True, "abc", "0.5", [1]])
def test_min_confidence_is_checked_as_the_command_line_checks_it(floor):
    for call in (
        lambda: rectify_nlp.extract(TEXT, min_confidence=floor),
        lambda: rectify_nlp.extract(NOTICES / "muye-2025-xunshi.txt", min_confidence=floor),
        lambda: rectify_nlp.extract_many([TEXT], min_confidence=floor),  # at the call
    ):
        with pytest.raises(ArgumentError, match="E038: min_confidence"):
            call()


def test_min_confidence_at_the_ends_of_its_range_still_works():
    assert rectify_nlp.extract(TEXT, min_confidence=0).records
    assert not rectify_nlp.extract(TEXT, min_confidence=1).records  # no span scores 1.00


def test_extract_many_refuses_one_text_or_nothing_at_the_call():
    for items in (TEXT, None, NOTICES / "muye-2025-xunshi.txt", b"abc"):
        with pytest.raises(ArgumentError, match="E038: items=.*\\[text\\] or \\[path\\]"):
            rectify_nlp.extract_many(items)


def test_load_corpus_takes_one_path_alone():
    one = rectify_nlp.load_corpus(str(ROOT / "annotations"))
    assert len(one) == 157
    assert [n.id for n in one] == [n.id for n in rectify_nlp.load_corpus([ROOT / "annotations"])]
    assert len(rectify_nlp.load_corpus(ROOT / "annotations" / "muye-2025-xunshi.jsonl")) == 1
    with pytest.raises(ArgumentError, match="E038: paths"):
        rectify_nlp.load_corpus(None)


def _muye():
    return rectify_nlp.load_corpus([ROOT / "annotations" / "muye-2025-xunshi.jsonl"])


@pytest.mark.parametrize("call, name", [
    (lambda: rectify_nlp.train(str(ROOT / "annotations" / "muye-2025-xunshi.jsonl")), "notices"),
    (lambda: rectify_nlp.train(None), "notices"),
    (lambda: rectify_nlp.train([rectify_nlp.extract(TEXT)]), "notices\\[0\\]"),
    (lambda: rectify_nlp.train(_muye(), config="fast"), "config"),
    (lambda: rectify_nlp.train(_muye(), progress="yes"), "progress"),
    (lambda: rectify_nlp.cross_validate("annotations"), "notices"),
    (lambda: rectify_nlp.save(None, "m"), "model"),
    (lambda: rectify_nlp.write_annotations(None, "out.jsonl"), "notices"),
    (lambda: rectify_nlp.write_annotations([rectify_nlp.extract(TEXT)], "out.jsonl"),
     "notices\\[0\\]"),
    (lambda: rectify_nlp.evaluate(None, None), "predicted"),
    (lambda: rectify_nlp.evaluate([rectify_nlp.extract(TEXT)], "gold.jsonl"), "gold"),
    (lambda: rectify_nlp.to_html(None), "notice"),
    (lambda: rectify_nlp.to_html("abc"), "notice"),
    (lambda: rectify_nlp.report(None), "notices"),
    (lambda: rectify_nlp.baseline_spans(None), "text"),
    (lambda: rectify_nlp.baseline_spans(TEXT.encode()), "text"),
])
def test_api_misuse_is_a_named_error_before_any_work(call, name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ArgumentError, match=f"E038: {name}="):
        call()
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_train_takes_its_settings_as_a_dict_too():
    with pytest.raises(ConfigError, match="E043.*C_units"):
        rectify_nlp.train(_muye(), config={"C_units": -1})
    with pytest.raises(ConfigError, match="E045.*'C_unit'.*C_units"):
        rectify_nlp.train(_muye(), config={"C_unit": 1})


def test_a_config_with_an_unknown_setting_names_it_and_the_known_ones():
    with pytest.raises(ConfigError, match="E045: unknown settings \\['foo'\\].*C_units"):
        rectify_nlp.Config(foo=1)
    with pytest.raises(ConfigError, match="E045"):
        rectify_nlp.Config().replace(foo=1)
    assert rectify_nlp.Config(C_units=2.0).C_units == 2.0


def _edited(edit):
    d = rectify_nlp.extract(TEXT).to_dict()
    edit(d)
    return d


@pytest.mark.parametrize("edit, detail", [
    (lambda d: d["metadata"]["sources"].update(issuer={"start": 0, "end": 9999999, "text": "x"}),
     "metadata issuer source"),
    (lambda d: d["metadata"]["sources"]["issuer"].update(start=d["metadata"]["sources"]["issuer"]
                                                          ["start"] + 1), "metadata issuer source"),
    (lambda d: d["metadata"]["sources"]["issuer"].update(start=1.0), "'start' is 1.0"),
    (lambda d: d["records"][0].update(category="abc"), "category 'abc'"),
    (lambda d: d["metadata"]["counts"].update(problems_reported="many"),
     "counts.problems_reported is 'many'"),
    (lambda d: d["metadata"].update(issuer=5), "metadata issuer is 5"),
    (lambda d: d["records"][0]["problem"].update(start=float(d["records"][0]["problem"]["start"])),
     "not an integer offset"),
    (lambda d: d["spans"][0].update(end=True), "'end' is True"),
    (lambda d: d["records"][0]["metrics"][0]["quantities"][0].update(start=0.5),
     "not an integer offset"),
])
def test_notice_from_dict_checks_what_it_reads_as_strictly_as_span_offsets(edit, detail):
    d = _edited(edit)
    with pytest.raises(InputError, match="E034") as info:
        Notice.from_dict(d)
    assert detail in str(info.value)


def test_notice_from_dict_still_reads_what_extract_wrote_and_metadata_without_sources():
    n = rectify_nlp.extract(TEXT)
    assert Notice.from_json(n.to_json()).to_json() == n.to_json()
    d = n.to_dict()
    del d["metadata"]["sources"]  # the shape of earlier releases
    assert Notice.from_dict(d).metadata.value("issuer") == n.metadata.value("issuer")
