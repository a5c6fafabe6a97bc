"""Bytes and files to text: .txt in any Chinese encoding, .html, .pdf, .docx.

The text returned is what offsets refer to (``Notice.text``).  HTML, PDF and Word readers need
the ``formats`` extra (lxml, pdfplumber, python-docx); they are imported only when used.
"""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import warnings
import zipfile
from pathlib import Path

from .. import errors as E
from ..errors import InputError, InputWarning
from ..text.normalise import to_simplified

TEXT_SUFFIXES = (".txt", ".text", ".md", "")
# what a notice file may be; directories are searched for these (io/discover.py)
NOTICE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 200 * 1024 * 1024  # larger files are not notices; refuse before reading them
# A .docx is a zip: what it inflates to is capped too (a 3 MB file can inflate to 1 GB).
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# The most frequent Chinese characters (simplified): text decoded with the right codec is full
# of them, Big5 bytes read as GB18030 (or the reverse) are not.
FREQUENT = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制"
    "机当使点从业本去把性好应开它合还因由其些然前外天政四日社义事平形相全表间样与关各重新线内数正心"
    "反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展"
    "五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论"
    "整改巡察视责任落实情况问题反馈委员会工作领导推进措施完成"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Below this share of frequent characters among the CJK ones, no Chinese codec fits the bytes.
MIN_FREQUENT_SHARE = 0.15
# A file that is UTF-8 (or GB18030, or Big5) but for a stray byte or a character cut at its end
# is read so, the bad bytes as U+FFFD: at most this share of its bytes, and ten good non-ASCII
# characters for each bad one (a Latin-1 file, all ASCII but its accents, has none:
# charset-normalizer reads it).
MAX_BAD_SHARE = 0.01


def _frequent_share(text: str) -> float:
    cjk = [c for c in to_simplified(text[:20000]) if "\u4e00" <= c <= "\u9fff"]
    return sum(c in FREQUENT for c in cjk) / len(cjk) if cjk else 0.0


