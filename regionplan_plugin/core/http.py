"""Every network request of the plugin goes through :class:`HttpClient`.

Requests use the QGIS network stack (``QgsNetworkAccessManager.instance()`` of the
calling thread), so the user's proxy settings, SSL settings and an ``authcfg`` of the
QGIS authentication manager apply. The client adds, on top of it:

* a per-request timeout (no bytes for ``timeout_s`` seconds) that never changes the
  user's global QGIS network timeout, and an overall deadline per request (``deadline_s``,
  by default four times the timeout and at least 60 s; retries and their waits included),
  so that a body trickling in byte by byte cannot hold a request open for ever;
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

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, Optional

from qgis.core import Qgis, QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QEventLoop, QThread, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkProxy, QNetworkReply, QNetworkRequest, QSslSocket

from . import paths, settings
from .errors import NetworkError
from .i18n import tr
from .refusals import RefusedOrigins, origin_key

RETRYABLE_STATUS = (429, 500, 502, 503, 504)
REDIRECT_STATUS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
RETRY_AFTER_CAP_S = 30.0
REFUSAL_STATUS = (429, 503)
MIN_DEADLINE_S = 60.0
DEADLINE_FACTOR = 4
_POLL_MS = 50

_UNREACHABLE_ERRORS = {
    QNetworkReply.NetworkError.ConnectionRefusedError,
    QNetworkReply.NetworkError.HostNotFoundError,
    QNetworkReply.NetworkError.RemoteHostClosedError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.UnknownNetworkError,
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyConnectionClosedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
    QNetworkReply.NetworkError.ProxyTimeoutError,
    QNetworkReply.NetworkError.ProxyAuthenticationRequiredError,
    QNetworkReply.NetworkError.UnknownProxyError,
}


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


def user_agent() -> str:
    return f"Regionplan/{paths.plugin_version()} QGIS/{Qgis.version().split('-')[0]}"


def safe_url(url) -> str:
    """``url`` without user name and password, for messages and logs."""
    qurl = url if isinstance(url, QUrl) else QUrl(str(url))
    if not qurl.isValid():
        return "?"
    return qurl.toString(QUrl.UrlFormattingOption.RemoveUserInfo)


# QgsNetworkAccessManager replaces every User-Agent with its own; a request pre-processor
# (registered once per process, only touching requests that carry our marker header) puts
# ours back. plugin.unload() may call unregister_user_agent().
_UA_MARKER = b"X-Regionplan-User-Agent"
_ua_lock = threading.Lock()
_ua_processor_id = None


def _restore_user_agent(request) -> None:
    """Pre-processor for requests of this module only: our User-Agent, and TLS peer
    verification forced on (a per-host SSL exception in QGIS could otherwise disable it)."""
    value = request.rawHeader(_UA_MARKER)
    if value is None or not len(value):
        return
    request.setRawHeader(b"User-Agent", bytes(value))
    request.setRawHeader(_UA_MARKER, QByteArray())
    if request.url().scheme().lower() == "https":
        ssl_config = request.sslConfiguration()
        ssl_config.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyPeer)
        request.setSslConfiguration(ssl_config)


def register_user_agent() -> None:
    global _ua_processor_id
    with _ua_lock:
        if _ua_processor_id is None:
            _ua_processor_id = QgsNetworkAccessManager.setRequestPreprocessor(_restore_user_agent)


def unregister_user_agent() -> None:
    global _ua_processor_id
    with _ua_lock:
        if _ua_processor_id is not None:
            QgsNetworkAccessManager.removeRequestPreprocessor(_ua_processor_id)
            _ua_processor_id = None


# Registered when the module is first imported (normally on the main thread, before any
# request of ours), so that the pre-processor list of QGIS is not changed while requests run.
register_user_agent()


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
            from email.utils import parsedate_to_datetime

            moment = parsedate_to_datetime(text)
            seconds = moment.timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if seconds != seconds or seconds < 0:  # NaN or negative
        return 0.0
    return seconds if cap is None else min(seconds, cap)


_PROXY_TYPES = {
    "Socks5Proxy": QNetworkProxy.ProxyType.Socks5Proxy,
    "HttpProxy": QNetworkProxy.ProxyType.HttpProxy,
    "HttpCachingProxy": QNetworkProxy.ProxyType.HttpCachingProxy,
    "FtpCachingProxy": QNetworkProxy.ProxyType.FtpCachingProxy,
}


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _sync_thread_proxy(manager) -> None:
    """A worker thread's QgsNetworkAccessManager reads the proxy settings once, when the thread
    first uses it; QGIS updates only the main thread's one when the user changes them. Bring
    this thread's proxy in line with the current settings (same rules as QGIS)."""
    if QThread.currentThread() == QCoreApplication.instance().thread():
        return
    qsettings = QgsSettings()
    proxy = QNetworkProxy()
    excludes, no_proxy = [], []
    if qsettings.value("proxy/proxyEnabled", False, type=bool):
        kind = str(qsettings.value("proxy/proxyType", "") or "")
        if kind == "DefaultProxy":
            return  # the system proxy: QGIS's own per-thread handling applies
        excludes = _as_list(qsettings.value("proxy/proxyExcludedUrls", []))
        no_proxy = _as_list(qsettings.value("proxy/noProxyUrls", []))
        try:
            port = int(str(qsettings.value("proxy/proxyPort", "") or "0"))
        except ValueError:
            port = 0
        proxy = QNetworkProxy(_PROXY_TYPES.get(kind, QNetworkProxy.ProxyType.DefaultProxy),
                              str(qsettings.value("proxy/proxyHost", "") or ""), port,
                              str(qsettings.value("proxy/proxyUser", "") or ""),
                              str(qsettings.value("proxy/proxyPassword", "") or ""))
        proxy_authcfg = str(qsettings.value("proxy/authcfg", "") or "")
        if proxy_authcfg:
            QgsApplication.authManager().updateNetworkProxy(proxy, proxy_authcfg)
    current = manager.fallbackProxy()
    same = (current.type() == proxy.type() and current.hostName() == proxy.hostName()
            and current.port() == proxy.port() and current.user() == proxy.user()
            and current.password() == proxy.password() and list(manager.excludeList()) == excludes
            and list(manager.noProxyList()) == no_proxy)
    if not same:
        manager.setFallbackProxyAndExcludes(proxy, excludes, no_proxy)


