"""Field names ("整改情况:", "问题 1：") and what each introduces."""

import re

RECT_FIELDS = (
    "整改情况",
    "整政情况",
    "落实情况",
    "整改措施",
    "推进情况",
    "进展情况",
    "整改结果",
    "整改成效",
    "整改落实情况",
    "整改推进情况",
    "整改举措",
    "具体措施",
    "主要措施",
    "工作措施",
    "整改完成情况",
)
STATUS_FIELDS = ("完成情况", "整改进度", "整改状态", "整改进展")
PROBLEM_FIELDS = ("反馈问题", "存在问题", "问题", "问题描述", "问题表现", "具体问题", "问题清单")
DEADLINE_FIELDS = ("整改时限", "完成时限", "办结时限", "完成时间", "时限")
RESPONSIBLE_FIELDS = ("责任单位", "责任领导", "责任人", "责任部门", "牵头单位", "牵头领导")

# A field name followed by a colon; the guide keeps it outside every span, so a unit is cut
# right after the colon.
FIELD = re.compile(
    r"(?P<field>整改(?:落实|推进|完成)情况|(?:整[改政]|完成|落实|推进|进展)情况"
    r"|整改(?:进度|进展|措施|举措|时限|状态|结果|成效|目标|要求)"
    r"|具体措施|主要措施|工作措施"
    r"|责任(?:单位|领导|人|部门)|牵头(?:单位|领导)|反馈问题|存在问题"
    r"|问题(?:描述|表现)?(?:\d+|[一二三四五六七八九十]+)?"
    r"|完成时限|办结时限|完成时间)"
    r"[:]"
)
# Column headings of a notice table turned into text ("序号|反馈问题|整改措施|整改时限|完成情况").
TABLE_HEADER = re.compile(
    r"(?:序号|编号|备注|"
    + "|".join(RECT_FIELDS + STATUS_FIELDS + PROBLEM_FIELDS + DEADLINE_FIELDS + RESPONSIBLE_FIELDS)
    + r")"
)


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
    if field in DEADLINE_FIELDS or "时限" in field:
        return "deadline"
    if field.startswith(("责任", "牵头")):
        return "responsible"
    return "other"
