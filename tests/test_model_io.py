"""Model files are data: round-trip, reproducible, tamper-evident, never half-written."""
import json

import numpy as np
import pytest

import rectify_nlp
from rectify_nlp.config import feature_hash
from rectify_nlp.errors import ModelError
from rectify_nlp.serialize import load, save


def test_round_trip_predicts_the_same(tmp_path, small_model, texts):
    d = save(small_model, tmp_path / "m")
    back = load(d)
    text = texts["dongcheng-2023-xuncha"]
    a = rectify_nlp.extract(text, model=small_model)
    b = rectify_nlp.extract(text, model=back)
    assert [(s.start, s.end, s.label) for s in a.spans] == [(s.start, s.end, s.label) for s in b.spans]
    assert np.allclose([s.confidence for s in a.spans], [s.confidence for s in b.spans])


def test_model_card(tmp_path, small_model):
    d = save(small_model, tmp_path / "m")
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    assert card["format_version"] == 3
    assert card["feature_hash"] == feature_hash()
    assert rectify_nlp.Config.from_dict(card["config"]) == small_model.config
    assert card["library_version"] == rectify_nlp.__version__
    assert card["labels"] == ["problem", "measure", "status", "metric", "deadline"]
    assert [t["id"] for t in card["training_notices"]] == ["dongcheng-2026-xuncha", "shifanqu-2025-xuncha"]
    assert all(len(t["sha256"]) == 64 for t in card["training_notices"])
    assert card["config"]["seed"] == 0 and "calibration_folds" in card
    assert set(card["calibration_folds"]["labels"]) == set(card["labels"])


