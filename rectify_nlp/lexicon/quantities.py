"""Units and measure words, numerals, and the numbers that are not quantities.

One list of units serves the metric cue (does a clause report a figure?) and the quantity
parser (which value, which unit?), so the two can never disagree about what a unit is.
"""

import re

from .time_words import FIGURE_YEAR_MONTH_REST, NOT_AN_AMOUNT

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Longest first: the regex alternation takes the first unit that matches ("万元" before "元").
UNITS = tuple(
    sorted(
        set(
            """
            个百分点 百分点 平方公里 平方米 平米 立方米 公里 千米 米 公顷 亩 千瓦 千克 公斤 斤 吨
            万人 人次 家次 条次 期次 课时 学时 小时 个月 年度 天 周 年 万元 亿元 元
            次 个 人 名 家 项 件 篇 份 场 户 条 处 期 轮 批 座 所 所学校 台 辆 套 起 张
            本 册 位 倍 笔 宗 间 栋 部 支 类 盏 根 棵 株 头 只 孔 口 段 级 卷 页 门 对 组
            届 节 堂 床 班 分 路 岁 块 村 个村 镇 社区 单位 企业
            """.split()
        ),
        key=lambda u: (-len(u), u),
    )
)
UNIT = "|".join(UNITS) + "|%|‰"
MULTIPLIER = {"万": 1e4, "亿": 1e8}
# Measure words that count with a Chinese numeral ("两次", "三家企业", "一台主机").
CN_COUNTERS = "次家名项件台篇份轮批场户所座辆人"

# Numbers that are dates, document numbers, ordinals, names and slogans, never quantities
# (the guide's "Not metrics", annotations/README.md decision 13). Masked before counting.
# Written to start with one character class, each alternative after a lookbehind for the
# characters it starts with, those that start alike in the order they are tried: a clause is
# masked by one sub in C (the four notices' clause features 11.52 -> 10.31 ms a round).
# tests/text/test_scan.py holds it to the plain alternation it stands for.
_CN_TEN = "一二三四五六七八九十"
_LENGTH = r"(?:天|周|个月|年)"
NOT_QUANTITY = re.compile(
    r"[\d〔\[第" + _CN_TEN + r"两为历利经进用“\"](?:"
    # the digits: a whole date in figures, day optional (2025/12/31; (?<![\d.]) looks back
    # past the digit taken), years, months, days, clock times
    r"(?<=\d)(?:(?<![\d.][12])" + FIGURE_YEAR_MONTH_REST
    + r"(?:[./\-](?:3[01]|[12]\d|0?[1-9]))?" + NOT_AN_AMOUNT
    + r"|\d{3}\s*年|\d?\s*月\s*\d{1,2}\s*日|\d?\s*月(?:份|底|中旬|上旬|下旬|初|末)?|\d?\s*日"
    r"|\d?:\d{2})"
    r"|(?<=〔)\d{4}〕\d+号|(?<=\[)\d{4}\]\d+号"
    r"|(?<=第)[" + _CN_TEN + r"\d]+(?:巡察组|巡视组|次(?:党工委|常委|会议|全会)|届|议题)"
    # 一是, 二要 at the start or after a mark
    r"|(?<=[" + _CN_TEN + r"])(?:(?<=^.)|(?<=[,;。:].))[" + _CN_TEN + r"]{0,2}[是要]"
    r"|(?<=二)十[大届]|(?<=十)[四五]五|(?<=三)会一课|(?<=两)个(?:维护|确立)|(?<=四)大班子"
    r"|(?<=一)(?:把手|岗双责|票否决)"
    r"|(?<=为)期\s*\S{1,4}" + _LENGTH + r"|(?<=历)时\s*\S{1,4}" + _LENGTH
    + r"|(?<=利)用\s*\S{1,4}" + _LENGTH + r"时间"
    r"|(?<=[三两一六])个月的集中整改"
    r"|(?:(?<=经)过|(?<=进)行了?|(?<=历)[经时]|(?<=用)了?)\s*[\d两" + _CN_TEN + r"]{1,3}\s*"
    + _LENGTH
    + r"|(?<=[“\"])[^”\"]{1,10}[”\"]"
    r"|(?<=一)(?:[件条个项]一[件条个项]|批|件事)"
    r"|(?<=[" + _CN_TEN + r"])[次中]全会"
    r")"
)

# A figure with a unit. Every repeat starts where a run of digits starts ((?<![\d.])), so a
# long run of digits is scanned once, not once per position (linear time).
ARABIC_QUANTITY = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:余|多)?(?:" + UNIT + r"|万|亿|余|多)"
    r"|(?<![\d.])\d+/\d+|排名第\s*\d+|第\s*\d+\s*(?:位|名)|(?:排名|位列|位居)(?:第|前)[一二三四五六七八九十\d]{1,6}"
    r"|[一二三四五六七八九十]{1,4}分之[一二三四五六七八九十]{1,4}|百分之[一二三四五六七八九十百点]{1,8}"
    r"|[一二三四五六七八九十]{1,4}个方面"
)
CN_QUANTITY = re.compile(
    r"(?<![第一二三四五六七八九十两百千])(?:[两二三四五六七八九十百千]+|一(?=["
    + CN_COUNTERS
    + r"]))"
    r"(?:余|多)?(?:[" + CN_COUNTERS + r"]|个(?!人|别|一|月|方面|维护))"
    # an amount of money in Chinese numerals: "二百一十万元", "三十五点六万元"
    r"|(?<![第一二三四五六七八九十两百千])[一二两三四五六七八九十百千]{1,12}"
    r"(?:点[零一二三四五六七八九]{1,6})?[万亿]?(?:余|多)?元(?!化|素|旦|宵|首)"
)
