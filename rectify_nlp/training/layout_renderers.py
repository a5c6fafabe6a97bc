"""The layout families written out: the wording of each family around gold pieces
(``render``), used by training/augment.py.  Only formulas are written here, never gold text."""

from __future__ import annotations

import random
import re
from typing import Callable

from .gold_pieces import Builder, Item, Piece, cn_number

# Wording around the gold pieces: the formulas these notices are written in (guide, "The
# documents"; annotations/README.md), never gold text itself.
ORGS = ("县住房和城乡建设局党组", "市交通运输局党委", "区委", "镇党委", "县人民医院党委",
        "市总工会党组")
BODIES = ("市委第二巡察组", "县委第三巡察组", "省委第五巡视组", "区委第一巡察组")
GROUPS = (
    "贯彻落实党的理论路线方针政策和党中央决策部署方面",
    "落实全面从严治党战略部署方面",
    "落实新时代党的组织路线方面",
    "落实巡视巡察整改和成果运用方面",
)
STATUSES = ("已完成", "已完成，长期坚持", "阶段性完成", "基本完成，持续推进", "已整改到位",
            "正在整改", "视同完成，持续整改", "已完成，同意销号", "整改完成", "正在推进",
            "持续推进中")
PROBLEM_FIELDS = ("问题：", "反馈问题：", "存在问题：", "问题表现：")
MEASURE_FIELDS = ("整改情况：", "整改措施：", "落实情况：", "整改落实情况：", "整改措施及成效：")
STATUS_FIELDS = ("完成情况：", "整改进度：", "整改状态：", "整改进展：")
UNITS = ("县委办公室", "局办公室", "组织人事科", "财务科", "党建办")
CLOSINGS = (
    ("持续巩固整改成果", "对已完成的整改事项适时开展“回头看”，防止问题反弹回潮。"),
    ("健全长效机制", "把巡察整改与日常监督、深化改革结合起来，推动整改常态化、长效化。"),
    ("强化成果运用", "坚持举一反三，深入查找制度漏洞，从根本上解决问题。"),
    ("压紧压实责任", "对尚未完成的整改任务，紧盯不放、持续用力，确保按期完成。"),
)
CLOSING_HEADINGS = ("下一步工作打算", "下一步工作安排", "持续巩固整改成果，推动整改常态长效")
# How these notices end: an invitation to supervise with contacts, then the sign-off; the
# last problem of a notice is often right before it (a table's last row, a findings list).
SUPERVISION = (
    "欢迎广大干部群众对{kind}整改落实情况进行监督。",
    "欢迎社会各界对{kind}整改落实情况进行监督，如有意见建议，请及时反映。",
    "如对{kind}整改工作有意见建议，请及时向我们反映。",
)
CONTACTS = ("联系电话：0{a}-{b}", "联系电话：0{a}-{b}；邮政信箱：{org}办公室",
            "电子邮箱：xc{a}@163.com")
TABLE_SEPS = ("\t", " | ", "｜")


def _intro(b: Builder, rng: random.Random, kind: str) -> None:
    org, body = rng.choice(ORGS), rng.choice(BODIES)
    b.add(f"中共{org}关于{kind}整改进展情况的通报\n\n")
    b.add(f"根据统一部署，{body}对{org}开展了常规{kind}，并反馈了{kind}意见。"
          f"按照{kind}工作有关要求，现将整改进展情况予以公布。\n\n")


def _general(b: Builder, rng: random.Random, general: list[Piece]) -> bool:
    """An opening section of notice-level measures (they stay measures)."""
    if not general or rng.random() < 0.4:
        return False
    b.add("一、整改工作开展情况\n")
    for k, m in enumerate(rng.sample(general, min(len(general), rng.randint(1, 3))), 1):
        b.add(f"（{cn_number(k)}）")
        b.piece(m)
        b.add("。\n")
    return True


def _closing(b: Builder, rng: random.Random, number: int) -> None:
    if rng.random() < 0.3:
        return
    b.add(f"\n{cn_number(number)}、{rng.choice(CLOSING_HEADINGS)}\n")
    for k, (head, body) in enumerate(rng.sample(CLOSINGS, rng.randint(2, 3)), 1):
        b.add(f"（{cn_number(k)}）{head}。{body}\n")


