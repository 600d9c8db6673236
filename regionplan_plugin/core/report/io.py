"""Writing a report file safely: every output (HTML, PDF, CSV, GeoPackage, PNG) is written to a
temporary file in the target's folder, verified, then renamed over the target. A failure (a full
disk, a folder that cannot be made, a cancel) leaves the previous file as it was and no
temporary file behind, and ends in one :class:`ReportError` (or ``Cancelled``) with a clear,
translated message."""

import contextlib
import errno
import os
import uuid
from typing import Callable, Optional

from ..errors import Cancelled, RegionplanError
from ..i18n import translate


class ReportError(RegionplanError):
    """A report file cannot be written."""


_DISK_FULL = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1))
_PROBE_BYTES = 1 << 20


def _is_disk_full(exc) -> bool:
    if getattr(exc, "errno", None) in _DISK_FULL:
        return True
    text = str(exc).lower()
    return any(word in text for word in ("no space", "disk is full", "file too large"))


def _no_room(folder: str) -> bool:
    """Whether the disk under ``folder`` is full: a writer that does not say why it failed
    (QGIS' PDF and GeoPackage writers) is asked after the fact, by writing a small probe."""
    probe = os.path.join(folder, f".regionplan-probe-{uuid.uuid4().hex}")
    try:
        with open(probe, "wb") as handle:
            handle.write(b"\0" * _PROBE_BYTES)
            handle.flush()
            os.fsync(handle.fileno())
        return False
    except OSError as exc:
        return _is_disk_full(exc)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(probe)


def disk_full_error(path: str, lang: str) -> ReportError:
    error = ReportError(translate(
        "The disk is full: the report cannot be written to {path}. Free some space or choose another "
        "folder; a previous file of that name is left as it was.", lang).format(path=path))
    error.disk_full = True
    return error


def write_error(path: str, exc, lang: str) -> ReportError:
    if _is_disk_full(exc):
        return disk_full_error(path, lang)
    return ReportError(translate("The report cannot be written to {path}: {error}", lang).format(
        path=path, error=getattr(exc, "strerror", None) or str(exc)))


def _remove(tmp: str) -> None:
    for name in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(name)


def verify_file(tmp: str, kind: str) -> bool:
    """Whether the written file looks whole: not empty; a PDF starts with ``%PDF`` and ends with
    ``%%EOF``; a PNG has its signature."""
    try:
        size = os.path.getsize(tmp)
        if size == 0:
            return False
        with open(tmp, "rb") as handle:
            head = handle.read(8)
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        return False
    if kind == "pdf":
        return head.startswith(b"%PDF") and b"%%EOF" in tail
    if kind == "png":
        return head.startswith(b"\x89PNG")
    return True


@contextlib.contextmanager
def replacing(path: str, lang: str, kind: str, verify: Optional[Callable[[str], bool]] = None):
    """``with replacing(path, lang, "pdf") as tmp:`` write ``tmp``; on leaving the block it is
    verified (``verify_file`` and ``verify``) and renamed to ``path``. Any failure removes
    ``tmp``, leaves ``path`` untouched and raises ReportError (Cancelled passes through)."""
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    try:
        os.makedirs(folder, exist_ok=True)
        if os.path.isdir(target):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), target)
    except OSError as exc:
        raise write_error(path, exc, lang) from None
    stem, ext = os.path.splitext(os.path.basename(target))
    tmp = os.path.join(folder, f".{stem}.{uuid.uuid4().hex[:12]}.part{ext}")
    try:
        yield tmp
        if not verify_file(tmp, kind) or (verify is not None and not verify(tmp)):
            if _no_room(folder):
                raise disk_full_error(path, lang)
            raise ReportError(translate(
                "The report written to {path} is incomplete; a previous file of that name is left as it was. "
                "Try again or choose another folder.", lang).format(path=path))
        os.replace(tmp, target)
    except Cancelled:
        _remove(tmp)
        raise
    except ReportError as exc:
        _remove(tmp)
        if not getattr(exc, "disk_full", False) and _no_room(folder):
            raise disk_full_error(path, lang) from None
        raise
    except OSError as exc:
        _remove(tmp)
        raise write_error(path, exc, lang) from None
    except BaseException:
        _remove(tmp)
        raise


def write_bytes(path: str, payload: bytes, lang: str, kind: str) -> str:
    with replacing(path, lang, kind, lambda tmp: os.path.getsize(tmp) == len(payload)) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    return path
