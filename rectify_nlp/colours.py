"""One colour per label, shared by the HTML view, displaCy and Label Studio's config."""

LABEL_COLOURS = {
    "problem": "#f4a6a6",
    "measure": "#a6d8f4",
    "status": "#b9f4a6",
    "metric": "#d17b00",
    "deadline": "#7b3fc4",
}
