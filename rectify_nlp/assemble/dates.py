"""Time expressions in deadline clauses: the last day allowed, its precision, and whether the
time is planned, met or recurring.

A time written without its year (`2月中旬前`) takes the nearest year written before it; when
that puts it before the rectification began it is the next such time after the start, since
a deadline of the rectification cannot precede it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import cn2an

from ..lexicon.time_words import CN_MONTH_DIGITS as _CN_NUM
from ..lexicon.time_words import DIRECTIVE, MET, PLAN_WORDS, QUARTER_END, RECURRING, SEASON_END
from ..schema import DeadlineKind

DATE = re.compile(
    r"(?:(?P<year>\d{4})\s*年)?\s*"
    r"(?:(?P<month>\d{1,2}|[" + _CN_NUM + r"]{1,2})\s*月(?:份)?\s*"
    r"(?:(?P<day>\d{1,2})\s*日|(?P<part>上旬|中旬|下旬|初|中|底|末))?)?"
    r"(?:(?P<season>春季|夏季|秋季|冬季|年底|年末|年内|上半年|下半年|一季度|二季度|三季度|四季度|"
    r"第[一二三四]季度|[一二三四]季度))?"
)
YEAR = re.compile(r"(\d{4})\s*年(?!度)")
# A document's title (《关于2024年度…的通知》) and a 年度 name a year the clause's time is not in.
TITLE = re.compile(r"《[^《》]{0,200}》|\d{4}\s*年度")


def mask_titles(s: str) -> str:
    """``s`` with titles in 《》 and `2024年度` blanked (same length, so offsets hold)."""
    return TITLE.sub(lambda m: " " * len(m.group(0)), s)


@dataclass(frozen=True)
class ResolvedDate:
    date: str | None
    precision: str | None


def _month(s: str) -> int:
    return int(s) if s.isdigit() else int(cn2an.cn2an(s, "smart"))


def resolve(
    clause: str,
    reference_year: int | None,
    not_before: str | None = None,
    not_after: str | None = None,
) -> ResolvedDate:
    """The last day the clause's time expression allows, as ISO, with its precision.

    ``not_before`` (ISO) is when the rectification started: a time without a year that would
    fall before it is moved to its next occurrence, unless that passes ``not_after`` (the
    publication date, for work reported done)."""
    clause = mask_titles(clause)
    r = _resolve(clause, reference_year)
    if r.date is None or not _iso_date(not_before) or YEAR.search(_last_time(clause) or ""):
        return r
    start = not_before[:10]
    year = int(r.date[:4])
    moved = r
    while moved.date is not None and moved.date < start and year <= int(start[:4]):
        year += 1
        moved = _resolve(clause, year)
    if moved.date is None:  # 2月29日 in a year without one
        return r
    if _iso_date(not_after) and moved.date > not_after[:10] >= r.date:
        return r
    return moved


def _iso_date(s: str | None) -> bool:
    return bool(s) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s[:10]) is not None


def _last_time(clause: str) -> str | None:
    last = None
    for m in DATE.finditer(clause):
        if m.group("month") or m.group("season") or m.group("year"):
            last = m.group(0)
    return last


def _resolve(clause: str, reference_year: int | None) -> ResolvedDate:
    best = None
    for m in DATE.finditer(clause):
        if not (m.group("month") or m.group("season") or m.group("year")):
            continue
        best = m  # the last time expression is the one the completion refers to
    if best is None:
        return ResolvedDate(None, None)
    year = int(best.group("year")) if best.group("year") else reference_year
    if year is None:
        return ResolvedDate(None, None)
    month, season = best.group("month"), best.group("season")
    try:
        if month:
            mo = _month(month)
            if not 1 <= mo <= 12:
                return ResolvedDate(None, None)
            last = calendar.monthrange(year, mo)[1]
            if best.group("day"):
                day = int(best.group("day"))
                if not 1 <= day <= last:
                    return ResolvedDate(None, None)
                return ResolvedDate(f"{year:04d}-{mo:02d}-{day:02d}", "day")
            part = best.group("part")
            if part in ("上旬", "初"):
                return ResolvedDate(f"{year:04d}-{mo:02d}-10", "day")
            if part in ("中旬", "中"):
                return ResolvedDate(f"{year:04d}-{mo:02d}-20", "day")
            return ResolvedDate(f"{year:04d}-{mo:02d}-{last:02d}", "month")
        if season:
            q = re.search(r"([一二三四])季度", season)
            if q:
                mo = QUARTER_END[q.group(1)]
                return ResolvedDate(
                    f"{year:04d}-{mo:02d}-{calendar.monthrange(year, mo)[1]:02d}", "quarter"
                )
            mo, day = SEASON_END[season]
            return ResolvedDate(
                f"{year:04d}-{mo:02d}-{day:02d}", "year" if mo == 12 and day == 31 else "quarter"
            )
        return ResolvedDate(f"{year:04d}-12-31", "year")
    except (ValueError, KeyError):
        return ResolvedDate(None, None)


def kind(clause: str) -> DeadlineKind:
    """``recurring`` for a time that comes round again, ``met`` when the clause says the work
    is done, else ``planned``."""
    if RECURRING.search(clause):
        return DeadlineKind.recurring
    if MET.search(clause) and not PLAN_WORDS.search(clause) and not DIRECTIVE.search(clause):
        return DeadlineKind.met
    return DeadlineKind.planned


def reference_year(text_before: str, fallback: int | None) -> int | None:
    """The year a month-only expression belongs to: the nearest explicit year in the text
    before it (callers pass the last few thousand characters), never one inside a title in
    《》 or a `2024年度`."""
    years = YEAR.findall(mask_titles(text_before))
    if years:
        return int(years[-1])
    return fallback
