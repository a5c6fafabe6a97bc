"""Model directories: ``model.json`` (card and settings) and ``weights.npz`` (arrays only).

Loading never executes anything from the files: JSON is parsed, arrays are read with
``allow_pickle=False`` and checked for shape, the weights' SHA-256 must match the card, and
the card's feature hash and feature canary must match the installed feature code, so a changed
file or a model of other features is refused.  The feature vocabularies are arrays too: UTF-8
bytes and the end of every string.  Saving is atomic (temporary directory, then rename) and
byte-reproducible.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from . import arguments
from . import errors as E
from ._version import __version__
from .config import Config, feature_hash
from .decide.model import Model
from .decide.propose import UNIT_LABELS
from .errors import ConfigError, ModelError, OutputError
from .features.canary import canary_digest
from .io.atomic import ANY, folder_lock, identity
from .io.encoding import finite
from .io.output import model_dir_problem
from .model_arrays import model_arrays, read_array, read_linear, read_vocabulary, write_npz
from .models.predict import CalibrationMap, ChainDecoder
from .models.topics import TOPICS, TopicClassifier
from .schema import DETAIL_LABELS, Label

FORMAT_VERSION = 3
CARD = "model.json"
WEIGHTS = "weights.npz"
# The weights are hashed and read in chunks, and refused above this size (the shipped model's
# file is a few MB).
MAX_WEIGHTS_BYTES = 256 * 2**20
_CHUNK = 2**20


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_CHUNK), b""):
            h.update(block)
    return h.hexdigest()


# What save() leaves beside ``<name>`` while it works, named so that nothing else is taken
# for it: the new model being written, and the model it replaces, moved aside until the new
# one is in place.  Nothing else beside the target is ever renamed or removed (a user's
# ``<name>.old`` or ``.<name>.cfg`` is theirs).
NEW = ".{name}.rectify-nlp-new-"
ASIDE = ".{name}.rectify-nlp-replaced-"
# A temporary directory of save() this old was left by a killed run: it is removed.
STALE_SECONDS = 3600


def _ours(path: Path, kind: str) -> list[Path]:
    """save()'s own directories of ``kind`` (NEW or ASIDE) beside ``path``, newest first: the
    prefix and mkdtemp's eight characters exactly, so that the aside of a neighbour named
    ``<name>.rectify-nlp-replaced-…`` is never taken for this model's."""
    mine = re.compile(re.escape(kind.format(name=path.name)) + r"[a-z0-9_]{8}")
    try:
        with os.scandir(path.parent) as entries:
            found = [Path(e.path) for e in entries
                     if mine.fullmatch(e.name) and e.is_dir(follow_symlinks=False)]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []


def _kept_aside(path: Path) -> Path | None:
    """The newest whole model a killed replacement left aside, if any."""
    return next((p for p in _ours(path, ASIDE) if (p / CARD).is_file()), None)


