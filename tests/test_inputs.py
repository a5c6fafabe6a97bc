"""Real inputs: PDF, Word, GBK text, HTML pages and bytes, built from a shipped notice."""
import textwrap
from pathlib import Path

import pytest

import rectify_nlp
from rectify_nlp.errors import InputError

from .conftest import ROOT

DATA_TABLE = ROOT / "tests" / "data" / "table_layout.txt"

NID = "dongcheng-2026-xuncha"


def squash(s):
    return "".join(s.split())


@pytest.fixture(scope="module")
def reference(notices):
    return [squash(r.problem.text) for r in notices[NID].records]


def test_pdf_gives_the_same_problems(tmp_path, texts, reference):
    pytest.importorskip("pdfplumber")
    rl = pytest.importorskip("reportlab")  # noqa: F841
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    # a real PDF's lines: paragraphs wrapped at the page width, a blank line between them
    for para in texts[NID].split("\n"):
        for line in textwrap.wrap(para, 38) or [""]:
            if y < 60:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 10)
            c.drawString(40, y, line)
            y -= 15
    c.save()
    n = rectify_nlp.extract(path)
    assert n.source == str(path) and n.id == "notice"
    assert [squash(r.problem.text) for r in n.records] == reference
    for s in n.spans:
        assert s.text == n.text[s.start:s.end]


def test_docx_with_a_table_gives_the_same_problems(tmp_path, texts, reference):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for para in texts[NID].split("\n"):
        document.add_paragraph(para)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系方式", "2959769"
    table.cell(1, 0).text, table.cell(1, 1).text = "电子邮箱", "dcqbgs@163.com"
    path = tmp_path / "notice.docx"
    document.save(str(path))
    n = rectify_nlp.extract(path)
    assert [squash(r.problem.text) for r in n.records] == reference
    assert "联系方式 | 2959769" in n.text  # tables are read too


def test_gbk_file_gives_the_same_problems(tmp_path, texts, notices):
    path = tmp_path / "muye.txt"
    path.write_bytes(texts["muye-2025-xunshi"].encode("gbk"))
    n = rectify_nlp.extract(path)
    assert n.text == texts["muye-2025-xunshi"]
    assert [r.problem.text for r in n.records] == [r.problem.text for r in notices["muye-2025-xunshi"].records]


def test_html_page_drops_navigation_and_footer(tmp_path, texts, reference):
    pytest.importorskip("lxml")
    body = "".join(f"<p>{line}</p>" for line in texts[NID].split("\n") if line.strip())
    page = ("<html><head><title>通报</title><script>var x = '1.不是问题。';</script></head><body>"
            "<nav><a href='/'>首页</a> &gt; <a>通知公告</a></nav>"
            f"<div class='article'>{body}</div>"
            "<footer>版权所有 © 东城区 技术支持：某公司 备案号 12345</footer></body></html>")
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    n = rectify_nlp.extract(path)
    assert "版权所有" not in n.text and "var x" not in n.text
    assert [squash(r.problem.text) for r in n.records] == reference


def test_unknown_and_unreadable_files_are_named(tmp_path):
    odd = tmp_path / "notice.xyz"
    odd.write_text("整改", encoding="utf-8")
    with pytest.raises(InputError, match=r"E033: .*notice.xyz"):
        rectify_nlp.extract(odd)
    with pytest.raises(InputError, match=r"E031: .*missing.txt"):
        rectify_nlp.extract(tmp_path / "missing.txt")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(InputError, match=r"E032: .*broken.pdf"):
        rectify_nlp.extract(broken)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        rectify_nlp.extract(junk)


def test_extract_many_keeps_going_past_a_bad_file(tmp_path, texts):
    from pathlib import Path
    good = tmp_path / "a.txt"
    good.write_text(texts[NID], encoding="utf-8")
    out = list(rectify_nlp.extract_many([good, tmp_path / "gone.txt", texts["shifanqu-2025-xuncha"]],
                                        on_error="return"))
    assert len(out[0].records) == 28
    assert isinstance(out[1], InputError)
    assert len(out[2].records) == 22
    assert isinstance(good, Path)


