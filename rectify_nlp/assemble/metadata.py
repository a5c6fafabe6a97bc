"""Notice metadata: issuer, inspecting body, dates, overall counts, contacts.

These are fixed formulas of the genre ("2025年7月10日至9月12日，市委第一巡察组对…进行了巡察"),
so patterns read them; a year left out ("10月21日") is taken from the dates before it.
"""

from __future__ import annotations

import re
from typing import Any

from .quantities import number

_D = r"(?:(?P<{p}y>\d{{4}})年)?(?P<{p}m>\d{{1,2}})月(?P<{p}d>\d{{1,2}})日"


def _date(p: str) -> str:
    return _D.format(p=p)


INSPECTING_BODY = re.compile(
    r"(?:中央|省委|市委|县委|区委|州委|旗委|盟委)第?[一二三四五六七八九十\d]*(?:轮)?(?:巡视|巡察)(?:组|办)"
)
ISSUER_TITLE = re.compile(
    r"(中共[^\n,。:;]{2,40}?(?:工作委员会|委员会|工委|党委|区委|县委|市委|州委|党组))\n?关于"
)
ISSUER_SIGNATURE = re.compile(
    r"^(中共[^\n,。:;]{2,40}(?:委员会|工委|党委|区委|县委|市委|州委|党组))$", re.M
)
INSPECTION = re.compile(
    _date("a")
    + r"(?:-|至|到)"
    + _date("b")
    + r"[^。\n]{0,40}?(?:巡视|巡察)组?[^。\n]{0,40}?(?:进行了|开展了|进驻)"
)
FEEDBACK = re.compile(_date("f") + r"[^。\n]{0,40}?向[^。\n]{0,40}?反馈")
RECTIFICATION = re.compile(_date("a") + r"(?:-|至|到)" + _date("b") + r"[^。\n]{0,12}?集中整改")
PUBLISHED = re.compile(r"(?:信息时间|发布时间|发布日期|时间)[:]?(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", re.M)
# A count starts where its run of numerals starts and is a few characters long, so a run of
# thousands of digits or 百 is read once, not once per position (linear time).
N = r"(?<![\d一二三四五六七八九十百])(\d{1,6}|[一二三四五六七八九十百]{1,8})"
COUNT_ASPECTS = re.compile(N + r"个方面" + N + r"(?:项|个|条)(?:整改任务|问题|整改事项)")
COUNT_PROBLEMS = re.compile(
    r"反馈(?:的|意见)?" + r"(?:" + N + r"(?:项|个方面))?" + N
    + r"(?:个|项|条)(?:具体)?(?:问题|整改任务|整改事项)"
)
COUNT_DONE = re.compile(r"已(?:完成(?:整改)?|整改完成|整改到位|办结)" + N + r"(?:项|个|条)")
COUNT_PROGRESS = re.compile(
    r"(?:阶段性完成|基本完成|正在整改|持续推进|长期坚持|序时推进|剩余|尚未完成|未完成)(?:整改)?"
    + N + r"(?:项|个|条)"
)
ALL_DONE = re.compile(r"(?:已|均已)全部(?:整改完毕|完成整改|整改到位|完成)")
RATE = re.compile(r"(?:整改(?:完成)?率|完成(?:比例|率))(?:为|达到?|是)?(\d+(?:\.\d+)?)%")
PHONE = re.compile(r"(?:电话|联系方式)[:]?(?:电话)?((?:0\d{2,3}-)?\d{7,8})")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
ADDRESS = re.compile(r"(?:邮政信箱|通信地址|通讯地址|邮寄地址|来信地址|地址)[:]?([^;。\n]{4,80})")


