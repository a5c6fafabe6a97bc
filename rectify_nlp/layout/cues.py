"""Hand-written cues.  They feed the trained models as features and, alone, make the
rules-only baseline that the README scores beside the model.  They never decide a label
in the product: the tagger does.
"""
from __future__ import annotations

import re

from .text import NormText, Unit, clauses, enumerator_class, normalise, units
from .types import Span

# The guide's closing section ("三、下一步工作安排", "持续巩固整改成果", "抓好下步工作").
CLOSING_HEADING = re.compile(r"下一?步|持续巩固整改成果|巩固(?:深化)?整改成果|长效机制建设情况|今后工作")
# Section headings that give problems under them a status (shifanqu's "一、已完成的整改任务").
STATUS_HEADING = re.compile(r"(已完成|基本完成|阶段性完成|正在推进|长期(?:坚持)?|持续推进|未完成)(?:的)?整改(?:任务|事项|问题)?")
# Problem wrappers the guide keeps outside the span.
# The contacts paragraph that closes most notices ("欢迎广大干部群众对巡察整改落实情况进行监督").
CONTACTS_PARAGRAPH = re.compile(r"^(?:欢迎广大|如有意见|联系(?:方式|电话)|来信请寄)")
# Sentences that only report a result ("营商环境持续优化", "排名取得显著提升") rather than an action.
RESULT_CUE = re.compile(r"取得|成效|提升至|提高到|下降|上升|增长|排名|均达|实现|得到|持续优化|明显改善|有效遏制|位居|位列|全部办结|全部完成|已全部")
PROBLEM_WRAPPER_TAIL = re.compile(r"等?问题的?整改(?:落实)?(?:情况|进展)?$")
# What is left of a section heading like "二、巡视反馈问题整改落实情况" once the wrapper is off:
# not a problem, the heading of all of them.
GENERIC_PROBLEM = re.compile(r"(?:对|关于)?(?:省委|市委|县委|区委|中央)?(?:第[一二三四五六七八九十\d]+)?(?:巡视|巡察)?(?:组)?"
                             r"(?:反馈|指出|发现|交办)?(?:的)?(?:意见)?")
PROBLEM_QUOTED = re.compile(r"^关于[“\"](.+)[”\"](?:等|的)?问题(?:的?整改|$)")
RECT_FIELDS = ("整改情况", "整政情况", "落实情况", "整改措施", "推进情况", "进展情况", "整改结果", "整改成效",
               "整改落实情况", "整改推进情况", "整改举措", "具体措施", "主要措施", "工作措施")
STATUS_FIELDS = ("完成情况", "整改进度", "整改状态", "整改进展")
PROBLEM_FIELDS = ("反馈问题", "存在问题", "问题", "问题描述", "问题表现", "具体问题", "问题清单")
# Column headings of a notice table turned into text ("序号|反馈问题|整改措施|整改时限|完成情况").
TABLE_HEADER = re.compile(r"(?:序号|编号|备注|" + "|".join(RECT_FIELDS + STATUS_FIELDS + PROBLEM_FIELDS) +
                          r"|整改时限|完成时限|时限|责任单位|责任领导|责任人|牵头单位|牵头领导)")


def field_kind(field: str) -> str:
    """What a field name introduces, so that `问题 3：` and `反馈问题：` look alike to the model."""
    if not field:
        return "none"
    if field in RECT_FIELDS:
        return "rect"
    if field in STATUS_FIELDS:
        return "status"
    if field.startswith("问题") or field in PROBLEM_FIELDS:
        return "problem"
    if "时限" in field:
        return "deadline"
    if field.startswith(("责任", "牵头")):
        return "responsible"
    return "other"