def test_extract_many_over_processes_matches(texts):
    items = [texts[NID], texts["shifanqu-2025-xuncha"]]
    serial = [n.to_dict() for n in rectify_nlp.extract_many(items)]
    parallel = [n.to_dict() for n in rectify_nlp.extract_many(items, n_process=2)]
    assert serial == parallel


def test_cli_batch_to_jsonl(tmp_path, texts):
    import json

    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app
    d = tmp_path / "in"
    d.mkdir()
    for nid in ("dongcheng-2026-xuncha", "shifanqu-2025-xuncha"):
        (d / f"{nid}.txt").write_text(texts[nid], encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(app, ["extract", str(d / "*.txt"), "-f", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["dongcheng-2026-xuncha", "empty", "shifanqu-2025-xuncha"]
    assert [len(row["records"]) for row in rows] == [28, 0, 22]


def test_a_utf8_file_with_a_bad_byte_is_read_with_a_warning(tmp_path, texts, reference):
    """A stray byte, or a character cut off at the end, no longer refuses the whole file: the
    bad bytes read as U+FFFD, offsets index that text, and the user is told (W001)."""
    from rectify_nlp.errors import InputWarning

    data = texts[NID].encode("utf-8")
    cut = data.index("。".encode()) + 3  # between two characters
    stray = tmp_path / "stray.txt"
    stray.write_bytes(data[:cut] + b"\xff" + data[cut:])
    with pytest.warns(InputWarning, match=f"W001: .*stray.txt.*1 invalid sequence .*byte {cut}"):
        n = rectify_nlp.extract(stray)
    bom = tmp_path / "bom.txt"  # the byte is counted in the file, its byte order mark too
    bom.write_bytes(b"\xef\xbb\xbf" + data[:cut] + b"\xff" + data[cut:])
    with pytest.warns(InputWarning, match=f"W001: .*bom.txt.*byte {cut + 3}"):
        rectify_nlp.extract(bom)
    assert n.text == texts[NID][:len(data[:cut].decode())] + "\ufffd" + texts[NID][len(data[:cut].decode()):]
    assert [squash(r.problem.text) for r in n.records] == reference
    assert all(s.text == n.text[s.start:s.end] for s in n.spans)
    short = tmp_path / "short.txt"
    short.write_bytes(data[:-1] if data.endswith("。".encode()) else data + "。".encode()[:2])
    with pytest.warns(InputWarning, match="W001: .*short.txt.*its last character, cut off"):
        n = rectify_nlp.extract(short)
    assert n.text.endswith("\ufffd") and n.text.count("\ufffd") == 1
    assert [squash(r.problem.text) for r in n.records] == reference
    # from the command line, the warning is a line on standard error and the file is read
    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(app, ["extract", str(stray), "-f", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "warning: W001: " in r.output and "1 of 1 files read" in r.output


def test_a_gbk_file_with_a_bad_byte_is_read_with_a_warning(tmp_path, texts, reference):
    """GB18030 (GBK) gets the tolerance UTF-8 gets: one stray byte in a GBK page read it as no
    encoding at all (E032); now the byte reads as U+FFFD and the user is told (W001)."""
    from rectify_nlp.errors import InputWarning

    data = texts[NID].encode("gb18030")
    cut = data.index("。".encode("gb18030")) + 2  # between two characters
    stray = tmp_path / "gbk.txt"
    stray.write_bytes(data[:cut] + b"\x80" + data[cut:])
    with pytest.warns(InputWarning, match=f"W001: .*gbk.txt: read as GB18030 .*byte {cut}"):
        n = rectify_nlp.extract(stray)
    assert n.text.count("\ufffd") == 1 and n.text.replace("\ufffd", "") == texts[NID]
    assert [squash(r.problem.text) for r in n.records] == reference


def test_utf16_without_a_byte_order_mark_is_read(tmp_path, texts, reference):
    """Windows' "Unicode" without a BOM has NUL bytes in every ASCII character: not binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(texts[NID].encode(encoding))
        n = rectify_nlp.extract(path)
        assert n.text == texts[NID]
        assert [squash(r.problem.text) for r in n.records] == reference
    mostly_bad = tmp_path / "mixed.txt"  # half UTF-8, half GBK: not "a few bad bytes"
    half = len(texts[NID]) // 2
    mostly_bad.write_bytes(texts[NID][:half].encode("utf-8") + texts[NID][half:].encode("gbk"))
    with pytest.raises(InputError, match="E032: .*mixed.txt"):
        rectify_nlp.extract(mostly_bad)


def test_a_str_that_names_a_file_is_read_as_that_file(tmp_path):
    """Issue "No traps for a new user": a path given as a str is read, never taken as text."""
    path = "annotations/notices/muye-2025-xunshi.txt"
    import os
    here = os.getcwd()
    try:
        os.chdir(ROOT)
        as_str = rectify_nlp.extract(path)
        as_path = rectify_nlp.extract(Path(path))
        assert as_str.id == "muye-2025-xunshi" and len(as_str.records) == len(as_path.records) > 40
        with pytest.raises(rectify_nlp.InputError, match="E031.*nope.txt.*pathlib.Path"):
            rectify_nlp.extract("annotations/notices/nope.txt")
        batch = list(rectify_nlp.extract_many([path, Path(path)]))
        assert [len(n.records) for n in batch] == [len(as_path.records)] * 2
    finally:
        os.chdir(here)


def test_ids_are_unique_in_a_batch_and_traceable(tmp_path):
    text = (ROOT / "annotations" / "notices" / "dongcheng-2026-xuncha.txt").read_text(encoding="utf-8")
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(text, encoding="utf-8")
    out = list(rectify_nlp.extract_many([tmp_path / "a" / "index.txt", tmp_path / "b" / "index.txt", text]))
    assert [n.id for n in out[:2]] == ["a/index", "b/index"]
    assert out[2].id.startswith("text-") and out[2].id == rectify_nlp.extract(text).id


def test_big5_bytes_are_read_as_big5_not_gb18030(tmp_path, texts):
    """Issue "Hostile and broken input": Big5 bytes used to decode as GB18030 without a word."""
    trad = (ROOT / "tests" / "data" / "dongcheng-2023-xuncha.zh-hant.txt").read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(trad.encode("big5", errors="replace"))
    n = rectify_nlp.extract(path)
    same = sum(a == b for a, b in zip(n.text, trad)) / len(trad)
    assert same > 0.99
    assert len(n.records) == len(rectify_nlp.extract(texts["dongcheng-2023-xuncha"]).records)


def test_only_regular_files_are_read(tmp_path):
    import os
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="E032.*not a regular file"):
        rectify_nlp.extract(fifo)  # would block forever if opened
    if Path("/dev/zero").exists():
        with pytest.raises(InputError, match="E032.*not a regular file"):
            rectify_nlp.extract(Path("/dev/zero"))  # would never end


def test_a_docx_that_inflates_past_the_limit_is_refused(tmp_path, monkeypatch):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("整改情况：召开专题会议。" * 50)
    path = tmp_path / "big.docx"
    document.save(path)
    from rectify_nlp.io import readers
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(InputError, match="E032.*inflates to .*MAX_UNCOMPRESSED"):
        rectify_nlp.extract(path)


def test_html_as_government_sites_write_it(tmp_path, texts, reference):
    """<br> line breaks and a <table> with one row per problem read like the plain text."""
    pytest.importorskip("lxml")
    lines = [line for line in texts[NID].split("\n") if line.strip()]
    page = ('<?xml version="1.0" encoding="utf-8"?><html><body><div class="TRS_Editor">'
            + "<br>".join(lines) + "</div></body></html>")
    path = tmp_path / "br.html"
    path.write_text(page, encoding="utf-8")
    n = rectify_nlp.extract(path)
    assert [squash(r.problem.text) for r in n.records] == reference
    table = (DATA_TABLE.read_text(encoding="utf-8"))
    html, in_table = "<html><body>", False
    for row in (line.split("\t") for line in table.split("\n")):
        if len(row) > 1:
            html += ("" if in_table else "<table>") + "<tr>" + "".join(
                f"<td><p>{c}</p></td>" for c in row) + "</tr>"
            in_table = True
        elif row[0]:
            html += ("</table>" if in_table else "") + f"<p>{row[0]}</p>"
            in_table = False
    html += "</body></html>"
    path = tmp_path / "table.html"
    path.write_text(html, encoding="utf-8")
    n = rectify_nlp.extract(path)
    assert "理论学习中心组学习不深入 | 一是制定年度学习计划" in n.text
    assert [r.problem.text for r in n.records][:2] == ["理论学习中心组学习不深入", "村级财务管理不规范"]


@pytest.mark.parametrize("opening", ["<font size=3><span>", "<p><font size=3><span>"])
def test_html_that_never_closes_its_tags_is_read_to_the_end_once(tmp_path, texts, reference,
                                                                  opening):
    """Old CMS pages leave every <font>/<span> (and <p>) open, a level deeper each paragraph:
    the parser read 256 levels and dropped the rest unseen, and each paragraph was read again
    inside every paragraph around it (the text grew as the square of the paragraphs)."""
    pytest.importorskip("lxml")
    lines = texts[NID].split("\n")
    path = tmp_path / "unclosed.html"
    path.write_text("<html><body>" + "".join(f"{opening}{line}<br>" for line in lines)
                    + "</body></html>", encoding="utf-8")
    n = rectify_nlp.extract(path)
    assert n.text == "\n".join(line.strip() for line in lines if line.strip())
    assert [squash(r.problem.text) for r in n.records] == reference


def test_html_blocks_in_blocks_are_read_once_and_a_page_too_deep_is_refused(tmp_path, texts):
    """Paragraphs in items, cells and containers are read once each, a container's own loose
    text kept, a table nested in a cell once, after its row (it was glued into the cell); a page
    nested past what the parser can read is refused, not read cut short."""
    pytest.importorskip("lxml")
    page = tmp_path / "nested.html"
    page.write_text("<div>现将整改情况公布如下：<p>一、关于学习</p>（一）问题<ul><li><p>措施一</p></li>"
                    "</ul><table><tr><td>1</td><td><p>措施二</p><p>措施三</p></td></tr>"
                    "<tr><td>2</td><td>联系方式<table><tr><td>电话</td><td>2959769</td></tr>"
                    "</table></td></tr></table>特此通报。</div>", encoding="utf-8")
    # a cell's paragraphs apart in its row; a table in a cell as its own lines after its row
    assert rectify_nlp.extract(page).text == (
        "现将整改情况公布如下：\n一、关于学习\n（一）问题\n措施一\n1 | 措施二 措施三\n"
        "2 | 联系方式\n电话 | 2959769\n特此通报。"
    )
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 3000 + texts[NID] + "</div>" * 3000, encoding="utf-8")
    with pytest.raises(InputError, match="E032: .*deep.html.*lose the rest of the page"):
        rectify_nlp.extract(deep)


def test_empty_and_declared_html_are_not_tracebacks(tmp_path):
    pytest.importorskip("lxml")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert rectify_nlp.extract(empty).records == ()
    comment = tmp_path / "comment.html"
    comment.write_text("<!-- nothing -->", encoding="utf-8")
    try:
        assert rectify_nlp.extract(comment).records == ()
    except InputError as exc:
        assert "E032" in str(exc)


def test_nested_word_tables_are_read_once_each(tmp_path, texts, reference):
    """A table in a cell used to be read with its cell, and again at every level around it:
    each nested table's text appeared once per level, 60 levels deep 61 times."""
    docx = pytest.importorskip("docx")
    lines = texts[NID].split("\n")
    document = docx.Document()
    for para in lines:
        document.add_paragraph(para)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "联系方式"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "电话", "2959769"
    inner.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "dcqbgs@163.com"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    n = rectify_nlp.extract(path)
    assert [squash(r.problem.text) for r in n.records] == reference
    assert n.text == texts[NID] + "\n联系方式 | \n电话 | 2959769\ndcqbgs@163.com"
    # deep: the text once, not once per level
    deep = docx.Document()
    cell = deep.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(60):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = lines[0]
    deep.save(str(tmp_path / "deep.docx"))
    assert rectify_nlp.extract(tmp_path / "deep.docx").text.count(lines[0]) == 1
    # large: 20 levels each holding a whole notice read in the size of the document
    large = docx.Document()
    cell = large.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(20):
        cell.paragraphs[0].text = texts[NID]
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    large.save(str(tmp_path / "large.docx"))
    assert len(rectify_nlp.extract(tmp_path / "large.docx").text) < 21 * len(texts[NID])


def test_word_manual_line_breaks_tabs_and_cell_paragraphs_are_kept(tmp_path, texts, reference):
    """A notice typed as one Word paragraph with Shift+Enter between its lines reads as its
    lines (the breaks were dropped, gluing every line to the next); a tab is a space; a cell's
    paragraphs stay apart within its row."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(texts[NID])  # python-docx writes each "\n" as a <w:br/>
    document.add_paragraph("一、\t关于整改")  # "\t" as a <w:tab/>
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "责任落实不到位"
    cell.add_paragraph("第二段")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    n = rectify_nlp.extract(path)
    assert n.text == texts[NID] + "\n一、 关于整改\n责任落实不到位 第二段 | "
    assert [squash(r.problem.text) for r in n.records] == reference


def test_word_tab_stops_are_settings_and_cells_in_content_controls_are_read(tmp_path):
    """A paragraph's tab stops (w:pPr/w:tabs/w:tab) are settings, not text (they read as
    spaces); a cell wrapped in a content control (w:sdt in the row) is read with its row."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("有制表位的段落")
    paragraph.paragraph_format.tab_stops.add_tab_stop(docx.shared.Inches(1))
    row = document.add_table(rows=1, cols=1).rows[0]
    row.cells[0].text = "甲格"
    row._tr.append(parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:tc><w:p><w:r><w:t>乙格</w:t></w:r></w:p>"
        "</w:tc></w:sdtContent></w:sdt>"))
    path = tmp_path / "controls.docx"
    document.save(str(path))
    assert rectify_nlp.extract(path).text == "有制表位的段落\n甲格 | 乙格"


def test_html_comments_and_instructions_keep_the_text_around_them(tmp_path, texts, reference):
    """The text after a comment, a CDATA section or a processing instruction is its
    paragraph's (a walk without their events lost it: `<p>甲<!-- x -->乙</p>` read 甲), and
    an editor's fragment markers keep the paragraphs apart."""
    pytest.importorskip("lxml")
    lines = [line for line in texts[NID].split("\n") if line.strip()]
    path = tmp_path / "fragments.html"
    path.write_text("<html><body>" + "".join(
        f"<p><!--StartFragment-->{line[:10]}<!-- c -->{line[10:]}<?php ?><!--EndFragment--></p>"
        for line in lines) + "</body></html>", encoding="utf-8")
    n = rectify_nlp.extract(path)
    assert n.text == "\n".join(line.strip() for line in lines)
    assert [squash(r.problem.text) for r in n.records] == reference


def test_utf16_without_a_byte_order_mark_is_read_from_bytes_and_standard_input(texts, reference):
    """Only a path took the UTF-16 route: the same bytes given to extract() or piped in
    were refused (E032)."""
    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app

    for encoding in ("utf-16-le", "utf-16-be"):
        data = texts[NID].encode(encoding)
        n = rectify_nlp.extract(data)
        assert n.text == texts[NID]
        assert [squash(r.problem.text) for r in n.records] == reference
        r = CliRunner().invoke(app, ["extract", "-", "-f", "json"], input=data)
        assert r.exit_code == 0, r.output
        assert '"text": "' + texts[NID].split("\n")[0] in r.stdout
    with pytest.raises(InputError, match="E032: <bytes>: .*binary"):
        rectify_nlp.extract(bytes(range(256)) * 40)


def test_a_pdf_without_a_text_layer_is_read_with_a_warning(tmp_path):
    """A scanned PDF (images of its pages, no text) used to read as an empty notice without a
    word, as if it stated no problems."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas
    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app
    from rectify_nlp.errors import InputWarning

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.rect(100, 100, 200, 300, fill=1)  # a page that is a picture
        c.showPage()
    c.save()
    with pytest.warns(InputWarning, match="W002: .*scan.pdf: no text on its 2 pages.*OCR"):
        n = rectify_nlp.extract(path)
    assert not n.text.strip() and not n.records
    r = CliRunner().invoke(app, ["extract", str(path), "-f", "jsonl", "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 0, r.output
    assert "warning: W002: " in r.output and "1 of 1 files read" in r.output
