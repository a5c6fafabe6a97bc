"""A page to compare a batch of notices: problems per area and topic, completion as stated
beside as extracted, deadlines on a timeline, measures per problem, the notices that need a
look and why, and every record linked to its notice's own view (embedded, collapsed).

Charts are plotly's, with plotly.js written into the page once: the page is one file and
fetches nothing when opened.  plotly comes with the ``report`` extra.
"""

from __future__ import annotations

import html
from typing import Iterable

from .. import errors as E
from ..errors import MissingExtraError
from ..schema import Notice, StatusValue
from .frames import completion
from .rows import record_rows
from .summary import tally_checks
from .view import checks_html, to_html

AREAS = ("decisions", "governance", "organisation", "rectification")
NO_TOPIC = "no topic"
FONT = '"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif'
STATUS_COLOURS = {"planned": "#1f77b4", "met": "#2ca02c", "recurring": "#9467bd"}

CSS = f"""
body{{font-family:{FONT};margin:0;color:#222}}
header{{padding:12px 20px;background:#333;color:#fff}}
header h1{{font-size:20px;margin:0 0 4px}}
section{{padding:8px 20px}}
h2{{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px}}
table{{border-collapse:collapse;font-size:13px;margin-bottom:12px}}
td,th{{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}}
td.n{{text-align:right}}
.flag{{color:#c92a2a;font-weight:bold}}
.chart{{margin-bottom:18px}}
details{{margin:4px 0}}
details iframe{{width:100%;height:900px;border:1px solid #ccc}}
.checks li{{margin-bottom:3px}}
"""

# open a notice's collapsed view when a link points at it
SCRIPT = """
function openTarget(){var id=decodeURIComponent(location.hash.slice(1));
 var el=id&&document.getElementById(id); if(el&&el.tagName==='DETAILS'){el.open=true;
 el.scrollIntoView();}}
window.addEventListener('hashchange',openTarget);window.addEventListener('load',openTarget);
"""


def require_plotly():
    """plotly's modules, or ``MissingExtraError`` (E036) naming the extra."""
    try:
        import plotly.graph_objects as go
        import plotly.io as pio
    except ImportError:
        raise MissingExtraError(E.E036.format(what="the report")) from None
    return go, pio


def _esc(x) -> str:
    return html.escape("" if x is None else str(x))


def _anchors(notices: list[Notice]) -> list[str]:
    """Each notice's id in the page, its links' target: ``view-`` and its id, characters
    other than letters, digits, ``-`` and ``_`` as ``_``, then ``-2``, ``-3``… when an earlier
    notice holds that already.  Ids ``a/index`` and ``a_index``, or one id twice, would
    otherwise share a target, and a link would open the other notice's view."""
    used: set[str] = set()
    last: dict[str, int] = {}  # base -> the last suffix tried, so many repeats stay linear
    out = []
    for n in notices:
        base = "view-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in n.id)
        anchor, k = base, last.get(base, 1)
        while anchor in used:
            k += 1
            anchor = f"{base}-{k}"
        last[base] = k
        used.add(anchor)
        out.append(anchor)
    return out


def _topic_key(r) -> tuple[int, str]:
    area = r.area if r.area in AREAS else None
    return (AREAS.index(area) if area else len(AREAS), f"{area or '—'} · {r.topic or NO_TOPIC}")


