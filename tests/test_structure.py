"""The codebase's shape, as issue "One pipeline, layered" promises it: no import cycles, one
public surface that the README documents exactly, short lines."""
import ast
import re
from pathlib import Path

import rectify_nlp

from .conftest import ROOT

PACKAGE = ROOT / "rectify_nlp"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every package module that ``name`` imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in known:
                    out.add(sub)  # `from . import errors` imports the module errors
                elif target in known:
                    out.add(target)
    out.discard(name)
    return out


def test_no_import_cycles_anywhere_in_the_package():
    mods = _modules()
    graph = {name: _imports(name, path, set(mods)) for name, path in mods.items()}
    # nothing imports the package root: it is the public surface only
    importers_of_root = sorted(n for n, deps in graph.items() if "rectify_nlp" in deps)
    assert importers_of_root == []
    state: dict[str, int] = {}
    cycles = []

    def visit(n, stack):
        state[n] = 1
        for d in sorted(graph[n]):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d, stack + [d])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    # the check above must be able to fail: two modules importing each other are a cycle
    (tmp_path / "rectify_nlp").mkdir()
    a, b = tmp_path / "rectify_nlp" / "a.py", tmp_path / "rectify_nlp" / "b.py"
    a.write_text("from . import b\n")
    b.write_text("def f():\n    from .a import x\n")
    known = {"rectify_nlp.a", "rectify_nlp.b"}
    assert _imports("rectify_nlp.a", a, known) == {"rectify_nlp.b"}
    assert _imports("rectify_nlp.b", b, known) == {"rectify_nlp.a"}


def test_subpackage_inits_only_document():
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert all(isinstance(n, ast.Expr) for n in tree.body), init


def test_readme_api_table_lists_exactly_the_public_surface():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = {name for cell in first_cells for name in re.findall(r"`([A-Za-z_]+)", cell)}
    assert documented == set(rectify_nlp.__all__) - {"__version__"}
    for name in rectify_nlp.__all__:
        assert hasattr(rectify_nlp, name), name


def test_no_line_over_100_characters_in_the_package():
    long = [f"{p.relative_to(ROOT)}:{k}" for p in PACKAGE.rglob("*.py")
            for k, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 100]
    assert long == []


def test_where_things_happen_is_one_module_each():
    # the README's tree names these; a reader finds each in one look
    assert (PACKAGE / "decide" / "model.py").exists()        # where a label is decided
    assert (PACKAGE / "decide" / "postprocess.py").exists()  # its guide steps
    assert (PACKAGE / "assemble" / "records.py").exists()    # where records are assembled
    assert (PACKAGE / "serialize.py").exists()               # where a model is saved and loaded


def test_the_linter_passes():
    """pyproject.toml's ruff settings (line length 100, imports sorted, pyflakes) hold."""
    import shutil
    import subprocess
    import sys

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    r = subprocess.run([ruff, "check", "rectify_nlp"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_pyproject_and_package_agree_on_the_version():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "([^"]+)"', pyproject, flags=re.M).group(1) == rectify_nlp.__version__
