"""The notice's self-check (Notice.checks), statuses from stated counts, the confidence floor,
and what frames, the view and the CLI make of them."""
import json

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app
from rectify_nlp.schema import Notice

from .conftest import NOTICES


def test_the_shipped_notices_pass_every_check(notices):
    for nid, n in notices.items():
        assert n.checks == () and not n.needs_review, (nid, n.checks)


def test_counts_only_notice_gives_statuses_from_counts(notices):
    muye = notices["muye-2025-xunshi"]  # 51 problems, 40 completed, 11 in progress; no per-problem status
    for r in muye.records:
        assert (r.status.source, r.status.value, r.status.share) == ("counts", "unknown", 0.7843)
    d = json.loads(muye.to_json())["records"][0]["status"]
    assert d["source"] == "counts" and d["share"] == 0.7843 and d["value"] == "unknown"
    back = Notice.from_json(muye.to_json())
    assert back.records[0].status == muye.records[0].status
    # a notice with statuses of its own keeps them
    assert {r.status.source for r in notices["dongcheng-2023-xuncha"].records} == {"span"}


def test_counts_stated_as_tasks_remaining_and_a_ratio_are_read():
    n = rectify_nlp.extract("中共某县委关于巡察整改进展情况的通报\n市委第一巡察组反馈的40项整改任务，"
                            "已整改到位35项，剩余5项正在推进，完成比例87.5%。\n" * 1)
    assert n.metadata.to_dict()["counts"] == {"problems_reported": 40, "completed": 35, "in_progress": 5,
                                    "completion_rate": 0.875}


def _cut_one_problem(text: str, notice) -> str:
    """The notice with its sixth problem's item (its line to the seventh's) deleted."""
    a = text.rfind("\n", 0, notice.records[5].problem.start) + 1
    b = text.rfind("\n", 0, notice.records[6].problem.start) + 1
    return text[:a] + text[b:]


def test_a_deleted_problem_gets_a_count_check_in_json_and_in_the_cli_summary(tmp_path, notices, texts):
    nid = "dongcheng-2023-xuncha"  # states 16 problems, 16 completed
    cut = _cut_one_problem(texts[nid], notices[nid])
    f = tmp_path / f"{nid}.txt"
    f.write_text(cut, encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "-f", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert len(d["records"]) == 15
    c001 = next(c for c in d["checks"] if c["code"] == "C001")
    assert c001["name"] == "count_problems" and "states 16 problems; 15 were extracted" in c001["message"]
    assert "16" in cut[c001["start"]:c001["end"]]  # it points at the stated count
    assert "1 of 1 notices need a look (C001 count_problems 1" in r.stderr
    # the untouched notice reads clean
    r = CliRunner().invoke(app, ["extract", str(NOTICES / f"{nid}.txt"), "-f", "json"])
    assert "0 of 1 notices need a look" in r.stderr and json.loads(r.stdout)["checks"] == []


def test_endings_findings_and_fields():
    cut = rectify_nlp.extract("中共某县委关于巡察整改情况的通报\n一、组织整改情况\n县委召开常委会议研究部署整改工作，"
                              "成立领导小组。\n二、问题整改情况\n(一)关于“学习贯彻不深入”问题\n问题1：理论学习流于形式，"
                              "学习不深入不系统。\n问题2：意识形态工作责任落实不到位，阵地管理")
    codes = {c.code for c in cut.checks}
    assert "C020" in codes  # it stops mid-sentence
    heading = rectify_nlp.extract("中共某县委关于巡察整改情况的通报\n县委召开常委会议研究部署整改工作。\n"
                                  "二、问题整改的具体进展")
    assert [c.code for c in heading.checks] == ["C021"]
    for c in cut.checks + heading.checks:
        assert c.start is None or 0 <= c.start < c.end <= len(cut.text if c in cut.checks else heading.text)


def test_min_confidence_drops_low_spans_and_their_records(notices, texts):
    text = texts["muye-2025-xunshi"]
    full = notices["muye-2025-xunshi"]
    floor = 0.999
    n = rectify_nlp.extract(text, id="muye", min_confidence=floor)
    assert all(s.confidence >= floor for s in n._all_spans())
    assert len(n.spans) < len(full.spans)
    kept = {(r.problem.start, r.problem.end) for r in n.records}
    assert kept == {(r.problem.start, r.problem.end) for r in full.records if r.problem.confidence >= floor}
    # what the floor left out is counted, by label, as every other left-out span is
    left = {str(lab): len([s for s in full.spans if s.label == lab]) - len([s for s in n.spans if s.label == lab])
            for lab in {s.label for s in full.spans}}
    assert n.dropped["below_min_confidence"] == {k: v for k, v in sorted(left.items()) if v}
    assert rectify_nlp.extract(text, min_confidence=0.0).spans == full.spans
    r = CliRunner().invoke(app, ["extract", str(NOTICES / "muye-2025-xunshi.txt"), "-f", "json",
                                 "--min-confidence", "0.999"])
    assert r.exit_code == 0 and all(s["confidence"] >= 0.999 for s in json.loads(r.stdout)["spans"])


def test_checks_round_trip_and_bad_pointers_are_refused(notices, texts):
    nid = "dongcheng-2023-xuncha"
    n = rectify_nlp.extract(_cut_one_problem(texts[nid], notices[nid]), id=nid)
    assert n.checks and Notice.from_json(n.to_json()).checks == n.checks
    d = n.to_dict()
    d["checks"][0]["start"] = len(n.text) + 5
    with pytest.raises(rectify_nlp.InputError, match="E034"):
        Notice.from_dict(d)


def test_frames_carry_review_topics_and_the_measure_of_each_metric(notices, texts):
    nid = "dongcheng-2023-xuncha"
    cut = rectify_nlp.extract(_cut_one_problem(texts[nid], notices[nid]), id="cut")
    f = rectify_nlp.to_frames(list(notices.values()) + [cut])
    nt = f["notices"].set_index("notice")
    assert nt.loc["cut", "needs_review"] and "count_problems" in nt.loc["cut", "review_reasons"]
    assert not nt.loc[nid, "needs_review"] and nt.loc[nid, "review_reasons"] == ""
    assert nt.loc["muye-2025-xunshi", "completion_share_reported"] == pytest.approx(40 / 51)
    assert nt.loc[nid, "completion_share_extracted"] == 1.0
    rec = f["records"]
    assert {"topic", "area", "topic_confidence", "status_share"} <= set(rec.columns)
    met = f["metrics"]
    inside = met[met.measure.notna()]
    assert len(inside) > 0.8 * len(met)  # the rest sit in problems' descriptions
    for _, m in inside.iterrows():  # the measure text holds the metric's clause
        assert m.text in m.measure_text
    money = met[met.unit == "元"].measure_text.dropna().unique()  # which measures mention money
    assert len(money) > 0


def test_the_view_lists_the_checks(notices, texts):
    nid = "dongcheng-2023-xuncha"
    cut = rectify_nlp.extract(_cut_one_problem(texts[nid], notices[nid]), id="cut")
    page = rectify_nlp.to_html(cut)
    assert '<ul id="checks">' in page and "C001" in page and "count_problems" in page
