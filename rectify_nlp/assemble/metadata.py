"""Notice metadata: issuer, inspecting body, dates, overall counts, contacts, as a ``Metadata``.

These are fixed formulas of the genre ("2025年7月10日至9月12日，市委第一巡察组对…进行了巡察"),
so patterns read them (``metadata_words``, each wording tested on a real notice); a year left
out ("10月21日") is taken from the dates before it.  Every field keeps the offsets of the text
it came from in the caller's text, and names keep the caller's script in ``text``.
"""

from __future__ import annotations

import re

from ..metadata import Metadata, MetaValue
from ..text.normalise import NormText, normalise
from ..text.scan import finditer_at
from . import metadata_words as W
from .quantities import number

HEAD = 3000  # the introduction and page header are read here; contacts in the last 1500
TAIL = 1500


class _Reader:
    def __init__(self, norm: NormText):
        self.norm = norm
        self.t = norm.text
        self.found: dict[str, MetaValue | None] = {}

    def put(self, path: str, value, s: int, e: int) -> None:
        if value is None or path in self.found:
            return
        o_s, o_e = self.norm.to_original(s, e)
        self.found[path] = MetaValue(value, o_s, o_e, self.norm.original[o_s:o_e])


def _iso(y: int | None, m: int, d: int | None) -> str | None:
    if y is None or not 1 <= m <= 12 or (d is not None and not 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")


def _int(s: str | None) -> int | None:
    v = number(s) if s else None
    return int(v) if v is not None else None


def _issuer(r: _Reader, body_start: int | None) -> None:
    t = r.t
    head = t[: min(HEAD, body_start or HEAD)]
    m = None
    m = W.TITLE.search(t[:1500])
    src = W.SOURCE_LINE.search(t[:1500])
    best = None
    if m is not None:
        s = m.start("name")
        name = m.group("name")
        # a site's name or breadcrumb run into the title: 通知公告中共X, 【巡察进行时】X
        cut = max(name.rfind("中共"), name.rfind("】") + 1, name.rfind("共青团"))
        best = (s + max(cut, 0), m.end("name"))
    elif src is not None:
        best = src.span("name")
    else:
        for pat in (W.ON_NAME, W.TO_NAME):
            c = next((x for x in pat.finditer(head) if not W.NOT_A_NAME.match(x.group("name"))),
                     None)
            if c is not None:
                best = c.span("name")
                break
        if best is None:
            c = W.ON_PLACE.search(head)
            if c is not None and c.group("name") + "委" in t:
                s = t.index(c.group("name") + "委")
                best = (s, s + len(c.group("name")) + 1)
        if best is None:
            c = W.SIGN_OFF.search(t, max(0, len(t) - 600))
            if c is not None:
                best = c.span("name")
    if best is None:
        return
    s, e = best
    short = t[s:e]
    if not short.startswith(("中共", "共青团")):
        longer = re.search(W.LONG_FORM + re.escape(short), t)
        if longer:
            s, e = longer.span()
    r.put("issuer", t[s:e], s, e)


def _body(r: _Reader) -> None:
    t = r.t[:HEAD]
    first = None
    for m in W.BODY.finditer(t):
        if "届" in m.group(0) and "轮" not in m.group(0):  # 八届市委巡察四组 is 市委巡察四组
            cut = m.group(0).index("届") + 1
            m = W.BODY.match(t, m.start() + cut) or m
        first = first or m
        if re.search(r"第|[一二三四五六七八九十\d]组|个", m.group(0)):
            first = m
            break
    if first is None:
        return
    r.put("inspecting_body", first.group(0), *first.span())
    kind = "巡视" if "巡视" in first.group(0) else "巡察"
    r.put("inspection_kind", kind, first.start(), first.end())


def _dates(r: _Reader) -> None:
    t = r.t[:HEAD]
    dates = list(finditer_at(W.DATE, W.DATE_START, t))
    year = None
    resolved = []  # (match, year, iso)
    prev_month = None
    for m in dates:
        mo = int(m.group("m"))
        if m.group("y"):
            year = int(m.group("y"))
        elif year is not None and prev_month is not None and mo < prev_month:
            year += 1
        prev_month = mo
        d = int(m.group("d")) if m.group("d") else None
        resolved.append((m, year, _iso(year, mo, d)))
    k = 0
    used = set()
    while k < len(resolved):
        m, _, iso = resolved[k]
        sentence_end = _sentence_end(t, m.end())
        rest = t[m.end() : sentence_end]
        nxt = resolved[k + 1] if k + 1 < len(resolved) else None
        if nxt and W.RANGE_SEP.match(t[m.end() : nxt[0].start()]):
            after = t[nxt[0].end() : _sentence_end(t, nxt[0].end())]
            before = t[_sentence_start(t, m.start()) : m.start()]
            if "inspection_period.start" not in r.found and (
                W.INSPECTED.search(after) or W.INSPECTED.search(before + after)
            ) and not W.RECTIFIED.search(after[:12]):
                r.put("inspection_period.start", iso, *m.span())
                r.put("inspection_period.end", nxt[2], *nxt[0].span())
                used.update((k, k + 1))
            elif W.RECTIFIED.search(after[:14]) or W.RECTIFIED.search(before[-14:]):
                r.put("rectification_period.start", iso, *m.span())
                r.put("rectification_period.end", nxt[2], *nxt[0].span())
                used.update((k, k + 1))
            k += 2
            continue
        if k not in used and "feedback_date" not in r.found and W.FED_BACK.search(rest[:60]) \
                and "inspection_period.start" in r.found and not _in_title(t, m.start()):
            head = t[_sentence_start(t, m.start()) : m.start()]
            if "截至" not in head and "整改" not in rest[: rest.find("反馈")]:
                r.put("feedback_date", iso, *m.span())
        k += 1


def _in_title(t: str, i: int) -> bool:
    return t.rfind("《", 0, i) > t.rfind("》", 0, i)


def _sentence_end(t: str, i: int) -> int:
    e = min((x for x in (t.find("。", i), t.find("\n", i)) if x >= 0), default=len(t))
    return e


def _sentence_start(t: str, i: int) -> int:
    return max(t.rfind("。", 0, i), t.rfind("\n", 0, i)) + 1


def _publication(r: _Reader) -> None:
    t = r.t
    m = W.PUBLISHED.search(t[:1500]) or W.STAMP.search(t[:1500]) or W.ISO_LINE.search(t[:600])
    if m:
        d = m.group("d")
        r.put("publication_date", _iso(int(m.group("y")), int(m.group("m")),
                                       int(d) if d else None), *m.span())
        return
    tail = list(W.DATE_LINE.finditer(t, max(0, len(t) - 400)))
    if tail:
        m = tail[-1]
        y, mo, d = (_int(m.group(g)) for g in ("y", "m", "d"))
        if y is not None and mo is not None:
            r.put("publication_date", _iso(y, mo, d), *m.span())


def _counts(r: _Reader, body_start: int | None) -> None:
    t = r.t[: body_start if body_start is not None else HEAD]
    found = []  # (start, value, span) of the first count each wording gives; the earlier wins
    for m in finditer_at(W.COUNT_PROBLEMS, W.COUNT_PROBLEMS_START, t):
        before = t[max(0, m.start() - 30) : m.start()]
        if W.SUB_PROBLEMS.search(before[-6:]) or "措施" in t[m.end() - 4 : m.end() + 2]:
            continue
        if not W.FEEDBACK_CONTEXT.search(before + m.group(0)):
            continue
        found.append((m.start(), _int(m.group(2)), m.span(2)))
        break
    m = W.COUNT_PROBLEMS_AFTER.search(t)
    if m:
        found.append((m.start(), _int(m.group(1)), m.span(1)))
    if found:
        _, value, span = min(found)
        r.put("counts.problems_reported", value, *span)
    m = W.COUNT_DONE.search(t)
    if m:
        g = 1 if m.group(1) else 2
        r.put("counts.completed", _int(m.group(g)), m.start(g), m.end(g))
    else:
        m = W.ALL_DONE.search(t)
        problems = r.found.get("counts.problems_reported")
        if m and problems is not None:
            r.put("counts.completed", problems.value, *m.span())
    m = W.COUNT_PROGRESS.search(t)
    if m:
        g = 1 if m.group(1) else 2
        r.put("counts.in_progress", _int(m.group(g)), m.start(g), m.end(g))
    m = W.RATE.search(t)
    if m:
        g = 1 if m.group(1) else 2
        rate = number(m.group(g))
        if rate is not None:
            r.put("counts.completion_rate", round(rate / 100, 4), *m.span(g))


def _contacts(r: _Reader) -> None:
    base = max(0, len(r.t) - TAIL)
    tail = r.t[base:]
    m = W.PHONE.search(tail)
    if m:
        r.put("contacts.phone", m.group(1), base + m.start(1), base + m.end(1))
    m = W.EMAIL.search(tail)
    if m:
        r.put("contacts.email", m.group(0), base + m.start(), base + m.end())
    m = W.ADDRESS.search(tail)
    if m:
        a = m.group(1).strip()
        s = base + m.start(1) + m.group(1).index(a)
        r.put("contacts.address", a, s, s + len(a))


def extract_metadata(norm: NormText | str, body_start: int | None = None) -> Metadata:
    """Metadata of a notice, from its normalised text (a ``str`` is normalised first).

    ``body_start`` (normalised offset) is where the first problem starts: the overall counts
    are read before it, since a figure inside a problem's account ("反馈228条问题") is that
    problem's, not the notice's."""
    if isinstance(norm, str):
        norm = normalise(norm)
    if not norm.text:
        return Metadata()
    r = _Reader(norm)
    _issuer(r, body_start)
    _body(r)
    _dates(r)
    _publication(r)
    _counts(r, body_start)
    _contacts(r)
    return Metadata.from_values(r.found)
