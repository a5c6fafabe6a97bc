"""Headings and wrappers: closing sections, status headings, problem wrappers, contacts."""

import re

# The guide's closing section ("三、下一步工作安排", "持续巩固整改成果", "抓好下步工作").
CLOSING_HEADING = re.compile(
    r"下一?步|持续巩固整改成果|巩固(?:深化)?整改成果|长效机制建设情况|今后工作"
)
# Section headings that give problems under them a status (shifanqu's "一、已完成的整改任务").
STATUS_HEADING = re.compile(
    r"(已完成|基本完成|阶段性完成|正在推进|长期(?:坚持)?|持续推进|未完成)(?:的)?整改(?:任务|事项|问题)?"
)
# The contacts paragraph that closes most notices ("欢迎广大干部群众对巡察整改落实情况进行监督").
CONTACTS_PARAGRAPH = re.compile(r"^(?:欢迎广大|如有意见|联系(?:方式|电话)|来信请寄)")
# Problem wrappers the guide keeps outside the span ("(2)主体责任扛得不牢问题整改情况").
PROBLEM_WRAPPER_TAIL = re.compile(r"等?问题的?整改(?:落实)?(?:情况|进展)?$")
# What is left of a section heading like "二、巡视反馈问题整改落实情况" once the wrapper is off:
# not a problem, the heading of all of them.
GENERIC_PROBLEM = re.compile(
    r"(?:对|关于)?(?:省委|市委|县委|区委|中央)?(?:第[一二三四五六七八九十\d]+)?(?:巡视|巡察)?(?:组)?"
    r"(?:反馈|指出|发现|交办)?(?:的)?(?:意见)?"
)
# `关于“……”问题的整改`, `关于“……”的整改情况`, `对于“……`: the quoted text is the problem, up to
# the first closing quote the wrapper follows (a quote inside, `“三重一大”制度…`, stays in);
# what runs on after the wrapper (`…”的整改情况。已制定…`) is no part of it.
PROBLEM_QUOTED = re.compile(
    r"^(?:关于|对于)[“\"](.+?)[”\"](?:(?:等|的)?问题(?:的?整改|$)|的?整改(?:落实)?(?:情况|进展)|$)"
)
# The wrapper of a run-in heading with its rectification after it in the same span
# (`(24)处置非法集资案件缓慢问题整改情况。多次召开会议…`): the problem ends before it.
PROBLEM_WRAPPER_RUN_ON = re.compile(r"等?问题的?整改(?:落实)?(?:情况|进展)[。.:：]")
# Headings that wrap a whole part of the notice rather than name a topic: never a category.
WRAPPER_HEADING = re.compile(
    r"整改(?:落实|推进|进展)?情况$|集中整改|反馈问题|坚持问题导向|巡[视察]整改"
)
# What the current top-level section is about, from its heading: the organisation of the
# rectification ("一、组织整改落实情况", "一、提高政治站位") or the problems one by one
# ("二、巡察反馈问题整改落实情况", "一、已完成的整改任务", "一、…决策部署方面"). Organisation
# words are tried first.
ORGANISATION_SECTION = re.compile(
    r"组织.{0,4}(?:整改|落实|领导|实施|情况)|主体责任|政治站位|思想认识|总体情况|主要做法|基本情况"
    r"|领导小组|责任落实|工作部署|统一思想|高度重视"
)
PROBLEMS_SECTION = re.compile(r"方面$|问题|反馈|整改任务|整改(?:落实)?情况|整改进展|集中整改")
