"""Notices as spaCy ``Doc`` objects: spans in ``doc.spans["rectify"]`` with a ``scores`` array
(the span categoriser's convention), the records in ``doc._.notice``, displaCy pages, and gold
annotations as a ``DocBin`` for ``spacy train``.

This module knows notices by their attributes only, so that ``Notice.to_doc`` can call it.
"""

from __future__ import annotations

from typing import Any, Iterable

from .. import errors as E
from ..colours import LABEL_COLOURS
from ..errors import MissingExtraError

SPANS_KEY = "rectify"
GOLD_KEY = "sc"  # the key spaCy's spancat trains on by default


def require_spacy(what: str):
    try:
        import spacy
    except ImportError:
        raise MissingExtraError(E.E035.format(what=what)) from None
    return spacy


def ensure_extensions(notice_cls) -> None:
    """``doc._.rectify`` holds the notice's JSON (it travels with the doc between processes
    and through ``DocBin``); ``doc._.notice`` rebuilds the ``Notice`` from it."""
    from spacy.tokens import Doc

    if not Doc.has_extension("rectify"):
        Doc.set_extension("rectify", default=None)
    if not Doc.has_extension("notice"):
        Doc.set_extension(
            "notice",
            getter=lambda doc: None
            if doc._.rectify is None
            else notice_cls.from_dict(doc._.rectify, text=doc.text),
        )


def _char_spans(doc, spans: Iterable[Any]) -> tuple[list, list, int]:
    """spaCy spans for (start, end, label) character offsets: exact where the tokenizer cuts
    there (always, with the default character segmentation of Chinese), else widened to whole
    tokens (``alignment_mode="expand"``).  Returns the spans, the given spans they came from
    (one that cannot be placed at all is left out of both) and how many were widened."""
    out, kept, widened = [], [], 0
    for s in spans:
        span = doc.char_span(s.start, s.end, label=str(s.label))
        if span is None:
            span = doc.char_span(s.start, s.end, label=str(s.label), alignment_mode="expand")
            if span is not None:
                widened += 1
        if span is not None:
            out.append(span)
            kept.append(s)
    return out, kept, widened


def annotate_doc(doc, notice) -> Any:
    """Put a notice's spans, scores and records on a doc of the same text."""
    import numpy as np
    from spacy.tokens import SpanGroup

    ensure_extensions(type(notice))
    spans, kept, widened = _char_spans(doc, notice.spans)
    scores = np.asarray([float(s.confidence) for s in kept], dtype="float32")
    doc.spans[SPANS_KEY] = SpanGroup(
        doc, name=SPANS_KEY, spans=spans, attrs={"scores": scores, "widened": widened}
    )
    data = notice.to_dict()
    data.pop("text", None)  # the doc holds the text
    doc._.rectify = data
    return doc


def to_doc(notice, nlp=None):
    spacy = require_spacy("Notice.to_doc")
    nlp = nlp or spacy.blank("zh")
    return annotate_doc(nlp.make_doc(notice.text), notice)


_LINE_BREAK = "\ue000"  # a private-use character stands for a line break while displaCy renders
_PIECE = 20  # at most this many characters in one display token inside a span
_PAUSE = "，。；：、,;:"


def _pieces(text: str, a: int, b: int, in_span: bool) -> list[int]:
    """Where display tokens start in ``text[a:b]``: text outside spans flows as one token;
    inside a span, displaCy draws each token as an unbreakable box, so a span is cut after
    its commas and stops, and every ``_PIECE`` characters."""
    if not in_span:
        return [a]
    starts, last = [a], a
    for k in range(a, b - 1):
        if text[k] in _PAUSE or k + 1 - last >= _PIECE:
            starts.append(k + 1)
            last = k + 1
    return starts


def display_doc(notice, vocab=None):
    """A doc for reading, not for offsets: displaCy's span view writes a space after every
    token, so character tokens would read "中 共 许 昌".  Tokens here are the runs of text
    between span edges and line breaks, spans cut further at their commas and stops."""
    from spacy.tokens import Doc, SpanGroup
    from spacy.vocab import Vocab

    text = notice.text
    cuts = {0, len(text)}
    covered = [False] * (len(text) + 1)
    for s in notice.spans:
        cuts.update((s.start, s.end))
        for k in range(s.start, s.end):
            covered[k] = True
    for k, ch in enumerate(text):
        if ch == "\n":
            cuts.update((k, k + 1))
    edges = sorted(cuts)
    words, starts = [], []
    for a, b in zip(edges, edges[1:]):
        inner = _pieces(text, a, b, covered[a]) + [b]
        for c, d in zip(inner, inner[1:]):
            piece = text[c:d]
            if piece.strip() or "\n" in piece:
                words.append(_LINE_BREAK if "\n" in piece else piece.strip())
                starts.append(c)
    doc = Doc(vocab or Vocab(), words=words, spaces=[False] * len(words))
    token_at = {c: k for k, c in enumerate(starts)}
    spans = []
    for s in notice.spans:
        first = token_at.get(s.start)
        last = next((token_at[c] for c in range(s.end - 1, s.start - 1, -1) if c in token_at), None)
        if first is not None and last is not None:
            spans.append(doc[first : last + 1])
            spans[-1].label_ = str(s.label)
    doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)
    return doc


def render(notice, nlp=None, page: bool = False, jupyter: bool | None = None) -> str:
    """displaCy's span view of the notice, one colour per label, line breaks kept."""
    require_spacy("Notice.render")
    from spacy import displacy

    doc = display_doc(notice, nlp.vocab if nlp is not None else None)
    options = {"spans_key": SPANS_KEY, "colors": LABEL_COLOURS}
    markup = displacy.render(doc, style="span", options=options, page=page, jupyter=False)
    markup = markup.replace(_LINE_BREAK + " ", "<br>").replace(_LINE_BREAK, "<br>")
    if jupyter:
        from IPython.display import HTML, display

        display(HTML(markup))
        return ""
    return markup


def gold_docbin(notices: Iterable[Any], nlp=None, key: str = GOLD_KEY):
    """Gold annotations as a ``DocBin`` with the spans under ``doc.spans[key]``."""
    spacy = require_spacy("rectify-nlp convert --to spacy")
    from spacy.tokens import DocBin, SpanGroup

    nlp = nlp or spacy.blank("zh")
    db = DocBin(store_user_data=False)
    for n in notices:
        doc = nlp.make_doc(n.text)
        spans, _, _ = _char_spans(doc, n.spans)
        doc.spans[key] = SpanGroup(doc, name=key, spans=spans)
        db.add(doc)
    return db
