"""Every setting of a model in one place, saved in ``model.json``; and the feature version.

``FEATURE_VERSION`` and the hash of the vocabularies say which feature code a model was
trained with: a model whose features differ from the installed code is refused on load
(E024), because its weights would be read against features it never saw.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from . import errors as E
from .decide.postprocess import STEP_NAMES
from .errors import ConfigError

# Bump when feature extraction changes in a way the vocabularies' hash does not show
# (a new feature, another n-gram length, another segmentation rule).
FEATURE_VERSION = 5

_LEXICON = Path(__file__).resolve().parent / "lexicon"

# The post-processing steps, in the order they run; each can be switched off in a model's
# config.  Their names are the steps' own (decide/postprocess.py).
POSTPROCESS_STEPS = STEP_NAMES


def feature_hash() -> str:
    """SHA-256 of the feature version and every vocabulary file, in name order."""
    h = hashlib.sha256(f"feature-version:{FEATURE_VERSION};".encode())
    for path in sorted(_LEXICON.iterdir()):
        if path.suffix in (".py", ".json"):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


# Every setting's declared constraint (the scikit-learn habit): its type and its range.  A
# Config that breaks one is refused when it is made, so a model.json that does is refused when
# the model is loaded (a window of 0 would decode forever, a NaN threshold keep nothing).
MAX_DECODE_WINDOW = 1_000_000
CONSTRAINTS: dict[str, tuple[type, float, float, str]] = {
    "C_units": (float, 0.0, math.inf, "a finite number > 0"),
    "c2_units": (float, 0.0, math.inf, "a finite number >= 0"),
    "C_clauses": (float, 0.0, math.inf, "a finite number > 0"),
    "C_topics": (float, 0.0, math.inf, "a finite number > 0"),
    "topic_measure_weight": (float, 0.0, math.inf, "a finite number >= 0"),
    "topic_area_weight": (float, 0.0, math.inf, "a finite number >= 0"),
    "transition_weight": (float, 0.0, math.inf, "a finite number >= 0"),
    "metric_threshold": (float, 0.0, 1.0, "a finite number in [0, 1]"),
    "deadline_threshold": (float, 0.0, 1.0, "a finite number in [0, 1]"),
    "calibration_folds": (int, 1, 1000, "an integer in [1, 1000] (1: no calibration)"),
    "decode_window": (int, 1, MAX_DECODE_WINDOW, f"an integer in [1, {MAX_DECODE_WINDOW}]"),
    "seed": (int, 0, 2**32 - 1, "an integer in [0, 2**32 - 1]"),
    "augment_per_notice": (int, 0, 100, "an integer in [0, 100]"),
}
_STRICTLY_POSITIVE = ("C_units", "C_clauses", "C_topics")


def _check(name: str, value: Any, where: str = "") -> None:
    want, lo, hi, expected = CONSTRAINTS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        ok = False
    elif want is int:
        ok = isinstance(value, int) and lo <= value <= hi
    else:
        ok = math.isfinite(value) and lo <= value <= hi
        ok = ok and not (name in _STRICTLY_POSITIVE and value <= 0)
    if not ok:
        raise ConfigError(
            E.E043.format(where=where, name=name, value=value, expected=expected)
        )


TAGGERS = ("crf", "logistic")


def _check_tagger(tagger: Any, where: str = "") -> None:
    if tagger not in TAGGERS:
        raise ConfigError(
            E.E043.format(where=where, name="tagger", value=tagger, expected=f"one of {TAGGERS}")
        )


def _check_augment(augment: Any, exclude: Any, where: str = "") -> None:
    if not isinstance(augment, bool):
        raise ConfigError(
            E.E043.format(
                where=where, name="augment", value=augment,
                expected="true or false (a JSON boolean, not a string or a number)",
            )
        )
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise ConfigError(
            E.E043.format(
                where=where, name="augment_exclude", value=exclude,
                expected="a list of layout family names",
            )
        )


def _check_steps(steps: Any, where: str = "") -> None:
    if not isinstance(steps, dict):
        raise ConfigError(
            E.E043.format(
                where=where, name="postprocess", value=steps,
                expected="an object of step names to true/false",
            )
        )
    bad = sorted(set(map(str, steps)) - set(POSTPROCESS_STEPS))
    if bad:
        raise ConfigError(
            E.E043.format(
                where=where, name="postprocess", value=bad,
                expected=f"made of known step names {list(POSTPROCESS_STEPS)}",
            )
        )
    for k, v in steps.items():
        if not isinstance(v, bool):
            raise ConfigError(
                E.E043.format(
                    where=where, name=f"postprocess.{k}", value=v,
                    expected="true or false (a JSON boolean, not a string or a number)",
                )
            )


def _check_names(settings: dict[str, Any], where: str = "") -> None:
    known = sorted(f.name for f in fields(Config))
    unknown = sorted(set(map(str, settings)) - set(known))
    if unknown:
        raise ConfigError(
            E.E045.format(where=where, unknown=unknown, known=", ".join(known))
        )


@dataclass(frozen=True)
class Config:
    """Hyper-parameters chosen by grouped cross-validation on annotations/ (README).

    Every setting is checked against ``CONSTRAINTS`` when a Config is made (``ConfigError``,
    E043): finite numbers in range, integers that are not booleans, known step names switched
    by real booleans."""

    # The unit tagger: logistic emissions (``C_units``) with counted transitions scaled by
    # ``transition_weight`` (models/sequence.py), or a jointly fitted CRF (models/crf.py, L2
    # ``c2_units``; the ``crf`` extra).  Under layout cross-validation the two tie (problem
    # F1 0.860 and 0.859, README): the logistic tagger needs nothing more.
    tagger: str = "logistic"
    c2_units: float = 0.1
    C_units: float = 0.5
    C_clauses: float = 8.0
    C_topics: float = 100.0
    # The topic classifier's second and third experts (models/topics.py): the measures'
    # regression and the area's naive Bayes, their log-probabilities counted at these weights
    # beside the wording's at 1. 0 and 0: the wording's regression alone, as before.
    topic_measure_weight: float = 0.25
    topic_area_weight: float = 0.25
    transition_weight: float = 0.3
    metric_threshold: float = 0.5
    deadline_threshold: float = 0.5
    calibration_folds: int = 5
    # Units decoded together; a window always ends at a paragraph start, where a span rarely
    # continues (annotations/README.md, decision 1).
    decode_window: int = 4096
    seed: int = 0
    # Layout-invariant training (training/augment.py): gold problems re-rendered into other
    # layout families; ``augment_exclude`` names families never rendered (layout CV holds
    # each family out, its renderings too).
    augment: bool = True
    augment_per_notice: int = 2
    augment_exclude: list[str] = field(default_factory=list)
    postprocess: dict[str, bool] = field(
        default_factory=lambda: {s: True for s in POSTPROCESS_STEPS}
    )

    def __new__(cls, *args: Any, **settings: Any) -> "Config":
        # before the dataclass's __init__, whose TypeError would not list the known settings
        _check_names(settings)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        for name in CONSTRAINTS:
            _check(name, getattr(self, name))
        _check_tagger(self.tagger)
        _check_augment(self.augment, self.augment_exclude)
        _check_steps(self.postprocess)
        # every step has its switch: the ones not given are on
        merged = {**{s: True for s in POSTPROCESS_STEPS}, **self.postprocess}
        object.__setattr__(self, "postprocess", merged)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], where: str = "") -> "Config":
        if not isinstance(d, dict):
            raise ConfigError(
                E.E043.format(where=where, name="config", value=d, expected="an object")
            )
        _check_names(d, where)
        for name in CONSTRAINTS:
            if name in d:
                _check(name, d[name], where)
        if "tagger" in d:
            _check_tagger(d["tagger"], where)
        _check_augment(d.get("augment", True), d.get("augment_exclude", []), where)
        steps = d.get("postprocess")
        steps = {} if steps is None else steps
        _check_steps(steps, where)
        return cls(**{**d, "postprocess": dict(steps)})

    def replace(self, **changes: Any) -> "Config":
        return Config.from_dict({**self.to_dict(), **changes})
