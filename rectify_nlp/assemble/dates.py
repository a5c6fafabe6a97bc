"""Time expressions in deadline clauses: the last day allowed, its precision, and whether the
time is planned, met or recurring.

A time written without its year (`2月中旬前`) takes the nearest year written before it; when
that puts it before the rectification began it is the next such time after the start, since
a deadline of the rectification cannot precede it.  A year is written in figures (`2025年`),
in Chinese numerals (`二〇二五年`), as a date in figures (`2025.12`, `2025-12-31`,
`2025/6/30`) or relative to that year (`明年`, `次年`; `今年`, `当年`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import cn2an

from ..lexicon.time_words import CN_MONTH_DIGITS as _CN_NUM
from ..lexicon.time_words import (
    CN_YEAR_DIGITS,
    DIRECTIVE,
    MET,
    PLAN_WORDS,
    QUARTER_END,
    RECURRING,
    SEASON_END,
)
from ..schema import DeadlineKind

# The year after the one the text is in; the year itself.
NEXT_YEAR, THIS_YEAR = ("明年", "次年", "翌年", "下一年", "下年度"), ("今年", "当年", "本年")
DATE = re.compile(
    r"(?:(?P<ny>(?:19|20)\d{2})\s*[.．/\-]\s*(?P<nm>1[0-2]|0?[1-9])"
    r"(?:\s*[.．/\-]\s*(?P<nd>3[01]|[12]\d|0?[1-9]))?(?![\d.])|"
    r"(?:(?:(?P<year>\d{4}|[" + CN_YEAR_DIGITS + r"]{4})\s*年)|"
    r"(?P<rel>" + "|".join(NEXT_YEAR + THIS_YEAR) + r"))?\s*"
    r"(?:(?P<month>\d{1,2}|[" + _CN_NUM + r"]{1,2})\s*月(?:份)?\s*"
    r"(?:(?P<day>\d{1,2}|[" + _CN_NUM + r"]{1,3})\s*[日号]|(?P<part>上旬|中旬|下旬|初|中|底|末))?)?"
    r"(?:(?P<season>春季|夏季|秋季|冬季|年底|年末|年内|上半年|下半年|一季度|二季度|三季度|四季度|"
    r"第[一二三四]季度|[一二三四]季度))?)"
)
# YEAR and TITLE are written to start with one character class, what each alternative goes
# on with after it (a lookbehind tells which one started): re scans for the class in C, where a
# pattern starting with an alternation is tried at every position.  The same matches as
# `(\d{4}|[〇…九]{4})\s*年(?!度)` and `《[^《》]{0,200}》|\d{4}\s*年度`
# (tests/assemble/test_dates.py); a deadline's reference year, read from up to 3,000
# characters before it, 0.70 -> 0.26 ms (YEAR) and 0.44 -> 0.25 ms (TITLE) a round of the
# four notices.
YEAR = re.compile(
    r"([\d" + CN_YEAR_DIGITS + r"](?:(?<=\d)\d{3}|(?<=[" + CN_YEAR_DIGITS + r"])["
    + CN_YEAR_DIGITS + r"]{3}))\s*年(?!度)"
)
_CN_YEAR = str.maketrans(CN_YEAR_DIGITS, "00123456789")
# A document's title (《关于2024年度…的通知》) and a 年度 name a year the clause's time is not in.
TITLE = re.compile(r"[《\d](?:(?<=《)[^《》]{0,200}》|(?<=\d)\d{3}\s*年度)")


def mask_titles(s: str) -> str:
    """``s`` with titles in 《》 and `2024年度` blanked (same length, so offsets hold)."""
    return TITLE.sub(lambda m: " " * len(m.group(0)), s)


@dataclass(frozen=True)
class ResolvedDate:
    date: str | None
    precision: str | None


def _number(s: str) -> int:
    return int(s) if s.isdigit() else int(cn2an.cn2an(s, "smart"))


def resolve(
    clause: str,
    reference_year: int | None,
    not_before: str | None = None,
    not_after: str | None = None,
    text_year: int | None = None,
) -> ResolvedDate:
    """The last day the clause's time expression allows, as ISO, with its precision.

    ``not_before`` (ISO) is when the rectification started: a time without a year that would
    fall before it is moved to its next occurrence, unless that passes ``not_after`` (the
    publication date, for work reported done).  ``text_year``: the year the notice was written
    in, which ``明年``/``今年`` count from (else ``reference_year``)."""
    clause = mask_titles(clause)
    last = _last_time(clause)
    r = _resolve(last, reference_year, text_year)
    if r.date is None or not _iso_date(not_before) or _year_stated(last):
        return r
    start = not_before[:10]
    year = int(r.date[:4])
    moved = r
    while moved.date is not None and moved.date < start and year <= int(start[:4]):
        year += 1
        moved = _resolve(last, year, text_year)
    if moved.date is None:  # 2月29日 in a year without one
        return r
    if _iso_date(not_after) and moved.date > not_after[:10] >= r.date:
        return r
    return moved


def _iso_date(s: str | None) -> bool:
    return bool(s) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s[:10]) is not None


def _last_time(clause: str) -> re.Match | None:
    """The clause's last time expression: the one a completion refers to."""
    last = None
    for m in DATE.finditer(clause):
        if any(m.group(g) for g in ("month", "season", "year", "rel", "ny")):
            last = m
    return last


