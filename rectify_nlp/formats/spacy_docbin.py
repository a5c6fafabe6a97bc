"""spaCy's ``DocBin``: the gold spans under ``doc.spans["sc"]``, for ``spacy train``.  Written
only: a DocBin keeps no notice ids or metadata to read back."""

from __future__ import annotations

from pathlib import Path

from ..schema import AnnotatedNotice


class DocBin:
    name = "spacy"
    suffix = ".spacy"
    kind = "docbin"
    binary = True
    readable = predictions = False
    writable = True

    def looks_like(self, obj: dict) -> str | None:
        return None

    def read(self, path: Path, errors, predictions: bool):
        raise NotImplementedError  # readable is False: the registry refuses before this

    def write(self, notices: list[AnnotatedNotice], predictions: bool, model_version: str) -> bytes:
        from ..integrations.spacy_doc import gold_docbin

        return gold_docbin(notices).to_bytes()


FORMAT = DocBin()
