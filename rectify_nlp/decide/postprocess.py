"""The guide's rules applied to the model's proposals: an ordered list of named steps.

Each step is a small function with one guide rule behind it and a switch in the model's
config (``Config.postprocess``).  Unit steps see the BIO labels before spans are made; span
steps see candidate spans in normalised offsets.  They run in ``STEP_NAMES`` order (unit
steps, then span steps), and nothing after them changes a label.  The names here are the ones
a model's config switches (``Config.postprocess``).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from ..features.analysis import Analysis
from ..layout.cues import strip_wrapper
from ..lexicon.actions import SIGN_OFF
from ..schema import STRUCTURE_LABELS, Label
from ..text.normalise import NormOffset, is_punct, trim
from ..text.segment import ContentIndex, Unit

# The guide: "a fragment of fewer than six characters is left unlabelled" (text cut off).
MIN_CUT_OFF_FRAGMENT = 6


@dataclass(frozen=True)
class Candidate:
    """A span in normalised offsets with its raw score and the units it was made of."""

    start: NormOffset
    end: NormOffset
    label: Label
    score: float
    units: tuple[ContentIndex, ...] = ()  # the content units it was made of


# -- unit steps ---------------------------------------------------------------------------
def extend_field_problems(a: Analysis, labels: list[str]) -> list[str]:
    """A problem introduced by a field name (`问题 1：`, `反馈问题：`) runs to the end of its
    paragraph (the guide's `问题 1：学习不主动。2021 年 7 月以来…` example)."""
    out = list(labels)
    extending = False
    for k, (u, c) in enumerate(zip(a.units, a.contexts)):
        if out[k] == "B-problem":
            extending = c.field_kind == "problem" and c.since_field == 0
        elif extending and not u.line_start and not u.enumerator:
            out[k] = "I-problem"
        else:
            extending = False
        if u.line_end:
            extending = False
    return out


def extend_enumerated_items(a: Analysis, labels: list[str]) -> list[str]:
    """An enumerated measure runs from after its enumerator to the end of the item: the next
    enumerator, field name, problem or status, or the end of its paragraph; a heading alone on
    its line takes the paragraph below it (the guide, "measure"; annotations/README.md,
    decision 1)."""
    out = list(labels)
    us, ctx = a.units, a.contexts
    k = 0
    while k < len(us):
        u = us[k]
        if out[k] != "B-measure" or not u.enumerator:
            k += 1
            continue
        heading_alone = u.line_start and u.line_end
        j = k + 1
        while j < len(us):
            v = us[j]
            if (
                v.enumerator
                or ctx[j].since_field == 0
                or out[j] not in ("O", "B-measure", "I-measure")
            ):
                break
            if v.line_start and not (heading_alone and j == k + 1):
                break
            out[j] = "I-measure"
            j += 1
        k = j
    return out


# -- from unit labels to spans ------------------------------------------------------------
def _prev_content(us: list[Unit], k: int) -> int:
    j = k - 1
    while j >= 0 and us[j].core_start >= us[j].core_end:
        j -= 1
    return j


def merge_units(us: list[Unit], labels: list[str], scores) -> list[Candidate]:
    """B/I unit labels to spans over the units' cores; the score is the mean of the units'."""
    groups: list[list] = []
    for k, (u, lab) in enumerate(zip(us, labels)):
        if lab == "O" or u.core_start >= u.core_end:
            continue
        tag, name = lab.split("-", 1)
        if (
            tag == "I"
            and groups
            and groups[-1][2] == name
            and groups[-1][3][-1] == _prev_content(us, k)
        ):
            groups[-1][1] = u.core_end
            groups[-1][3].append(k)
        else:
            groups.append([u.core_start, u.core_end, name, [k]])
    return [
        Candidate(
            s, e, Label(name), float(sum(scores[k] for k in members) / len(members)), tuple(members)
        )
        for s, e, name, members in groups
    ]


# -- span steps ---------------------------------------------------------------------------
def trim_edges(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """No span starts or ends with whitespace or punctuation, except a quote or bracket that
    belongs to its text (the guide's "Span edges")."""
    out = []
    text = a.norm.text
    for c in spans:
        s, e = trim(text, c.start, c.end)
        if s >= e:
            continue
        # most spans are trimmed already (units' cores): those need no copy
        out.append(c if s == c.start and e == c.end else Candidate(s, e, c.label, c.score, c.units))
    return out


def strip_problem_wrappers(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """Formulaic wrappers stay outside a problem: `(2)主体责任扛得不牢问题整改情况。` is
    `主体责任扛得不牢`, `(1)关于“……”问题的整改` is the quoted text (the guide)."""
    out = []
    for c in spans:
        if c.label == Label.problem:
            s, e = strip_wrapper(a.norm.text, c.start, c.end)
            if s >= e:
                continue
            c = replace(c, start=s, end=e)
        out.append(c)
    return out


def drop_sign_offs(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """`特此通报` and other sign-offs say nothing was done: never a measure."""
    text = a.norm.text
    return [
        c
        for c in spans
        if not (
            c.label == Label.measure
            and SIGN_OFF.match(text[c.start : c.end])
            and c.end - c.start <= 8
        )
    ]


def drop_cut_off_fragments(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """Text cut off mid-item: the item runs to the end, but a fragment of fewer than six
    characters is left unlabelled (the guide).  A status is whole in two or three characters
    (`已完成` as a notice's last line), so it is never such a fragment."""
    text = a.norm.text
    end = len(text)
    while end > 0 and is_punct(text[end - 1]):
        end -= 1
    return [
        c
        for c in spans
        if not (
            c.label in (Label.problem, Label.measure)
            and c.end >= end
            and c.end - c.start < MIN_CUT_OFF_FRAGMENT
        )
    ]


def cut_closing_section(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """The closing next-steps section and the contacts are not labelled (the guide), so
    nothing there can leak into the last record."""
    return [c for c in spans if c.start < a.closing_at]


def drop_history_deadlines(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """A date inside a problem's description is history, never a rectification deadline
    (annotations/README.md, decision 14)."""
    problems = sorted((c.start, c.end) for c in spans if c.label == Label.problem)
    starts = [s for s, _ in problems]
    reach = list(itertools.accumulate((e for _, e in problems), max))  # by bisection: linear
    return [
        c
        for c in spans
        if not (
            c.label == Label.deadline
            and (k := bisect.bisect_right(starts, c.start)) > 0
            and reach[k - 1] > c.start
        )
    ]


def drop_intro_deadlines(a: Analysis, spans: list[Candidate]) -> list[Candidate]:
    """A date in the introduction, before any problem or measure, is metadata (inspection and
    feedback dates), not a deadline (annotations/README.md, decision 9)."""
    first = min((c.start for c in spans if c.label in STRUCTURE_LABELS), default=len(a.norm.text))
    return [c for c in spans if not (c.label == Label.deadline and c.start < first)]


UnitStep = Callable[[Analysis, list[str]], list[str]]
SpanStep = Callable[[Analysis, list[Candidate]], list[Candidate]]
UNIT_STEPS: dict[str, UnitStep] = {
    "extend_field_problems": extend_field_problems,
    "extend_enumerated_items": extend_enumerated_items,
}
SPAN_STEPS: dict[str, SpanStep] = {
    "trim_edges": trim_edges,
    "strip_problem_wrappers": strip_problem_wrappers,
    "drop_sign_offs": drop_sign_offs,
    "drop_cut_off_fragments": drop_cut_off_fragments,
    "cut_closing_section": cut_closing_section,
    "drop_history_deadlines": drop_history_deadlines,
    "drop_intro_deadlines": drop_intro_deadlines,
}

STEP_NAMES: tuple[str, ...] = tuple(UNIT_STEPS) + tuple(SPAN_STEPS)


def run_unit_steps(a: Analysis, labels: list[str], switches: dict[str, bool]) -> list[str]:
    for name, step in UNIT_STEPS.items():
        if switches.get(name, True):
            labels = step(a, labels)
    return labels


def run_span_steps(
    a: Analysis,
    spans: list[Candidate],
    switches: dict[str, bool],
    dropped: dict[str, dict[str, int]] | None = None,
) -> list[Candidate]:
    """The span steps in order; what each removes is counted in ``dropped`` (by step, then
    by label)."""
    for name, step in SPAN_STEPS.items():
        if switches.get(name, True):
            old = spans  # steps make a new list, so the old one still holds what came in
            spans = step(a, spans)
            if dropped is not None and len(old) > len(spans):
                # steps only remove or reshape spans: what a label lost is what was dropped
                before = Counter(str(c.label) for c in old)
                counts = dropped.setdefault(name, {})
                for lab, n in (before - Counter(str(c.label) for c in spans)).items():
                    counts[lab] = counts.get(lab, 0) + n
    return spans
