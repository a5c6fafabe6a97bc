"""Verbs of action, of result and of attitude: what makes a sentence a measure or not."""

import re

ACTION_VERB = re.compile(
    r"成立|召开|印发|制定|出台|建立|开展|组织|举办|修订|完善|下发|约谈|处分|问责|追缴|退还|清退|收回|"
    r"整治|排查|督导|督查|检查|培训|学习|调整|选派|配备|签订|推进|实施|落实|拨付|投入|化解|处置|追回|"
    r"立案|移交|通报|谈话|健全|规范|清理|核查|审计|整改|建设|改造|新建|招聘|设立|部署|研究"
)
# The guide's "concrete action": a meeting held, a body set up, a document issued, a check
# made, training given, money returned, people disciplined. Every branch starts with a literal
# (`开展…` and `组织…` apart, not `(?:开展|组织)…`), so the regex engine skips to the branches'
# first characters instead of trying the whole pattern at every position (4x faster a unit).
_CHECKED = r".{0,15}(?:检查|督导|督查|培训|排查|调研|整治|宣讲|演练)"
CONCRETE_ACTION = re.compile(
    r"召开|成立|制定|印发|出台|下发|修订|建立|举办|约谈|签订|选派|追缴|退还|清退|追回|处分|问责|立案|"
    rf"开展{_CHECKED}|组织{_CHECKED}|下达|列入|罚款|调整|撤换|拨付"
)
# Sentences that only report a result ("营商环境持续优化", "排名取得显著提升"), no action.
RESULT_CUE = re.compile(
    r"取得|成效|提升至|提高到|下降|上升|增长|排名|均达|实现|得到|持续优化|明显改善|有效遏制|"
    r"位居|位列|全部办结|全部完成|已全部"
)
# Only where things stand ("截至7月底，已完工49个"; "目前，…已全部整改到位").
AS_OF_START = re.compile(r"^(?:截至|截止|目前|至今|现已|当前|整改以来|集中整改期(?:间|内)?)")
# Bare statements of attitude or responsibility (the guide: not measures unless enumerated).
ATTITUDE_ONLY = re.compile(
    r"^(?:把|将)?.{0,12}(?:作为|当作).{0,10}(?:政治任务|头等大事)"
    r"|^(?:认真|切实|坚决)(?:履行|扛起|扛牢)"
)
# Sign-offs and formulas that are never measures ("特此通报").
SIGN_OFF = re.compile(r"^(?:特此通报|现予公布|予以公布)")
# Wording of a shortcoming, the way problems are phrased ("整改责任压得不实", "学习不主动").
PROBLEM_WORDS = re.compile(
    r"不[够实严力足深细全强高准及到真精规彻主充牢好优明快当新稳畅]|缺[乏少位失]|滞后|薄弱|差距|偏差|"
    r"欠缺|有待|短板|漏洞|盲区|弱项|"
    r"弱化|虚化|淡化|缺位|失职|失责|缺失|落空|走样|打折扣|流于形式|形式主义|官僚主义|"
    r"问题突出|存在|仍然|个别|较多|较大|较低|较弱|未能|未按|没有"
)
