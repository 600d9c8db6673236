"""Plain pieces of the HTTP client that need no event loop: the :class:`Response`, the limits,
URLs for messages (:func:`safe_url`), same-site redirects, ``Retry-After`` and header bytes."""

import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Dict, Optional

from qgis.PyQt.QtCore import QUrl

RETRYABLE_STATUS = (429, 500, 502, 503, 504)
REDIRECT_STATUS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
RETRY_AFTER_CAP_S = 30.0
REFUSAL_STATUS = (429, 503)
MIN_DEADLINE_S = 60.0
DEADLINE_FACTOR = 4
# the deadline moves one second later for every this many bytes received: a body arriving at a useful
# rate (a big download on a slow line) is never cut off by it, a trickle (a slow-loris) gains nothing
DEADLINE_BYTES_PER_S = 64 * 1024
_POLL_MS = 50


@dataclass
class Response:
    """One HTTP response: final ``url``, ``status``, ``headers`` (lower-case names), ``body``."""

    url: str
    status: int
    headers: Dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def safe_url(url) -> str:
    """``url`` without user name and password, for messages and logs."""
    qurl = url if isinstance(url, QUrl) else QUrl(str(url))
    if not qurl.isValid():
        return "?"
    return qurl.toString(QUrl.UrlFormattingOption.RemoveUserInfo)


def _host(qurl: QUrl) -> str:
    return (qurl.host() or "").lower()


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _same_site(source: QUrl, target: QUrl) -> bool:
    """A redirect stays on the same host: same scheme and port, or an http -> https upgrade."""
    if _host(source) != _host(target):
        return False
    s_scheme, t_scheme = source.scheme().lower(), target.scheme().lower()
    s_port = source.port(_default_port(s_scheme))
    t_port = target.port(_default_port(t_scheme))
    if s_scheme == t_scheme:
        return s_port == t_port
    return s_scheme == "http" and t_scheme == "https"


def parse_retry_after(value, cap=RETRY_AFTER_CAP_S) -> Optional[float]:
    """Seconds from a ``Retry-After`` header (seconds form, or an HTTP date), at most ``cap``
    (None: not capped); None if absent/bad."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
            seconds = moment.timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if seconds != seconds or seconds < 0:  # NaN or negative
        return 0.0
    return seconds if cap is None else min(seconds, cap)


def _header_bytes(text) -> bytes:
    """A header name or value as bytes, with no line breaks (no header injection from a value a
    server sent, such as an ETag) and nothing outside Latin-1."""
    clean = "".join(" " if ch in "\r\n\0" else ch for ch in str(text))
    return clean.encode("latin-1", "replace")
