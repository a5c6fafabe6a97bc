"""Analysis outputs: tidy tables, the HTML view (rendered in Chromium), the notebook, Dask."""
import shutil
import subprocess

import pytest

import rectify_nlp

from .conftest import ROOT


def test_frames_are_tidy(notices):
    f = rectify_nlp.to_frames(list(notices.values()))
    assert set(f) == {"notices", "records", "measures", "metrics", "deadlines"}
    for name, df in f.items():  # every row can be traced to its notice and file
        assert {"notice", "source"} <= set(df.columns), name
    rec = f["records"]
    assert len(rec) == sum(len(n.records) for n in notices.values())
    assert rec.groupby("notice").size()["muye-2025-xunshi"] == 51
    one = rec[rec.problem == "整改责任压得不实"].iloc[0]
    assert (one.status, one.measures, one.problem_start) == ("completed", 4, 271)
    met = f["metrics"]
    row = met[met.text == "组织召开3次党工委会议、6次专题会议安排部署巡察整改工作"]
    assert list(row.value) == [3.0, 6.0] and list(row.unit) == ["次", "次"]  # one row per quantity
    text = notices["dongcheng-2026-xuncha"].text
    for _, m in met[met.notice == "dongcheng-2026-xuncha"].iterrows():
        assert text[m.start:m.end] == m.text
    dl = f["deadlines"]
    assert str(dl.date.dtype).startswith("datetime64")
    assert f["measures"]["record"].isna().sum() == sum(len(n.general_measures) for n in notices.values())


def test_cli_tables_csv(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from rectify_nlp.cli import app
    r = CliRunner().invoke(app, ["tables", str(ROOT / "annotations" / "notices" / "shifanqu-2025-xuncha.txt"),
                                 "-o", str(tmp_path / "t")])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(tmp_path / "t" / "records.csv")
    assert len(df) == 22 and set(df.status) == {"completed", "long_term"}


def test_html_view_marks_every_span(notices):
    page = rectify_nlp.to_html(notices["dongcheng-2026-xuncha"])
    n = notices["dongcheng-2026-xuncha"]
    assert page.count('class="tag"') == len(n.spans)
    assert "整改责任压得不实" in page and "<table id=\"records\">" in page
    assert page.count("<tr") == len(n.records) + 1
    assert 'id="checks"' in page and "Nothing to look at" in page


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_html_view_renders_in_headless_chromium(tmp_path, notices):
    import numpy as np
    from PIL import Image
    page = tmp_path / "view.html"
    page.write_text(rectify_nlp.to_html(notices["shifanqu-2025-xuncha"]), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    img = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert img.shape[0] >= 1000 and img.shape[1] >= 1200
    # not blank: many distinct colours, and the highlight colours of the labels are on screen
    assert len(np.unique(img.reshape(-1, 3), axis=0)) > 50
    measure_blue = np.array([0xa6, 0xd8, 0xf4])
    assert (np.abs(img - measure_blue).sum(axis=2) < 12).sum() > 1000


def test_notebook_runs_from_the_repository_root(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(ROOT / "notebooks" / "analysis.ipynb", as_version=4)
    # as `jupyter nbconvert --execute notebooks/analysis.ipynb` runs it from the root
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # problems per category, status, deadline timeline


def _readme_block(after: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python", readme.index(after)) + len("```python")
    return readme[start:readme.index("```", start)]


def test_dask_recipe_runs_as_a_script_from_the_repository_root(tmp_path):
    pytest.importorskip("dask")
    pytest.importorskip("distributed")
    import sys
    script = tmp_path / "recipe.py"
    # the README's recipe, pasted as it is, with a line to show what it computed
    script.write_text(_readme_block("### Beyond one machine: Dask"), encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip().splitlines()[-1] == "4 [16, 28, 51, 22]"