def table_fields(norm: NormText, us: list[Unit]) -> list[str]:
    """For each unit in a table cell, the heading of its column ("" elsewhere).

    A table row whose cells are mostly column headings names the columns; the rows below it
    are read as if each cell were introduced by its heading as a field name.
    """
    text = norm.text
    out = [""] * len(us)
    header: dict[int, str] = {}
    k = 0
    while k < len(us):
        if us[k].cell < 0:
            # a body line ends the table; a heading line between rows ("（一）…方面") does not
            if us[k].line_start and not us[k].enumerator:
                header = {}
            k += 1
            continue
        line_end = text.find("\n", us[k].start)
        line_end = len(text) if line_end < 0 else line_end
        j = k
        while j < len(us) and us[j].start < line_end:
            j += 1
        cells = {u.cell: text[u.core_start:u.core_end] or text[u.start:u.end] for u in us[k:j] if u.line_start}
        named = {c: t for c, t in cells.items() if TABLE_HEADER.fullmatch(t)}
        if len(named) >= 2 and len(named) >= len(cells) / 2:
            header = named
        elif header:
            for i in range(k, j):
                out[i] = header.get(us[i].cell, "")
        k = j
    return out
ACTION_VERB = re.compile(
    r"成立|召开|印发|制定|出台|建立|开展|组织|举办|修订|完善|下发|约谈|处分|问责|追缴|退还|清退|收回|"
    r"整治|排查|督导|督查|检查|培训|学习|调整|选派|配备|签订|推进|实施|落实|拨付|投入|化解|处置|追回|"
    r"立案|移交|通报|谈话|健全|规范|修订|清理|核查|审计|整改|建设|改造|新建|招聘|设立|部署|研究"
)
# The guide's "concrete action": a meeting held, a body set up, a document issued, a check
# made, training given, money returned, people disciplined.
CONCRETE_ACTION = re.compile(
    r"召开|成立|制定|印发|出台|下发|修订|建立|举办|约谈|签订|选派|追缴|退还|清退|追回|处分|问责|立案|"
    r"(?:开展|组织).{0,15}(?:检查|督导|督查|培训|排查|调研|整治|宣讲|演练)|下达|列入|罚款|调整|撤换|拨付"
)
# A sentence that only reports where things stand ("截至7月底，已完工49个"; "目前，…已全部整改到位").
AS_OF_START = re.compile(r"^(?:截至|截止|目前|至今|现已|当前|整改以来|集中整改期(?:间|内)?)")


def is_result_only(core: str) -> bool:
    """A result, figure or assessment with no action of its own: not a measure (the guide)."""
    if AS_OF_START.match(core) and not CONCRETE_ACTION.search(core):
        return True
    return bool(RESULT_CUE.search(core)) and not ACTION_VERB.search(core)


ATTITUDE_ONLY = re.compile(r"^(?:把|将)?.{0,12}(?:作为|当作).{0,10}(?:政治任务|头等大事)|^(?:认真|切实|坚决)(?:履行|扛起|扛牢)")

MEASURE_WORD = (r"(?:个百分点|百分点|万元|亿元|元|万|亿|%|‰|次|个|人|名|家|项|件|篇|份|场|户|条|处|期|轮|批|座|所|台|辆|"
                r"吨|亩|公里|千米|米|平方米|平米|立方米|套|起|张|本|册|位|倍|笔|宗|间|栋|公顷|千瓦|课时|学时|小时|"
                r"天|周|个月|年度|余|多|部|支|类|村|镇|社区|单位|企业|所学校|所|盏|根|棵|株|头|只|孔|口|段|级|分|路|岁|块|"
                r"人次|家次|次数|卷|册|页|条次|门|对|组|届|节|堂|期次|万人|平方公里|千克|公斤|斤|床|张|班|个村)")
ARABIC_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:余|多)?" + MEASURE_WORD + r"|\d+(?:\.\d+)?%|\d+/\d+|排名第\s*\d+|"
                             r"第\s*\d+\s*(?:位|名)|(?:排名|位列|位居)(?:第|前)[一二三四五六七八九十\d]+|"
                             r"[一二三四五六七八九十]+分之[一二三四五六七八九十]+|[一二三四五六七八九十]+个方面")
CN_QUANTITY = re.compile(r"(?<![第一二三四五六七八九十])(?:[两二三四五六七八九十百千]+|一(?=[次台家名件份篇批轮场户所座辆项]))"
                         r"(?:余|多)?(?:次|家|名|项|件|台|篇|份|轮|批|场|户|所|座|辆|人|个(?!人|别|一|月|方面|维护))")
