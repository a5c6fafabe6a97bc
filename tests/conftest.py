"""Shared fixtures: the shipped notices and gold annotations, read from the repository."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "annotations" / "notices"
IDS = ["dongcheng-2023-xuncha", "dongcheng-2026-xuncha", "muye-2025-xunshi", "shifanqu-2025-xuncha"]


@pytest.fixture(scope="session")
def texts():
    return {nid: (NOTICES / f"{nid}.txt").read_text(encoding="utf-8") for nid in IDS}


@pytest.fixture(scope="session")
def gold():
    from rectify_nlp import load_corpus
    return {n.id: n for n in load_corpus([ROOT / "annotations"])}


@pytest.fixture(scope="session")
def notices(texts):
    """Every shipped notice through the shipped model."""
    import rectify_nlp
    return {nid: rectify_nlp.extract(t, id=nid) for nid, t in texts.items()}


@pytest.fixture(scope="session")
def small_model(gold):
    """A model trained on two notices: small enough for tests, real enough to predict."""
    from rectify_nlp import train
    return train([gold["dongcheng-2026-xuncha"], gold["shifanqu-2025-xuncha"]])
