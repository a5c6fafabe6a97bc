"""Nothing lost in silence: enumerators of any length, several notices in one file, the last
status, and every span a step leaves out counted on the notice (issue 21, class 2)."""
import json
import re

from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app

from .conftest import NOTICES

runner = CliRunner()


def _dongcheng():
    return (NOTICES / "dongcheng-2026-xuncha.txt").read_text(encoding="utf-8")


def _numbered(n):
    """dongcheng-2026's first problem item (`1.整改责任压得不实。` + status + measures), n times."""
    t = _dongcheng()
    m = re.search(r"\n1\.整改责任压得不实。.*?(?=\n\n2\.)", t, re.S)
    items = "".join(m.group(0).replace("\n1.", f"\n{k}.", 1) for k in range(1, n + 1))
    return t[: m.start()] + items + "\n\n特此通报。"


def test_more_than_99_numbered_problems_give_every_record():
    notice = rectify_nlp.extract(_numbered(130))
    assert len(notice.records) == 130
    last = notice.records[-1].problem
    assert notice.text[last.start - 5 : last.start].endswith("130.")


def test_several_notices_in_one_file_are_reported_not_lost_in_silence(tmp_path):
    a = _dongcheng()
    b = (NOTICES / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    both = tmp_path / "both.txt"
    both.write_text(a + "\n\n" + b, encoding="utf-8")
    notice = rectify_nlp.extract(both)
    alone = rectify_nlp.extract(a)
    missing = len(notice.spans) < len(alone.spans) + 20
    assert missing  # the second notice is cut with the closing section...
    # ...and says so: counted on the notice, in its JSON, and on the command's stderr
    assert notice.dropped["cut_closing_section"]["problem"] >= 10
    assert json.loads(notice.to_json())["dropped"]["cut_closing_section"]["problem"] >= 10
    assert rectify_nlp.Notice.from_json(notice.to_json()).dropped == notice.dropped
    r = runner.invoke(app, ["extract", str(both), "-f", "json"])
    assert r.exit_code == 0 and "closing section" in r.stderr and "both.txt" in r.stderr
    # a single notice drops nothing and says nothing
    assert alone.dropped == {}
    r = runner.invoke(app, ["extract", str(NOTICES / "dongcheng-2026-xuncha.txt"), "-f", "json"])
    assert "closing section" not in r.stderr


def test_a_status_at_the_very_end_of_a_text_is_kept():
    t = _dongcheng()
    end = t.index("完成情况:已完成") + len("完成情况:已完成")
    notice = rectify_nlp.extract(t[:end])
    assert notice.records[-1].status.value == "completed"
    assert notice.records[-1].status.span is not None
    assert notice.records[-1].status.span.end == end
    assert "drop_cut_off_fragments" not in notice.dropped


def test_what_a_step_drops_is_counted_by_step_and_label():
    # a sign-off is never a measure: if the model proposes one, the step's count shows it
    t = _dongcheng()
    notice = rectify_nlp.extract(t + "\n\n特此通报。")
    for step, by_label in notice.dropped.items():
        assert all(isinstance(n, int) and n > 0 for n in by_label.values()), step
    assert "dropped" in notice.to_dict()
