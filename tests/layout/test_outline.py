"""The outline's heading stack: unit depths (featurisation) and category paths (records) read
the same outline."""
import pytest

from rectify_nlp.assemble.records import headings, heading_paths
from rectify_nlp.layout.outline import OutlineStack
from rectify_nlp.lexicon.enumerators import enumerator_class
from rectify_nlp.schema import Label, Span
from rectify_nlp.text.normalise import normalise
from rectify_nlp.text.segment import units

# (the notice's heading enumerators in order, the depth each opens at): a class ranks by its
# first use, whichever class a notice starts with
OUTLINES = [
    ("一、 (一) 1. 2. (二) 1. 二、", [1, 2, 3, 3, 2, 3, 1]),
    ("(一) 1. (1) (2) 2. (二)", [1, 2, 3, 3, 2, 1]),
    ("1. (1) 2. (1) (2)", [1, 2, 1, 2, 2]),
    ("第一部分 一、 (一) 第二部分 一、", [1, 2, 3, 1, 2]),
]


@pytest.mark.parametrize("enumerators, depths", OUTLINES, ids=[o[0] for o in OUTLINES])
def test_a_heading_closes_its_rank_and_deeper(enumerators, depths):
    outline: OutlineStack[str] = OutlineStack()
    got = [outline.push(enumerator_class(e), e) for e in enumerators.split()]
    assert got == depths
    assert outline.depth == depths[-1] and len(outline.path) == depths[-1]


def test_the_heading_path_above_a_problem_on_a_real_outline(texts):
    text = texts["dongcheng-2023-xuncha"]
    norm = normalise(text)
    us = units(norm)
    problem = "学习不主动"
    s = text.index(problem)
    spans = [Span(s, s + len(problem), Label.problem, problem)]
    assert [h[2][:6] for h in headings(norm, us, spans)][:4] == [
        "扛起主体责任", "强化领导责任", "细化整改方案", "着力推动整改"]
    (path,) = heading_paths(norm, us, spans)
    assert path == ("坚持问题导向,从严从快抓好整改工作", "责任意识不够强,落实上级决策部署有差距方面",
                    "关于学习贯彻习近平总书记关于防灾减灾救灾工作的重要指示批示精神不及时")
