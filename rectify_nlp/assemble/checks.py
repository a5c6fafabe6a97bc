"""The notice's self-check: where the extraction and the notice disagree, or where the text
itself gives reason to doubt the result.  Computed once, by ``extract``; each finding is a
``Check`` with a code, a name, a message for a person, and the offsets or the record it
points at.  An empty tuple means nothing needs a look.
"""

from __future__ import annotations

import bisect
import re

from ..lexicon.actions import ACTION_VERB
from ..lexicon.fields import field_kind
from ..metadata import Metadata
from ..schema import Check, Label, Record, Span, StatusValue
from ..text.normalise import NormText
from ..text.segment import Unit

# Spans scoring below this are named for review (``extract(min_confidence=…)`` drops them).
LOW_CONFIDENCE = 0.5
# Two rates closer than this agree (a notice rounds 7/11 to 63.6%).
RATE_TOLERANCE = 0.01

# code -> name: every check there is, in the order they are reported
CHECKS = {
    "C001": "count_problems",
    "C002": "count_completed",
    "C003": "count_in_progress",
    "C004": "count_rate",
    "C010": "no_measures",
    "C011": "findings_only",
    "C012": "low_confidence",
    "C020": "cut_off",
    "C021": "ends_at_heading",
    "C030": "problem_field_unread",
    "C031": "shortcomings_without_problem",
}

_END = re.compile(r"[。!?;…”’」』)\]】》.!?;。！？；）]\s*$")
_INNER_END = re.compile(r"[。!?;！？；]")
_CLOSING_LINE = re.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})\s*$"  # a date line
    r"|(?:委员会|党委|党组|工委|区委|县委|市委|州委|办公室|纪委)\s*$"  # a signature
    r"|^[\s—\-－]*\d+[\s—\-－]*$"  # a page number
    r"|电话|邮箱|信箱|地址|邮编|特此通报"
)
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|第[一二三四五六七八九十]+[部分章节])"
)
# Strong wording of a shortcoming ("…压得不实", "…缺乏统筹"): PROBLEM_WORDS without the words
# that organisation sections use too ("存在", "个别", "没有").
_SHORTCOMING = re.compile(
    r"不[够实严力足深细全强高准及到真精规彻主充牢好优明快当]|缺[乏少位失]|滞后|薄弱|差距|偏差|"
    r"欠缺|有待|短板|漏洞|盲区|弱项|弱化|虚化|淡化|缺位|失职|失责|缺失|落空|走样|打折扣|流于形式"
)


def count_checks(meta: Metadata, records: list[Record]) -> list[Check]:
    """The counts the notice states (problems, completed, in progress, rate) beside what was
    extracted.  Statuses are compared only when the records carry their own."""
    counts = meta.counts.values()
    out = []

    def point(key: str) -> tuple[int | None, int | None]:
        mv = meta.get(f"counts.{key}")
        return (mv.start, mv.end) if mv is not None else (None, None)

    n = len(records)
    if counts["problems_reported"] is not None and counts["problems_reported"] != n:
        out.append(Check("C001", CHECKS["C001"],
                         f"the notice states {counts['problems_reported']} problems; "
                         f"{n} were extracted", *point("problems_reported")))
    if not records or all(r.status.source in ("none", "counts") for r in records):
        return out
    done = sum(r.status.value == StatusValue.completed for r in records)
    progress = sum(r.status.value in (StatusValue.in_progress, StatusValue.long_term)
                   for r in records)
    if counts["completed"] is not None and counts["completed"] != done:
        out.append(Check("C002", CHECKS["C002"],
                         f"the notice states {counts['completed']} completed; "
                         f"{done} extracted records are completed", *point("completed")))
    if counts["in_progress"] is not None and counts["in_progress"] != progress:
        out.append(Check("C003", CHECKS["C003"],
                         f"the notice states {counts['in_progress']} in progress; "
                         f"{progress} extracted records are in progress or long-term",
                         *point("in_progress")))
    rate = counts["completion_rate"]
    if rate is not None and abs(rate - done / n) > RATE_TOLERANCE:
        out.append(Check("C004", CHECKS["C004"],
                         f"the notice states a completion rate of {rate:.1%}; the extracted "
                         f"records give {done / n:.1%} ({done} of {n})", *point("completion_rate")))
    return out


