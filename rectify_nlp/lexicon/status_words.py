"""The wordings of a problem's stated status and the value each stands for (README, "Status
wordings"): one table, read in order, first match wins.

A stage reached (`阶段性完成`, `基本完成`) is in progress; a task done whose habit continues
(`已完成，长期坚持`, `视同完成，持续整改`) is completed; continuing alone (`长期坚持`,
`持续整改`) is long-term work.  The last two rows are the broad words a wording the rows
above miss still falls back on.
"""

import re

STATUS_WORDINGS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), v)
    for p, v in (
        # denials first: 未完成 holds 完成
        (r"未完成|尚未完成|未整改|部分完成", "in_progress"),
        (r"阶段性?完成|基本完成|初步完成|阶段性|基本(?:整改)?到位|基本解决", "in_progress"),
        (
            r"正在整改|整改中|推进中|正在推进|序时推进|时序推进|序时进度|按期推进|按计划推进|落实中"
            r"|仍在",
            "in_progress",
        ),
        (r"视同完成", "completed"),
        (
            r"已完成|已整改|整改到位|已办结|销号|完成整改|整改完毕|已落实|已解决|立行立改|^完成$"
            r"|整改完成|已(?:按期|按时|全面|全部)完成|^按[期时]完成",
            "completed",
        ),
        (r"持续推进", "in_progress"),
        (
            r"长期坚持|长期整改|持续整改|常态化|长期推进|持续深化|持续落实|持续抓|常态长效",
            "long_term",
        ),
        (r"阶段|正在|推进", "in_progress"),
        (r"长期", "long_term"),
    )
)
