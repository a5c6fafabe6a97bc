"""Recipes from the README run as written: the notebook and the Dask script, from the repository root."""
import shutil
import subprocess

import pytest

import rectify_nlp

from .conftest import ROOT


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
