"""Small helpers shared by core modules."""

import os
import tempfile
from datetime import datetime, timezone
from typing import Optional

from qgis.core import Qgis, QgsFeedback, QgsField
from qgis.PyQt.QtCore import QMetaType, QVariant


def is_canceled(feedback) -> bool:
    return feedback is not None and feedback.isCanceled()


def set_progress(feedback, value: float) -> None:
    if feedback is not None:
        feedback.setProgress(max(0.0, min(100.0, float(value))))


def push_info(feedback, text: str) -> None:
    """Report a line of text where the feedback can show it (Processing log)."""
    if feedback is not None and hasattr(feedback, "pushInfo"):
        feedback.pushInfo(text)


def push_warning(feedback, text: str) -> None:
    if feedback is None:
        return
    if hasattr(feedback, "pushWarning"):
        feedback.pushWarning(text)
    elif hasattr(feedback, "reportError"):
        feedback.reportError(text, False)


def plain_value(value):
    """An attribute value with QGIS' NULL (a null QVariant) as None."""
    try:
        if value is None or value.isNull():
            return None
    except AttributeError:
        pass
    return value


def new_feedback() -> QgsFeedback:
    return QgsFeedback()


# Field types by kind: QMetaType from QGIS 3.38 on (QVariant.Type is deprecated there), QVariant before.
_TYPE_NAMES = {"text": "string", "int": "integer64", "real": "double", "bool": "boolean"}
if Qgis.QGIS_VERSION_INT >= 33800:
    _FIELD_TYPES = {"text": QMetaType.Type.QString, "int": QMetaType.Type.LongLong,
                    "real": QMetaType.Type.Double, "bool": QMetaType.Type.Bool}
else:
    _FIELD_TYPES = {"text": QVariant.String, "int": QVariant.LongLong, "real": QVariant.Double,
                    "bool": QVariant.Bool}


def new_field(name: str, kind: str) -> QgsField:
    """A field of kind ``text``, ``int`` (64-bit), ``real`` or ``bool``, without the
    deprecation warnings of either QGIS API generation."""
    return QgsField(name, _FIELD_TYPES[kind], _TYPE_NAMES[kind])


def owned_by_main_thread(obj):
    """Give a QObject created here (possibly in a task's worker thread) to the main thread.

    A layer keeps the thread it was created in. When Python frees one that belongs to a
    worker thread, it can only post a deferred delete to that thread, which runs when the
    thread pool winds down as QGIS quits, after GDAL is gone: QGIS then crashes on exit.
    Must be called in the thread that created ``obj``; returns ``obj``."""
    from qgis.core import QgsApplication

    main = QgsApplication.instance().thread() if QgsApplication.instance() is not None else None
    if main is not None and obj.thread() is not main and obj.parent() is None:
        obj.moveToThread(main)
    return obj


def utc_now_iso() -> str:
    """Now, in UTC, to the second, as the plugin stores times: ``2026-12-01T11:02:41Z``."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(text) -> Optional[datetime]:
    """An ISO 8601 time (``Z`` or an offset; none means UTC) as an aware datetime; None when
    ``text`` is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def local_time(value) -> str:
    """A time as the user reads it: ``2026-12-01 11:30 CET``, in the machine's time zone (``TZ``
    where it is set), with the zone. ``value``: an ISO 8601 string (no zone means UTC), an aware
    or naive (local) datetime, or seconds since the epoch; "" for none, the text itself when it
    is not a time."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value, tz=timezone.utc)
    elif isinstance(value, str):
        parsed = parse_iso(value)
        if parsed is None:
            return value
        value = parsed
    if not isinstance(value, datetime):
        return str(value)
    local = value.astimezone()
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or local.strftime("%z"))


def age_seconds(text) -> Optional[float]:
    """Seconds since the ISO time ``text`` (never negative); None when it is not a time."""
    when = parse_iso(text)
    if when is None:
        return None
    return max(0.0, (datetime.now(timezone.utc) - when).total_seconds())


def keep_copy(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path`` in one step (a temporary file beside it, then a rename), best
    effort: a copy kept for offline use. False, and nothing left behind, when it cannot be written."""
    folder = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(folder, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".keep-", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
