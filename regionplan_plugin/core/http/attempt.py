"""One HTTP exchange (no redirect following, no retry) in a local event loop."""

import time

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest, QSslSocket

from ..errors import NetworkError
from ..i18n import tr
from . import oauth2
from .base import _POLL_MS, DEADLINE_BYTES_PER_S, _header_bytes, safe_url
from .qtnet import secure, thread_manager, user_agent


def _method(manager, authcfg: str) -> str:
    """The method key of an authentication configuration ("Basic", "OAuth2"...), never its secrets."""
    try:
        return str(manager.configAuthMethodKey(authcfg) or "")
    except Exception:  # noqa: BLE001 - only for a better message
        return ""


class _Attempt:
    """One HTTP exchange (no redirect following, no retry) in a local event loop.

    The slots connected to the reply never raise: an exception in a PyQt slot aborts the
    process. Each slot body runs in :meth:`_guarded`, which records the error on the attempt
    (``slot_error``) and aborts the request instead; the reply may also already be deleted
    (``sip.isdeleted``)."""

    def __init__(self, client, url: QUrl, headers, feedback, deadline=None, data=None):
        self.client = client
        self.data = data  # bytes: a POST (an OAuth2 token request), else a GET
        self.bearer = None  # the OAuth2 client credentials token sent, if any
        self.url = url
        self.headers = headers
        self.feedback = feedback
        self.deadline = deadline  # time.monotonic() value after which the request is aborted
        self.buffer = bytearray()
        self.abort_reason = None  # "cancelled", "too_large", "timeout", "deadline", "tls", "internal"
        self.slot_error = None
        self.ssl_errors = []
        self.manager = None  # the thread's network manager (qtnet.thread_manager)
        self.reply = None
        self.loop = None
        self.timer = None
        self.slots = []
        self.start_error = None
        self.last_activity = time.monotonic()

    def _request(self) -> QNetworkRequest:
        request = QNetworkRequest(self.url)
        request.setRawHeader(b"User-Agent", user_agent().encode("utf-8"))
        secure(request)
        for name, value in (self.headers or {}).items():
            request.setRawHeader(_header_bytes(name), _header_bytes(value))
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                             QNetworkRequest.CacheLoadControl.AlwaysNetwork)
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.ManualRedirectPolicy)
        creds = oauth2.credentials(self.client.authcfg) if self.client.authcfg else None
        if creds is not None:  # client credentials: our own token request (QGIS's method has none)
            self.bearer = oauth2.bearer(creds, self.feedback)
            request.setRawHeader(b"Authorization", b"Bearer " + _header_bytes(self.bearer))
        elif self.client.authcfg:
            manager = QgsApplication.authManager()
            known = not manager.isDisabled() and self.client.authcfg in manager.configIds()
            # PyQGIS returns (ok, request): a bare tuple would always read as success
            applied = manager.updateNetworkRequest(request, self.client.authcfg) if known else False
            ok = applied[0] if isinstance(applied, tuple) else bool(applied)
            if known and not ok and _method(manager, self.client.authcfg) == "OAuth2":
                raise NetworkError(
                    tr("The authentication configuration {authcfg} (OAuth2) got no access token from its token "
                       "endpoint. Check the token URL, the client id and secret and the account in the QGIS "
                       "authentication manager.").format(authcfg=self.client.authcfg),
                    kind="auth", url=safe_url(self.url))
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
        elif self.deadline is not None and now > self.deadline + len(self.buffer) / DEADLINE_BYTES_PER_S:
            self._abort("deadline")
        elif now - self.last_activity > self.client.timeout_s:
            self._abort("timeout")
        elif self.reply is not None and self._live_reply() is None:
            self._abort("internal")  # deleted under us: end the loop rather than wait for ever

    def start(self) -> None:
        """Send the request and return at once (Qt's network thread receives the answer meanwhile);
        :meth:`run` waits for it. A request sent ahead this way is either waited for or
        :meth:`discard`-ed, in the thread that sent it."""
        request = self._request()
        self.manager = manager = thread_manager(self.url)
        self.loop = loop = QEventLoop()
        self.last_activity = time.monotonic()
        if self.data is None:
            self.reply = reply = manager.get(request)
        else:
            self.reply = reply = manager.post(request, QByteArray(self.data))
        self.timer = timer = QTimer()
        timer.setInterval(_POLL_MS)
        self.slots = []
        try:
            self.slots = [
                (reply.finished, loop.quit),  # a C++ connection: ends the loop whatever happens in Python
                (reply.readyRead, lambda: self._guarded(self._on_ready_read)),
                (reply.metaDataChanged, lambda: self._guarded(self._on_meta_data)),
                (reply.downloadProgress, lambda *args: self._guarded(self._on_progress, *args)),
                (reply.sslErrors, lambda errors: self._guarded(self._on_ssl_errors, errors)),
                (timer.timeout, lambda: self._guarded(self._on_tick)),
            ]
            if self.client.authcfg and self.bearer is None:
                QgsApplication.authManager().updateNetworkReply(reply, self.client.authcfg)
            for signal, slot in self.slots:
                signal.connect(slot)
        except RuntimeError as error:  # the reply is gone under us: a failed request (see run)
            self.start_error = error

    def send_now(self) -> None:
        """Let Qt send the request started by :meth:`start` (it does so from this thread's event
        loop): one short turn of the request's own loop, then return while the answer arrives."""
        if self.start_error is None and self.reply is not None and self.loop is not None:
            QTimer.singleShot(0, self.loop.quit)
            runner = getattr(self.loop, "exec_", None) or self.loop.exec  # PyQt5 / PyQt6
            runner()

    def discard(self) -> None:
        """Abandon a request sent ahead and never waited for (the pages ended, or failed)."""
        if self.reply is not None:
            self._release(self.reply, self.slots)

    def run(self):
        """Send the request (unless :meth:`start` did) and wait for its answer: ``(status or None,
        headers, body, error code, error text)``."""
        if self.reply is None:
            self.start()
        reply, loop, timer = self.reply, self.loop, self.timer
        try:
            if self.start_error is not None:
                raise self.start_error
            # the timeout and deadline count from now: a request sent ahead waited for us meanwhile
            self.last_activity = max(self.last_activity, time.monotonic())
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
            if self.abort_reason == "tls" or self.ssl_errors:
                # the next request builds its connection anew, with the certificate authorities
                # trusted then (Qt keeps a host's connection, and its TLS settings, for a while)
                self.manager.clearConnectionCache()
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
            self._release(reply, self.slots)

    def _release(self, reply, slots) -> None:
        """Disconnect our slots from the reply (and the timer), then let Qt delete the reply."""
        for signal, slot in slots:
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):  # never connected, or the reply is gone
                pass
        # the slots refer to this attempt: no cycle is left (a download runs with the collector off)
        self.slots = []
        self.timer = None
        self.reply = None
        self.loop = None
        self.manager = None
        try:
            if reply is not None and not sip.isdeleted(reply):
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