def _target(path: Path) -> Path:
    """The directory a link names (a save replaces it and the link stays; what a killed save
    left aside lies beside it, not beside the link), else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _recover(path: Path) -> None:
    """Undo what a killed save left: a replaced model moved aside with no new one in place is
    put back; temporary directories of a killed save, older than an hour, are removed.  Under
    the folder's lock, so a save under way (which holds it for its renames) is never taken for
    a killed one."""
    if not path.parent.is_dir():
        return
    with folder_lock(path.parent):
        if not path.exists() and not path.is_symlink():
            aside = _kept_aside(path)
            if aside is not None:
                os.replace(aside, path)
        now = time.time()
        # a replaced model still aside when the new one is in place was left by a kill
        # between the new model's rename and the removal of the old
        stale = _ours(path, NEW) + (_ours(path, ASIDE) if path.is_dir() else [])
        for tmp in stale:
            try:
                if now - tmp.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(tmp, ignore_errors=True)
            except OSError:
                continue


def save(
    model: Model, path: str | os.PathLike, force: bool = False, *, expect: Any = ANY
) -> Path:
    """Write ``model`` to directory ``path``; refuse to replace one unless ``force``, and
    never replace anything but a model directory (E026).

    The new model is written to a hidden temporary directory beside the target and renamed
    into place under a lock on the folder, where the rule is checked again (so two saves
    cannot both succeed silently: E023/E028); a replaced model is kept aside (``ASIDE``) until
    the new one is in place.  ``expect`` (the CLI's) is the identity of the directory the run
    checked when it began.
    """
    if not isinstance(model, Model):  # before anything beside the target is touched
        raise arguments.refuse("model", model, "a Model (from train or load)")
    path = _target(Path(arguments.path(path)))
    _recover(path)
    if path.exists() and not force:
        raise ModelError(E.E023.format(path=path))
    why = model_dir_problem(path)
    if why:
        raise OutputError(E.E026.format(path=path, what=why))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=NEW.format(name=path.name), dir=path.parent))
    tmp.chmod(0o755)
    try:
        write_npz(tmp / WEIGHTS, model_arrays(model))
        card = dict(model.card)
        card.update(
            format_version=FORMAT_VERSION,
            library_version=card.get("library_version", __version__),
            feature_hash=feature_hash(),
            feature_canary=card.get("feature_canary") or canary_digest(),
            unit_labels=list(UNIT_LABELS),
            topics=list(TOPICS) if model.topics is not None else [],
            vocabulary_sizes={
                "units": len(model.unit_vocabulary),
                "clauses": len(model.clause_vocabulary),
                "topics": len(model.topics.vocabulary) if model.topics is not None else 0,
            },
            config=model.config.to_dict(),
            calibration={
                str(lab): {
                    "x": [round(float(v), 8) for v in c.x_],
                    "y": [round(float(v), 8) for v in c.y_],
                }
                for lab, c in sorted(model.calibrators.items())
            },
            weights_sha256=_sha256(tmp / WEIGHTS),
        )
        (tmp / CARD).write_text(
            json.dumps(finite(card), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
            + "\n",
            encoding="utf-8",
        )
        with folder_lock(path.parent):
            _swap(tmp, path, force, expect)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def _swap(tmp: Path, path: Path, force: bool, expect: Any) -> None:
    """Under the folder's lock: the rule once more, then the renames."""
    there = path.exists() or path.is_symlink()
    if there and not force:
        raise ModelError(E.E023.format(path=path))
    if expect is not ANY and identity(path) != expect:
        raise OutputError(E.E028.format(path=path))
    why = model_dir_problem(path)
    if why:
        raise OutputError(E.E026.format(path=path, what=why))
    if there:
        # a fresh name of save()'s own: the rename never lands on anything that exists
        old = Path(tempfile.mkdtemp(prefix=ASIDE.format(name=path.name), dir=path.parent))
        os.rmdir(old)
        os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old)
    else:
        os.replace(tmp, path)


# A load that meets a model being replaced by a save without the folder lock (another
# machine on a network share) tries again this many times before it reports what it saw.
LOAD_TRIES = 5


