"""Numbers and units in a metric clause: Arabic and Chinese numerals, thousands commas, 万/亿,
%, 百分之…, tenths (六成), ranges, 余/多, and what kind of figure each is (count, amount,
percent, ratio, rank, frequency, ordinal)."""

from __future__ import annotations

import re

import cn2an

from ..layout.cues import mask_non_quantities
from ..lexicon.quantities import CN_DIGITS, MULTIPLIER, UNIT
from ..schema import Quantity
from ..text.normalise import NormText
from ..text.scan import finditer_at

_CN = CN_DIGITS
# Every number starts where its run of digits or numerals starts, so a long run is read once
# (linear time); a run longer than a number can be is not a quantity.
# Thousands grouped by commas (1,234.5) or none (1234.5).
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,8})?"
QUANTITY = re.compile(
    r"(?P<approx_pre>约|近|超过?|达到?|逾)?(?P<ord>第)?"
    r"(?:(?P<pct_cn>百分之(?:\d{1,3}(?:\.\d{1,8})?|[" + _CN + r"]{1,6}(?:点[" + _CN + r"]{1,8})?))"
    r"|(?P<tenths>(?<![\d.])\d(?:\.\d)?|(?<![" + _CN + r"])[一二两三四五六七八九])成"
    r"(?![立员本效果绩熟都为功就交不])"
    r"|(?P<frac_cn>(?<![" + _CN + r"])[" + _CN + r"]{1,12}分之[" + _CN + r"]{1,12})"
    r"|(?P<frac>(?<![\d.])\d{1,12}/\d{1,12})"
    r"|(?P<num>(?<![\d.])" + _ARABIC + r"|(?<![" + _CN + r"])[" + _CN + r"]{1,15}"
    r"(?:点[" + _CN + r"]{1,8})?)"
    r"(?:\s*[-—~至到]\s*(?P<upper>" + _ARABIC + r"|[" + _CN + r"]{1,15}))?"
    r"\s*(?P<mult>万|亿)?(?P<approx_post>余|多)?\s*(?P<unit>" + UNIT + r")?)"
    r"(?P<approx_after>左右)?"
)
# Where a figure can start, and the first characters of the words QUANTITY allows before one
# (approx_pre, ord: at most three characters).
FIGURE_CHAR = re.compile(r"[\d" + _CN + r"]")
PREFIX_START = "约近超达逾第"


# Kinds (schema.QUANTITY_KINDS), from the unit and the words around the figure.
MONEY = ("元",)
MEASURES = ("平方公里", "平方米", "平米", "立方米", "公里", "千米", "米", "公顷", "亩", "千瓦",
            "千克", "公斤", "斤", "吨", "小时", "课时", "学时", "天", "周", "个月", "岁")
ORDINAL_UNITS = ("届", "期", "轮", "批", "级")
RANK_BEFORE = re.compile(r"(?:排名|位列|位居|倒数|名列|排在|排第)[^,;。]{0,2}$")
FREQUENCY_BEFORE = re.compile(
    r"每(?:年|月|周|季度?|半年|天|日|星期|学期)[^,;。]{0,8}?(?:至少|不少于|召开|开展|组织|进行)?$"
)
APPROX = ("约", "近", "逾")
# QUANTITY's groups in the order parse_quantities reads them
_GROUPS = ("pct_cn", "tenths", "frac_cn", "frac", "num", "upper", "mult", "unit", "approx_pre",
           "approx_post", "approx_after", "ord")


def quantity_kind(unit: str, before: str, ordinal: bool, fraction: bool) -> str:
    """The kind of a figure given its unit, the text before it and whether 第 precedes it."""
    if fraction or unit == "倍":
        return "ratio"
    if unit in ("%", "‰", "个百分点", "百分点"):
        return "percent"
    if RANK_BEFORE.search(before) or (ordinal and unit in ("名", "位")):
        return "rank"
    if ordinal or unit in ORDINAL_UNITS:
        return "ordinal"
    if FREQUENCY_BEFORE.search(before):
        return "frequency"
    if unit in MONEY or unit in MEASURES:
        return "amount"
    return "count"


_DECIMAL = re.compile(r"[\d,]+(?:\.\d+)?")  # thousands commas too


def number(s: str) -> float | None:
    if _DECIMAL.fullmatch(s):
        return float(s.replace(",", ""))
    scale = 1.0
    if "点" in s and s[-1] in MULTIPLIER:
        # cn2an reads "三十五点六" but not "三十五点六万"
        s, scale = s[:-1], MULTIPLIER[s[-1]]
    if s[:1] in ("百", "千"):  # 百分之百: cn2an reads 一百, not 百
        s = "一" + s
    try:
        return float(cn2an.cn2an(s.replace("〇", "零"), "smart")) * scale
    except (ValueError, KeyError, IndexError):
        return None


def format_value(value: float) -> str:
    """A quantity as people write it: 798900000 not 7.989e+08, 0.6667 not 0.666666."""
    return (
        str(int(value))
        if float(value).is_integer()
        else f"{value:.4g}"
        if abs(value) < 1
        else f"{value:.2f}".rstrip("0")
    )


def parse_quantities(norm: NormText, start: int, end: int) -> list[Quantity]:
    """Quantities inside the normalised ``[start, end)``, offsets mapped to the original text."""
    seg = norm.text[start:end]
    masked = mask_non_quantities(seg)
    out = []
    for m in finditer_at(QUANTITY, FIGURE_CHAR, masked, PREFIX_START, back=3):
        # every group in one call, not up to 15 m.group calls a figure (the metrics of a round of
        # the four notices: 4.45 -> 4.27 ms)
        pct_cn, tenths, frac_cn, frac, raw, upper_raw, mult, unit, pre, post, after, ordinal = (
            m.group(*_GROUPS)
        )
        upper = None
        if pct_cn:
            value, unit = number(pct_cn[3:]), "%"
            if value is None:
                continue
        elif tenths:
            value, unit = number(tenths), "成"
            if value is None:
                continue
            value /= 10
        elif frac_cn:
            a, b = frac_cn.split("分之")
            den, num = number(a), number(b)
            if not den or num is None:
                continue
            value, unit = num / den, ""
        elif frac:
            num, den = (float(x) for x in frac.split("/"))
            if not den:
                continue
            value, unit = num / den, ""
        else:
            unit = unit or ""
            cn = not raw[0].isdigit()
            # A Chinese numeral counts only with a measure word ("两次"); alone it is a word.
            if cn and (not unit or unit in ("年", "分", "级", "期")):
                continue
            if not cn and not unit and not mult:
                continue
            value = number(raw)
            if value is None:
                continue
            upper = number(upper_raw) if upper_raw else None
            scale = MULTIPLIER[mult] if mult else 1.0
            if unit in ("万元", "亿元"):
                scale *= MULTIPLIER[unit[0]]
                unit = "元"
            value *= scale
            upper = round(upper * scale, 6) if upper is not None else None
        s, e = m.start(), m.end()
        while s < e and not (seg[s].isdigit() or seg[s] in _CN):
            s += 1
        if s >= e:
            continue
        fraction = bool(frac_cn or frac or tenths)
        kind = quantity_kind(unit, masked[max(0, m.start() - 12) : m.start()], bool(ordinal),
                             fraction)
        approx = bool(post or after or pre in APPROX)
        o_s, o_e = norm.to_original(start + s, start + e)
        out.append(Quantity(round(value, 6), unit, o_s, o_e, kind, upper, approx))
    return out
