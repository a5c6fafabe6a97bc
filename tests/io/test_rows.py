"""io/rows.py: one record as a row of text.  The CSV, the HTML view and the terminal table say
the same of every record (they used to write deadlines three ways)."""
import csv
import io

from rich.console import Console

from rectify_nlp.io.rows import CSV_COLUMNS, csv_rows, record_rows
from rectify_nlp.io.summary import notice_table
from rectify_nlp.io.view import to_html


def test_csv_view_and_terminal_say_the_same_of_a_record(notices):
    n = notices["dongcheng-2026-xuncha"]
    rows = record_rows(n)
    with_deadlines = [r for r in rows if r.deadlines]
    assert with_deadlines and with_deadlines[0].deadlines.endswith(")")  # "2026-02-20 (planned)"
    sink = io.StringIO()
    writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_rows(n))
    written = list(csv.DictReader(io.StringIO(sink.getvalue())))
    page = to_html(n)
    console = Console(file=io.StringIO(), width=400, soft_wrap=False)
    console.print(notice_table(n, 400))
    table = console.file.getvalue()
    for row, line in zip(rows, written):
        assert line["problem"] == row.problem == n.text[row.problem_start:row.problem_end]
        assert line["deadlines"] == row.deadlines and line["metrics"] == row.metrics
        assert f"<td>{row.deadlines}</td>" in page
        for deadline in filter(None, row.deadlines.split("; ")):
            assert deadline in table