def load(path: str | os.PathLike) -> Model:
    """Read a model directory written by ``save``; refuse anything that does not check out.

    Reading takes the folder's lock shared, so a model being replaced reads as the old model
    or the new one, never half of each (and never a raw FileNotFoundError)."""
    if not isinstance(path, (str, os.PathLike)):
        raise ModelError(E.E020.format(path=path, missing="a model directory (str or path)"))
    path = _target(Path(path))
    for attempt in range(LOAD_TRIES):
        try:
            with folder_lock(path.parent, shared=True):
                return _load(path)
        except (ModelError, OSError) as exc:
            if attempt == LOAD_TRIES - 1 or not _being_replaced(path):
                if isinstance(exc, ModelError):
                    raise
                raise ModelError(E.E022.format(path=path, detail=exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _being_replaced(path: Path) -> bool:
    """A save is under way here: its temporary directory or the model moved aside exist."""
    return bool(_ours(path, NEW) or _ours(path, ASIDE))


def _load(path: Path) -> Model:
    if not path.exists():
        # a replacement was killed half-way: the previous model is still whole, aside
        path = _kept_aside(path) or path
    card_path, weights_path = path / CARD, path / WEIGHTS
    missing = [p.name for p in (card_path, weights_path) if not p.is_file()]
    if missing:
        raise ModelError(E.E020.format(path=path, missing=", ".join(missing)))
    try:
        # utf-8-sig: Notepad saves model.json with a BOM
        card: dict[str, Any] = json.loads(card_path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ModelError(
            E.E022.format(path=card_path, detail=f"model.json is not valid JSON: {exc}")
        ) from None
    if not isinstance(card, dict):
        raise ModelError(E.E022.format(path=card_path, detail="model.json is not an object"))
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            E.E021.format(path=path, found=card.get("format_version"), needed=FORMAT_VERSION)
        )
    if card.get("feature_hash") != feature_hash():
        raise ModelError(
            E.E024.format(
                path=path, found=str(card.get("feature_hash"))[:12], needed=feature_hash()[:12]
            )
        )
    canary = canary_digest()
    if card.get("feature_canary") != canary:
        # the same word lists, but code in features/ or layout/ featurises the canary otherwise
        raise ModelError(
            E.E024.format(
                path=path,
                found="canary " + str(card.get("feature_canary"))[:12],
                needed="canary " + canary[:12],
            )
        )
    size = weights_path.stat().st_size
    if size > MAX_WEIGHTS_BYTES:
        raise ModelError(
            E.E022.format(path=weights_path, detail=f"{size} bytes, more than {MAX_WEIGHTS_BYTES}")
        )
    with open(weights_path, "rb") as f:
        data = f.read(MAX_WEIGHTS_BYTES + 1)  # once: the bytes hashed are the bytes read
    if card.get("weights_sha256") != hashlib.sha256(data).hexdigest():
        raise ModelError(E.E022.format(path=weights_path, detail="SHA-256 differs from model.json"))
    try:
        config = Config.from_dict(card["config"], where="model.json: ")
    except ConfigError as exc:
        raise ModelError(E.E022.format(path=card_path, detail=str(exc))) from None
    except KeyError:
        raise ModelError(E.E022.format(path=card_path, detail="no 'config'")) from None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            arrays = {k[:-4] if k.endswith(".npy") else k: z[k] for k in z.files}
        k = len(UNIT_LABELS)
        units = read_vocabulary(arrays, "unit", weights_path)
        clauses = read_vocabulary(arrays, "clause", weights_path)
        tagger = ChainDecoder()
        # a CRF's transitions are potentials as they are (models/crf.py)
        tagger.transition_weight = 1.0 if config.tagger == "crf" else config.transition_weight
        tagger.emission_ = read_linear(arrays, "unit", UNIT_LABELS, len(units), weights_path)
        tagger.classes_ = tagger.emission_.classes_
        tagger.log_transitions_ = read_array(
            arrays, "unit_transitions", (k + 1, k), weights_path
        ).astype(np.float64)
        detail = {
            lab: read_linear(arrays, str(lab), (0, 1), len(clauses), weights_path)
            for lab in DETAIL_LABELS
        }
        topics = None
        if "topic_vocabulary" in arrays:
            words = read_vocabulary(arrays, "topic", weights_path)
            scores = read_linear(arrays, "topic", TOPICS, len(words), weights_path)
            topics = TopicClassifier(words, scores.classes_, scores.weights_, scores.intercept_)
        calibrators = {}
        for label, xy in card.get("calibration", {}).items():
            c = CalibrationMap()
            c.x_, c.y_ = (
                np.asarray(xy["x"], dtype=np.float64),
                np.asarray(xy["y"], dtype=np.float64),
            )
            if c.x_.ndim != 1 or c.x_.shape != c.y_.shape or len(c.x_) < 1:
                raise ValueError(f"calibration of {label!r} is not two lists of one length")
            if not (np.isfinite(c.x_).all() and np.isfinite(c.y_).all()):
                raise ValueError(f"calibration of {label!r} holds a number that is not finite")
            if c.y_.min() < 0 or c.y_.max() > 1:
                raise ValueError(f"calibration of {label!r} maps outside [0, 1]")
            calibrators[Label(label)] = c
    except ModelError:
        raise
    except (
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        zipfile.BadZipFile,
        OSError,
    ) as exc:
        raise ModelError(E.E022.format(path=path, detail=f"{type(exc).__name__}: {exc}")) from None
    return Model(tagger, detail, units, clauses, config, calibrators, card, topics)


def default_model_path() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_default_model", here.parent / "models" / "default"):
        if (candidate / CARD).is_file():
            return candidate
    raise ModelError(
        E.E020.format(path=here / "_default_model", missing="the shipped default model")
    )


@functools.lru_cache(maxsize=1)
def default_model() -> Model:
    """The model shipped in the package, loaded once, on first use."""
    return load(default_model_path())
