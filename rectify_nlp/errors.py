"""Every message a user can see, in one place (spaCy's habit): what was wrong, where, what to do."""

from __future__ import annotations


class RectifyError(Exception):
    """Base class of the library's errors."""


class AnnotationError(RectifyError, ValueError):
    """An annotation file or record breaks the guide's format."""


class ModelError(RectifyError):
    """A model directory is missing, corrupt, tampered with or of another format version."""


class InputError(RectifyError, ValueError):
    """An input file or value cannot be read as a notice."""


class MissingExtraError(RectifyError, ImportError):
    """An optional integration was used without the extra it needs installed."""


class ArgumentError(InputError, TypeError):
    """An argument of the API has a value or type it does not take (E038)."""


class ConfigError(RectifyError, ValueError):
    """A model setting breaks its declared constraint (E043) or does not exist (E045)."""


class OutputError(RectifyError, OSError):
    """An output cannot be written, or is not the library's to replace (E025-E029)."""


class InputWarning(UserWarning):
    """An input was read, but not exactly as its bytes say (W001), or gave no text (W002)."""


E001 = "E001: {where}: not valid JSON ({detail}). Each line must be one JSON object."
E002 = "E002: {where}: missing or wrong-typed field {field!r}; expected {expected}."
E003 = "E003: {where}: span {span} is out of range for a text of {n} characters."
E004 = "E004: {where}: span {span} has end <= start."
E005 = "E005: {where}: span {span} has unknown label {label!r}; known labels: {known}."
E006 = (
    "E006: {where}: structure spans {span} and {other} overlap; "
    "problem/measure/status never overlap."
)
E007 = "E007: {where}: span {span} starts or ends with whitespace or punctuation ({text!r})."
E008 = "E008: {where}: span {span} says its text is {given!r} but text[start:end] is {actual!r}."
E009 = "E009: {where}: spans are not sorted by start (span {span} comes after start {prev})."
E010 = "E010: {path}: cannot read the file as UTF-8 text ({detail}). Save it as UTF-8."
E011 = "E011: {path}: the file holds no annotated notice."
E012 = "E012: duplicate notice id {id!r} at {where} and at {first}; ids must be unique."
E013 = "E013: {path}: unknown annotation format {fmt!r}; use one of {known}."
E014 = (
    "E014: {where}: this looks like {looks} ({why}), not {fmt}; "
    "pass --input-format {looks} (fmt={looks!r})."
)
E015 = "E015: {where}: span {span} is given twice."
E016 = (
    "E016: {path}: nothing here is finished gold ({n} tasks hold only predictions or have no "
    "reviewer's answer: pre-annotations); read them as such with predictions=True "
    "(--predictions)."
)
E017 = (
    "E017: {where}: meta.reviewed is false: a pre-annotation, not gold. Review it and set "
    '"reviewed": true, or read it as a prediction with --predictions (predictions=True).'
)
E020 = "E020: {path}: no model here (missing {missing}). Train one with `rectify-nlp train`."
E021 = (
    "E021: {path}: model format version {found} is not supported by this library "
    "(needs {needed}). Retrain the model."
)
E022 = "E022: {path}: the model file is corrupt or was changed after training ({detail})."
E024 = (
    "E024: {path}: the model was trained with other feature code (feature hash {found}…, this "
    "library has {needed}…). Retrain it with `rectify-nlp train`."
)
E023 = "E023: {path} exists; pass --force (force=True) to replace it."
E025 = (
    "E025: {path} is an input of this run ({input}); it is never replaced, even with --force. "
    "Choose another output."
)
E026 = (
    "E026: {path} {what}; --force replaces only what rectify-nlp wrote (a model directory "
    "of its model.json and weights.npz alone, or a file it reads back, whole, as its own "
    "output; never gold annotations). Choose another output."
)
E027 = "E027: cannot write {path}: {detail}."
E028 = (
    "E028: {path} was written by another run while this one worked; nothing was replaced. "
    "Run again (with --force to replace it)."
)
E029 = "E029: standard output is {detail}; write to a file with -o FILE."
E030 = "E030: extract() takes a str, bytes or a path to a .txt/.html/.pdf/.docx file, not {type}."
E031 = "E031: {path}: no such file."
E032 = "E032: {path}: cannot read this file ({detail})."
E033 = "E033: {path}: unsupported file type {suffix!r}; supported: {known}."
E034 = (
    "E034: {where}: not a notice as extract writes it ({detail}). Read files that "
    "`rectify-nlp extract -f json|jsonl` or Notice.to_json() wrote."
)
E035 = "E035: {what} needs spaCy: pip install 'rectify-nlp[spacy]' (or pip install spacy)."
E036 = (
    "E036: {what} needs plotly: pip install 'rectify-nlp[report]' (or pip install plotly)."
)
E037 = "E037: {path}: neither saved results (records) nor guide annotations (text and spans)."
E038 = "E038: {name}={value!r} is not accepted: {expected}."
E039 = (
    "E039: the CRF tagger (tagger: crf) needs python-crfsuite to fit: "
    "pip install 'rectify-nlp[crf]' (or pip install python-crfsuite)."
)
E040 = "E040: gold notice {id!r} has no prediction; predictions must cover every gold notice."
E041 = "E041: nothing to train on: {detail}."
# train, cv and validate refuse a corpus without spans alike
E041_NO_SPAN = E041.format(detail="the annotations hold no span (is the format right?)")
E043 = "E043: {where}setting {name!r} is {value!r}; it must be {expected}."
E044 = (
    "E044: the prediction for notice {id!r} is of another text than the gold (first difference "
    "at offset {offset}: {pred!r} vs {gold!r}); score predictions of the gold text itself."
)
E045 = "E045: {where}unknown settings {unknown}; known settings: {known}."
E046 = "E046: {where}: meta.notice: {detail} (the guide's \"Notice metadata\")."
E047 = (
    "E047: {where}: meta.topics {key!r}: {detail}; topics are keyed by a problem span's "
    '"start-end" (the guide\'s "Problem topics").'
)

# Warnings: the input was read, and the user is told what was not as written.
W001 = (
    "W001: {path}: read as {encoding} with {detail} as U+FFFD (\ufffd), which Notice.text holds "
    "and offsets count; save the file as UTF-8 to read it whole."
)
W002 = (
    "W002: {path}: no text on its {pages}, read as an empty notice: a scanned PDF has only "
    "images of its pages; OCR it first (e.g. ocrmypdf) to read it."
)