NOT_QUANTITY = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:份|底|中旬|上旬|下旬|初|末)?|\d{1,2}\s*日|〔\d{4}〕\d+号|\[\d{4}\]\d+号|"
    r"第[一二三四五六七八九十\d]+(?:巡察组|巡视组|次(?:党工委|常委|会议|全会)|届|议题)|"
    r"(?:^|(?<=[,;。:]))[一二三四五六七八九十]{1,3}[是要]|二十大|二十届|十四五|十五五|三会一课|两个维护|两个确立|四大班子|一把手|一岗双责|一票否决|"
    r"为期\s*\S{1,4}(?:天|周|个月|年)|历时\s*\S{1,4}(?:天|周|个月|年)|利用\s*\S{1,4}(?:天|周|个月|年)时间|"
    r"[三两一六]个月的集中整改|\d{1,2}:\d{2}|"
    # slogans and names in quotes ("三个一批", "7×24小时", "两个覆盖") and fixed phrases
    r"[“\"][^”\"]{1,10}[”\"]|一[件条个项]一[件条个项]|一批|一件事|[一二三四五六七八九十]次全会|[一二三四五六七八九十]中全会"
)
TIME_EXPR = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|年底|年内|月底|"
    r"[一二三四]季度|上半年|下半年|春季|秋季|年前|节前|汛期前|[一二三四五六七八九十]+月"
)
# A completion verb after the time: "已于2025年秋季学期建成投用", "于11月11日完成了招标工作".
COMPLETION_VERB = re.compile(r"完成|建成|投用|投入使用|完毕|完工|竣工|交付|办结|销号|清零|到位|开学|退还|退回|清退|"
                             r"结案|验收|通车|启用|上线|整改完毕|整改完成")
# "…前" right after the time makes it a limit: "2026年6月底前", "2月中旬前".
BY_TIME = re.compile(r"\s*(?:上旬|中旬|下旬|初|底|末)?\s*(?:前|之前|以前)")
PLAN_CUE = re.compile(r"计划|预计|力争|将于|拟于|争取|确保|预期|有望")


# A metric needs a figure and a deadline a time expression (the guide); clauses with neither
# are never candidates.  On the four gold notices this keeps 858 of 3,469 clauses and every
# gold metric and deadline.
DETAIL_CANDIDATE = re.compile(r"\d|[两二三四五六七八九十百千万亿半]|一(?=[次台家名件份篇批轮场户所座辆项个位])|" + TIME_EXPR.pattern)


def is_metric_clause(clause: str) -> bool:
    """A clause with a count, amount, rate or rank that is not only a date or a name."""
    masked = NOT_QUANTITY.sub(lambda m: "#" * len(m.group(0)), clause)
    return bool(ARABIC_QUANTITY.search(masked) or CN_QUANTITY.search(masked))


def is_deadline_clause(clause: str) -> bool:
    """A time expression that bounds a completion: "…前", a plan word before it, or a
    completion verb after it (the guide's deadline; the date of an ordinary action is not)."""
    for t in TIME_EXPR.finditer(clause):
        after = clause[t.end():]
        if BY_TIME.match(after) or PLAN_CUE.search(clause[max(0, t.start() - 8):t.start()]):
            return True
        if COMPLETION_VERB.search(after[:20]):
            return True
    return False


def closing_start(norm: NormText, us: list[Unit]) -> int:
    """Index of the first unit of the closing next-steps section, or len(us)."""
    text = norm.text
    for k, u in enumerate(us):
        core = text[u.core_start:u.core_end]
        if u.line_start and u.line_end and len(core) <= 30 and CLOSING_HEADING.search(core) and u.enumerator:
            return k
        if u.line_start and CONTACTS_PARAGRAPH.search(core):
            return k
    return len(us)


