"""Writing that survives a crash or a full disk: atomic JSON, fsync, the inter-process file
lock, and the user's message when the cache cannot be written."""

import errno
import json
import os
import tempfile
import traceback
from contextlib import contextmanager

from ..errors import CacheError
from ..i18n import tr

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


@contextmanager
def file_lock(path: str):
    """An exclusive inter-process lock on ``path`` (created if needed)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _write_error(os.path.dirname(path), exc) from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            except OSError:
                pass
        os.close(fd)


def _fsync_dir(path: str) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_json(path: str, obj) -> None:
    """Write ``obj`` as JSON to ``path`` atomically (temp file, fsync, os.replace)."""
    folder = os.path.dirname(path)
    data = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _is_disk_full(exc) -> bool:
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return True
    text = str(exc).lower()
    return any(word in text for word in ("no space", "disk is full", "database or disk is full",
                                         "file too large", "disk i/o"))


def _write_error(folder: str, exc) -> CacheError:
    if _is_disk_full(exc):
        return CacheError(tr(
            "The offline cache could not be written because the disk is full (in {path}). "
            "Free some space and try again; the previous cached copy is still in use."
        ).format(path=folder))
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CacheError(tr(
            "The cache folder {path} cannot be written (permission denied or read-only). "
            "Choose another cache folder in the Regionplan settings or fix its permissions; "
            "the previous cached copy is still in use."
        ).format(path=folder))
    return CacheError(tr(
        "The offline cache in {path} could not be written: {error}. The previous cached copy is still in use."
    ).format(path=folder, error=str(exc)))


def _release_frames(exc) -> None:
    """Free what the frames of a failed fetch still hold (the spool, an open GeoPackage):
    an error keeps its traceback's frames alive as long as the caller keeps the error, and
    with them open files (which Windows then cannot delete)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__context__