def _header_bytes(text) -> bytes:
    """A header name or value as bytes, with no line breaks (no header injection from a value a
    server sent, such as an ETag) and nothing outside Latin-1."""
    clean = "".join(" " if ch in "\r\n\0" else ch for ch in str(text))
    return clean.encode("latin-1", "replace")


class _Attempt:
    """One HTTP exchange (no redirect following, no retry) in a local event loop.

    The slots connected to the reply never raise: an exception in a PyQt slot aborts the
    process. Each slot body runs in :meth:`_guarded`, which records the error on the attempt
    (``slot_error``) and aborts the request instead; the reply may also already be deleted
    (``sip.isdeleted``)."""

    def __init__(self, client, url: QUrl, headers, feedback, deadline=None):
        self.client = client
        self.url = url
        self.headers = headers
        self.feedback = feedback
        self.deadline = deadline  # time.monotonic() value after which the request is aborted
        self.buffer = bytearray()
        self.abort_reason = None  # "cancelled", "too_large", "timeout", "deadline", "tls", "internal"
        self.slot_error = None
        self.ssl_errors = []
        self.reply = None
        self.loop = None
        self.last_activity = time.monotonic()

    def _own_timeout(self, reply) -> None:
        """QgsNetworkAccessManager aborts a reply after the user's global network timeout (a
        QTimer child of the reply); for this reply only, our own timeout governs instead."""
        ms = int(self.client.timeout_s * 1000) + 5000
        for timer in reply.findChildren(QTimer, "timeoutTimer"):
            timer.setInterval(ms)
            if timer.isActive():
                timer.start()

    def _request(self) -> QNetworkRequest:
        request = QNetworkRequest(self.url)
        register_user_agent()
        request.setRawHeader(b"User-Agent", user_agent().encode("utf-8"))
        request.setRawHeader(_UA_MARKER, user_agent().encode("utf-8"))
        for name, value in (self.headers or {}).items():
            request.setRawHeader(_header_bytes(name), _header_bytes(value))
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                             QNetworkRequest.CacheLoadControl.AlwaysNetwork)
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.ManualRedirectPolicy)
        if self.client.authcfg:
            manager = QgsApplication.authManager()
            ok = (not manager.isDisabled() and self.client.authcfg in manager.configIds()
                  and manager.updateNetworkRequest(request, self.client.authcfg))
            if not ok:
                raise NetworkError(
                    tr("The authentication configuration {authcfg} could not be applied. "
                       "Check it in the Regionplan settings and in the QGIS authentication manager.")
                    .format(authcfg=self.client.authcfg),
                    kind="auth", url=safe_url(self.url))
        return request

    def _live_reply(self):
        """The reply, or None when there is none or Qt has already deleted it."""
        reply = self.reply
        if reply is None or sip.isdeleted(reply):
            return None
        return reply

    def _abort(self, reason: str) -> None:
        if self.abort_reason is None:
            self.abort_reason = reason
        reply = self._live_reply()
        if reply is not None and reply.isRunning():
            reply.abort()
        elif reply is None and self.loop is not None:
            self.loop.quit()

    def _guarded(self, body, *args) -> None:
        """Run a slot body; never let an exception out of it (see the class documentation)."""
        try:
            body(*args)
        except Exception as error:  # noqa: BLE001 - an exception leaving a PyQt slot aborts the process
            if self.slot_error is None:
                self.slot_error = error
            try:
                self._abort("internal")
                if self.loop is not None:
                    self.loop.quit()
            except Exception:  # noqa: BLE001 - the reply's finished signal still ends the loop
                pass

    def _on_ready_read(self) -> None:
        reply = self._live_reply()
        if reply is None:
            return
        data = bytes(reply.readAll())
        if data:
            self.last_activity = time.monotonic()
            self.buffer.extend(data)
            if len(self.buffer) > self.client.max_bytes:
                self._abort("too_large")

    def _on_meta_data(self) -> None:
        self.last_activity = time.monotonic()
        reply = self._live_reply()
        if reply is None:
            return
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        try:
            if length is not None and int(length) > self.client.max_bytes:
                self._abort("too_large")
        except (TypeError, ValueError):
            pass

    def _on_progress(self, *_args) -> None:
        self.last_activity = time.monotonic()

    def _on_ssl_errors(self, errors) -> None:
        self.ssl_errors.extend(error.errorString() for error in errors)
        self._abort("tls")

    def _on_tick(self) -> None:
        now = time.monotonic()
        if self.feedback is not None and self.feedback.isCanceled():
            self._abort("cancelled")
        elif self.deadline is not None and now > self.deadline:
            self._abort("deadline")
        elif now - self.last_activity > self.client.timeout_s:
            self._abort("timeout")
        elif self.reply is not None and self._live_reply() is None:
            self._abort("internal")  # deleted under us: end the loop rather than wait for ever

    def run(self):
        request = self._request()
        manager = QgsNetworkAccessManager.instance()
        _sync_thread_proxy(manager)
        self.loop = loop = QEventLoop()
        self.last_activity = time.monotonic()
        self.reply = reply = manager.get(request)
        slots = []
        timer = QTimer()
        timer.setInterval(_POLL_MS)
        try:
            slots = [
                (reply.finished, loop.quit),  # a C++ connection: ends the loop whatever happens in Python
                (reply.readyRead, lambda: self._guarded(self._on_ready_read)),
                (reply.metaDataChanged, lambda: self._guarded(self._on_meta_data)),
                (reply.downloadProgress, lambda *args: self._guarded(self._on_progress, *args)),
                (reply.sslErrors, lambda errors: self._guarded(self._on_ssl_errors, errors)),
                (timer.timeout, lambda: self._guarded(self._on_tick)),
            ]
            self._own_timeout(reply)
            if self.client.authcfg:
                QgsApplication.authManager().updateNetworkReply(reply, self.client.authcfg)
            for signal, slot in slots:
                signal.connect(slot)
            timer.start()
            if not reply.isFinished():
                runner = getattr(loop, "exec_", None) or loop.exec  # PyQt5 / PyQt6
                runner()
            timer.stop()
            if self._live_reply() is None:
                self.abort_reason = self.abort_reason or "internal"
                return None, {}, bytes(self.buffer), QNetworkReply.NetworkError.UnknownNetworkError, ""
            if self.abort_reason is None:
                self._guarded(self._on_ready_read)
            if self.abort_reason is None and self.url.scheme().lower() == "https" and reply.error() == 0:
                mode = reply.sslConfiguration().peerVerifyMode()
                if mode in (QSslSocket.PeerVerifyMode.VerifyNone, QSslSocket.PeerVerifyMode.QueryPeer):
                    self.abort_reason = "tls"
                    self.ssl_errors.append(tr("certificate verification was turned off"))
            return self._result(reply)
        except RuntimeError as error:
            # "wrapped C/C++ object ... has been deleted": the reply (or the loop) is gone under us,
            # as happens with many requests from tasks while the main thread spins its events.
            # A failed request (retried like a dropped connection), never an exception out of here.
            if self.slot_error is None:
                self.slot_error = error
            self.abort_reason = self.abort_reason or "internal"
            return None, {}, bytes(self.buffer), QNetworkReply.NetworkError.UnknownNetworkError, ""
        finally:
            try:
                timer.stop()
            except RuntimeError:
                pass
            self._release(reply, slots)

    def _release(self, reply, slots) -> None:
        """Disconnect our slots from the reply (and the timer), then let Qt delete the reply."""
        for signal, slot in slots:
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):  # never connected, or the reply is gone
                pass
        self.reply = None
        self.loop = None
        try:
            if sip.isdeleted(reply):
                return
            if reply.isRunning():
                reply.abort()
            reply.deleteLater()
        except RuntimeError:  # deleted meanwhile
            pass

    def _result(self, reply):
        """(status or None, headers, body, error code, error text)."""
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        headers = {}
        for name, value in reply.rawHeaderPairs():
            key = bytes(name).decode("latin-1").lower()
            text = bytes(value).decode("latin-1")
            headers[key] = headers[key] + ", " + text if key in headers else text
        return status, headers, bytes(self.buffer), reply.error(), reply.errorString()


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
        self.attempts = 0
        deadline = time.monotonic() + self.deadline_s
        attempt = 0
        while True:
            self._check_cancel(feedback, url)
            try:
                return self._get_once(url, headers, feedback, accept, deadline)
            except NetworkError as error:
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
            raise NetworkError(tr("The download was cancelled."), kind="cancelled", url=safe_url(str(url)))

    def _sleep(self, seconds: float, feedback, url) -> None:
        deadline = time.monotonic() + seconds
        event = threading.Event()
        while True:
            self._check_cancel(feedback, url)
            left = deadline - time.monotonic()
            if left <= 0:
                return
            event.wait(min(left, _POLL_MS / 1000.0))

    def _get_once(self, url, headers, feedback, accept, deadline=None) -> Response:
        qurl = QUrl(str(url))
        shown = safe_url(str(url))
        self._check_scheme(qurl, shown)
        for _redirect in range(MAX_REDIRECTS + 1):
            shown = safe_url(qurl)
            refused = self.refused.error(origin_key(qurl), shown)
            if refused is not None:
                raise refused  # the server asked to be left alone: no request reaches it
            self.attempts += 1
            attempt = _Attempt(self, qurl, headers, feedback, deadline)
            status, rheaders, body, code, error_text = attempt.run()
            self._raise_for_abort(attempt, qurl, shown, body)
            if status is None or (code != QNetworkReply.NetworkError.NoError and not self._http_error(code, status)):
                raise self._network_error(code, error_text, qurl, shown, status)
            status = int(status)
            if status in REDIRECT_STATUS and status not in accept:
                location = rheaders.get("location", "")
                target = qurl.resolved(QUrl(location))
                if not location or not target.isValid():
                    raise NetworkError(tr("The server at {url} sent a redirect without a valid target.")
                                       .format(url=shown), kind="redirect", url=shown, status=status)
                if target.scheme().lower() not in ("http", "https"):
                    raise NetworkError(
                        tr("The server at {url} redirected to a '{scheme}' address; only http and https are allowed.")
                        .format(url=shown, scheme=target.scheme()), kind="scheme", url=shown, status=status)
                if not _same_site(qurl, target):
                    raise NetworkError(
                        tr("The server at {url} redirected to another host ({host}); this is refused for safety. "
                           "Use the final address of the service in the settings.")
                        .format(url=shown, host=_host(target)), kind="redirect", url=shown, status=status)
                qurl = target
                continue
            if status in accept:
                return Response(url=qurl.toString(), status=status, headers=rheaders, body=body)
            self._check_refusal(qurl, shown, status, rheaders, deadline)
            raise self._status_error(status, shown, rheaders)
        raise NetworkError(tr("Too many redirects from {url}.").format(url=shown), kind="redirect", url=shown)

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

    @staticmethod
    def _check_scheme(qurl: QUrl, shown: str) -> None:
        if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https") or not qurl.host():
            raise NetworkError(
                tr("'{url}' is not an http or https address.").format(url=shown), kind="scheme", url=shown)

    @staticmethod
    def _http_error(code, status) -> bool:
        """Qt reports HTTP error statuses as errors too: those are answers, not failures."""
        return status is not None and code not in _UNREACHABLE_ERRORS and code not in (
            QNetworkReply.NetworkError.OperationCanceledError,
            QNetworkReply.NetworkError.TimeoutError,
            QNetworkReply.NetworkError.SslHandshakeFailedError,
        )

    def _raise_for_abort(self, attempt: _Attempt, qurl: QUrl, shown: str, body: bytes) -> None:
        reason = attempt.abort_reason
        if reason is None and attempt.ssl_errors:
            reason = "tls"
        if reason is None:
            return
        if reason == "cancelled":
            raise NetworkError(tr("The download was cancelled."), kind="cancelled", url=shown)
        if reason == "too_large":
            raise NetworkError(
                tr("The response from {url} is larger than the limit of {limit} MB and was refused.")
                .format(url=shown, limit=round(self.max_bytes / (1024 * 1024), 1)), kind="too_large", url=shown)
        if reason == "timeout":
            raise self._timeout_error(shown)
        if reason == "deadline":
            raise NetworkError(
                tr("The server at {url} did not finish its answer within {seconds} s. Try again later, or raise "
                   "the timeout in the Regionplan settings.").format(url=shown, seconds=round(self.deadline_s, 1)),
                kind="timeout", url=shown)
        if reason == "internal":
            detail = type(attempt.slot_error).__name__ if attempt.slot_error is not None else "?"
            raise NetworkError(
                tr("The request to {url} failed unexpectedly ({detail}). Try again.").format(url=shown, detail=detail),
                kind="unreachable", url=shown)
        raise self._tls_error(shown, "; ".join(attempt.ssl_errors))

    def _timeout_error(self, shown: str) -> NetworkError:
        return NetworkError(
            tr("The server at {url} did not answer within {seconds} s. Try again later, or raise the "
               "timeout in the Regionplan settings.").format(url=shown, seconds=round(self.timeout_s, 1)),
            kind="timeout", url=shown)

    @staticmethod
    def _tls_error(shown: str, detail: str) -> NetworkError:
        return NetworkError(
            tr("The secure connection to {url} failed: {detail}. The server's certificate is not trusted; "
               "ask the service provider, or add the certificate authority in the QGIS authentication settings.")
            .format(url=shown, detail=detail or tr("TLS handshake failed")), kind="tls", url=shown)

    def _network_error(self, code, error_text, qurl: QUrl, shown: str, status) -> NetworkError:
        host = _host(qurl)
        if code == QNetworkReply.NetworkError.SslHandshakeFailedError:
            return self._tls_error(shown, error_text)
        if code in (QNetworkReply.NetworkError.TimeoutError, QNetworkReply.NetworkError.OperationCanceledError):
            return self._timeout_error(shown)
        if code == QNetworkReply.NetworkError.RemoteHostClosedError and status is not None:
            return NetworkError(
                tr("The connection to {host} was interrupted before the response from {url} was complete. "
                   "Try again.").format(host=host, url=shown), kind="unreachable", url=shown)
        if code == QNetworkReply.NetworkError.HostNotFoundError:
            return NetworkError(
                tr("The host {host} was not found. Check the service address and your network connection.")
                .format(host=host), kind="unreachable", url=shown)
        if code in (QNetworkReply.NetworkError.ProxyConnectionRefusedError,
                    QNetworkReply.NetworkError.ProxyConnectionClosedError,
                    QNetworkReply.NetworkError.ProxyNotFoundError,
                    QNetworkReply.NetworkError.ProxyTimeoutError,
                    QNetworkReply.NetworkError.ProxyAuthenticationRequiredError,
                    QNetworkReply.NetworkError.UnknownProxyError):
            return NetworkError(
                tr("The proxy could not reach {url}. Check the proxy in the QGIS network settings.")
                .format(url=shown), kind="unreachable", url=shown)
        return NetworkError(
            tr("Could not connect to {host} ({url}). Check the service address and your network connection, "
               "or work offline from the cache.").format(host=host, url=shown),
            kind="unreachable", url=shown)

    @staticmethod
    def _status_error(status: int, shown: str, headers) -> NetworkError:
        retry_after = parse_retry_after(headers.get("retry-after"))
        if status in (401, 403):
            message = tr("The server at {url} refused access (HTTP {status}). Check the authentication "
                         "configuration in the Regionplan settings.").format(url=shown, status=status)
        elif status == 404:
            message = tr("Not found at {url} (HTTP 404). Check the service address and the profile.").format(
                url=shown)
        elif status == 429:
            message = tr("The server at {url} is busy (HTTP 429, too many requests). Try again later.").format(
                url=shown)
        elif status >= 500:
            message = tr("The server at {url} had an error (HTTP {status}). Try again later.").format(
                url=shown, status=status)
        else:
            message = tr("The server at {url} answered with an error (HTTP {status}).").format(url=shown, status=status)
        return NetworkError(message, kind="http", url=shown, status=status, retry_after=retry_after)


def parse_json(response: Response):
    """The body of ``response`` as JSON; NetworkError kind ``json`` with a clear message if it is not."""
    shown = safe_url(response.url)
    try:
        text = response.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NetworkError(tr("The response from {url} is not valid UTF-8 text.").format(url=shown),
                           kind="json", url=shown, status=response.status) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NetworkError(
            tr("The response from {url} is not valid JSON ({detail}). The service may be misconfigured.")
            .format(url=shown, detail=str(error)[:200]), kind="json", url=shown, status=response.status) from None
