"""Features of units and clauses: character n-grams, shapes, position, section context.

Features are strings hashed into a fixed space, so the model's learned state is only arrays of
weights: nothing about the vocabulary needs saving, and unseen layouts still map somewhere.
Word segmentation (pkuseg) is not used: character bi- and tri-grams carry the lexical cues at
a fraction of its cost (see README, "Why no word features").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

from . import rules
from .rules import field_kind
from .text import Clause, NormText, Unit, enumerator_class

# 2**18 buckets keep collisions rare for ~50k distinct feature strings; the shipped weights
# are stored sparse, so the size of the space costs nothing on disk.
N_FEATURES = 2**18
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
# The rule label enters the hash this many times, so the classifier can lean on it at a smaller
# L2 cost than on layout-specific n-grams (chosen by cross-validation, see README).
RULE_WEIGHT = 8
DIGITS = re.compile(r"\d+(?:\.\d+)?")
CN_NUM = re.compile(r"[一二两三四五六七八九十百千万]+")


def _ngrams(s: str, prefix: str, n_max: int = 3) -> list[str]:
    out = []
    for n in range(1, n_max + 1):
        for i in range(len(s) - n + 1):
            out.append(prefix + s[i:i + n])
    return out


def bigrams(s: str, prefix: str) -> list[str]:
    return [prefix + s[i:i + 2] for i in range(len(s) - 1)]


def shape(s: str) -> str:
    """Digits as 0, Chinese numerals as 〇: `召开3次会议` -> `召开0次会议`."""
    return CN_NUM.sub("〇", DIGITS.sub("0", s))


@dataclass(frozen=True, slots=True)
class UnitContext:
    """What the tagger needs to know about a unit's surroundings."""

    field: str            # the last field name ("整改情况") seen before the unit
    field_kind: str       # what that field introduces (problem, rect, status, ...)
    heading_class: str    # enumerator class of the last heading line
    since_field: int      # content units since that field
    closing: bool         # inside the closing next-steps section
    before_first_heading: bool
    rule_label: str       # what the baseline rules would say
    position: int         # tenth of the notice


