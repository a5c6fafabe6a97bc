"""Machine formats are UTF-8 whatever the locale, and valid whatever they hold.

``dumps`` writes JSON that any reader takes: never a bare ``NaN`` (a number that is not
finite is ``null``), and a lone surrogate (a file name that was not UTF-8, as unzip leaves GBK
names; broken UTF-16 from a page) as its ``\\udcXX`` escape, so the file is strict UTF-8 and
reading it back gives the same string (and so the same file name).  ``utf8_stream`` is standard
output for machine formats: UTF-8 under a GBK or Latin-1 locale too.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import re
import sys
from typing import IO, Any

_SURROGATE = re.compile("[\ud800-\udfff]")
# Text files: a file name's undecodable bytes (U+DC80…U+DCFF) are written back as the bytes
# they were; any other lone surrogate as a backslash escape rather than a crash.
ERRORS = "rectify-nlp-surrogates"


def _handler(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        if "\udc80" <= ch <= "\udcff":
            out.append(bytes([ord(ch) - 0xDC00]))
        else:
            out.append(f"\\u{ord(ch):04x}".encode("ascii"))
    return b"".join(out), exc.end


codecs.register_error(ERRORS, _handler)


def finite(obj: Any) -> Any:
    """``obj`` with every float that is not finite as None (JSON null)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite(v) for v in obj]
    return obj


def dumps(obj: Any, indent: int | None = None) -> str:
    """JSON text, UTF-8 safe and standard (no NaN, no unpaired surrogate left raw)."""
    try:
        s = json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        s = json.dumps(finite(obj), ensure_ascii=False, indent=indent, allow_nan=False)
    if _SURROGATE.search(s):
        s = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", s)
    return s


def utf8_stream(stream: IO | None = None, errors: str = ERRORS) -> IO:
    """``stream`` (standard output) set to UTF-8 text, whatever the locale's encoding; for the
    table, ``errors="replace"`` keeps the terminal's encoding instead (see ``terminal``)."""
    stream = sys.stdout if stream is None else stream
    if isinstance(stream, io.TextIOWrapper):
        try:
            stream.reconfigure(encoding="utf-8", errors=errors)
        except (ValueError, OSError, io.UnsupportedOperation):
            pass
    return stream


def terminal(stream: IO | None = None) -> IO:
    """``stream`` in its own encoding, with what it cannot show replaced rather than fatal."""
    stream = sys.stdout if stream is None else stream
    if isinstance(stream, io.TextIOWrapper):
        try:
            stream.reconfigure(errors="replace")
        except (ValueError, OSError, io.UnsupportedOperation):
            pass
    return stream
