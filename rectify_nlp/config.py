"""Every setting of a model in one place, saved in ``model.json``; and the feature version.

``FEATURE_VERSION`` and the hash of the vocabularies say which feature code a model was
trained with: a model whose features differ from the installed code is refused on load
(E024), because its weights would be read against features it never saw.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

# Bump when feature extraction changes in a way the vocabularies' hash does not show
# (a new feature, another n-gram length, another segmentation rule).
FEATURE_VERSION = 4

_LEXICON = Path(__file__).resolve().parent / "lexicon"

# The post-processing steps, in the order they run (decide/postprocess.py); each can be
# switched off in a model's config.
POSTPROCESS_STEPS = (
    "extend_field_problems",
    "extend_enumerated_items",
    "trim_edges",
    "strip_problem_wrappers",
    "drop_sign_offs",
    "drop_cut_off_fragments",
    "cut_closing_section",
    "drop_history_deadlines",
    "drop_intro_deadlines",
)


def feature_hash() -> str:
    """SHA-256 of the feature version and every vocabulary file, in name order."""
    h = hashlib.sha256(f"feature-version:{FEATURE_VERSION};".encode())
    for path in sorted(_LEXICON.iterdir()):
        if path.suffix in (".py", ".json"):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Config:
    """Hyper-parameters chosen by grouped cross-validation on annotations/ (README)."""

    C_units: float = 0.5
    C_clauses: float = 8.0
    C_topics: float = 100.0
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Config":
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        steps = dict(d.get("postprocess") or {})
        bad = set(steps) - set(POSTPROCESS_STEPS)
        if bad:
            raise ValueError(
                f"unknown post-processing steps {sorted(bad)}; known: {list(POSTPROCESS_STEPS)}"
            )
        merged = {**{s: True for s in POSTPROCESS_STEPS}, **{k: bool(v) for k, v in steps.items()}}
        defaults = cls()
        for f in fields(cls):
            if f.name in d and f.name != "postprocess":
                want = type(getattr(defaults, f.name))
                value = d[f.name]
                if want is float:
                    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
                elif want is bool:
                    ok = isinstance(value, bool)
                else:
                    ok = isinstance(value, want) and not isinstance(value, bool)
                if not ok:
                    raise ValueError(f"setting {f.name!r} is {value!r}, expected {want.__name__}")
        return cls(**{**d, "postprocess": merged})

    def replace(self, **changes: Any) -> "Config":
        return Config.from_dict({**self.to_dict(), **changes})