def _figures(notices: list[Notice], go) -> list[tuple[str, str, object]]:
    """(id, title, figure) for each chart, in page order."""
    with_records = [n for n in notices if n.records]
    names = [n.id for n in with_records]
    height = max(320, 22 * len(names) + 140)
    layout = dict(font=dict(family=FONT, size=12), margin=dict(l=10, r=10, t=40, b=40))
    figs = []

    bars = go.Figure()
    keys = sorted({_topic_key(r) for n in with_records for r in n.records})
    for key in keys:
        counts = [sum(_topic_key(r) == key for r in n.records) for n in with_records]
        bars.add_bar(y=names, x=counts, name=key[1], orientation="h",
                     legendgroup=key[1].split(" · ")[0], showlegend=True)
    bars.update_layout(barmode="stack", height=height, xaxis_title="problems",
                       yaxis=dict(autorange="reversed", automargin=True), **layout)
    figs.append(("chart-topics", "Problems per area and topic, per notice", bars))

    shares = [(n.id, completion(n)) for n in notices]
    shares = [(i, c) for i, c in shares if c["completion_share_reported"] is not None
              or c["completion_share_extracted"] is not None]
    share_fig = go.Figure()
    for key, label in (("completion_share_reported", "stated by the notice"),
                       ("completion_share_extracted", "extracted records")):
        share_fig.add_bar(y=[i for i, _ in shares], x=[c[key] for _, c in shares],
                          name=label, orientation="h")
    share_fig.update_layout(barmode="group", height=max(320, 40 * len(shares) + 140),
                            xaxis=dict(title="completed share", tickformat=".0%",
                                       range=[0, 1.05]),
                            yaxis=dict(autorange="reversed", automargin=True), **layout)
    figs.append(("chart-completion", "Completion share per notice: stated beside extracted",
                 share_fig))

    timeline = go.Figure()
    for kind, colour in STATUS_COLOURS.items():
        pts = [(d.date, n.id, f"{n.id} #{k + 1}: {d.span.text}")
               for n in notices for k, r in enumerate(n.records) for d in r.deadlines
               if d.date and str(d.kind) == kind]
        if pts:
            timeline.add_scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="markers",
                                 name=kind, text=[p[2] for p in pts], hoverinfo="x+text",
                                 marker=dict(size=10, color=colour, opacity=0.8))
    timeline.update_layout(height=max(320, 30 * len(names) + 140), xaxis_title="deadline",
                           yaxis=dict(automargin=True, type="category"), **layout)
    figs.append(("chart-deadlines", "Deadlines on a timeline (planned, met)", timeline))

    measures = go.Figure()
    for n in with_records:
        measures.add_box(x=[len(r.measures) for r in n.records], name=n.id, boxpoints="all",
                         jitter=0.4, orientation="h", showlegend=False)
    measures.update_layout(height=height, xaxis_title="measures per problem",
                           yaxis=dict(autorange="reversed", automargin=True), **layout)
    figs.append(("chart-measures", "Measures per problem, per notice", measures))

    for _, title, fig in figs:
        if not fig.data:
            fig.add_annotation(text="nothing to draw in this batch", showarrow=False,
                               x=0.5, y=0.5, xref="paper", yref="paper")
        fig.update_layout(title=dict(text=title, x=0))
    return figs


def _notices_table(notices: list[Notice], anchors: list[str]) -> str:
    rows = ["<tr><th>notice</th><th>issuer</th><th>records</th><th>problems stated</th>"
            "<th>completed stated</th><th>completed extracted</th><th>share stated</th>"
            "<th>share extracted</th><th>needs a look</th></tr>"]
    for n, anchor in zip(notices, anchors):
        c = n.metadata.counts.values()
        share = completion(n)
        pct = {k: "" if v is None else f"{v:.0%}" for k, v in share.items()}
        k = len(n.checks)
        look = (f'<a class="flag" href="#review-{anchor}">{k} finding{"s" * (k > 1)}</a>'
                if n.checks else "")
        rows.append(
            f'<tr><td><a href="#{anchor}">{_esc(n.id)}</a></td>'
            f"<td>{_esc(n.metadata.value('issuer'))}</td><td class=n>{len(n.records)}</td>"
            f"<td class=n>{_esc(c.get('problems_reported'))}</td>"
            f"<td class=n>{_esc(c.get('completed'))}</td>"
            f"<td class=n>{_esc(share['completed_extracted'])}</td>"
            f"<td class=n>{pct['completion_share_reported']}</td>"
            f"<td class=n>{pct['completion_share_extracted']}</td><td>{look}</td></tr>"
        )
    return '<table id="notices">' + "".join(rows) + "</table>"