def _year_stated(m: re.Match) -> bool:
    """The expression says its year (in figures, in numerals or relative to the text's)."""
    return bool(m.group("year") or m.group("ny") or m.group("rel"))


def _year(m: re.Match, reference_year: int | None, text_year: int | None) -> int | None:
    if m.group("ny"):
        return int(m.group("ny"))
    if m.group("year"):
        return _year_value(m.group("year"))
    if m.group("rel"):
        base = text_year if text_year is not None else reference_year
        if base is None:
            return None
        return base + 1 if m.group("rel") in NEXT_YEAR else base
    return reference_year


def _year_value(y: str) -> int:
    """A four-digit year in figures or in Chinese numerals (二〇二五)."""
    return int(y if y.isdigit() else y.translate(_CN_YEAR))


def _resolve(
    best: re.Match | None, reference_year: int | None, text_year: int | None = None
) -> ResolvedDate:
    """The date of a time expression (``_last_time``'s) in ``reference_year`` if it names none."""
    if best is None:
        return ResolvedDate(None, None)
    year = _year(best, reference_year, text_year)
    if year is None:
        return ResolvedDate(None, None)
    month, season = best.group("month") or best.group("nm"), best.group("season")
    try:
        if month:
            mo = _number(month)
            if not 1 <= mo <= 12:
                return ResolvedDate(None, None)
            last = calendar.monthrange(year, mo)[1]
            if best.group("day") or best.group("nd"):
                day = _number(best.group("day") or best.group("nd"))
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


# How much of the text before a deadline is read first, then next, for its year.
NEAR = (400, 1500)
# A title is at most 202 characters: one crossing a cut ends within that many after it.
_TITLE_REACH = 202


def reference_year(text_before: str, fallback: int | None) -> int | None:
    """The year a month-only expression belongs to: the nearest explicit year in the text
    before it (callers pass the last few thousand characters), never one inside a title in
    《》 or a `2024年度`."""
    # The nearest year is mostly in the last few hundred characters: the end of the text is
    # read first, then more of it, and the whole only when those hold no year or a title (or
    # a `2024 年度`) may cross their start, where their masking could differ from the whole's.
    for size in NEAR:
        if size >= len(text_before):
            break
        if _may_cross(text_before, len(text_before) - size):
            continue
        years = YEAR.findall(mask_titles(text_before[-size:]))
        if years:
            return _year_value(years[-1])
    years = YEAR.findall(mask_titles(text_before))
    if years:
        return _year_value(years[-1])
    return fallback


def _may_cross(s: str, cut: int) -> bool:
    """Might a title, or a year's digits and spaces, run across ``cut``?"""
    edge = s[cut - 1 : cut + 1]
    return "》" in s[cut : cut + _TITLE_REACH] or any(c.isdigit() or c.isspace() for c in edge)
