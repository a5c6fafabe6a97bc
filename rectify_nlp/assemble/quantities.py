"""Numbers and units in a metric clause: Arabic and Chinese numerals, 万/亿, %, ranges, 余/多."""
from __future__ import annotations

import re

import cn2an

from . import rules
from .text import NormText
from .types import Quantity

_CN = "零〇一二两三四五六七八九十百千万亿"
_UNIT = (r"个百分点|百分点|%|‰|平方米|平方公里|立方米|公里|千米|公顷|千瓦|千克|公斤|人次|家次|条次|课时|学时|小时|"
         r"个月|万元|亿元|元|吨|亩|米|次|个|人|名|家|项|件|篇|份|场|户|条|处|期|轮|批|座|所|台|辆|套|起|张|本|册|"
         r"位|倍|笔|宗|间|栋|部|支|类|盏|根|棵|株|头|只|孔|口|段|级|卷|页|门|对|组|届|节|堂|床|班|天|周|年|分")
QUANTITY = re.compile(
    r"(?P<approx_pre>约|近|超过?|达到?|逾)?"
    r"(?:(?P<frac_cn>[" + _CN + r"]+分之[" + _CN + r"]+)"
    r"|(?P<frac>\d+/\d+)"
    r"|(?P<num>\d+(?:\.\d+)?|[" + _CN + r"]+)(?:\s*[-—~至到]\s*(?P<upper>\d+(?:\.\d+)?|[" + _CN + r"]+))?"
    r"\s*(?P<mult>万|亿)?(?P<approx_post>余|多)?\s*(?P<unit>" + _UNIT + r")?)"
)
MULTIPLIER = {"万": 1e4, "亿": 1e8}


def _number(s: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    try:
        return float(cn2an.cn2an(s.replace("〇", "零"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def format_value(value: float) -> str:
    """A quantity as people write it: 798900000 not 7.989e+08, 0.6667 not 0.666666."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}" if abs(value) < 1 else f"{value:.2f}".rstrip("0")


def parse_quantities(norm: NormText, start: int, end: int) -> list[Quantity]:
    """Quantities inside the normalised ``[start, end)``, offsets mapped to the original text."""
    seg = norm.text[start:end]
    masked = rules.NOT_QUANTITY.sub(lambda m: "#" * len(m.group(0)), seg)
    out = []
    for m in QUANTITY.finditer(masked):
        if m.group("frac_cn"):
            a, b = m.group("frac_cn").split("分之")
            den, num = _number(a), _number(b)
            if not den or num is None:
                continue
            value, unit = num / den, ""
        elif m.group("frac"):
            num, den = (float(x) for x in m.group("frac").split("/"))
            if not den:
                continue
            value, unit = num / den, ""
        else:
            raw, unit, mult = m.group("num"), m.group("unit") or "", m.group("mult")
            cn = not raw[0].isdigit()
            # A Chinese numeral counts only with a measure word ("两次"); alone it is a word.
            if cn and (not unit or unit in ("年", "分", "级", "期")):
                continue
            if not cn and not unit and not mult:
                continue
            value = _number(raw)
            if value is None:
                continue
            if mult:
                value *= MULTIPLIER[mult]
            if unit in ("万元", "亿元"):
                value *= MULTIPLIER[unit[0]]
                unit = "元"
        s, e = m.start(), m.end()
        while s < e and not (seg[s].isdigit() or seg[s] in _CN):
            s += 1
        if s >= e:
            continue
        o_s, o_e = norm.to_original(start + s, start + e)
        out.append(Quantity(round(value, 6), unit, o_s, o_e))
    return out
