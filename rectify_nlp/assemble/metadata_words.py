"""Wordings of a notice's metadata: titles, sign-offs, source lines, the inspection and feedback
sentences, page-header dates and the overall counts, as the corpora write them.  Patterns run
on normalised text (half-width, simplified, no spaces between CJK characters)."""

import re

from ..lexicon.time_words import CN_MONTH_DIGITS, CN_YEAR_DIGITS

CN = "一二三四五六七八九十百零〇两"
NUM = r"(?:\d{1,6}|[" + CN + r"]{1,8})"
# The end of an organisation's name: the party body or the unit itself.
ORG_END = (
    r"(?:委员会|党工委|工委|分党组|党组织|党组|党委|党总支|总支|支部|政法委|委|宣传部|统战部|"
    r"机关|办公室|政府|集团|公司|中学|学校|医院|中心|协会|联合会|妇联|科协|文联|法院|检察院|局)"
    r"(?:\((?!以下简称|含)[^()\n]{2,20}\))?"
)
NAME = r"[^\n,。:;!?>|《》“”\"]{2,40}?" + ORG_END
# "X关于…的通报" on a title line (the name may break to the next line before 关于).
TITLE = re.compile(
    r"(?:^|[>\]】:])(?P<name>" + NAME + r")\n?关于\n?[^\n]{0,80}?(?:通报|报告|公告|公开|情况)",
    re.M,
)
# 来源:中共天津市东丽区委办公室 (the party office that publishes for the committee)
SOURCE_LINE = re.compile(
    r"(?:文章)?来源:(?P<name>中共[^\n,。:;|]{2,30}?(?:委员会|区委|市委|县委|党委|党组|工委))"
    r"(?:办公室)?(?=更新|发布|访问|作者|时间|浏览|日期|\||\n|$|\d)"
)
SIGN_OFF = re.compile(r"^(?P<name>(?:中共|共青团)[^\n,。:;]{2,40}" + ORG_END + r")$", re.M)
# 对X进行了巡察 / 向X反馈了巡察意见: the inspected unit in the introduction.
TO_NAME = re.compile(r"向(?P<name>" + NAME + r")(?:\(以下简称[^)]*\))?(?:书面)?反馈")
ON_NAME = re.compile(
    r"对(?P<name>" + NAME + r")(?:\((?:以下简称|含)[^)]*\))?"
    r"(?:开展了?|进行了?|实施了?)[^。\n]{0,20}?(?:巡察|巡视)"
)
# 对郑州市进行了巡视: a place, whose party committee (郑州市委) is the issuer.
ON_PLACE = re.compile(r"对(?P<name>[\u4e00-\u9fff]{2,8}?[省市区县旗州])(?:开展了?|进行了?)")
NOT_A_NAME = re.compile(r"^(?:我|本|全|各|该)")
# 中共 + the short name found elsewhere: the longest form the text gives.
LONG_FORM = "(?:中共|共青团)[^\n,。:;!?《》“”\"()]{0,14}?"

# The inspecting team, as written: 市委第三巡察组, 七届市委第十二轮巡察一组, 区委4个巡察组,
# 教育部党组第三巡视组, 宁德市委巡察三组, 市委第一巡察组、第六巡察组.
_ORD = r"[一二三四五六七八九十\d]+"
BODY = re.compile(
    r"(?:" + _ORD + r"届)?(?:(?:(?![根据按照对由向经在和及受于的关会组])[\u4e00-\u9fff]){2,3}"
    r"(?=市委|州党委|州委))?"
    r"(?:中央|省委|市委|县委|区委|州党委|州委|旗委|盟委|市县|教育部党组|工委)"
    r"(?:第" + _ORD + r"轮)?(?:第?" + _ORD + r"个?)?(?:专项|联动|营商环境专项|机动)?"
    r"(?:巡视|巡察)(?:" + _ORD + r")?组(?:、第" + _ORD + r"(?:巡视|巡察)组)?"
)

# A date with optional year and day; a month's part (上旬) keeps the month precision.
DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:份)?"
    r"(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?(?P<part>上旬|中旬|下旬|初|底|末)?"
)
# Where a DATE can start (a digit, or the space before its month): it is tried only there
# (text.scan), not at every position of the head (0.79 -> 0.49 ms a round of the four notices)
DATE_START = re.compile(r"[\d\s]")
# Between the two ends of a period: 至, 到, dashes of every width, a garbled byte.
RANGE_SEP = re.compile(r"^\s*(?:至|到|—+|–|-|~|～|\?|�{1,3})\s*$")
INSPECTED = re.compile(r"(?:巡视|巡察)[^。\n]{0,40}?(?:进行了|开展了|开展|进行|进驻|实施了)"
                       r"|(?:进行了|开展了|开展)[^。\n]{0,12}?(?:巡视|巡察)")
