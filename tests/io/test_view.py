"""io/view.py: the HTML view marks every span and renders in a browser."""
import shutil
import subprocess

import pytest

import rectify_nlp


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