def _review(notices: list[Notice], anchors: list[str]) -> str:
    flagged = [(n, anchor) for n, anchor in zip(notices, anchors) if n.checks]
    if not flagged:
        return "<p>Every notice passed every check.</p>"
    tally: dict[str, int] = {}
    for n, _ in flagged:
        tally_checks(tally, n)
    out = ["<p>" + ", ".join(f"{_esc(k)}: {v} notices" for k, v in sorted(tally.items()) if k)
           + "</p>"]
    for n, anchor in flagged:
        out.append(f'<h3 id="review-{anchor}"><a href="#{anchor}">{_esc(n.id)}</a>'
                   f"</h3>{checks_html(n, in_view=False)}")
    return "".join(out)


def _records_table(notices: list[Notice], anchors: list[str]) -> str:
    rows = ["<tr><th>notice</th><th>#</th><th>problem</th><th>area</th><th>topic</th>"
            "<th>status</th><th>measures</th><th>metrics</th><th>deadlines</th></tr>"]
    for n, anchor in zip(notices, anchors):
        for k, (r, row) in enumerate(zip(n.records, record_rows(n)), 1):
            rows.append(
                f'<tr><td><a href="#{anchor}">{_esc(n.id)}</a></td><td class=n>{k}</td>'
                f"<td>{_esc(row.problem[:80])}</td><td>{_esc(r.area)}</td>"
                f"<td>{_esc(r.topic)}</td><td>{_esc(row.status_text)}</td>"
                f"<td class=n>{row.measures}</td><td class=n>{row.metric_count}</td>"
                f"<td>{_esc(row.deadlines)}</td></tr>"
            )
    return '<table id="records">' + "".join(rows) + "</table>"


def _views(notices: list[Notice], anchors: list[str]) -> str:
    return "".join(
        f'<details id="{anchor}"><summary>{_esc(n.id)} · '
        f"{_esc(n.metadata.value('issuer') or '')} · {len(n.records)} records</summary>"
        f'<iframe loading="lazy" title="{_esc(n.id)}" srcdoc="{html.escape(to_html(n))}">'
        "</iframe></details>"
        for n, anchor in zip(notices, anchors)
    )


def report(notices: Notice | Iterable[Notice]) -> str:
    """The batch's page (HTML, self-contained: plotly.js is inlined once).  Needs plotly
    (the ``report`` extra); without it, ``MissingExtraError`` (E036)."""
    go, pio = require_plotly()
    notices = [notices] if isinstance(notices, Notice) else list(notices)
    anchors = _anchors(notices)
    charts = []
    for k, (cid, _, fig) in enumerate(_figures(notices, go)):
        charts.append('<div class="chart">' + pio.to_html(
            fig, include_plotlyjs=k == 0, full_html=False, div_id=cid,
            config={"displaylogo": False, "responsive": True}) + "</div>")
    records = sum(len(n.records) for n in notices)
    flagged = sum(n.needs_review for n in notices)
    done = sum(r.status.value == StatusValue.completed for n in notices for r in n.records)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>rectify-nlp report: {len(notices)} notices</title><style>{CSS}</style>"
        f"<script>{SCRIPT}</script></head><body>"
        f"<header><h1>{len(notices)} notices, {records} records</h1>"
        f"{flagged} of {len(notices)} notices need a look · {done} records completed</header>"
        f'<section id="charts">{"".join(charts)}</section>'
        "<section><h2>Notices: counts stated beside extracted</h2>"
        f"{_notices_table(notices, anchors)}</section>"
        f'<section id="review"><h2>Notices that need a look ({flagged})</h2>'
        f"{_review(notices, anchors)}</section>"
        f"<section><h2>Records ({records})</h2>{_records_table(notices, anchors)}</section>"
        f'<section id="views"><h2>Each notice\'s view</h2>{_views(notices, anchors)}</section>'
        "</body></html>"
    )
