"""Every status wording of the corpora maps to a value (README, "Status wordings")."""

import pytest

from rectify_nlp.assemble.status import normalise_status

CASES = [
    ("已完成", "completed"),
    ("已完成，长期坚持", "completed"),
    ("已完成，同意销号", "completed"),
    ("同意销号", "completed"),
    ("视同完成", "completed"),
    ("视同完成，持续整改", "completed"),
    ("已整改到位", "completed"),
    ("完成整改", "completed"),
    ("整改完毕", "completed"),
    ("立行立改", "completed"),
    ("阶段性完成", "in_progress"),
    ("阶段完成,持续推进", "in_progress"),
    ("阶段性完成，持续推进", "in_progress"),
    ("阶段性完成，长期坚持", "in_progress"),
    ("基本完成", "in_progress"),
    ("基本完成，持续推进", "in_progress"),
    ("未完成", "in_progress"),
    ("整改中", "in_progress"),
    ("正在整改", "in_progress"),
    ("持续推进", "in_progress"),
    ("長期堅持", "long_term"),
    ("长期坚持", "long_term"),
    ("长期整改", "long_term"),
    ("持续整改", "long_term"),
    ("階段性完成", "in_progress"),
    ("一、已完成的整改任务", "completed"),
    ("二、正在推进的整改任务", "in_progress"),
    ("三、需长期坚持的整改任务", "long_term"),
    # wordings outside the corpora, as other notices write them (annotations/README.md)
    ("整改完成", "completed"),
    ("已按期完成", "completed"),
    ("已全面完成", "completed"),
    ("已全部完成", "completed"),
    ("按时完成", "completed"),
    ("已完成阶段性目标", "in_progress"),
    ("完成阶段性任务，长期坚持", "in_progress"),
    ("按期推进", "in_progress"),
    ("落实中", "in_progress"),
    ("有序推进中", "in_progress"),
    ("已取得阶段性成效", "in_progress"),
    ("尚未完成", "in_progress"),
    ("持续深化", "long_term"),
    ("常态化推进", "long_term"),
    ("基本整改到位", "in_progress"),
    ("按计划推进", "in_progress"),
    ("达到序时进度", "in_progress"),
    ("達到序時進度", "in_progress"),
    ("持续落实", "long_term"),
    ("已完成整改，持续落实", "completed"),
    ("常态长效", "long_term"),
]


@pytest.mark.parametrize("wording,value", CASES, ids=[c[0] for c in CASES])
def test_status_wordings(wording, value):
    assert normalise_status(wording) == value
