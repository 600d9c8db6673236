"""Every network request of the plugin goes through :class:`HttpClient`.

Each thread has a network manager of its own (:mod:`core.http.qtnet` says why not QGIS's
shared one), set up for each request as QGIS sets up its own: the
user's QGIS proxy settings, the certificate authorities trusted in the QGIS authentication
database and an ``authcfg`` of the QGIS authentication manager apply. The client adds:

* a per-request timeout (no bytes for ``timeout_s`` seconds; QGIS's global network timeout
  does not apply), and an overall deadline per request (``deadline_s``,
  by default four times the timeout and at least 60 s; retries and their waits included; a
  second later for every 64 KiB received, so that a big download on a slow line is not cut
  off), so that a body trickling in byte by byte cannot hold a request open for ever;
* cancellation through a ``QgsFeedback`` (``feedback.cancel()`` from any thread);
* a maximum response size, enforced while downloading;
* redirects followed by the client itself and only on the same host (an upgrade
  from http to https is allowed); a redirect to another host or to another scheme
  (``file:``, ``ftp:`` ...) is refused, so credentials never travel elsewhere;
* TLS verification that no setting turns off: a response that had any TLS error is
  refused, even if a QGIS SSL exception would have let it through;
* bounded retries with exponential backoff for GET on retryable failures
  (429, 500, 502, 503, 504, timeouts, refused or reset connections), honouring
  ``Retry-After`` (seconds, capped);
* a 429 or 503 whose ``Retry-After`` is longer than the cap (or than the time left before
  the deadline) fails at once, and the client remembers that origin: until the time the
  server asked for, every request to it fails at once with the same message (kind
  ``refused``), so a refusing service is not asked again and again in one run;
* the User-Agent ``Regionplan/<plugin version> QGIS/<QGIS version>``;
* one clear, translated message per failure kind (:class:`NetworkError` ``kind``).

A request runs a local ``QEventLoop`` in the calling thread. Call it from a ``QgsTask``
(or a Processing algorithm) to keep the user interface responsive. The reply's slots never
raise (an exception in a PyQt slot aborts the process): an error in one, or a reply that
sip reports deleted under us, ends the request as a failed one (kind ``unreachable``,
retried); the reply's signals are disconnected before it is deleted.
Credentials are never logged or put in messages: URLs in messages have their user
info removed.
"""

import threading
import time

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkReply

from .. import settings
from ..errors import NetworkError
from . import oauth2
from .attempt import _Attempt
from .base import (
    _POLL_MS,
    DEADLINE_FACTOR,
    MAX_REDIRECTS,
    MIN_DEADLINE_S,
    REDIRECT_STATUS,
    REFUSAL_STATUS,
    RETRY_AFTER_CAP_S,
    RETRYABLE_STATUS,
    Response,
    _same_site,
    parse_retry_after,
    safe_url,
)
from .errors import (
    abort_error,
    cancelled_error,
    is_http_answer,
    network_error,
    not_http_error,
    redirect_error,
    redirect_host_error,
    status_error,
    too_many_redirects_error,
)
from .jsonbody import parse_json
from .refusals import RefusedOrigins, origin_key


