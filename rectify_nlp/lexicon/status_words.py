"""Words of a problem's stated status, and the value each normalises to."""

import re

COMPLETED = re.compile(r"已完成|已整改|整改到位|已办结|销号|视同完成|完成整改|整改完毕|已落实")
IN_PROGRESS = re.compile(
    r"阶段|持续推进|正在|推进中|未完成|部分完成|基本完成|持续整改中|整改中|仍在"
)
LONG_TERM = re.compile(r"长期")
