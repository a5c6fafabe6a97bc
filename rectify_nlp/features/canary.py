"""The feature canary: a fixed passage of a shipped notice, featurised and hashed.

``config.feature_hash`` sees the word lists of ``lexicon/``; the cut-offs and word lists in
``features/`` and ``layout/`` (``core[:12]``, a run-in heading's length) change what a model
sees just as much.  The digest of the canary's features is written into the model card at
training and recomputed at load: a model whose features the installed code would no longer
give is refused (E024) instead of being read against features it never saw.
"""

from __future__ import annotations

import hashlib

from ..models.topics import measure_features, topic_features
from ..text.normalise import normalise
from .analysis import analyse

# dongcheng-2026-xuncha (title, intro, numbered problems with their fields) and
# dongcheng-2023-xuncha (an outline heading, its run-in items, a long clause): fields,
# numbers, dates, enumerators of three kinds, a problem under a heading, a bare line
CANARY_TEXT = (
    "中共许昌市东城区工委关于巡察整改情况的通报\n\n"
    "【信息时间:2026-02-13 阅读次数: 】【字号 】【我要打印】【关闭\n\n"
    "根据市委统一部署,2025年7月10日至9月12日,市委第一巡察组对东城区进"
    "行了巡察。10月21日,市委第一巡察组向东城区反馈了巡察意见。2025年10"
    "月21日至2026年1月21日,进行了三个月的集中整改。\n\n"
    "按照《中国共产党巡视工作条例》《河南省加强巡视整改和成果运用实施办法》《许昌"
    "市巡察整改和成果运用实施办法(试行)》有关规定,现将巡察整改情况予以公布。\n\n"
    "1.整改责任压得不实。\n\n"
    "完成情况:已完成\n\n"
    "整改情况:一是成立由党工委主要负责同志任组长的巡察整改工作领导小组,压紧压实"
    "党工委主体责任和书记“第一责任人”责任,明确小组和各工作组职责,建立纪检、组"
    "织部门联动监督机制,形成监督合力;二是印发东城区《关于市委巡察反馈意见的整改"
    "落实方案》,建立反馈问题“三清单一台账”,落实问题销号管理。集中整改期间,组"
    "织召开3次党工委会议、6次专题会议安排部署巡察整改工作,及时研究整改过程中的"
    "难点堵点,有效推动整改任务销号化解;三是加强学习,党工委针对近期上级下发的有"
    "关巡视、巡察工作的6份文件,及时进行了签批学习。同时在2025年12月30日"
    "召开党工委会议,传达学习中共许昌市委巡察工作领导小组印发的《关于对干扰市委巡"
    "察工作及不落实巡察整改要求的处置规定(试行)》,进一步严明纪律、压实责任,推"
    "动巡察整改工作落到实处、取得实效;四是2025年12月12日印发《关于加强巡"
    "视巡察整改监督的若干措施(试行)》,构建“反馈—移交—督办—评估”巡察整改全"
    "链条监督体系。集中整改期以来,区纪检监察部门安排专人“嵌入式”参与巡察整改措"
    "施制定推进会3次,巡察整改任务落实推进会2次。区纪检监察部门定期督办巡察移交"
    "线索办理情况,对街道纪工委巡察移交线索进行统一指导,截至目前,实地督导5个街"
    "道办事处2轮次,督办街道纪工委线索办理进度4次,听取街道纪工委线索办理情况2"
    "次。\n\n"
    "2.持续整改力度减弱。\n\n"
    "一、扛起主体责任，抓好整改工作的安排部署\n\n"
    "我区高度重视、态度鲜明，诚恳接受并全面认领市委第八巡察组巡察反馈的意见，并迅"
    "速行动，组建班子、明确责任，全面安排部署巡察整改工作。\n\n"
    "（一）强化领导责任。第一时间成立了整改工作领导小组，由区党工委、管委会主要负"
    "责同志任组长，分管负责同志任常务副组长，其他班子成员任副组长，各责任单位为成"
    "员的工作领导小组，确保了各项整改工作部署到位、责任到位、落实到位。2022年"
    "12月2日，区党工委召开专题民主生活会，认真\n\n"
    "生活会，认真讨论，研究部署整改工作，班子成员在会上主动认领问题，明确整改落实"
    "时间，压实领导责任，为整改工作提供强有力的组织保障。\n\n"
    "（二）细化整改方案。经多次完善，形成了《落实市委第八巡察组巡察反馈意见的整改"
    "方案》，制定责任清单，细化分解为3部分16个问题，并制定了相应整改措施45项"
    "，明确了责任领导、责任单位、责任人和完成时限。党工委领导班子成员主动担责，各"
    "责任部门负责人主动认领，层层压实责任，逐项细化整改落实举措，不回避立行立改、"
    "不敷衍改出成效，确保一件一件落实、一条一条兑现。\n\n"
    "25.走访非公企业发现2家未建党支部、1家未到换届期,与区党工委组织部提供的"
    "信息不符。\n\n"
    "完成情况:已完成\n\n"
    "完善监管长效机制，制定出台《祖师街道办事处突发事件总体应急预案》（祖办〔20"
    "22〕14号）、《祖师街道办事处防汛紧急避险安置预案》（祖办〔2022〕15"
    "号）等文件，切实堵塞漏洞，从源头上巩固巡察成果。"
)
# the problems whose topic features the canary covers, with their headings and measures (two
# measures of the text, full-width punctuation and a cue word in each; the second problem none)
CANARY_PROBLEMS = (
    (
        "整改责任压得不实。",
        ("一、扛起主体责任,抓好整改工作的安排部署",),
        (
            "一是成立由党工委主要负责同志任组长的巡察整改工作领导小组,压紧压实党工委主体责任"
            "和书记“第一责任人”责任",
            "完善监管长效机制，制定出台《祖师街道办事处突发事件总体应急预案》",
        ),
    ),
    ("持续整改力度减弱。", (), ()),
)


def canary_digest() -> str:
    """SHA-256 of every unit, clause and topic feature of the canary, row by row (within a
    row, features are a multiset: their order is not the model's business)."""
    a = analyse(CANARY_TEXT)
    rows = [*a.unit_feature_rows(), *a.clause_feature_rows()]
    rows += [
        topic_features(normalise(p).text, c) + measure_features([normalise(x).text for x in m])
        for p, c, m in CANARY_PROBLEMS
    ]
    h = hashlib.sha256()
    for row in rows:
        h.update("\x1f".join(sorted(row)).encode("utf-8", "surrogatepass") + b"\x1e")
    return h.hexdigest()
