"""A page to check an extraction by eye: the notice with its labelled spans highlighted and
their confidences (in the spirit of displaCy's span view), beside the records table."""

from __future__ import annotations

import html
import json

from ..colours import LABEL_COLOURS as COLOURS
from ..schema import Notice
from .rows import record_rows

CSS = (
    """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif;
     margin:0;color:#222}
header{padding:12px 20px;background:#333;color:#fff}
header h1{font-size:18px;margin:0}
main{display:flex;gap:16px;padding:16px}
#text{flex:3;white-space:pre-wrap;line-height:2.1;font-size:15px}
#side{flex:2;font-size:13px}
table{border-collapse:collapse;width:100%;margin-bottom:16px}
td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
.problem,.measure,.status{border-radius:3px;padding:1px 0}
"""
    + "".join(f".{lab}{{background:{COLOURS[lab]}}}" for lab in ("problem", "measure", "status"))
    + f".metric{{border-bottom:3px solid {COLOURS['metric']}}}"
    + f".deadline{{border-bottom:3px double {COLOURS['deadline']}}}"
    + """
.tag{font-size:10px;font-weight:bold;color:#fff;background:#555;border-radius:3px;
     padding:0 3px;margin-right:2px;vertical-align:super}
.low{opacity:.6}
.legend span{margin-right:10px;padding:1px 4px}
#checks li{margin-bottom:4px}
#checks code{background:#fde2c4;padding:0 3px;border-radius:3px}
.checked{outline:2px dashed #e8590c}
"""
)


def _tag(label: str, confidence: float) -> str:
    colour = COLOURS[label]
    return (
        f'<span class="tag" style="background:{colour}" title="{label} {confidence:.2f}">'
        f"{label} {confidence:.2f}</span>"
    )


def _text_html(n: Notice) -> str:
    """The text cut at every span edge; each piece wrapped in the spans that cover it."""
    text = n.text
    edges = {0, len(text)}
    for s in n.spans:
        edges.update((s.start, s.end))
    starts: dict[int, list] = {}
    for s in n.spans:
        starts.setdefault(s.start, []).append(s)
    points = sorted(edges)
    out = []
    for a, b in zip(points, points[1:]):
        for s in starts.get(a, []):
            out.append(_tag(s.label, s.confidence))
        covering = [s for s in n.spans if s.start <= a and b <= s.end]
        piece = html.escape(text[a:b])
        for s in sorted(covering, key=lambda x: x.label in ("metric", "deadline")):
            low = " low" if s.confidence < 0.5 else ""
            piece = (
                f'<span class="{s.label}{low}" title="{s.label} {s.confidence:.2f}">{piece}</span>'
            )
        out.append(piece)
    return "".join(out)


def _records_html(n: Notice) -> str:
    rows = [
        "<tr><th>#</th><th>problem</th><th>category</th><th>status</th><th>measures</th>"
        "<th>metrics</th><th>deadlines</th><th>conf.</th></tr>"
    ]
    for k, r in enumerate(record_rows(n), 1):
        rows.append(
            f'<tr id="record-{k}"><td>{k}</td>'
            f"<td>{html.escape(r.problem)}</td>"
            f"<td>{html.escape(r.category_path)}</td>"
            f"<td>{html.escape(r.status_text)}</td><td>{r.measures}</td>"
            f"<td>{html.escape(r.metrics)}</td>"
            f"<td>{html.escape(r.deadlines)}</td><td>{r.confidence:.2f}</td></tr>"
        )
    return '<table id="records">' + "".join(rows) + "</table>"


def checks_html(n: Notice, in_view: bool = True) -> str:
    """The self-check's findings as a list: each its code, name and message, and where it
    points (a record's row, linked in the notice's view, or the characters it covers)."""
    ident = ' id="checks"' if in_view else ' class="checks"'
    if not n.checks:
        return f"<p{ident}>Nothing to look at: every check passed.</p>"
    items = []
    for c in n.checks:
        where = ""
        if c.record is not None and in_view:
            where = f' (<a href="#record-{c.record + 1}">record {c.record + 1}</a>)'
        elif c.record is not None:
            where = f" (record {c.record + 1})"
        elif c.start is not None and c.end is not None:
            where = f" (characters {c.start}–{c.end})"
        items.append(
            f"<li><code>{html.escape(c.code)}</code> <b>{html.escape(c.name)}</b>: "
            f"{html.escape(c.message)}{where}</li>"
        )
    return f"<ul{ident}>" + "".join(items) + "</ul>"


def to_html(n: Notice) -> str:
    title = html.escape(n.metadata.value("issuer") or n.id or "notice")
    values = n.metadata.values()
    meta = html.escape(
        json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False, indent=1)
    )
    legend = "".join(f'<span class="{lab}">{lab}</span>' for lab in COLOURS)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{title}</h1><div class="legend">{legend}</div></header>'
        f'<main><div id="text">{_text_html(n)}</div>'
        f'<div id="side"><h2>Needs a look ({len(n.checks)})</h2>{checks_html(n)}'
        f"<h2>Records ({len(n.records)})</h2>{_records_html(n)}"
        f"<h2>Metadata</h2><pre>{meta}</pre></div></main></body></html>"
    )