def _iso(y: int | None, m: str, d: str) -> str | None:
    if y is None:
        return None
    mo, da = int(m), int(d)
    if not (1 <= mo <= 12 and 1 <= da <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{da:02d}"


def _year(m: re.Match, p: str, default: int | None) -> int | None:
    return int(m.group(p + "y")) if m.group(p + "y") else default


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    v = number(s)
    return int(v) if v is not None else None


def extract_metadata(norm_text: str, body_start: int | None = None) -> dict[str, Any]:
    """Metadata from normalised text (half-width, no spaces between CJK characters).

    ``body_start`` is where the first problem starts: the overall counts are read before it,
    since a figure inside a problem's account ("反馈228条问题") is that problem's, not the
    notice's."""
    t = norm_text
    head = t[:3000]
    meta: dict[str, Any] = {
        "issuer": None,
        "inspection_kind": None,
        "inspecting_body": None,
        "inspection_period": {"start": None, "end": None},
        "feedback_date": None,
        "rectification_period": {"start": None, "end": None},
        "publication_date": None,
        "counts": {
            "problems_reported": None,
            "completed": None,
            "in_progress": None,
            "completion_rate": None,
        },
        "contacts": {"phone": None, "email": None, "address": None},
    }
    m = ISSUER_TITLE.search(head) or ISSUER_SIGNATURE.search(t[-600:])
    if m:
        meta["issuer"] = m.group(1)
    body = INSPECTING_BODY.search(head)
    if body:
        meta["inspecting_body"] = body.group(0)
    kind_src = body.group(0) if body else head
    meta["inspection_kind"] = (
        "巡视"
        if "巡视组" in kind_src
        else "巡察"
        if "巡察" in kind_src
        else ("巡视" if "巡视" in kind_src else None)
    )
    year = None
    m = INSPECTION.search(head)
    if m:
        year = _year(m, "a", None)
        end_year = _year(m, "b", year)
        meta["inspection_period"] = {
            "start": _iso(year, m.group("am"), m.group("ad")),
            "end": _iso(end_year, m.group("bm"), m.group("bd")),
        }
        year = end_year
    m = FEEDBACK.search(head)
    if m:
        fy = _year(m, "f", year)
        if not m.group("fy") and year and meta["inspection_period"]["end"]:
            if int(m.group("fm")) < int(meta["inspection_period"]["end"][5:7]):
                fy = year + 1
        meta["feedback_date"] = _iso(fy, m.group("fm"), m.group("fd"))
        year = fy or year
    m = RECTIFICATION.search(head)
    if m:
        ry = _year(m, "a", year)
        ey = _year(m, "b", ry)
        if not m.group("by") and ry is not None and int(m.group("bm")) < int(m.group("am")):
            ey = ry + 1
        meta["rectification_period"] = {
            "start": _iso(ry, m.group("am"), m.group("ad")),
            "end": _iso(ey, m.group("bm"), m.group("bd")),
        }
    m = PUBLISHED.search(head)
    tail_dates = DATE_LINE.findall(t[-400:])
    if m:
        meta["publication_date"] = _iso(int(m.group(1)), m.group(2), m.group(3))
    elif tail_dates:
        y, mo, d = tail_dates[-1]
        meta["publication_date"] = _iso(int(y), mo, d)
    counts, _ = stated_counts(t, body_start)
    meta["counts"] = counts
    tail = norm_text[-1500:]
    contacts = meta["contacts"]
    m = PHONE.search(tail)
    if m:
        contacts["phone"] = m.group(1)
    m = EMAIL.search(tail)
    if m:
        contacts["email"] = m.group(0)
    m = ADDRESS.search(tail)
    if m:
        contacts["address"] = m.group(1).strip()
    return meta


def stated_counts(
    norm_text: str, body_start: int | None = None
) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    """The overall counts a notice states before its first problem, and where each figure is
    (offsets into the normalised text), for the self-check to point at."""
    t = norm_text[:body_start] if body_start is not None else norm_text
    counts: dict[str, Any] = {
        "problems_reported": None,
        "completed": None,
        "in_progress": None,
        "completion_rate": None,
    }
    where: dict[str, tuple[int, int]] = {}
    m = COUNT_ASPECTS.search(t)
    if m:
        counts["problems_reported"] = _int(m.group(2))
    else:
        m = COUNT_PROBLEMS.search(t)
        if m:
            counts["problems_reported"] = _int(m.group(2))
    if m:
        where["problems_reported"] = m.span()
    m = COUNT_DONE.search(t)
    if m:
        counts["completed"] = _int(m.group(1))
        where["completed"] = m.span()
    elif counts["problems_reported"]:
        m = ALL_DONE.search(t)
        if m:
            counts["completed"] = counts["problems_reported"]
            where["completed"] = m.span()
    m = COUNT_PROGRESS.search(t)
    if m:
        counts["in_progress"] = _int(m.group(1))
        where["in_progress"] = m.span()
    m = RATE.search(t)
    if m:
        counts["completion_rate"] = float(m.group(1)) / 100
        where["completion_rate"] = m.span()
    return counts, where