def decode(data: bytes, name: str = "<bytes>") -> str:
    """UTF-8 if it is valid UTF-8; else whichever of GB18030 (a superset of GBK and GB2312, what
    mainland sites use) and Big5 (Taiwan and Hong Kong) reads the bytes as ordinary Chinese;
    else the encoding charset-normalizer finds.  Bytes that read as no language are refused.
    Bytes from a path, from ``extract(bytes)`` and from standard input all come here, so
    each reads them alike."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(E.E032.format(path=name, detail="binary data, not text"))
        return text
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[bom:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
    best, best_share = None, 0.0
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _frequent_share(text)
        if share > best_share:
            best, best_share = text, share
    if best is not None and best_share >= MIN_FREQUENT_SHARE:
        return best
    lenient = _mostly(data, "utf-8", first_bad, name, bom)
    if lenient is not None:
        return lenient
    for enc in ("gb18030", "big5"):  # a GBK page with a stray byte, as UTF-8 above
        try:
            data.decode(enc)
        except UnicodeDecodeError as exc:
            lenient = _mostly(data, enc, exc, name, bom)
            if lenient is not None:
                return lenient
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is None:
        raise InputError(E.E032.format(path=name, detail="not text in any known encoding"))
    return str(guess)


def _mostly(
    data: bytes, encoding: str, first_bad: UnicodeDecodeError, name: str, skipped: int = 0
) -> str | None:
    """``encoding`` with its few bad bytes as U+FFFD, the user warned (W001); None when the
    bytes are not of that encoding but for a few (for the Chinese codecs: nor read as ordinary
    Chinese, as Big5 is told from GB18030)."""
    text = data.decode(encoding, "replace")
    bad = text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")
    good_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad > MAX_BAD_SHARE * len(data) or good_non_ascii < 10 * bad:
        return None
    if encoding != "utf-8" and _frequent_share(text) < MIN_FREQUENT_SHARE:
        return None
    if bad == 1 and first_bad.end == len(data):
        detail = "its last character, cut off at the end of the file,"
    else:
        sequences = f"{bad} invalid sequence" + ("s" if bad > 1 else "")
        # the byte in the file, its byte order mark (``skipped``) counted
        detail = f"{sequences} (the first at byte {first_bad.start + skipped})"
    shown = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}[encoding]
    warnings.warn(E.W001.format(path=name, encoding=shown, detail=detail), InputWarning,
                  stacklevel=2)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark (Windows' "Unicode"): its line breaks, digits and
    ASCII punctuation are NUL bytes, which would call it binary.  Read when it decodes to
    ordinary Chinese with no NUL left, as Big5 is told from GB18030."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _frequent_share(text) >= MIN_FREQUENT_SHARE:
            return text
    return None


def _require_formats(kind: str, where) -> None:
    """HTML, PDF and Word readers come with the ``formats`` extra: say so, by name."""
    module = {"HTML": "lxml", "PDF": "pdfplumber", "Word": "docx"}[kind]
    if importlib.util.find_spec(module) is None:
        raise InputError(
            E.E032.format(
                path=where, detail=f"reading {kind} needs the extra: `pip install '.[formats]'`"
            )
        )


def _html(data: bytes, name: str) -> str:
    _require_formats("HTML", name)
    import lxml.etree
    import lxml.html

    markup = _XML_DECLARATION.sub("", decode(data, name), count=1)
    if not markup.strip():
        return ""
    # Old CMS pages never close their <font>/<span>: every paragraph nests one level deeper.
    # libxml2 stops at 256 levels and drops the rest without an error; huge_tree raises the
    # bound to 2048, and a page deeper still is refused rather than read cut short.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        doc = lxml.html.fromstring(markup, parser=parser)
    except (ValueError, lxml.etree.ParserError) as exc:  # e.g. only a comment: no document
        raise InputError(E.E032.format(path=name, detail=f"not readable HTML: {exc}")) from None
    for err in parser.error_log:
        if err.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise InputError(
                E.E032.format(
                    path=name,
                    detail="the HTML parser would stop partway and lose the rest of the page: "
                    + err.message.split(",")[0],
                )
            )
    # Navigation, scripts and page furniture are not the notice.
    for bad in doc.xpath("//script|//style|//nav|//header|//footer|//noscript|//iframe|//form"):
        bad.drop_tree()
    # Government sites break lines with <br>: each is a line break of the text.
    for br in doc.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = _blocks(doc)
    if not blocks:
        blocks = _lines(doc.text_content())
    return "\n".join(blocks)


BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr"})


def _lines(text: str) -> list[str]:
    """The text's non-blank lines, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _blocks(doc) -> list[str]:
    """The page's lines: the text of each block element (a paragraph, a heading, an item), a
    table row as one line (`cell | cell`, as .docx tables are read).  One walk in document
    order, each piece of text given to the innermost block it stands in: a page that never
    closes its <p> nests every paragraph in the one before, and reading each block's whole
    text repeated every paragraph in all those around it (text growing as the square of the
    paragraphs).  Text outside every block is page furniture."""
    import lxml.etree

    blocks: list[str] = []
    stack: list[list[str]] = []  # the text of each open block, innermost last

    def flush(pieces: list[str]) -> None:
        blocks.extend(_lines("".join(pieces)))
        pieces.clear()

    # comments and processing instructions come as events of their own (a start/end walk skips
    # them, and with them the text after them: `<p>甲<!-- x -->乙</p>` lost 乙)
    walk = lxml.etree.iterwalk(doc, events=("start", "end", "comment", "pi"))
    for event, el in walk:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event in ("comment", "pi"):
            if stack and el.tail:
                stack[-1].append(el.tail)
            continue
        if event == "start":
            if tag == "tr":
                if stack:
                    flush(stack[-1])
                blocks.extend(_row_lines(el))
                walk.skip_subtree()  # its cells are read with it
                continue
            if tag in BLOCKS:
                if stack:
                    flush(stack[-1])  # what the outer block said before this one
                stack.append([])
            if stack and tag and el.text:
                stack[-1].append(el.text)
            continue
        if tag in BLOCKS and tag != "tr":
            flush(stack.pop())
        if stack and el.tail:
            stack[-1].append(el.tail)  # the tail is the enclosing block's
    return blocks


