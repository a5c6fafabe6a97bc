"""Numbers and units in a metric clause: Arabic and Chinese numerals, 万/亿, %, ranges, 余/多."""

from __future__ import annotations

import re

import cn2an

from ..layout.cues import mask_non_quantities
from ..lexicon.quantities import CN_DIGITS, MULTIPLIER, UNIT
from ..schema import Quantity
from ..text.normalise import NormText

_CN = CN_DIGITS
# Every number starts where its run of digits or numerals starts, so a long run is read once
# (linear time); a run longer than a number can be is not a quantity.
QUANTITY = re.compile(
    r"(?P<approx_pre>约|近|超过?|达到?|逾)?"
    r"(?:(?P<frac_cn>(?<![" + _CN + r"])[" + _CN + r"]{1,12}分之[" + _CN + r"]{1,12})"
    r"|(?P<frac>(?<![\d.])\d{1,12}/\d{1,12})"
    r"|(?P<num>(?<![\d.])\d{1,15}(?:\.\d{1,8})?|(?<![" + _CN + r"])[" + _CN + r"]{1,15}"
    r"(?:点[" + _CN + r"]{1,8})?)"
    r"(?:\s*[-—~至到]\s*(?P<upper>\d{1,15}(?:\.\d{1,8})?|[" + _CN + r"]{1,15}))?"
    r"\s*(?P<mult>万|亿)?(?P<approx_post>余|多)?\s*(?P<unit>" + UNIT + r")?)"
)


def number(s: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    scale = 1.0
    if "点" in s and s[-1] in MULTIPLIER:
        # cn2an reads "三十五点六" but not "三十五点六万"
        s, scale = s[:-1], MULTIPLIER[s[-1]]
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
    for m in QUANTITY.finditer(masked):
        if m.group("frac_cn"):
            a, b = m.group("frac_cn").split("分之")
            den, num = number(a), number(b)
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
            value = number(raw)
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