FED_BACK = re.compile(r"反馈")
RECTIFIED = re.compile(r"集中整改|整改期")
# Page-header dates: 发布时间:2022-12-08, 成文日期:2024年1月18日, 信息时间:2022/08/04.
PUBLISHED = re.compile(
    r"(?:成文日期|发布时间|发布日期|信息时间|发文日期|更新时间|日期|时间)\s*[:]?\s*"
    r"(?P<y>(?:19|20)\d{2})(?:[-/.年])(?P<m>\d{1,2})(?:(?:[-/.月])(?P<d>\d{1,2})日?)?"
)
ISO_LINE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+\d{1,2}:\d{2})?", re.M
)
# The sign-off's date, in figures or in Chinese numerals (二〇二四年九月二十日).
DATE_LINE = re.compile(
    r"(?P<y>\d{4}|[" + CN_YEAR_DIGITS + r"]{4})年(?P<m>\d{1,2}|[" + CN_MONTH_DIGITS + r"]{1,2})月"
    r"(?P<d>\d{1,2}|[" + CN_MONTH_DIGITS + r"]{1,3})日$",
    re.M,
)
# A page's time stamp: 2025年02月17日17:21, 2025-08-07 11:00, (2024-07-26) after the title.
STAMP = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?:-|年)(?P<m>\d{1,2})(?:-|月)(?P<d>\d{1,2})日?"
    r"(?=\s*\d{1,2}:\d{2}|\)|来源)"
)

# Overall counts.  A count of problems: 反馈的3个方面18个问题, 3个大方面18个大项的问题,
# 反馈的40项整改任务; never measures (85项整改措施) or sub-problems (细化为62个具体问题).
_N = r"(?<![\d" + CN + r"])(" + NUM + r")"
_ASPECTS = r"(?:" + _N + r"(?:个)?(?:大)?方面(?:的)?)"
COUNT_PROBLEMS = re.compile(
    r"(?<!细化为)(?<!细化成)(?<!梳理出)(?<!分解为)(?<!细化)" + _ASPECTS + r"?"
    + _N + r"(?:个|项|条)(?:大项|具体)?(?:的)?(?:问题|整改任务|整改事项|反馈问题|意见)"
    r"(?!整改措施)"
)
# Its first character, a figure's (0.47 -> 0.17 ms a round, as DATE_START)
COUNT_PROBLEMS_START = re.compile("[\\d" + CN + "]")
# The count after the noun: `反馈问题12个`, `指出问题共15个`.
COUNT_PROBLEMS_AFTER = re.compile(
    r"(?:反馈|指出)(?:的)?(?:问题|意见)(?:共|共计)?(?:有)?" + _N + r"(?:个|项|条)"
)
FEEDBACK_CONTEXT = re.compile(r"反馈|巡察|巡视|指出")
SUB_PROBLEMS = re.compile(
    r"(?:细化|分解|梳理|形成|制定|梳理出|具体化|提出|确定|明确|列出|建立)[为成出了]{0,2}$"
)
COUNT_DONE = re.compile(
    r"(?:已(?:经)?(?:全部)?(?:完成(?:整改)?|整改完成|整改到位|办结|完成整改|销号)|已整改)"
    + _N + r"(?:项|个|条)"
    r"|" + _N + r"(?:项|个|条)(?:问题)?已(?:完成整改|整改完成|整改到位|办结|完成|销号)"
    # `12个问题已完成整改8个`: the count after the verb is the completed one (first branch)
    r"(?!(?:整改)?" + _N + r"(?:项|个|条))"
)
COUNT_PROGRESS = re.compile(
    r"(?:剩余|正在整改|正在推进|持续推进|需长期坚持|长期坚持|序时推进|阶段性完成|未完成|尚未完成)"
    r"(?:整改)?(?:的)?" + _N + r"(?:项|个|条)"
    r"|" + _N + r"(?:项|个|条)(?:问题)?(?:正在整改|正在推进|持续推进|需长期坚持|阶段性完成)"
)
ALL_DONE = re.compile(r"(?:已|均已)全部(?:整改完毕|完成整改|整改到位|整改完成|完成)")
# The stated rate in figures (87.5%) or in words (百分之八十七点五).
RATE = re.compile(
    r"(?:整改(?:完成)?率|完成(?:比例|率)|整改完成比例|销号率)(?:为|达到?|是)?"
    r"(?:(\d+(?:\.\d+)?)%|百分之([零〇一二两三四五六七八九十百点]{1,10}))"
)
PHONE = re.compile(r"(?:电话|联系方式)[:]?(?:电话)?((?:0\d{2,3}-)?\d{7,8})")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
ADDRESS = re.compile(r"(?:邮政信箱|通信地址|通讯地址|邮寄地址|来信地址|地址)[:]?([^;。\n]{4,80})")
