"""spaCy as a spaCy user meets it: the component by name after `pip install`, docs whose spans
carry scores, pipes over processes, displaCy, a DocBin that `spacy train` accepts; and saved
output read back without re-extracting."""
import json
import subprocess
import sys

import pytest

import rectify_nlp

from .conftest import NOTICES, ROOT
from .io.test_view import _chromium

spacy = pytest.importorskip("spacy")

TEXT = (NOTICES / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("rectify_nlp")
    return nlp


def test_the_component_is_found_by_name_in_a_fresh_interpreter():
    # the README's snippet, in a process that never imported rectify_nlp: the entry point
    code = (
        "import spacy\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('rectify_nlp')\n"
        f"doc = nlp(open({str(NOTICES / 'shifanqu-2025-xuncha.txt')!r}, encoding='utf-8').read())\n"
        "group = doc.spans['rectify']\n"
        "print(len(group), len(group.attrs['scores']), len(doc._.notice.records))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    n = rectify_nlp.extract(TEXT)
    assert r.stdout.split() == [str(len(n.spans)), str(len(n.spans)), str(len(n.records))]


def test_doc_spans_align_exactly_with_character_tokens(nlp):
    doc = nlp(TEXT)
    n = rectify_nlp.extract(TEXT)
    group = doc.spans["rectify"]
    assert group.attrs["widened"] == 0
    assert [(s.start_char, s.end_char, s.label_, s.text) for s in group] == [
        (s.start, s.end, str(s.label), s.text) for s in n.spans]
    assert list(group.attrs["scores"]) == pytest.approx([s.confidence for s in n.spans], abs=1e-6)
    assert set(s.label_ for s in group) == {"problem", "measure", "metric", "deadline"}
    assert doc._.notice.to_dict() == n.to_dict()


def test_pipe_over_two_processes_gives_the_same_docs(nlp):
    texts = [TEXT, (NOTICES / "dongcheng-2023-xuncha.txt").read_text(encoding="utf-8")]
    one = list(nlp.pipe(texts))
    two = list(nlp.pipe(texts, n_process=2))
    assert [[(s.start_char, s.end_char, s.label_) for s in d.spans["rectify"]] for d in two] == \
        [[(s.start_char, s.end_char, s.label_) for s in d.spans["rectify"]] for d in one]
    assert [len(d._.notice.records) for d in two] == [22, 16]


def test_a_model_directory_in_the_component_config(tmp_path, small_model):
    rectify_nlp.save(small_model, tmp_path / "m")
    nlp = spacy.blank("zh")
    nlp.add_pipe("rectify_nlp", config={"model": str(tmp_path / "m")})
    doc = nlp(TEXT)
    expected = rectify_nlp.extract(TEXT, model=small_model)
    assert [(s.start_char, s.label_) for s in doc.spans["rectify"]] == [
        (s.start, str(s.label)) for s in expected.spans]


def test_notice_to_doc_with_another_tokenizer_widens_to_tokens():
    n = rectify_nlp.extract(TEXT)
    doc = n.to_doc()
    assert len(doc.spans["rectify"]) == len(n.spans) and doc.text == TEXT
    # English rules cut Chinese only at spaces and punctuation: spans widen to whole tokens
    doc = n.to_doc(spacy.blank("en"))
    group = doc.spans["rectify"]
    assert group.attrs["widened"] > 0
    for s, orig in zip(group, n.spans):
        assert s.start_char <= orig.start and s.end_char >= orig.end


def test_render_is_displacy_span_markup_with_a_colour_per_label():
    n = rectify_nlp.extract(TEXT)
    markup = n.render()
    assert "spans" in markup and "招商引资成效不明显" in markup
    from rectify_nlp.colours import LABEL_COLOURS
    for lab in ("problem", "measure", "metric"):
        assert LABEL_COLOURS[lab] in markup


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_show_displacy_renders_in_headless_chromium(tmp_path):
    import numpy as np
    from PIL import Image
    page = tmp_path / "displacy.html"
    r = subprocess.run([sys.executable, "-m", "rectify_nlp.cli", "show", str(NOTICES / "shifanqu-2025-xuncha.txt"),
                        "--style", "displacy", "-o", str(page)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    shot = tmp_path / "shot.png"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    img = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert len(np.unique(img.reshape(-1, 3), axis=0)) > 50
    # displaCy draws each span as a bar in its label's colour
    for colour in ((0xf4, 0xa6, 0xa6), (0xa6, 0xd8, 0xf4)):
        assert (np.abs(img - np.array(colour)).sum(axis=2) < 12).sum() > 200, colour


def test_docbin_export_trains_a_spancat_pipeline(tmp_path):
    from spacy.tokens import DocBin
    real = sorted((ROOT / "annotations" / "real").glob("real-00*.jsonl"))
    cli = [sys.executable, "-m", "rectify_nlp.cli"]
    for name, files in (("train", real[:6]), ("dev", real[6:])):
        r = subprocess.run(cli + ["convert", *map(str, files), "-o", str(tmp_path / f"{name}.spacy"),
                                  "--to", "spacy"], capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 0, r.stderr
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("zh").vocab))
    gold = rectify_nlp.load_corpus(real[:6])
    assert [[(s.start_char, s.end_char, s.label_) for s in d.spans["sc"]] for d in docs] == [
        [(s.start, s.end, str(s.label)) for s in n.spans] for n in gold]
    spacy_cli = [sys.executable, "-m", "spacy"]
    subprocess.run(spacy_cli + ["init", "config", str(tmp_path / "config.cfg"), "--lang", "zh",
                                "--pipeline", "spancat", "--optimize", "efficiency"],
                   check=True, capture_output=True)
    r = subprocess.run(spacy_cli + ["train", str(tmp_path / "config.cfg"),
                                    "--paths.train", str(tmp_path / "train.spacy"),
                                    "--paths.dev", str(tmp_path / "dev.spacy"),
                                    "--training.max_steps", "4", "--training.eval_frequency", "2",
                                    "--output", str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "out" / "model-last" / "spancat").is_dir()


def test_without_spacy_the_integration_says_which_extra(monkeypatch):
    n = rectify_nlp.extract(TEXT)
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"E035.*rectify-nlp\[spacy\]"):
        n.to_doc()


def test_saved_output_reads_back_as_notices(tmp_path):
    cli = [sys.executable, "-m", "rectify_nlp.cli"]
    out = tmp_path / "out.jsonl"
    subprocess.run(cli + ["extract", str(NOTICES), "-f", "jsonl", "-o", str(out)], check=True,
                   capture_output=True, cwd=ROOT)
    back = rectify_nlp.read_jsonl(out)
    fresh = [rectify_nlp.extract(p, id=p.stem) for p in sorted(NOTICES.glob("*.txt"))]
    assert [n.to_dict() for n in back] == [n.to_dict() for n in fresh]
    assert rectify_nlp.to_frames(back)["records"].equals(rectify_nlp.to_frames(fresh)["records"])
    arr = tmp_path / "all.json"
    subprocess.run(cli + ["extract", str(NOTICES), "-f", "json", "-o", str(arr)], check=True,
                   capture_output=True, cwd=ROOT)
    assert [n.id for n in rectify_nlp.read_jsonl(arr)] == [n.id for n in fresh]
    assert back[0].to_doc().spans["rectify"]  # docs from saved output, no re-extraction
    assert rectify_nlp.Notice.from_dict(json.loads(back[1].to_json())) == back[1]


@pytest.mark.parametrize("bad", [[], "x", {"spans": []}, {"text": "abc", "spans": [{"start": 0}], "records": []},
                                 {"text": "abc", "spans": [{"start": 0, "end": 2, "label": "problem",
                                                            "text": "zz"}], "records": []}])
def test_a_dict_that_is_not_a_notice_is_a_named_error(bad):
    with pytest.raises(rectify_nlp.InputError, match="E034"):
        rectify_nlp.Notice.from_dict(bad)


def test_a_docs_notice_survives_a_docbin_round_trip(nlp, texts):
    """A DocBin keeps user data as msgpack, which gives lists back as tuples: the notice
    rebuilds from it (a record's category path came back as a tuple and was refused, E034)."""
    from spacy.tokens import DocBin

    doc = nlp(texts["shifanqu-2025-xuncha"])
    db = DocBin(store_user_data=True)
    db.add(doc)
    (again,) = DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab)
    assert again._.notice.to_dict() == doc._.notice.to_dict()
