"""Model directories: ``model.json`` (card and settings) and ``weights.npz`` (arrays only).

Loading never executes anything from the files: JSON is parsed, arrays are read with
``allow_pickle=False``, and the weights' SHA-256 must match the card, so a changed file is
refused.  Saving is atomic (temporary directory, then rename) and byte-reproducible.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from . import errors as E
from .errors import ModelError
from .features import N_FEATURES
from .model import Model
from .tagger import Calibrator, LinearClassifier, SequenceTagger, UNIT_LABELS
from .types import DETAIL_LABELS

FORMAT_VERSION = 1
CARD = "model.json"
WEIGHTS = "weights.npz"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps keep saved files byte-identical


def _sparse_rows(coef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cols = np.flatnonzero(np.any(coef != 0, axis=0)).astype(np.int32)
    return cols, coef[:, cols].astype(np.float32)


def _dense_rows(cols: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.zeros((values.shape[0], N_FEATURES), dtype=np.float32)
    out[:, cols] = values
    return out


def _arrays(model: Model) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    cols, vals = _sparse_rows(model.tagger.emission_.coef_)
    arrays.update(unit_cols=cols, unit_values=vals, unit_intercept=model.tagger.emission_.intercept_,
                  unit_transitions=model.tagger.log_transitions_.astype(np.float64))
    for label in DETAIL_LABELS:
        cols, vals = _sparse_rows(model.detail[label].coef_)
        arrays[f"{label}_cols"] = cols
        arrays[f"{label}_values"] = vals
        arrays[f"{label}_intercept"] = model.detail[label].intercept_
    return arrays


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.save(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(model: Model, path: str | os.PathLike, force: bool = False) -> Path:
    """Write ``model`` to directory ``path``; refuse to replace one unless ``force``."""
    path = Path(path)
    if path.exists() and not force:
        raise ModelError(E.E023.format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    tmp.chmod(0o755)
    try:
        _write_npz(tmp / WEIGHTS, _arrays(model))
        card = dict(model.card)
        card.update(
            format_version=FORMAT_VERSION,
            library_version=card.get("library_version", __version__),
            unit_labels=list(UNIT_LABELS),
            n_features=N_FEATURES,
            thresholds=model.thresholds,
            transition_weight=model.tagger.transition_weight,
            calibration={lab: {"x": [round(float(v), 8) for v in c.x_], "y": [round(float(v), 8) for v in c.y_]}
                         for lab, c in sorted(model.calibrators.items())},
            weights_sha256=_sha256(tmp / WEIGHTS),
        )
        (tmp / CARD).write_text(json.dumps(card, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if path.exists():
            old = path.with_name(path.name + ".old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def load(path: str | os.PathLike) -> Model:
    """Read a model directory written by ``save``."""
    path = Path(path)
    card_path, weights_path = path / CARD, path / WEIGHTS
    missing = [p.name for p in (card_path, weights_path) if not p.is_file()]
    if missing:
        raise ModelError(E.E020.format(path=path, missing=", ".join(missing)))
    try:
        card: dict[str, Any] = json.loads(card_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(E.E022.format(path=card_path, detail=f"model.json is not valid JSON: {exc}")) from None
    if not isinstance(card, dict):
        raise ModelError(E.E022.format(path=card_path, detail="model.json is not an object"))
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelError(E.E021.format(path=path, found=card.get("format_version"), needed=FORMAT_VERSION))
    if card.get("weights_sha256") != _sha256(weights_path):
        raise ModelError(E.E022.format(path=weights_path, detail="SHA-256 differs from model.json"))
    try:
        with np.load(weights_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        tagger = SequenceTagger(transition_weight=float(card["transition_weight"]))
        em = LinearClassifier()
        em.coef_ = _dense_rows(arrays["unit_cols"], arrays["unit_values"])
        em.intercept_ = arrays["unit_intercept"]
        em.n_classes_ = len(UNIT_LABELS)
        tagger.emission_ = em
        tagger.log_transitions_ = arrays["unit_transitions"]
        detail = {}
        for label in DETAIL_LABELS:
            clf = LinearClassifier()
            clf.coef_ = _dense_rows(arrays[f"{label}_cols"], arrays[f"{label}_values"])
            clf.intercept_ = arrays[f"{label}_intercept"]
            clf.n_classes_ = 2
            detail[label] = clf
        calibrators = {}
        for label, xy in card.get("calibration", {}).items():
            c = Calibrator()
            c.x_, c.y_ = np.asarray(xy["x"], dtype=np.float64), np.asarray(xy["y"], dtype=np.float64)
            calibrators[label] = c
        thresholds = {k: float(v) for k, v in card["thresholds"].items()}
    except (KeyError, ValueError, TypeError, IndexError, zipfile.BadZipFile, OSError) as exc:
        raise ModelError(E.E022.format(path=path, detail=f"{type(exc).__name__}: {exc}")) from None
    return Model(tagger, detail, calibrators, thresholds, card)


def default_model_path() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_default_model", here.parent / "models" / "default"):
        if (candidate / CARD).is_file():
            return candidate
    raise ModelError(E.E020.format(path=here / "_default_model", missing="the shipped default model"))


@functools.lru_cache(maxsize=1)
def default_model() -> Model:
    """The model shipped in the package, loaded once, on first use."""
    return load(default_model_path())
