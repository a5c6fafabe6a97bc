"""Every setting of a Config and of model.json has a declared constraint, checked when a Config
is made or a model loaded; model.json reads with a BOM; no bare NaN is ever written (issue 21,
class 3)."""
import hashlib
import json
import math
import shutil

import numpy as np
import pytest

import rectify_nlp
from rectify_nlp import Config, ModelError, RectifyError

from .conftest import NOTICES, ROOT

DEFAULT = ROOT / "models" / "default"


@pytest.fixture()
def model_dir(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(DEFAULT, d)
    return d


def _edit_card(d, **config):
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    card["config"].update(config)
    (d / "model.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("setting", [
    {"decode_window": 0}, {"decode_window": -5}, {"decode_window": 2.5},
    {"metric_threshold": float("nan")}, {"deadline_threshold": 7}, {"metric_threshold": -0.1},
    {"transition_weight": float("inf")}, {"C_units": -1}, {"C_clauses": 0},
    {"calibration_folds": 0}, {"seed": -1}, {"seed": True},
    {"postprocess": {"trim_edges": "false"}}, {"postprocess": {"cut_closing_section": 0}},
    {"postprocess": {"no_such_step": True}}, {"postprocess": ["trim_edges"]},
])
def test_a_setting_out_of_its_range_is_refused_when_the_model_is_loaded(model_dir, setting):
    _edit_card(model_dir, **setting)
    with pytest.raises(ModelError, match="E043") as info:
        rectify_nlp.load(model_dir)
    assert next(iter(setting)) in str(info.value)


@pytest.mark.parametrize("kwargs", [
    {"C_units": -1}, {"decode_window": 0}, {"metric_threshold": math.nan}, {"seed": 1.5},
    {"postprocess": {"trim_edges": "no"}}, {"calibration_folds": "5"},
])
def test_a_config_out_of_range_is_refused_when_it_is_made(kwargs):
    with pytest.raises(RectifyError, match="E043") as info:
        Config(**kwargs)
    assert isinstance(info.value, ValueError)
    with pytest.raises(RectifyError, match="E043"):
        Config().replace(**kwargs)


def test_train_with_a_bad_config_fails_at_the_door_with_a_code(gold):
    with pytest.raises(RectifyError, match="E043"):
        rectify_nlp.train([gold["real-001"]], config=Config.from_dict({"C_units": -1}))


def test_settings_in_range_still_load_and_extract(model_dir):
    _edit_card(model_dir, decode_window=1, metric_threshold=1.0,
               postprocess={"drop_sign_offs": False})
    model = rectify_nlp.load(model_dir)
    assert model.config.decode_window == 1 and model.config.postprocess["trim_edges"] is True
    text = (NOTICES / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    assert len(rectify_nlp.extract(text, model=model).records) > 10


def _rewrite_weights(d, name, change):
    w = d / "weights.npz"
    with np.load(w) as z:
        arrays = {k: z[k] for k in z.files}
    arrays[name] = change(arrays[name])
    np.savez(w, **arrays)
    card = json.loads((d / "model.json").read_text(encoding="utf-8"))
    card["weights_sha256"] = hashlib.sha256(w.read_bytes()).hexdigest()
    (d / "model.json").write_text(json.dumps(card), encoding="utf-8")


def test_nan_weights_and_calibration_are_refused_at_load(model_dir, tmp_path):
    def nan_at_first(a):
        a = a.astype(np.float64).copy()
        a.flat[0] = np.nan
        return a

    _rewrite_weights(model_dir, "unit_transitions", nan_at_first)
    with pytest.raises(ModelError, match="E022.*NaN"):
        rectify_nlp.load(model_dir)
    other = tmp_path / "other"
    shutil.copytree(DEFAULT, other)
    card = json.loads((other / "model.json").read_text(encoding="utf-8"))
    label = next(iter(card["calibration"]))
    card["calibration"][label]["y"][0] = float("nan")
    (other / "model.json").write_text(json.dumps(card), encoding="utf-8")  # writes bare NaN
    with pytest.raises(ModelError, match="E022.*not finite"):
        rectify_nlp.load(other)


def test_model_json_with_a_bom_loads(model_dir):
    raw = (model_dir / "model.json").read_bytes()
    (model_dir / "model.json").write_bytes(b"\xef\xbb\xbf" + raw)  # as Notepad saves it
    model = rectify_nlp.load(model_dir)
    assert model.config == rectify_nlp.load(DEFAULT).config


def test_no_bare_nan_is_ever_written(tmp_path):
    model = rectify_nlp.load(DEFAULT)
    d = rectify_nlp.save(model, tmp_path / "m")
    card_text = (d / "model.json").read_text(encoding="utf-8")
    assert "NaN" not in card_text and "Infinity" not in card_text
    json.loads(card_text, parse_constant=lambda c: pytest.fail(f"bare {c}"))
    assert rectify_nlp.load(d).config == model.config
    notice = rectify_nlp.extract((NOTICES / "muye-2025-xunshi.txt").read_text(encoding="utf-8"))
    span = notice.spans[0]
    broken = rectify_nlp.Notice(notice.text, (type(span)(span.start, span.end, span.label,
                                                         span.text, float("nan")),), ())
    text = broken.to_json()
    assert "NaN" not in text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c}"))
