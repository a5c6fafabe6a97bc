"""Bytes and files to text: .txt in any Chinese encoding, .html, .pdf, .docx.

The text returned is what offsets refer to (``Notice.text``).  HTML, PDF and Word readers need
the ``formats`` extra (lxml, pdfplumber, python-docx); they are imported only when used.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import errors as E
from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", "")
SUPPORTED = (".txt", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 200 * 1024 * 1024  # larger files are not notices; refuse before reading them


def decode(data: bytes, name: str = "<bytes>") -> str:
    """UTF-8 if it is valid UTF-8, else the encoding charset-normalizer finds (GBK, GB18030…)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in ("gb18030",):
        # GB18030 is a superset of GBK and GB2312, the encodings Chinese government sites use;
        # a strict decode that succeeds and yields mostly CJK is taken before guessing.
        try:
            text = data.decode(enc)
            cjk = sum("\u4e00" <= c <= "\u9fff" for c in text)
            if cjk >= 0.2 * max(1, len(text.strip())):
                return text
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(E.E032.format(path=name, detail="not text in any known encoding"))
    return str(best)


def _html(data: bytes, name: str) -> str:
    try:
        import lxml.html
    except ImportError:
        raise InputError(
            E.E032.format(path=name, detail="reading HTML needs `pip install rectify-nlp[formats]`")
        ) from None
    doc = lxml.html.fromstring(decode(data, name))
    # Navigation, scripts and page furniture are not the notice.
    for bad in doc.xpath("//script|//style|//nav|//header|//footer|//noscript|//iframe|//form"):
        bad.drop_tree()
    blocks = []
    for el in doc.iter("p", "div", "h1", "h2", "h3", "h4", "li", "td", "br", "tr", "title"):
        if el.tag in ("div", "tr") and el.xpath("./p|./div|./table|./td"):
            continue
        txt = el.text_content().strip() if el.tag != "br" else ""
        if txt and el.tag != "title":
            blocks.append(txt)
    if not blocks:
        blocks = [doc.text_content().strip()]
    return "\n".join(blocks)


def _pdf(path: Path) -> str:
    try:
        import pdfplumber
    except ImportError:
        raise InputError(
            E.E032.format(path=path, detail="reading PDF needs `pip install rectify-nlp[formats]`")
        ) from None
    try:
        with pdfplumber.open(path) as pdf:
            return "\n".join((page.extract_text() or "") for page in pdf.pages)
    except Exception as exc:  # pdfplumber raises many types for broken files
        raise InputError(E.E032.format(path=path, detail=f"not a readable PDF: {exc}")) from None


def _docx(path: Path) -> str:
    try:
        import docx
    except ImportError:
        raise InputError(
            E.E032.format(path=path, detail="reading Word needs `pip install rectify-nlp[formats]`")
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for broken files
        raise InputError(E.E032.format(path=path, detail=f"not a readable .docx: {exc}")) from None
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                            )
                    lines.append(" | ".join(cells))
    return "\n".join(lines)


def read_input(item: bytes | bytearray | str | os.PathLike) -> tuple[str, str]:
    """(text, source) for bytes or a path."""
    if isinstance(item, (bytes, bytearray)):
        return decode(bytes(item)), "<bytes>"
    path = Path(item)
    if not path.exists():
        raise InputError(E.E031.format(path=path))
    if path.is_dir():
        raise InputError(E.E032.format(path=path, detail="it is a directory"))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED and suffix not in TEXT_SUFFIXES:
        raise InputError(E.E033.format(path=path, suffix=suffix, known=", ".join(SUPPORTED)))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(E.E032.format(path=path, detail=exc)) from None
    if size > MAX_BYTES:
        raise InputError(
            E.E032.format(path=path, detail=f"{size} bytes is larger than {MAX_BYTES}")
        )
    if suffix == ".pdf":
        return _pdf(path), str(path)
    if suffix == ".docx":
        return _docx(path), str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(E.E032.format(path=path, detail=exc)) from None
    if suffix in (".html", ".htm"):
        return _html(data, str(path)), str(path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(E.E032.format(path=path, detail="binary data, not text"))
    return decode(data, str(path)), str(path)
