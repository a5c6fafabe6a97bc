"""The ``rectify_nlp`` spaCy pipeline component, registered through the ``spacy_factories``
entry point: ``nlp = spacy.blank("zh"); nlp.add_pipe("rectify_nlp")``."""

from __future__ import annotations

from spacy.language import Language

from ..api import extract_text
from ..schema import Notice
from ..serialize import default_model, load
from .spacy_doc import annotate_doc, ensure_extensions

ensure_extensions(Notice)


class RectifyComponent:
    """Extracts each doc's text and puts the spans, scores and records on the doc."""

    def __init__(self, model: str | None = None):
        self.model_path = model
        self.model = load(model) if model else default_model()

    def __call__(self, doc):
        # the doc's text is the notice, even a one-line text that happens to name a file
        return annotate_doc(doc, extract_text(doc.text, model=self.model))

    def __reduce__(self):
        # worker processes load the model from its directory rather than receive its arrays
        return (RectifyComponent, (self.model_path,))


@Language.factory("rectify_nlp", default_config={"model": None})
def make_component(nlp: Language, name: str, model: str | None) -> RectifyComponent:
    return RectifyComponent(model)