def _row_lines(tr) -> list[str]:
    """A table row as a line, `cell | cell`, each cell's own text, and after it the rows of the
    tables nested in its cells, each read once (a cell's whole text held its nested tables too,
    glued into it)."""
    lines: list[str] = []
    todo = [tr]
    while todo:
        row = todo.pop()
        nested: list = []
        cells = [_html_cell_text(c, nested) for c in row if c.tag in ("td", "th")]
        if any(cells):
            lines.append(" | ".join(cells))
        todo.extend(reversed([r for t in nested for r in _rows(t, "table")]))
    return lines


def _html_cell_text(cell, nested: list) -> str:
    """A cell's own text, its paragraphs and line breaks joined by spaces so that its row stays
    one line; the tables nested in it go to ``nested``."""
    import lxml.etree

    pieces = [cell.text or ""]
    walk = lxml.etree.iterwalk(cell, events=("start", "end", "comment", "pi"))
    for event, el in walk:
        if el is cell:
            continue
        if event in ("comment", "pi"):
            pieces.append(el.tail or "")
            continue
        if event == "start":
            if el.tag == "table":
                nested.append(el)
                walk.skip_subtree()
            elif el.tag in BLOCKS:
                pieces.append("\n")
            if el.tag != "table":
                pieces.append(el.text or "")
            continue
        if el.tag in BLOCKS or el.tag == "table":
            pieces.append("\n")
        pieces.append(el.tail or "")
    return " ".join(_lines("".join(pieces)))


def _pdf(path: Path) -> str:
    _require_formats("PDF", path)
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            text = "\n".join((page.extract_text() or "") for page in pdf.pages)
            pages = len(pdf.pages)
    except Exception as exc:  # pdfplumber raises many types for broken files
        raise InputError(E.E032.format(path=path, detail=f"not a readable PDF: {exc}")) from None
    if pages and not text.strip():
        # an empty notice would pass for one that states no problems: say why it is empty
        counted = f"{pages} page" + ("s" if pages > 1 else "")
        warnings.warn(E.W002.format(path=path, pages=counted), InputWarning, stacklevel=3)
    return text


def _docx(path: Path) -> str:
    _require_formats("Word", path)
    import docx

    try:
        with zipfile.ZipFile(path) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(E.E032.format(path=path, detail=f"not a readable .docx: {exc}")) from None
    if inflated > MAX_UNCOMPRESSED:
        raise InputError(
            E.E032.format(
                path=path,
                detail=(
                    f"it inflates to {inflated} bytes, more than"
                    f" rectify_nlp.io.readers.MAX_UNCOMPRESSED = {MAX_UNCOMPRESSED};"
                    " raise that limit to read it"
                ),
            )
        )
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for broken files
        raise InputError(E.E032.format(path=path, detail=f"not a readable .docx: {exc}")) from None
    return "\n".join(_docx_lines(document.element.body))


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments have no name


def _docx_lines(body) -> list[str]:
    """The body's lines in document order: a paragraph a line, a table row a line
    (`cell | cell`).  A cell's text is its own paragraphs; a table nested in a cell gives its
    own lines after the row that holds it.  Reading a cell's whole subtree read every nested
    table again at each level around it (text growing with the depth times the size), so
    one walk with a stack visits each element once."""
    lines: list[str] = []
    todo = list(reversed(body))  # what is still to read, the next last
    while todo:
        el = todo.pop()
        tag = _local(el)
        if tag == "p":
            lines.append(_paragraph_text(el, "\n"))
        elif tag == "tbl":
            todo.extend(reversed(_rows(el)))
        elif tag == "tr":
            nested: list = []
            # cells a content control wraps too, not those of tables in its cells
            cells = [_cell_text(x, nested) for x in _inside(el, ("tc", "tbl"))
                     if _local(x) == "tc"]
            lines.append(" | ".join(cells))
            todo.extend(reversed(nested))
        else:  # a content control (w:sdt) or other wrapper: its paragraphs are the body's
            todo.extend(reversed(el))
    return lines


# What a run holds besides text: a manual line break (Shift+Enter) or a carriage return ends a
# line, a tab is a space (a tab would read as a table cell's edge)
_RUN_BREAKS = ("br", "cr")


