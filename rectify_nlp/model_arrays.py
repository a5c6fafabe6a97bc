"""The weights file's arrays: a model written out as named arrays (``weights.npz``, no pickle,
fixed zip timestamps so a save is byte-identical) and read back, each checked for shape,
type and finite values before the first extract (serialize.py writes and reads the files)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from . import errors as E
from .decide.model import Model
from .errors import ModelError
from .features.vocabulary import Vocabulary
from .models.predict import LinearScores
from .schema import DETAIL_LABELS

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps keep saved files byte-identical


def _vocabulary_arrays(prefix: str, vocabulary: Vocabulary) -> dict[str, np.ndarray]:
    data, ends = vocabulary.to_arrays()
    return {f"{prefix}_vocabulary": data, f"{prefix}_vocabulary_ends": ends}


def _linear_arrays(prefix: str, clf: LinearScores) -> dict[str, np.ndarray]:
    return {
        f"{prefix}_weights": np.asarray(clf.weights_, dtype=np.float32),
        f"{prefix}_intercept": np.asarray(clf.intercept_, dtype=np.float32),
    }


def model_arrays(model: Model) -> dict[str, np.ndarray]:
    arrays = {
        **_vocabulary_arrays("unit", model.unit_vocabulary),
        **_vocabulary_arrays("clause", model.clause_vocabulary),
        **_linear_arrays("unit", model.tagger.emission_),
        "unit_transitions": model.tagger.log_transitions_.astype(np.float64),
    }
    for label in DETAIL_LABELS:
        arrays.update(_linear_arrays(str(label), model.detail[label]))
    if model.topics is not None:
        arrays.update(_vocabulary_arrays("topic", model.topics.vocabulary))
        arrays.update(_linear_arrays("topic", model.topics))
    return arrays


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.save(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # level 1: a third of the time of the default level, for 4 % more bytes
            zf.writestr(info, buf.getvalue(), compresslevel=1)


def read_array(arrays: dict[str, np.ndarray], name: str, shape: tuple, where: Path) -> np.ndarray:
    """An array of the weights file, checked for shape now rather than at the first extract."""
    a = arrays.get(name)
    if a is None:
        raise ModelError(E.E022.format(path=where, detail=f"weights.npz has no array {name!r}"))
    if a.ndim != len(shape) or any(
        want is not None and got != want for got, want in zip(a.shape, shape)
    ):
        raise ModelError(
            E.E022.format(
                path=where, detail=f"array {name!r} has shape {a.shape}, expected {shape}"
            )
        )
    if a.dtype.kind not in "fiu":
        raise ModelError(
            E.E022.format(path=where, detail=f"array {name!r} is {a.dtype}, not numeric")
        )
    # log-probabilities of forbidden transitions are -inf; NaN and +inf are never weights
    if a.dtype.kind == "f" and (np.isnan(a).any() or np.isposinf(a).any()):
        raise ModelError(
            E.E022.format(path=where, detail=f"array {name!r} holds NaN or infinite numbers")
        )
    return a


def read_vocabulary(arrays: dict[str, np.ndarray], prefix: str, where: Path) -> Vocabulary:
    data = read_array(arrays, f"{prefix}_vocabulary", (None,), where)
    ends = read_array(arrays, f"{prefix}_vocabulary_ends", (None,), where)
    if data.dtype != np.uint8 or ends.dtype.kind != "i":
        raise ModelError(
            E.E022.format(path=where, detail=f"array {prefix}_vocabulary is not UTF-8 bytes")
        )
    return Vocabulary.from_arrays(data, ends)


def read_linear(
    arrays: dict[str, np.ndarray], prefix: str, classes, n_features: int, where: Path
) -> LinearScores:
    k = len(classes)
    clf = LinearScores()
    clf.classes_ = np.asarray(classes)
    weights = read_array(arrays, f"{prefix}_weights", (n_features, k), where)
    clf.weights_ = weights.astype(np.float32)
    clf.intercept_ = read_array(arrays, f"{prefix}_intercept", (k,), where).astype(np.float32)
    return clf