def strip_problem_wrapper(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop "问题整改情况" and "关于“……”问题的整改" wrappers (the guide keeps them outside)."""
    seg = text[start:end]
    m = PROBLEM_QUOTED.match(seg)
    if m:
        return start + m.start(1), start + m.end(1)
    m = PROBLEM_WRAPPER_TAIL.search(seg)
    if m and m.start() > 0:
        end = start + m.start()
    if seg.startswith("关于") and end - start > 4:
        start += 2
    return start, end


def _cell_label(kind: str, u: Unit, core: str, prev: str) -> str:
    """A table cell's unit, by its column: the column says what the cell holds."""
    same_cell = not u.line_start
    if kind in ("problem", "status"):
        return ("I-" if same_cell and prev.endswith(kind) else "B-") + kind
    if kind == "rect":
        if u.enumerator:
            return "B-measure"
        if same_cell and prev.endswith("measure"):
            return "I-measure"
        if ACTION_VERB.search(core) and not ATTITUDE_ONLY.search(core):
            return "B-measure"
    return "O"


def rule_unit_labels(norm: NormText, us: list[Unit], columns: list[str] | None = None,
                     stop: int | None = None) -> list[str]:
    """BIO labels for units from layout cues alone (the baseline)."""
    text = norm.text
    labels = ["O"] * len(us)
    columns = columns if columns is not None else table_fields(norm, us)
    stop = stop if stop is not None else closing_start(norm, us)
    state = "intro"  # intro | problem | rect | status
    first_problem_seen = False
    problem_class = ""   # enumerator class of problem headings
    item_class = ""      # enumerator class of the measure list being read
    for k in range(stop):
        u = us[k]
        core = text[u.core_start:u.core_end]
        nxt = us[k + 1] if k + 1 < len(us) else None
        if columns[k]:
            labels[k] = _cell_label(field_kind(columns[k]), u, core, labels[k - 1] if k else "O")
            first_problem_seen = first_problem_seen or labels[k] == "B-problem"
            state = "table"
            continue
        if u.field:
            item_class = ""
            if u.field in RECT_FIELDS:
                state = "rect"
            elif u.field in STATUS_FIELDS:
                state = "status"
            elif u.field.startswith("问题") or u.field in PROBLEM_FIELDS:
                state = "problem_field"
            else:
                state = "other"
            continue
        if not core:
            continue
        if state == "problem_field":
            labels[k] = "B-problem"
            state = "problem_cont"
            first_problem_seen = True
            continue
        if state == "problem_cont" and not u.line_start:
            labels[k] = "I-problem"
            continue
        if state == "status":
            labels[k] = "B-status"
            state = "other"
            continue
        heading = u.line_start and u.enumerator and not u.enumerator.endswith(("是", "要"))
        if heading:
            followed_by_rect = nxt is not None and (
                (nxt.field in RECT_FIELDS + STATUS_FIELDS)
                or (nxt.enumerator.endswith("是") and not nxt.line_start)
                or (not nxt.line_start and PROBLEM_WRAPPER_TAIL.search(core) is not None)
                # a heading line, then a description paragraph, then "整改落实情况："
                or (u.line_end and nxt.line_start and not nxt.enumerator and _rect_field_follows(us, k))
            )
            cls = enumerator_class(u.enumerator)
            in_list = state in ("rect", "measure", "after_problem") and cls != problem_class
            if in_list and item_class == cls:
                labels[k] = "B-measure"  # the next item of a measure list, even when a field follows
                continue
            ps, pe = strip_problem_wrapper(text, u.core_start, u.core_end)
            generic = GENERIC_PROBLEM.fullmatch(text[ps:pe]) is not None
            if not generic and (followed_by_rect or PROBLEM_WRAPPER_TAIL.search(core) and "问题" in core):
                labels[k] = "B-problem"
                state = "after_problem"
                first_problem_seen = True
                problem_class, item_class = cls, ""
                continue
            # A numbered list of measures on lines of their own ("整改措施：\n(1)…\n(2)…"): an item
            # has a sibling of its own class before or after it; a group heading does not.
            if in_list and _next_line_class(us, k) == cls:
                labels[k] = "B-measure"
                state, item_class = "measure", cls
                continue
            if not first_problem_seen and not u.line_end:
                labels[k] = "B-measure"  # notice-level item: "(一)强化领导责任。第一时间…"
                state = "general"
                continue
            state = "heading"
            continue
        if state == "after_problem" and u.line_start and not u.enumerator and _rect_field_follows(us, k):
            # a description paragraph between a problem heading and its rectification field
            # continues the problem (annotations/README.md, decision 5)
            labels[k] = "I-problem"
            state = "problem_cont"
            continue
        if not first_problem_seen and state in ("heading", "general_done") and not u.enumerator \
                and CONCRETE_ACTION.search(core) and not is_result_only(core) and not ATTITUDE_ONLY.search(core):
            labels[k] = "B-measure"  # notice-level action told in plain sentences
            continue
        if state in ("rect", "after_problem", "general", "measure"):
            if u.enumerator:
                labels[k] = "B-measure"
                state = "measure"
            elif state in ("measure", "general") and not u.line_start:
                labels[k] = "I-measure"
            elif state in ("rect", "after_problem") and ACTION_VERB.search(core) and not ATTITUDE_ONLY.search(core) \
                    and not is_result_only(core):
                labels[k] = "B-measure"
            elif u.line_start:
                state = "rect" if state != "general" else "general_done"
    return labels


def _rect_field_follows(us: list[Unit], k: int) -> bool:
    """The next field name after unit k, before any enumerated line, introduces rectification."""
    for j in range(k + 1, min(len(us), k + 60)):
        if us[j].field:
            return us[j].field in RECT_FIELDS + STATUS_FIELDS
        if us[j].line_start and us[j].enumerator:
            return False
    return False


def _next_line_class(us: list[Unit], k: int) -> str:
    """Enumerator class of the next unit that starts a line ("" if it has none)."""
    for j in range(k + 1, min(len(us), k + 40)):
        if us[j].line_start:
            return enumerator_class(us[j].enumerator) if us[j].enumerator else ""
    return ""


def spans_from_unit_labels(norm: NormText, us: list[Unit], labels: list[str]) -> list[tuple[int, int, str, list[int]]]:
    """Merge B/I unit labels into normalised spans: (start, end, label, unit indices)."""
    text = norm.text
    out: list[tuple[int, int, str, list[int]]] = []
    for k, (u, lab) in enumerate(zip(us, labels)):
        if lab == "O" or u.core_start >= u.core_end:
            continue
        tag, label = lab.split("-", 1)
        if tag == "I" and out and out[-1][2] == label and out[-1][3][-1] == _prev_content(us, k):
            s, _, _, members = out[-1]
            out[-1] = (s, u.core_end, label, members + [k])
        else:
            out.append((u.core_start, u.core_end, label, [k]))
    cleaned = []
    for s, e, label, members in out:
        if label == "problem":
            s, e = strip_problem_wrapper(text, s, e)
        if s < e:
            cleaned.append((s, e, label, members))
    return cleaned


def extend_problems(us: list[Unit], labels: list[str], after_problem_field: list[bool]) -> list[str]:
    """A problem introduced by a field name (`问题 1：`, `反馈问题：`) runs to the end of its
    paragraph (annotations/README.md, decision 5)."""
    out = list(labels)
    extending = False
    for k in range(len(us)):
        if out[k] == "B-problem":
            extending = after_problem_field[k]
        elif extending and not us[k].line_start and not us[k].enumerator:
            out[k] = "I-problem"
        else:
            extending = False
        if us[k].line_end:
            extending = False
    return out


def _prev_content(us: list[Unit], k: int) -> int:
    j = k - 1
    while j >= 0 and us[j].core_start >= us[j].core_end:
        j -= 1
    return j


def baseline_spans(original: str) -> list[Span]:
    """The rules-only baseline: every label from the cues above."""
    norm = normalise(original)
    us = units(norm)
    stop = closing_start(norm, us)
    labels = rule_unit_labels(norm, us, stop=stop)
    spans = []
    for s, e, label, _ in spans_from_unit_labels(norm, us, labels):
        a, b = norm.to_original(s, e)
        spans.append(Span(a, b, label, original[a:b]))
    stop_at = us[stop].start if stop < len(us) else len(norm.text)
    for c in clauses(norm):
        if c.start >= stop_at:
            break
        seg = norm.text[c.start:c.end]
        for label, hit in (("metric", is_metric_clause(seg)), ("deadline", is_deadline_clause(seg))):
            if hit:
                a, b = norm.to_original(c.start, c.end)
                spans.append(Span(a, b, label, original[a:b]))
    return sorted(spans, key=lambda s: (s.start, s.label not in ("problem", "measure", "status"), s.end))