def _paragraph_text(p, line_break: str) -> str:
    """A paragraph's text, its manual line breaks as ``line_break``."""
    pieces = []
    for x in p.iter():
        tag = _local(x)
        if tag == "t":
            pieces.append(x.text or "")
        elif tag in _RUN_BREAKS:
            pieces.append(line_break)
        elif tag == "tab" and _local(x.getparent()) != "tabs":  # not a tab stop's setting
            pieces.append(" ")
    return "".join(pieces)


def _inside(el, stop: tuple[str, ...]):
    """``el``'s descendants in document order, without entering those tagged in ``stop`` (they
    are given, their insides are not)."""
    todo = list(reversed(el))
    while todo:
        x = todo.pop()
        yield x
        if _local(x) not in stop:
            todo.extend(reversed(x))


def _rows(table, table_tag: str = "tbl") -> list:
    """A table's rows, those a wrapper holds too (a Word content control, ``w:sdt``; an HTML
    ``<tbody>``), not the rows of the tables in its cells (``table_tag``: Word's or HTML's)."""
    return [x for x in _inside(table, ("tr", table_tag)) if _local(x) == "tr"]


def _cell_text(cell, nested: list) -> str:
    """The text of a cell outside the tables nested in it, which go to ``nested``: its
    paragraphs and manual breaks joined by spaces, so that the row stays one line."""
    paragraphs: list[str] = []
    for x in _inside(cell, ("tbl", "p")):
        tag = _local(x)
        if tag == "tbl":
            nested.append(x)
        elif tag == "p":
            paragraphs.append(_paragraph_text(x, " "))
    return " ".join(p for p in paragraphs if p)


def check_regular_file(path: Path, error=InputError) -> int:
    """The size of ``path`` once it is known to be a regular file under ``MAX_BYTES``: a FIFO
    blocks forever and /dev/zero never ends, so only regular files are read."""
    if not path.exists():
        raise error(E.E031.format(path=path))
    if path.is_dir():
        raise error(E.E032.format(path=path, detail="it is a directory"))
    try:
        st = path.stat()
    except OSError as exc:
        raise error(E.E032.format(path=path, detail=exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise error(E.E032.format(path=path, detail="not a regular file"))
    if st.st_size > MAX_BYTES:
        raise error(
            E.E032.format(
                path=path,
                detail=(
                    f"{st.st_size} bytes is larger than rectify_nlp.io.readers.MAX_BYTES = "
                    f"{MAX_BYTES}; raise that limit to read it"
                ),
            )
        )
    return st.st_size


def read_regular_file(path: Path, error=InputError) -> bytes:
    """The bytes of a regular file, read with the size cap (a file that grows is still cut)."""
    check_regular_file(path, error)
    try:
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise error(E.E032.format(path=path, detail=exc)) from None


def read_input(item: bytes | bytearray | str | os.PathLike) -> tuple[str, str]:
    """(text, source) for bytes or a path."""
    if isinstance(item, (bytes, bytearray)):
        return decode(bytes(item)), "<bytes>"
    path = Path(item)
    check_regular_file(path)
    suffix = path.suffix.lower()
    if suffix not in NOTICE_SUFFIXES and suffix not in TEXT_SUFFIXES:
        raise InputError(E.E033.format(path=path, suffix=suffix, known=", ".join(NOTICE_SUFFIXES)))
    if suffix == ".pdf":
        return _pdf(path), str(path)
    if suffix == ".docx":
        return _docx(path), str(path)
    data = read_regular_file(path)
    if suffix in (".html", ".htm"):
        return _html(data, str(path)), str(path)
    return decode(data, str(path)), str(path)


STDIN = "-"  # the name that means standard input, as Unix tools read it


def read_stdin(stream=None) -> str:
    """Piped standard input (``-``) as text, decoded as a file's bytes are, within the cap."""
    import sys

    stream = sys.stdin if stream is None else stream
    if stream is None:
        raise InputError(E.E032.format(path="<stdin>", detail="standard input is closed"))
    buffer = getattr(stream, "buffer", stream)
    try:
        data = buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise InputError(E.E032.format(path="<stdin>", detail=exc)) from None
    if isinstance(data, str):
        return data
    if len(data) > MAX_BYTES:
        raise InputError(
            E.E032.format(
                path="<stdin>",
                detail=f"more than rectify_nlp.io.readers.MAX_BYTES = {MAX_BYTES} bytes",
            )
        )
    return decode(data, "<stdin>")
