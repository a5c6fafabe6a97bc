"""Files replaced whole or not at all: written beside the target, then renamed over it.

The rename is the moment an output comes into being, so that is where the output rule is
checked again: under a lock on the folder (``folder_lock``), a file that must be new is linked
into place (a link never replaces anything), and a file that may be replaced must still be the
one the run checked when it began; otherwise another run wrote it meanwhile (E028).  Readers
of model directories take the same lock shared, so they see the old model or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator

from .. import errors as E
from ..errors import OutputError
from .encoding import ERRORS

try:  # POSIX; elsewhere the check at the rename stands alone
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

# ``expect`` of ``replaced``: replace whatever is there (the API's write_annotations).
ANY = object()


def identity(path: str | os.PathLike) -> tuple | None:
    """What tells one file from another that took its name: device, inode, size, mtime."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike, shared: bool = False) -> Iterator[None]:
    """An advisory lock on a folder (flock on the directory itself: no lock file is left)."""
    fd = None
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fd = os.open(os.fspath(folder) or ".", os.O_RDONLY)
    try:
        if fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what the umask gives a new file (mkstemp's 0600
    would hide a page or a table from everyone else)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_error(path: Any, exc: OSError) -> OutputError:
    """A named error for a write that failed: a full disk, a read-only place, a lost folder."""
    detail = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        detail = "no space left on the device; nothing was replaced"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        detail = f"{detail} (a read-only place?)"
    return OutputError(E.E027.format(path=path, detail=detail))


def commit(tmp: str, path: Path, expect: Any = ANY) -> None:
    """Put ``tmp`` in place as ``path``: anyway (``ANY``), only if nothing is there
    (``None``), or only if ``path`` is still the file of identity ``expect``."""
    with folder_lock(path.parent or "."):
        if expect is None:
            try:
                os.link(tmp, path)  # fails if the name exists: never replaces
            except FileExistsError:
                raise OutputError(E.E028.format(path=path)) from None
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise
                if os.path.lexists(path):  # no hard links here: check under the lock
                    raise OutputError(E.E028.format(path=path)) from None
                os.replace(tmp, path)
                return
            os.unlink(tmp)
            return
        if expect is not ANY and identity(path) != expect:
            raise OutputError(E.E028.format(path=path))
        os.replace(tmp, path)


@contextlib.contextmanager
def replaced(path: str | os.PathLike, binary: bool = False, expect: Any = ANY) -> Iterator[IO]:
    """Write ``path`` through a temporary file in its folder; a failure leaves the old file.
    ``expect`` is what must be at ``path`` when the new file is renamed into place (see
    ``commit``)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        if binary:
            fh = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="", errors=ERRORS)
        with fh:
            yield fh
        os.chmod(tmp, _mode_for(path))
        commit(tmp, path, expect)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
