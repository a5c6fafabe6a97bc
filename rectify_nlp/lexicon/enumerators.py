"""Enumerators: the marks that open an item of a list or a heading of the outline."""

import re
from functools import lru_cache

# Each is anchored at the start of a unit or clause.
ENUMERATOR = re.compile(
    r"(?:"
    r"[一二三四五六七八九十]{1,3}[是要]"  # 一是 二要
    r"|第[一二三四五六七八九十]{1,3}[,、]"  # 第一，
    r"|[(][一二三四五六七八九十\d]{1,3}[)]"  # (1) (一)
    r"|[一二三四五六七八九十]{1,3}、"  # 一、
    r"|\d{1,2}(?:[.、](?!\d)|\.(?=\D)|\.(?=\d{4}年))"  # 1. 1、 2.2024年 (not 7.989)
    r"|[①-⑳]"
    r")"
)
# An enumerator in the middle of a paragraph starts a new unit when punctuation precedes it.
# The marks after which an item can start mid-paragraph.
MID_MARKS = "[。;:!?]"
MID_ENUMERATOR = re.compile(
    r"(?<=" + MID_MARKS + r")"
    r"(?=[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}[,、]"
    r"|[(]\d{1,2}[)]|\d{1,2}[.、](?!\d))"
)
# Enumerators of running items inside a paragraph ("一是…二是…"), as opposed to headings.
INLINE_SUFFIXES = ("是", "要")


@lru_cache(maxsize=4096)  # asked for every unit several times; a text has few enumerators
def enumerator_class(enum: str) -> str:
    """The shape of an enumerator, which tells its level in the notice's outline."""
    if not enum:
        return "none"
    if enum.endswith("是"):
        return "cn_shi"
    if enum.endswith("要"):
        return "cn_yao"
    if enum.startswith("第"):
        return "di"
    if enum.startswith("("):
        return "paren_num" if enum[1].isdigit() else "paren_cn"
    if enum.endswith("、") and not enum[0].isdigit():
        return "cn_dun"
    if enum[0].isdigit():
        return "num"
    return "circled"


def is_heading_enumerator(enum: str) -> bool:
    """An outline enumerator (一、 (一) 1.), not a running one (一是 二要)."""
    return bool(enum) and not enum.endswith(INLINE_SUFFIXES)