def unit_contexts(norm: NormText, us: list[Unit], stop: int) -> list[UnitContext]:
    """``stop``: index of the first unit of the closing section (``rules.closing_start``)."""
    columns = rules.table_fields(norm, us)
    rule_labels = rules.rule_unit_labels(norm, us, columns, stop)
    out = []
    field = ""
    heading = "none"
    since = 0
    seen_heading = False
    n = max(len(norm.text), 1)
    for k, u in enumerate(us):
        if u.field:
            field, since = u.field, 0
        elif columns[k] and u.line_start:
            field, since = columns[k], 0  # a table cell reads as if its column heading were its field name
        out.append(UnitContext(field, field_kind(field), heading, since, k >= stop, not seen_heading, rule_labels[k],
                               min(9, 10 * u.start // n)))
        if not u.field:
            since += 1
        if u.line_start and u.enumerator and not u.enumerator.endswith(("是", "要")):
            heading = enumerator_class(u.enumerator)
            seen_heading = True
            field = ""
    return out


def _unit_own(norm: NormText, u: Unit) -> list[str]:
    core = norm.text[u.core_start:u.core_end]
    ln = len(core)
    f = [
        "enum=" + enumerator_class(u.enumerator),
        f"ls={u.line_start}", f"le={u.line_end}", f"ls_le={u.line_start}{u.line_end}",
        "len=" + ("0" if ln == 0 else "s" if ln < 10 else "m" if ln < 30 else "l" if ln < 80 else "xl"),
        "end=" + (norm.text[u.end - 1] if u.end > u.start else ""),
        "enum_len=" + enumerator_class(u.enumerator) + ("s" if ln < 30 else "l"),
    ]
    if u.field:
        f.append("fieldkind=" + field_kind(u.field))
    if rules.PROBLEM_WRAPPER_TAIL.search(core):
        f.append("wrapper_tail")
    if core.endswith("方面"):
        f.append("ends_fangmian")
    if core.startswith("关于"):
        f.append("starts_guanyu")
    if rules.ACTION_VERB.search(core[:20]):
        f.append("action_head")
    if rules.ATTITUDE_ONLY.search(core):
        f.append("attitude")
    if rules.STATUS_HEADING.search(core):
        f.append("status_words")
    if DIGITS.search(core):
        f.append("has_digit")
    results = len(rules.RESULT_CUE.findall(core))
    if results:
        f.append("result_cue=%d" % min(results, 3))
    if core.startswith(("截至", "截止", "目前", "至今", "现已")):
        f.append("as_of_start")
    if rules.ACTION_VERB.search(core):
        f.append("action_any")
    return f


def unit_features(norm: NormText, us: list[Unit], ctx: list[UnitContext], which: list[int]) -> list[list[str]]:
    """One list of feature strings for each unit index in ``which`` (neighbours included)."""
    own: dict[int, list[str]] = {}

    def own_of(j: int) -> list[str]:
        if j not in own:
            own[j] = _unit_own(norm, us[j])
        return own[j]

    feats = []
    n = len(us)
    for k in which:
        u = us[k]
        core = norm.text[u.core_start:u.core_end]
        c = ctx[k]
        f = list(own_of(k))
        f += _ngrams(shape(core[:12]), "h:")
        f += _ngrams(shape(core[-8:]), "t:", 2)
        f += bigrams(core[:80], "w:")
        f += [
            "ctx_field=" + c.field_kind, f"since={min(c.since_field, 4)}", "head=" + c.heading_class,
            "ctx_since=%s%d" % (c.field_kind, min(c.since_field, 2)),
            f"closing={c.closing}", f"pre={c.before_first_heading}", "rule=" + c.rule_label,
            f"pos={c.position}", "field_enum=" + c.field_kind + enumerator_class(u.enumerator),
            "rule_enum=" + c.rule_label + enumerator_class(u.enumerator),
        ]
        f += ["rule=" + c.rule_label] * (RULE_WEIGHT - 1)
        for d, tag in ((-1, "p1"), (1, "n1"), (-2, "p2"), (2, "n2")):
            j = k + d
            if 0 <= j < n:
                f += [tag + ":" + x for x in own_of(j)[:5]]
                if us[j].field:
                    f.append(tag + ":fieldkind=" + field_kind(us[j].field))
                f.append(tag + ":rule=" + ctx[j].rule_label)
            else:
                f.append(tag + ":none")
        feats.append(f)
    return feats


def clause_features(norm: NormText, cl: list[Clause], closing_at: int, intro_until: int,
                    ctx: list[UnitContext | None]) -> list[list[str]]:
    """Features of the guide's clauses for the metric and deadline classifiers."""
    text = norm.text
    out = []
    for c, uc in zip(cl, ctx):
        s = text[c.start:c.end]
        masked = rules.NOT_QUANTITY.sub(lambda m: "#" * len(m.group(0)), s)
        sh = shape(s)
        f = _ngrams(sh[:60], "c:", 3)
        f += ["m_rule=%s" % rules.is_metric_clause(s)] * RULE_WEIGHT
        f += ["d_rule=%s" % rules.is_deadline_clause(s)] * RULE_WEIGHT
        f += [
              "closing=%s" % (c.start >= closing_at), "intro=%s" % (c.start < intro_until),
              "has_digit=%s" % bool(DIGITS.search(masked)), "has_cn=%s" % bool(rules.CN_QUANTITY.search(masked)),
              "time=%s" % bool(rules.TIME_EXPR.search(s)), "plan=%s" % bool(rules.PLAN_CUE.search(s)),
              "done=%s" % bool(rules.COMPLETION_VERB.search(s)),
              "len=%d" % min(len(s) // 10, 6)]
        for m in rules.ARABIC_QUANTITY.finditer(masked):
            f.append("q:" + shape(m.group(0))[-3:])
        for m in rules.CN_QUANTITY.finditer(masked):
            f.append("cq:" + m.group(0)[-1])
        if "#" in masked:
            f.append("masked")
        if uc is not None:
            f += ["unit_rule=" + uc.rule_label.split("-")[-1], "unit_field=" + uc.field_kind]
        if re.search(r"截至|截止|以来|期间", s):
            f.append("as_of")
        if rules.ACTION_VERB.search(s) and not rules.COMPLETION_VERB.search(s):
            f.append("action_not_completion")
        out.append(f)
    return out


def hash_features(rows: list[list[str]]) -> sparse.csr_matrix:
    if not rows:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float64)
    return _HASHER.transform(rows).tocsr()
