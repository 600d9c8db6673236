"""Services that asked us to stay away: a 429 or 503 answer whose ``Retry-After`` is longer
than the client is willing to wait (see :mod:`core.http.client`).

One :class:`RefusedOrigins` belongs to one ``HttpClient``: until the time the server named,
no request to that origin (scheme, host, port) is sent again, and each one fails at once
with the same message. Nothing here sleeps or touches the network.
"""

import threading
import time
from typing import Dict, Optional, Tuple

from ..errors import NetworkError
from ..i18n import tr, trn


def origin_key(qurl) -> str:
    """``scheme://host:port`` of a QUrl (default port filled in), lower case."""
    scheme = (qurl.scheme() or "").lower()
    port = qurl.port(443 if scheme == "https" else 80)
    return f"{scheme}://{(qurl.host() or '').lower()}:{port}"


def wait_text(seconds: float) -> str:
    """A wait as a person says it: "90 seconds", "5 minutes", "24 hours", "3 days"."""
    seconds = max(0.0, float(seconds))
    if seconds < 120:
        n = int(round(seconds))
        return trn("{n} second", "{n} seconds", n).format(n=n)
    if seconds < 120 * 60:
        n = int(round(seconds / 60))
        return trn("{n} minute", "{n} minutes", n).format(n=n)
    if seconds < 72 * 3600:
        n = int(round(seconds / 3600))
        return trn("{n} hour", "{n} hours", n).format(n=n)
    n = int(round(seconds / 86400))
    return trn("{n} day", "{n} days", n).format(n=n)


class RefusedOrigins:
    """Origins that refused with a long ``Retry-After``, each until the time it asked for."""

    def __init__(self):
        self._lock = threading.Lock()
        # origin -> (until, monotonic; until, wall clock; status; seconds asked for)
        self._refused: Dict[str, Tuple[float, float, int, float]] = {}

    def remember(self, key: str, status: int, seconds: float) -> None:
        with self._lock:
            self._refused[key] = (time.monotonic() + seconds, time.time() + seconds, int(status), float(seconds))

    def error(self, key: str, shown: str) -> Optional[NetworkError]:
        """The refusal error for a request to ``key`` (``shown`` = its URL), or None when the
        origin is not refused (any more)."""
        with self._lock:
            known = self._refused.get(key)
            if known is not None and time.monotonic() >= known[0]:
                del self._refused[key]
                known = None
        if known is None:
            return None
        _until, until_wall, status, seconds = known
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(until_wall))
        return NetworkError(
            tr("The server {server} refuses requests for now (HTTP {status}) and asks to wait {wait}. "
               "Nothing more is asked of it until {time}; try again then, or work offline from the cache.")
            .format(server=key, status=status, wait=wait_text(seconds), time=when),
            kind="refused", url=shown, status=status, retry_after=seconds)