def record_checks(records: list[Record]) -> list[Check]:
    """Records without measures; a list of problems none of which has any (findings only)."""
    if not records:
        return []
    bare = [k for k, r in enumerate(records) if not r.measures]
    if len(bare) == len(records):
        p = records[0].problem
        return [Check("C011", CHECKS["C011"],
                      f"{len(records)} problems and not one measure: a list of findings with no "
                      "rectification text, or measures not read", p.start, p.end, 0)]
    return [Check("C010", CHECKS["C010"],
                  f"record {k + 1} ({records[k].problem.text[:20]}) has no measure",
                  records[k].problem.start, records[k].problem.end, k) for k in bare]


def confidence_checks(spans: list[Span], floor: float = LOW_CONFIDENCE) -> list[Check]:
    return [Check("C012", CHECKS["C012"],
                  f"{s.label} {s.text[:20]!r} scores {s.confidence:.2f}, below {floor}",
                  s.start, s.end) for s in spans if s.confidence < floor]


def ending_checks(text: str) -> list[Check]:
    """A text that stops mid-sentence, or at a heading with nothing below it."""
    stripped = text.rstrip()
    if not stripped:
        return []
    start = stripped.rfind("\n") + 1
    line = stripped[start:]
    if _CLOSING_LINE.search(line) and len(line.strip()) <= 60:
        return []
    if _HEADING.match(line) and len(line.strip()) <= 50 and not _INNER_END.search(line):
        return [Check("C021", CHECKS["C021"],
                      f"the text ends with a heading and nothing below it: {line.strip()[:30]!r}",
                      start, len(stripped))]
    if _END.search(line):
        return []
    # point at the last sentence, not the whole paragraph
    last = max((m.end() for m in _INNER_END.finditer(line)), default=0)
    return [Check("C020", CHECKS["C020"],
                  f"the text ends mid-sentence: …{line.strip()[-20:]!r}",
                  start + last, len(stripped))]


def field_checks(
    norm: NormText, all_units: list[Unit], spans: list[Span], records: list[Record]
) -> list[Check]:
    """Problem fields (`问题1：`, `反馈问题：`) whose text is not read as a problem; shortcoming
    items (`1.…不到位`) when no problem was found at all."""
    problem_starts = sorted(s.start for s in spans if s.label == Label.problem)
    out = []
    for k, u in enumerate(all_units):
        if not u.field or field_kind(u.field) != "problem":
            continue
        nxt = next((v for v in all_units[k + 1 : k + 4] if not v.field), None)
        if nxt is None or nxt.core_end <= nxt.core_start:
            continue
        a, b = norm.to_original(nxt.core_start, nxt.core_end)
        near = bisect.bisect_left(problem_starts, a - 2)  # bisection: linear in the text
        if not (near < len(problem_starts) and problem_starts[near] <= a + 2):
            fa, _ = norm.to_original(u.start, u.end)
            out.append(Check("C030", CHECKS["C030"],
                             f"a problem field {u.field!r} introduces text not read as a problem:"
                             f" {norm.text[nxt.core_start:nxt.core_start + 20]!r}", fa, b))
    if records or out:
        return out
    items = []
    for u in all_units:
        if not (u.line_start and u.enumerator) or u.field:
            continue
        head = norm.text[u.core_start : min(u.core_end, u.core_start + 40)]
        if _SHORTCOMING.search(head) and not ACTION_VERB.match(head):
            items.append(u)
    if len(items) >= 2:
        a, b = norm.to_original(items[0].core_start, items[0].core_end)
        out.append(Check("C031", CHECKS["C031"],
                         f"no problem was found, but {len(items)} enumerated items read like "
                         f"shortcomings, the first {norm.text[items[0].core_start:][:20]!r}", a, b))
    return out


def check_notice(
    text: str,
    norm: NormText,
    all_units: list[Unit],
    spans: list[Span],
    records: list[Record],
    meta: Metadata,
) -> tuple[Check, ...]:
    """Every check on one extracted notice, in code order; the stated counts are the
    metadata's."""
    found = (
        count_checks(meta, records)
        + record_checks(records)
        + confidence_checks(spans)
        + ending_checks(text)
        + field_checks(norm, all_units, spans, records)
    )
    return tuple(sorted(found, key=lambda c: c.code))