def test_training_is_reproducible_byte_for_byte(tmp_path, gold, small_model):
    again = rectify_nlp.train([gold["dongcheng-2026-xuncha"], gold["shifanqu-2025-xuncha"]])
    a, b = save(small_model, tmp_path / "a"), save(again, tmp_path / "b")
    for name in ("model.json", "weights.npz"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_tampered_weights_are_refused(tmp_path, small_model):
    d = save(small_model, tmp_path / "m")
    w = d / "weights.npz"
    data = bytearray(w.read_bytes())
    data[len(data) // 2] ^= 0xFF
    w.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="E022.*weights.npz.*SHA-256"):
        load(d)


def test_pickled_arrays_are_never_loaded(tmp_path, small_model):
    """A weights file swapped for one holding a pickled object is refused even with a matching hash."""
    import hashlib
    d = save(small_model, tmp_path / "m")
    w = d / "weights.npz"
    np.savez(w, unit_cols=np.array([object()], dtype=object))
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    card["weights_sha256"] = hashlib.sha256(w.read_bytes()).hexdigest()
    (d / "model.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="E022"):
        load(d)


def test_other_format_version_and_missing_files(tmp_path, small_model):
    d = save(small_model, tmp_path / "m")
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    card["format_version"] = 99
    (d / "model.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="E021.*99"):
        load(d)
    with pytest.raises(ModelError, match="E020.*model.json"):
        load(tmp_path / "nowhere")
    (d / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="E022.*model.json"):
        load(d)


def test_save_refuses_to_overwrite_without_force(tmp_path, small_model):
    d = save(small_model, tmp_path / "m")
    marker = (d / "model.json").read_bytes()
    with pytest.raises(ModelError, match="E023"):
        save(small_model, d)
    assert (d / "model.json").read_bytes() == marker
    save(small_model, d, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_shipped_default_model_loads(gold):
    from rectify_nlp.serialize import default_model, default_model_path
    m = default_model()
    assert (default_model_path() / "weights.npz").stat().st_size < 5_000_000
    ids = [t["id"] for t in m.card["training_notices"]]
    assert sorted(ids) == sorted(gold)


def _rewrite_card(d, **changes):
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    card.update(changes)
    (d / "model.json").write_text(json.dumps(card), encoding="utf-8")


def test_a_model_of_other_feature_code_is_refused(tmp_path, small_model):
    """Editing a vocabulary changes what the model would see: load says so (E024)."""
    d = save(small_model, tmp_path / "m")
    _rewrite_card(d, feature_hash="0" * 64)
    with pytest.raises(ModelError, match="E024.*other feature code"):
        load(d)


def test_the_shipped_model_matches_the_installed_feature_code():
    from rectify_nlp.serialize import default_model_path
    card = json.loads((default_model_path() / "model.json").read_text(encoding="utf-8"))
    assert card["feature_hash"] == feature_hash()  # retrain models/default after a lexicon edit


def test_wrong_types_and_shapes_are_refused_at_load(tmp_path, small_model):
    import hashlib
    d = save(small_model, tmp_path / "m")
    _rewrite_card(d, config={"C_units": "big", "no_such_setting": 1})
    with pytest.raises(ModelError, match="E022"):
        load(d)
    d = save(small_model, tmp_path / "m2")
    w = d / "weights.npz"
    with np.load(w) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["unit_transitions"] = np.zeros((3, 3))
    np.savez(w, **arrays)
    _rewrite_card(d, weights_sha256=hashlib.sha256(w.read_bytes()).hexdigest())
    with pytest.raises(ModelError, match="E022.*unit_transitions.*shape"):
        load(d)


def test_a_killed_save_is_recovered(tmp_path, small_model):
    """A kill between the two renames of a replacement leaves the old model aside and no
    <name>: load still finds the old model and the next save puts it back; stale temp dirs of
    save's own are removed."""
    import os
    import time

    d = save(small_model, tmp_path / "m")
    aside = tmp_path / ".m.rectify-nlp-replaced-abcd1234"
    os.replace(d, aside)  # what a kill after the first rename leaves
    assert load(tmp_path / "m").config == small_model.config
    stale = tmp_path / ".m.rectify-nlp-new-abcd1234"
    stale.mkdir()
    past = time.time() - 7200
    os.utime(stale, (past, past))
    with pytest.raises(ModelError, match="E023"):
        save(small_model, tmp_path / "m")  # the old model is back under its name, not replaced
    assert (tmp_path / "m" / "model.json").is_file() and not aside.exists()
    assert not stale.exists()


def test_save_never_touches_what_lies_beside_the_model(tmp_path, small_model):
    """A user's `m.old` (even a model kept as a backup) and hidden `.m.*` folders, however old,
    are theirs: saving, replacing with force, and loading leave them as they were."""
    import os
    import shutil
    import time

    d = save(small_model, tmp_path / "m")
    backup = tmp_path / "m.old"
    shutil.copytree(d, backup)
    (backup / "why.txt").write_text("before the retraining", encoding="utf-8")
    cfg = tmp_path / ".m.cfg"
    cfg.mkdir()
    (cfg / "settings.txt").write_text("keep", encoding="utf-8")
    past = time.time() - 7200
    os.utime(cfg, (past, past))
    save(small_model, d, force=True)
    shutil.rmtree(d)
    with pytest.raises(ModelError, match="E020"):
        load(d)  # the user's backup is not taken for a save's leftover
    save(small_model, d)
    assert (backup / "why.txt").read_text(encoding="utf-8") == "before the retraining"
    assert (cfg / "settings.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".m.cfg", "m", "m.old"]


def test_a_neighbours_leftovers_are_never_taken_for_this_models(tmp_path, small_model):
    """What a killed save of the model `a.rectify-nlp-replaced-v2` left aside starts with
    `.a.rectify-nlp-replaced-` too: it is not `a`'s, and neither save nor load takes it."""
    import os

    neighbour = save(small_model, tmp_path / "a.rectify-nlp-replaced-v2")
    left = tmp_path / ".a.rectify-nlp-replaced-v2.rectify-nlp-replaced-abcd1234"
    os.replace(neighbour, left)
    with pytest.raises(ModelError, match="E020"):
        load(tmp_path / "a")
    save(small_model, tmp_path / "a")
    assert (left / "model.json").is_file()


def test_force_never_removes_files_it_did_not_write(tmp_path, small_model):
    """`force` replaces a model directory of save()'s and nothing else: a folder with a user's
    notes beside the model, or another tool's model.json, is refused whole (E026)."""
    import json as _json

    from rectify_nlp.errors import OutputError

    d = save(small_model, tmp_path / "m")
    (d / "NOTES.md").write_text("what this model was for", encoding="utf-8")
    with pytest.raises(OutputError, match="E026.*NOTES.md"):
        save(small_model, d, force=True)
    assert (d / "NOTES.md").read_text(encoding="utf-8") == "what this model was for"
    tfjs = tmp_path / "web"
    tfjs.mkdir()
    (tfjs / "model.json").write_text(_json.dumps({"format": "layers-model"}), encoding="utf-8")
    with pytest.raises(OutputError, match="E026.*did not write"):
        save(small_model, tfjs, force=True)
    assert sorted(p.name for p in tfjs.iterdir()) == ["model.json"]


@pytest.mark.parametrize(
    "module, cut_off, value",
    [
        ("rectify_nlp.features.units", "HEAD_CHARS", 11),  # core[:12] of the heading n-grams
        ("rectify_nlp.features.clauses", "SHAPE_CHARS", 50),
        ("rectify_nlp.features.context", "BARE_LINE_MAX", 30),
    ],
)
def test_a_model_whose_features_the_code_no_longer_gives_is_refused(
    monkeypatch, module, cut_off, value
):
    """An edited cut-off in features/ leaves the word lists (and feature_hash) as they were,
    but the canary text's features change: load says so (E024) instead of predicting with
    weights read against features the model never saw."""
    import importlib

    from rectify_nlp.serialize import default_model_path
    assert load(default_model_path()).card["feature_canary"]
    monkeypatch.setattr(importlib.import_module(module), cut_off, value)
    with pytest.raises(ModelError, match="E024.*other feature code.*canary"):
        load(default_model_path())
