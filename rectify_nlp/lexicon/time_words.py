"""Time expressions and the words around them that make a time a deadline."""

import re

CN_MONTH_DIGITS = "一二三四五六七八九十"
# A year in Chinese numerals is written digit by digit (二〇二五).
CN_YEAR_DIGITS = "〇零一二三四五六七八九"
# A year and month in figures (2025.12, 2025-09, 2025/6), from the year's second digit on (the
# class-first patterns have taken its first) ...
FIGURE_YEAR_MONTH_REST = r"(?:(?<=1)9|(?<=2)0)\d{2}[./\-](?:1[0-2]|0?[1-9])"
# ... that is not an amount (2019.5万元, 2019.5%).
NOT_AN_AMOUNT = r"(?![\d%]|\s*[万亿元人个户项家次名件条亩吨米])"
# A time expression: a year, a month, a day, a quarter, a half-year, a season, 年底, 节前, 汛期前.
# Written to start with one character class, each alternative going on after a lookbehind that
# tells which characters it starts with: re scans for the class in C, where a pattern that
# starts with an alternation is tried at every position (a round of the four notices'
# candidate clauses 4.97 -> 4.35 ms, their features 12.55 -> 11.86 ms).  Alternatives that can
# start at one character keep their order; tests/text/test_segment.py holds it to the plain
# alternation it stands for, on random strings.
TIME_START = r"\d年月上下春秋节汛〇零" + CN_MONTH_DIGITS
TIME_REST = (  # after the first character
    r"(?<=\d)(?:\d{3}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d?\s*月(?:\s*\d{1,2}\s*日)?"
    r"|" + FIGURE_YEAR_MONTH_REST + NOT_AN_AMOUNT + r")"
    r"|(?<=年)[底内前]|(?<=月)底|(?<=[一二三四])季度"
    r"|(?<=[" + CN_MONTH_DIGITS + r"])[" + CN_MONTH_DIGITS + r"]{0,2}月"
    r"|(?<=[" + CN_YEAR_DIGITS + r"])[" + CN_YEAR_DIGITS + r"]{3}年"
    r"|(?<=[上下])半年|(?<=[春秋])季|(?<=节)前|(?<=汛)期前"
)
TIME_EXPR = re.compile(r"[" + TIME_START + r"](?:" + TIME_REST + r")")

# "…前" right after the time makes it a limit: "2026年6月底前", "2月中旬前".
BY_TIME = re.compile(r"\s*(?:上旬|中旬|下旬|初|底|末)?\s*(?:前|之前|以前)")
# Words that say the time is intended, not past ("计划2026年3月进场施工").
PLAN_CUE = re.compile(r"计划|预计|力争|将于|拟于|争取|确保|预期|有望")
# "按计划" (as planned) and "拟定" (to draft) are not intentions.
PLAN_WORDS = re.compile(r"(?<!按)计划|预计|力争|争取|将于|拟(?!定)")
# An order given, not work done: "已要求各单位于2024年底前完成".
DIRECTIVE = re.compile(r"已(?:经)?(?:要求|明确|部署|安排|责成|督促|提出|印发|下发|通知|指导)")
# A completion verb after the time: "已于2025年秋季学期建成投用", "于11月11日完成了招标工作".
COMPLETION_VERB = re.compile(
    r"完成|建成|投用|投入使用|完毕|完工|竣工|交付|办结|销号|清零|到位|开学|退还|退回|清退|"
    r"结案|验收|通车|启用|上线|整改完毕|整改完成"
)
# Words that say the work is finished (a met deadline) rather than intended: "已…完成",
# a perfective "完成了", "建成投用" not preceded by an intention.
MET = re.compile(
    r"已于|已经|已在|已(?:全部|基本)?(?:完成|建成|整改|办结|竣工|投用|退还|退回|清退|到位|销号|完工|开学)|"
    r"已[^，。；,;]{0,20}?(?:完成|建成|办结|竣工|完工)|(?:完成|建成|办结|竣工|完工|投用)了|"
    r"完毕|(?<!将)(?<!计划)(?<!预计)建成投用|正式开学"
)
# A time that comes round again ("于每年6月初和11月底…续报"): a recurrence, not one date.
RECURRING = re.compile(r"每(?:年|季度?|半年|月|周|星期)|定期|逢")
# A clause whose time dates a result ("截至…", "…以来"), not a deadline (annotations/README.md,
# decision 14); where a unit opens on "as of" is lexicon.actions.AS_OF_START.
AS_OF = re.compile(r"截至|截止|以来|期间")
# Last month and day a season or part of the year allows.
SEASON_END = {
    "春季": (5, 31),
    "夏季": (8, 31),
    "秋季": (11, 30),
    "冬季": (12, 31),
    "年底": (12, 31),
    "年末": (12, 31),
    "年内": (12, 31),
    "上半年": (6, 30),
    "下半年": (12, 31),
}
QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12}
