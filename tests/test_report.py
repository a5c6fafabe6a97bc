"""The batch report: rectify_nlp.report and `rectify-nlp report`, opened offline in Chromium."""
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app

from .conftest import ROOT
from .io.test_view import _chromium

CHARTS = ("chart-topics", "chart-completion", "chart-deadlines", "chart-measures")


def test_report_is_one_self_contained_page(notices):
    pytest.importorskip("plotly")
    page = rectify_nlp.report(list(notices.values()))
    for cid in CHARTS:
        assert f'id="{cid}"' in page
    # plotly.js is written into the page, and no tag loads anything from elsewhere (the
    # library's own source names URLs it would use for maps; the chromium test below opens
    # the page with the network cut off)
    assert page.count("plotly.js v") >= 1
    tags = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]*(?:src|href)=["']https?://""", tags)
    assert "<script src=" not in tags and 'src="https://cdn.plot.ly' not in page
    n_records = sum(len(n.records) for n in notices.values())
    table = page.split('<table id="records">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == n_records + 1
    for nid in notices:  # every record links to its notice's embedded view
        assert f'<details id="view-{nid}">' in page and f'href="#view-{nid}"' in table
    assert "0 of 4 notices need a look" in page


def test_cli_report_reads_notices_results_and_annotations(tmp_path):
    pytest.importorskip("plotly")
    saved = tmp_path / "saved.jsonl"
    r = CliRunner().invoke(app, ["extract", str(ROOT / "annotations/notices/shifanqu-2025-xuncha.txt"),
                                 "-f", "jsonl", "-o", str(saved)])
    assert r.exit_code == 0, r.output
    out = tmp_path / "report.html"
    args = ["report", str(saved), str(ROOT / "annotations/dongcheng-2023-xuncha.jsonl"),
            str(ROOT / "annotations/notices/muye-2025-xunshi.txt"), "-o", str(out)]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    for nid in ("shifanqu-2025-xuncha", "dongcheng-2023-xuncha", "muye-2025-xunshi"):
        assert f'<details id="view-{nid}">' in page
    assert "3 notices from 3 of 3 files" in r.stderr and "0 of 3 notices need a look" in r.stderr
    # -o follows the one rule: no overwrite without --force, never an input
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2 and "E023" in r.output
    r = CliRunner().invoke(app, ["report", str(saved), "-o", str(saved), "--force"])
    assert r.exit_code == 2 and "is an input of this run" in r.output
    assert CliRunner().invoke(app, args + ["--force"]).exit_code == 0


def test_without_plotly_the_report_names_the_extra(tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "plotly" or m.startswith("plotly.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "plotly", None)
    r = CliRunner().invoke(app, ["report", str(ROOT / "annotations/notices/muye-2025-xunshi.txt"),
                                 "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 2 and "E036" in r.output and "rectify-nlp[report]" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert not (tmp_path / "r.html").exists()
    with pytest.raises(ImportError, match="E036"):
        rectify_nlp.report([])


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_report_draws_every_chart_offline_in_chromium(tmp_path):
    """As a person would: the README's command, then the page opened in Chromium with the
    network cut off (every request goes to a proxy that is not there)."""
    pytest.importorskip("plotly")
    import numpy as np
    from PIL import Image

    page = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["report", str(ROOT / "annotations/notices"), str(ROOT / "annotations/real"),
                                 "-o", str(page)])
    assert r.exit_code == 0, r.output
    offline = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000"]
    dom = subprocess.run(offline + ["--dump-dom", page.as_uri()], check=True, capture_output=True,
                         text=True, timeout=180).stdout
    for cid in CHARTS:  # plotly drew each chart: its div holds the SVG plotly makes
        chunk = dom.split(f'id="{cid}"', 1)[1][:200_000].split('id="chart-', 1)[0]
        assert 'class="main-svg"' in chunk, cid
        assert re.search(r'class="(?:point|bars|trace|boxlayer|scatterlayer)', chunk), cid
    shot = tmp_path / "shot.png"
    subprocess.run(offline + ["--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    img = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert img.shape[0] >= 2000
    # the charts fill the top of the page: plotly's grey plot area and coloured marks
    top = img[100:1400]
    plot_grey = np.array([0xe5, 0xec, 0xf6])
    assert (np.abs(top - plot_grey).sum(axis=2) < 8).mean() > 0.2
    assert len(np.unique(top.reshape(-1, 3), axis=0)) > 200


def test_every_notice_has_its_own_target_in_the_report(tmp_path):
    """Ids `a/index` and `a_index` both became `view-a_index`, and a notice given twice shared
    its target: a link could open another notice's view."""
    pytest.importorskip("plotly")
    notices_dir = ROOT / "annotations" / "notices"
    for sub, name in (("a", "dongcheng-2026-xuncha"), ("b", "muye-2025-xunshi")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_bytes((notices_dir / f"{name}.txt").read_bytes())
    (tmp_path / "a_index.txt").write_bytes((notices_dir / "shifanqu-2025-xuncha.txt").read_bytes())
    out = tmp_path / "report.html"
    files = [str(tmp_path / p) for p in ("a/index.txt", "a_index.txt", "b/index.txt")]
    r = CliRunner().invoke(app, ["report", *files, "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = (notices_dir / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    _each_link_opens_its_own_notice(out.read_text(encoding="utf-8"), {"a/index", "a_index", "b/index"})
    twice = rectify_nlp.extract(text)
    page = rectify_nlp.report([twice, rectify_nlp.extract(text[: len(text) // 2])] + [twice])
    _each_link_opens_its_own_notice(page, {twice.id, rectify_nlp.extract(text[: len(text) // 2]).id})


def _each_link_opens_its_own_notice(page, ids):
    import html
    views = re.findall(r'<details id="([^"]+)"><summary>([^<]*?) · ', page)
    assert {html.unescape(nid) for _, nid in views} == ids
    targets = [anchor for anchor, _ in views]
    assert len(set(targets)) == len(targets)  # one target a notice
    owner = dict(views)
    table = page.split('<table id="notices">', 1)[1].split("</table>", 1)[0]
    links = re.findall(r'<tr><td><a href="#([^"]+)">([^<]*)</a>', table)
    assert [nid for _, nid in links] == [nid for _, nid in views]  # each row, in page order
    for anchor, nid in links:  # each row's link opens the view of that row's notice
        assert owner[anchor] == nid
    assert len({a for a, _ in links}) == len(links)