class HttpClient:
    """The one place that makes requests; see the module documentation."""

    def __init__(self, timeout_s=None, authcfg=None, max_bytes=64 * 1024 * 1024, retries=2, backoff_s=0.5,
                 deadline_s=None):
        if timeout_s is None:
            timeout_s = settings.TIMEOUT_S.value()
        if authcfg is None:
            authcfg = settings.AUTHCFG.value()
        try:
            self.timeout_s = float(timeout_s)
        except (TypeError, ValueError):
            self.timeout_s = 30.0
        if not self.timeout_s > 0:
            self.timeout_s = 30.0
        try:
            self.deadline_s = float(deadline_s) if deadline_s is not None else 0.0
        except (TypeError, ValueError):
            self.deadline_s = 0.0
        if not self.deadline_s > 0:
            self.deadline_s = max(DEADLINE_FACTOR * self.timeout_s, MIN_DEADLINE_S)
        self.authcfg = (authcfg or "").strip()
        self.max_bytes = int(max_bytes)
        self.retries = max(0, int(retries))
        self.backoff_s = max(0.0, float(backoff_s))
        self.attempts = 0  # requests sent by the last get(), for diagnostics and tests
        self.refused = RefusedOrigins()  # origins that asked to be left alone (long Retry-After)

    # -- public API -------------------------------------------------------------------------

    def get(self, url, headers=None, feedback=None, accept=(200,)) -> Response:
        """GET ``url``; returns the :class:`Response` if its status is in ``accept``, else raises
        :class:`NetworkError`. Retries retryable failures (see the module documentation), all
        within the deadline of ``deadline_s`` seconds."""
        return self._send(url, headers, feedback, accept)

    def get_ahead(self, url, headers=None, feedback=None, accept=(200,)) -> "Ahead":
        """Send GET ``url`` now and return at once: the answer arrives while the caller works
        (Qt's network thread receives it). ``.result()`` waits for it as :meth:`get` would (the
        same retries, redirects, limits, cancelling and errors; the timeout and the deadline count
        from then); ``.discard()`` abandons it. Both in the thread that sent it; one request
        ahead at a time is what a paged download needs (the next page while this one is
        written)."""
        started = None
        qurl = QUrl(str(url))
        if (not (feedback is not None and feedback.isCanceled()) and qurl.isValid()
                and qurl.scheme().lower() in ("http", "https") and qurl.host()
                and self.refused.error(origin_key(qurl), "") is None):
            started = _Attempt(self, qurl, headers, feedback)
            try:
                started.start()
                started.send_now()
            except NetworkError:
                started = None  # e.g. the authcfg cannot be applied: result() says so
        return Ahead(self, str(url), headers, feedback, accept, started)

    def post(self, url, data: bytes, headers=None, feedback=None, accept=(200,)) -> Response:
        """POST ``data`` to ``url`` (an OAuth2 token request); as :meth:`get`, but a redirect is
        not followed (the body would not be sent again)."""
        return self._send(url, headers, feedback, accept, bytes(data))

    def _send(self, url, headers, feedback, accept, data=None, started=None) -> Response:
        self.attempts = 0
        deadline = time.monotonic() + self.deadline_s
        attempt = 0
        while True:
            try:
                self._check_cancel(feedback, url)
                return self._get_once(url, headers, feedback, accept, deadline, data, started)
            except NetworkError as error:
                if started is not None:
                    started.discard()  # not waited for (cancelled): nothing left running
                    started = None
                if attempt >= self.retries or not self._retryable(error):
                    raise
                wait = self.backoff_s * (2 ** attempt)
                if error.retry_after is not None:
                    wait = max(wait, error.retry_after)
                wait = min(wait, RETRY_AFTER_CAP_S)
                if time.monotonic() + wait >= deadline:
                    raise  # no time left for another try
                self._sleep(wait, feedback, url)
                attempt += 1

    def get_json(self, url, headers=None, feedback=None):
        """GET ``url`` and parse its body as JSON (UTF-8); raises NetworkError kind ``json``."""
        response = self.get(url, headers=headers, feedback=feedback)
        return parse_json(response)

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _retryable(error: NetworkError) -> bool:
        if error.kind == "http":
            return error.status in RETRYABLE_STATUS
        return error.kind in ("timeout", "unreachable")

    @staticmethod
    def _check_cancel(feedback, url):
        if feedback is not None and feedback.isCanceled():
            raise cancelled_error(safe_url(str(url)))

    def _sleep(self, seconds: float, feedback, url) -> None:
        deadline = time.monotonic() + seconds
        event = threading.Event()
        while True:
            self._check_cancel(feedback, url)
            left = deadline - time.monotonic()
            if left <= 0:
                return
            event.wait(min(left, _POLL_MS / 1000.0))

    def _get_once(self, url, headers, feedback, accept, deadline=None, data=None, started=None) -> Response:
        qurl = QUrl(str(url))
        shown = safe_url(str(url))
        if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https") or not qurl.host():
            raise not_http_error(shown)
        renewed = False  # an OAuth2 client credentials token the server refused is renewed once
        redirects = 0
        while redirects <= MAX_REDIRECTS:
            shown = safe_url(qurl)
            refused = self.refused.error(origin_key(qurl), shown)
            if refused is not None:
                raise refused  # the server asked to be left alone: no request reaches it
            self.attempts += 1
            attempt, started = started or _Attempt(self, qurl, headers, feedback, deadline, data), None
            attempt.deadline = deadline
            status, rheaders, body, code, error_text = attempt.run()
            aborted = abort_error(attempt, shown, self.max_bytes, self.timeout_s, self.deadline_s)
            if aborted is not None:
                raise aborted
            if status is None or (code != QNetworkReply.NetworkError.NoError and not is_http_answer(code, status)):
                raise network_error(code, error_text, qurl, shown, status, self.timeout_s)
            status = int(status)
            if status == 401 and attempt.bearer is not None and not renewed and status not in accept:
                oauth2.forget(self.authcfg, attempt.bearer)  # expired or revoked: one new token, one retry
                renewed = True
                continue
            if status in REDIRECT_STATUS and status not in accept and data is None:
                location = rheaders.get("location", "")
                target = qurl.resolved(QUrl(location))
                bad = redirect_error(qurl, target, shown, status, location)
                if bad is not None:
                    raise bad
                if not _same_site(qurl, target):
                    raise redirect_host_error(target, shown, status)
                qurl = target
                redirects += 1
                continue
            if status in accept:
                return Response(url=qurl.toString(), status=status, headers=rheaders, body=body)
            self._check_refusal(qurl, shown, status, rheaders, deadline)
            raise status_error(status, shown, rheaders)
        raise too_many_redirects_error(shown)

    def _check_refusal(self, qurl: QUrl, shown: str, status: int, headers, deadline) -> None:
        """A 429/503 asking to wait longer than the cap, or than the time left before the
        deadline: fail at once and remember the origin (see the module documentation)."""
        if status not in REFUSAL_STATUS:
            return
        seconds = parse_retry_after(headers.get("retry-after"), cap=None)
        if seconds is None:
            return
        left = RETRY_AFTER_CAP_S if deadline is None else min(RETRY_AFTER_CAP_S, deadline - time.monotonic())
        if seconds <= left:
            return
        key = origin_key(qurl)
        self.refused.remember(key, status, seconds)
        raise self.refused.error(key, shown)


class Ahead:
    """A GET sent ahead by :meth:`HttpClient.get_ahead`."""

    def __init__(self, client: HttpClient, url: str, headers, feedback, accept, started):
        self.client, self.url, self.headers, self.feedback, self.accept = client, url, headers, feedback, accept
        self._started = started

    def result(self) -> Response:
        started, self._started = self._started, None
        return self.client._send(self.url, self.headers, self.feedback, self.accept, started=started)

    def discard(self) -> None:
        started, self._started = self._started, None
        if started is not None:
            started.discard()