def _ending(b: Builder, rng: random.Random, kind: str) -> None:
    if rng.random() < 0.4:
        return
    b.add("\n" + rng.choice(SUPERVISION).format(kind=kind))
    if rng.random() < 0.7:
        org = rng.choice(ORGS)
        b.add(rng.choice(CONTACTS).format(a=rng.randint(100, 999), b=rng.randint(1000000, 9999999),
                                          org=org) + "。")
    if rng.random() < 0.6:
        b.add(f"\n\n中共{rng.choice(ORGS)}\n{rng.choice((2024, 2025, 2026))}年"
              f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    b.add("\n")


SENTENCE_END = re.compile(r"[。；;！？!?]")


def _measures_inline(b: Builder, rng: random.Random, ms: list[Piece]) -> None:
    # Unenumerated, a measure is a sentence (annotations/README.md, decision 2): only measures
    # of one sentence each may be written without enumerators.
    plain_ok = not any(SENTENCE_END.search(m.text) for m in ms)
    styles = ("yishi", "number", "diyi") + (("plain",) if plain_ok else ())
    style = rng.choice(styles)
    for k, m in enumerate(ms, 1):
        if style == "yishi":
            b.add(f"{cn_number(k)}是")
        elif style == "number":
            b.add(f"{k}.")
        elif style == "diyi":
            b.add(f"第{cn_number(k)}，")
        b.piece(m)
        b.add("；" if k < len(ms) else "。")


def _measures_lines(b: Builder, rng: random.Random, ms: list[Piece]) -> None:
    style = rng.choice(("（k）", "k.", "k、", "①"))
    for k, m in enumerate(ms, 1):
        if style == "①":
            b.add(chr(0x2460 + k - 1) if k <= 20 else f"{k}.")
        else:
            b.add(style.replace("k", str(k)))
        b.piece(m)
        b.add("。\n")


def _status(b: Builder, rng: random.Random, it: Item, fieldname: str) -> None:
    b.add(fieldname)
    if it.status is not None:
        b.piece(it.status)
    else:
        text = rng.choice(STATUSES)
        b.piece(Piece(text, "status"))
    b.add("\n")


def _deadline_field(b: Builder, rng: random.Random) -> None:
    if rng.random() < 0.5:
        return
    year = rng.choice((2024, 2025, 2026))
    b.add("整改时限：")
    if rng.random() < 0.3:
        b.add("长期坚持\n")
    else:
        b.piece(Piece(f"{year}年{rng.randint(1, 12)}月底前", "deadline"))
        b.add("\n")
    if rng.random() < 0.5:
        b.add(f"责任单位：{rng.choice(UNITS)}\n")


# The share of field layouts that state the status before the measures (`完成情况：已完成` right
# under the problem, as dongcheng-2026 does).
STATUS_FIRST = 0.35


def _problem_sentence(b: Builder, it: Item) -> None:
    b.piece(it.problem)
    b.add("" if it.problem.text.endswith(("。", "”")) else "。")


# The share of field-block renderings whose problem lines quote the problem (`1.关于“…”的问题`,
# the wrapper staying outside the span): quoted problems are not only the quoted-heading
# family's.
QUOTED_SHARE = 0.25


def render_field_blocks(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """``1.<problem>。`` then ``整改情况：`` (inline or one measure a line) and ``完成情况：``."""
    lines = rng.random() < 0.5
    quoted = rng.random() < QUOTED_SHARE
    for k, it in enumerate(items, 1):
        # `问题N：` opens a problem in any layout, not only under group headings
        b.add(rng.choice((f"{k}.", f"{k}、", f"（{k}）", f"问题{k}：")))
        if quoted and short_problem(it):
            b.add("关于“")
            b.piece(it.problem)
            b.add(rng.choice(("”的问题", "”问题")))
        else:
            _problem_sentence(b, it)
        b.add("\n" + rng.choice(MEASURE_FIELDS) + ("\n" if lines else ""))
        (_measures_lines if lines else _measures_inline)(b, rng, it.measures)
        if not lines:
            b.add("\n")
        _deadline_field(b, rng)
        _status(b, rng, it, rng.choice(STATUS_FIELDS))


def render_question_field(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """``问题N：<problem>`` (or ``问题：``) items under group headings."""
    numbered = rng.random() < 0.6
    status_first = rng.random() < STATUS_FIRST
    for k, it in enumerate(items, 1):
        if numbered:
            b.add(rng.choice((f"问题{k}：", f"问题{cn_number(k)}：", f"反馈问题{k}：")))
        else:
            b.add(f"{k}.{rng.choice(PROBLEM_FIELDS)}")
        _problem_sentence(b, it)
        b.add("\n")
        if status_first:
            _status(b, rng, it, rng.choice(STATUS_FIELDS))
        b.add(rng.choice(MEASURE_FIELDS))
        _measures_inline(b, rng, it.measures)
        b.add("\n")
        if not status_first:
            _status(b, rng, it, rng.choice(STATUS_FIELDS))


def short_problem(it: Item) -> bool:
    return len(it.problem.text) <= 45 and not re.search(r"[。；;\n“”\"]", it.problem.text)


def render_quoted_heading(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """``（N）关于“<problem>”问题的整改`` with the status before the measures."""
    for k, it in enumerate(items, 1):
        b.add(f"（{k}）关于“" if rng.random() < 0.5 else f"{k}.关于“")
        b.piece(it.problem)
        b.add(rng.choice(("”问题的整改情况\n", "”问题的整改\n", "”的问题\n")))
        _status(b, rng, it, rng.choice(("整改状态：", "整改进度：")))
        b.add(rng.choice(("整改措施：", "整改情况：")))
        measures = _measures_lines if rng.random() < 0.5 else _measures_inline
        measures(b, rng, it.measures)
        b.add("\n")
        _deadline_field(b, rng)


def render_inline(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """``(N)<problem>问题整改情况。一是…二是…`` on one paragraph, no status field."""
    for k, it in enumerate(items, 1):
        b.add(f"({k})" if rng.random() < 0.5 else f"（{cn_number(k)}）")
        b.piece(it.problem)
        b.add(rng.choice(("问题整改情况。", "问题的整改情况。", "的整改情况。")))
        _measures_inline(b, rng, it.measures)
        b.add("\n")


def render_three_level(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """``（一）…方面的问题`` › ``反馈问题一：关于“…”的问题`` › ``1.<problem>`` › fields."""
    per = rng.randint(1, 3)
    status_first = rng.random() < STATUS_FIRST
    head = 0
    for k, it in enumerate(items):
        if k % per == 0:
            head += 1
            b.add(f"反馈问题{cn_number(head)}：关于“{rng.choice(GROUPS)[:12]}有差距”的问题\n")
        b.add(f"{k % per + 1}.")
        _problem_sentence(b, it)
        b.add("\n")
        if status_first:
            _status(b, rng, it, "完成情况：")
        b.add(rng.choice(MEASURE_FIELDS))
        _measures_inline(b, rng, it.measures)
        b.add("\n")
        if not status_first:
            _status(b, rng, it, "完成情况：")


def _cell_ok(p: Piece) -> bool:
    return not re.search(r"[\t\n|｜]", p.text)


def render_table(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """A header row ``序号｜反馈问题｜整改措施｜整改时限｜完成情况`` and one row per problem."""
    sep = rng.choice(TABLE_SEPS)
    b.add(sep.join(("序号", "反馈问题", "整改措施", "整改时限", "完成情况")) + "\n")
    for k, it in enumerate(items, 1):
        b.add(f"{k}{sep}")
        b.piece(it.problem)
        b.add(sep)
        numbered = rng.random() < 0.5
        for j, m in enumerate(it.measures, 1):
            b.add(f"{j}." if numbered else (f"{cn_number(j)}是" if len(it.measures) > 1 else ""))
            b.piece(m)
            b.add("；" if j < len(it.measures) else "。")
        b.add(sep)
        if rng.random() < 0.6:
            year = rng.choice((2024, 2025, 2026))
            b.piece(Piece(f"{year}年{rng.randint(1, 12)}月底前", "deadline"))
        else:
            b.add("长期坚持")
        b.add(sep)
        b.piece(it.status or Piece(rng.choice(STATUSES), "status"))
        b.add("\n")


def render_findings_list(b: Builder, rng: random.Random, items: list[Item]) -> None:
    """Problems listed with no rectification text (a findings notice): problems only, a line
    each, or run on in one paragraph as ``一是…；二是…`` (the wording measures are usually
    enumerated in: only what an item says tells them apart)."""
    if rng.random() < 0.4 and all(short_problem(it) for it in items):
        for k, it in enumerate(items, 1):
            b.add(f"{cn_number(k)}是")
            b.piece(it.problem)
            b.add("；" if k < len(items) else "。\n")
        return
    for k, it in enumerate(items, 1):
        b.add(rng.choice((f"{k}.", f"{k}、", f"（{k}）")))
        _problem_sentence(b, it)
        b.add("\n")


RENDERERS: dict[str, Callable[[Builder, random.Random, list[Item]], None]] = {
    "field-blocks": render_field_blocks,
    "question-field": render_question_field,
    "quoted-heading": render_quoted_heading,
    "inline": render_inline,
    "three-level": render_three_level,
    "table": render_table,
    "findings-list": render_findings_list,
}


def eligible_items(family: str, items: list[Item]) -> list[Item]:
    if family == "quoted-heading":
        items = [it for it in items if short_problem(it)]
    if family == "table":
        items = [it for it in items if _cell_ok(it.problem) and all(map(_cell_ok, it.measures))
                 and (it.status is None or _cell_ok(it.status))]
    if family != "findings-list":
        items = [it for it in items if it.measures]
    return items


# The share of renderings whose problems sit under numbered group headings worded as
# shortcomings (`1. 风险意识淡薄，隐患排查不到位` over `问题 4：…`, as dongcheng-2023 writes them;
# `1.理论武装不扎实…。` over `(8)…问题整改情况。`, as muye does): the guide's group headings,
# unlabelled, though they read like problems.  Every family with headed items gets them, so
# what tells a group heading from a problem is what follows it (a problem of its own, or the
# rectification), never one family's markers.
NESTED_SHARE = 0.4
NESTED_FAMILIES = ("question-field", "field-blocks", "quoted-heading", "inline")
# Group heading enumerators; one whose class the items use (or the `（一）` groups above them)
# is not offered, so the heading always sits a level above its items.
NESTED_ENUMS = ("{k}.", "{k}. ", "{k}、", "（{cn}）")


def _nested_enums(items_text: str, groups: bool) -> list[str]:
    out = list(NESTED_ENUMS)
    if re.search(r"(?m)^\d", items_text):
        out = [e for e in out if not e.startswith("{k}")]
    if groups or re.search(r"(?m)^（[一二三四五六七八九十]", items_text):
        out = [e for e in out if not e.startswith("（")]
    return out


def _items(b: Builder, rng: random.Random, family: str, items: list[Item],
           headings: list[str], groups: bool = False) -> None:
    own = {it.problem.text for it in items}
    pool = [h for h in headings if h not in own] if family in NESTED_FAMILIES else []
    if not pool or rng.random() >= NESTED_SHARE:
        RENDERERS[family](b, rng, items)
        return
    k = i = 0
    while i < len(items):
        size = rng.randint(1, 3)
        k += 1
        sub = Builder()  # the items first: the heading's enumerator must differ from theirs
        RENDERERS[family](sub, rng, items[i : i + size])
        enums = _nested_enums(sub.text(), groups)
        if enums:
            enum = rng.choice(enums).format(k=k, cn=cn_number(k))
            b.add(f"{enum}{rng.choice(pool)}{'。' if rng.random() < 0.3 else ''}\n")
        start = b.pos
        b.add(sub.text())
        b.spans += [(start + a, start + z, lab) for a, z, lab in sub.spans]
        i += size


def render(family: str, items: list[Item], general: list[Piece], rng: random.Random,
           headings: list[str] | None = None) -> Builder:
    """A notice of ``family`` around ``items``; ``general`` are notice-level measures for its
    opening section, ``headings`` shortcoming phrases for unlabelled group headings."""
    headings = headings or []
    b = Builder()
    kind = rng.choice(("巡察", "巡视"))
    _intro(b, rng, kind)
    if family == "findings-list":
        b.add(f"一、{kind}发现的问题\n")
    else:
        top = 2 if _general(b, rng, general) else 1
        b.add(f"{cn_number(top)}、{kind}反馈问题整改落实情况\n")
    groups = rng.random() < 0.6 or family == "three-level"
    if groups and family != "table":
        size = max(1, len(items) // rng.randint(1, 3))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        for g, chunk in enumerate(chunks, 1):
            b.add(f"（{cn_number(g)}）{'关于' if rng.random() < 0.5 else ''}{GROUPS[(g - 1) % 4]}"
                  f"{'的问题' if rng.random() < 0.5 else ''}\n")
            _items(b, rng, family, chunk, headings, groups=True)
    else:
        _items(b, rng, family, items, headings)
    if family == "findings-list":
        b.add(f"\n二、整改要求\n被{kind}党组织要切实履行整改主体责任，认真制定整改方案，按期完成整改任务。\n")
    else:
        _closing(b, rng, 3)
    _ending(b, rng, kind)
    return b
