"""core/http.py against real servers on loopback (fault_server, proxy, basic auth, TLS)."""

import glob
import os
import threading
import time

import pytest
from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from regionplan_plugin.core import paths
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient, Response, parse_retry_after, safe_url


def _error(client, url, **kwargs) -> NetworkError:
    with pytest.raises(NetworkError) as info:
        client.get(url, **kwargs)
    return info.value


def _json_error(client, url) -> NetworkError:
    with pytest.raises(NetworkError) as info:
        client.get_json(url)
    return info.value


# -- success ----------------------------------------------------------------------------------


def test_get_json_and_headers(fault_server):
    fault_server.route("/a", body={"name": "Örebro"}, headers={"ETag": '"v1"', "X-Thing": "Yes"})
    client = HttpClient(timeout_s=5, retries=0)
    assert client.get_json(fault_server.url_for("/a")) == {"name": "Örebro"}
    response = client.get(fault_server.url_for("/a"))
    assert isinstance(response, Response)
    assert response.status == 200
    assert response.headers["etag"] == '"v1"'
    assert response.headers["x-thing"] == "Yes"
    assert response.header("ETag") == '"v1"'
    assert response.url == fault_server.url_for("/a")


def test_user_agent_names_plugin_and_qgis(fault_server):
    from qgis.core import Qgis

    fault_server.route("/ua", body={})
    HttpClient(timeout_s=5, retries=0).get(fault_server.url_for("/ua"))
    headers = fault_server.requests[-1].headers
    version = Qgis.version().split("-")[0]
    assert headers["user-agent"] == f"Regionplan/{paths.plugin_version()} QGIS/{version}"
    assert not any(name.startswith("x-regionplan") for name in headers)


def test_conditional_request_304(fault_server):
    fault_server.route("/c", handler=lambda req: {"status": 304} if req.headers.get("if-none-match") == '"v1"'
                       else {"body": {"a": 1}, "headers": {"ETag": '"v1"'}})
    client = HttpClient(timeout_s=5, retries=0)
    first = client.get(fault_server.url_for("/c"), accept=(200, 304))
    assert first.status == 200
    second = client.get(fault_server.url_for("/c"), headers={"If-None-Match": '"v1"'}, accept=(200, 304))
    assert second.status == 304
    assert second.not_modified
    assert second.body == b""
    assert fault_server.requests[-1].headers["if-none-match"] == '"v1"'
    # without 304 in accept, a 304 is an error
    error = _error(client, fault_server.url_for("/c"), headers={"If-None-Match": '"v1"'})
    assert error.status == 304


def test_chunked_body(fault_server):
    fault_server.route("/chunked", body=b'{"features": [1, 2, 3]}', chunks=4, chunk_delay_s=0.05)
    assert HttpClient(timeout_s=5, retries=0).get_json(fault_server.url_for("/chunked")) == {"features": [1, 2, 3]}


# -- error kinds and their messages -------------------------------------------------------------


def test_unreachable(fault_server):
    port = fault_server.port
    fault_server.close()
    error = _error(HttpClient(timeout_s=5, retries=0), f"http://127.0.0.1:{port}/x")
    assert error.kind == "unreachable"
    assert str(error).startswith("Could not connect to 127.0.0.1")
    assert "work offline from the cache" in str(error)


def test_unknown_host():
    error = _error(HttpClient(timeout_s=5, retries=0), "http://no-such-host.invalid/x")
    assert error.kind == "unreachable"
    assert "The host no-such-host.invalid was not found" in str(error)


def test_timeout_does_not_hang(fault_server):
    fault_server.route("/slow", body={}, delay_s=20)
    client = HttpClient(timeout_s=1, retries=0)
    start = time.monotonic()
    error = _error(client, fault_server.url_for("/slow"))
    elapsed = time.monotonic() - start
    assert error.kind == "timeout"
    assert "did not answer within 1.0 s" in str(error)
    assert 0.9 <= elapsed < 3.0


def test_timeout_while_body_stalls(fault_server):
    fault_server.route("/stall", body=b'{"a": "' + b"x" * 1000 + b'"}', chunks=[b'{"a": "', b"x" * 1000 + b'"}'],
                       chunk_delay_s=20)
    start = time.monotonic()
    error = _error(HttpClient(timeout_s=1, retries=0), fault_server.url_for("/stall"))
    assert error.kind == "timeout"
    assert time.monotonic() - start < 3.0


def test_global_qgis_timeout_setting_untouched(fault_server):
    from qgis.core import QgsNetworkAccessManager

    before = QgsNetworkAccessManager.timeout()
    fault_server.route("/slow", body={}, delay_s=5)
    _error(HttpClient(timeout_s=0.5, retries=0), fault_server.url_for("/slow"))
    assert QgsNetworkAccessManager.timeout() == before


def test_own_timeout_governs_over_global_qgis_timeout(fault_server):
    from qgis.core import QgsNetworkAccessManager

    before = QgsNetworkAccessManager.timeout()
    fault_server.route("/slowish", body={"ok": 1}, delay_s=2)
    QgsNetworkAccessManager.setTimeout(1000)
    try:
        assert HttpClient(timeout_s=5, retries=0).get_json(fault_server.url_for("/slowish")) == {"ok": 1}
    finally:
        QgsNetworkAccessManager.setTimeout(before)
    assert QgsNetworkAccessManager.timeout() == before


@pytest.mark.parametrize("status", [400, 404, 410, 500, 502, 503])
def test_http_status_message(fault_server, status):
    fault_server.route("/s", status=status, body={"code": "x"})
    error = _error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/s"))
    assert error.kind == "http"
    assert error.status == status
    assert f"HTTP {status}" in str(error)
    assert fault_server.url_for("/s") in str(error)


@pytest.mark.parametrize("status", [401, 403])
def test_http_auth_status_says_check_authentication(fault_server, status):
    fault_server.route("/s", status=status, body={})
    error = _error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/s"))
    assert error.kind == "http"
    assert error.status == status
    assert str(error) == (f"The server at {fault_server.url_for('/s')} refused access (HTTP {status}). "
                          "Check the authentication configuration in the Regionplan settings.")


def test_invalid_json(fault_server):
    fault_server.route("/bad", body=b"{not json", content_type="application/json")
    error = _json_error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/bad"))
    assert error.kind == "json"
    assert str(error).startswith(f"The response from {fault_server.url_for('/bad')} is not valid JSON")


def test_truncated_json(fault_server):
    fault_server.route("/trunc", body=b'{"type": "FeatureCollection", "features": [{"ty')
    error = _json_error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/trunc"))
    assert error.kind == "json"
    assert "is not valid JSON" in str(error)


def test_html_instead_of_json(fault_server):
    fault_server.route("/html", body="<html><body>Login</body></html>", content_type="text/html")
    error = _json_error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/html"))
    assert error.kind == "json"


def test_non_utf8_body(fault_server):
    from tests.fixtures.faults import NON_UTF8

    fault_server.route("/latin", body=NON_UTF8)
    error = _json_error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/latin"))
    assert error.kind == "json"
    assert str(error) == f"The response from {fault_server.url_for('/latin')} is not valid UTF-8 text."


def test_reset_mid_body(fault_server):
    fault_server.route("/reset", body=b'{"a": "' + b"x" * 100000 + b'"}', reset_after_bytes=5000)
    client = HttpClient(timeout_s=5, retries=0)
    start = time.monotonic()
    error = _error(client, fault_server.url_for("/reset"))
    assert error.kind == "unreachable"
    assert time.monotonic() - start < 3
    assert "interrupted" in str(error) or "Could not connect" in str(error)


def test_non_http_url_refused(fault_server):
    client = HttpClient(timeout_s=5, retries=0)
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "", "not a url"):
        error = _error(client, url)
        assert error.kind == "scheme", url
        assert "is not an http or https address" in str(error)
    assert fault_server.requests == []


# -- size limit -----------------------------------------------------------------------------------


def test_too_large_with_content_length(fault_server):
    fault_server.route("/big", body_size=5 * 1024 * 1024)
    client = HttpClient(timeout_s=5, retries=0, max_bytes=1024 * 1024)
    error = _error(client, fault_server.url_for("/big"))
    assert error.kind == "too_large"
    assert str(error) == (f"The response from {fault_server.url_for('/big')} is larger than the limit of 1.0 MB "
                          "and was refused.")


def test_too_large_without_content_length(fault_server):
    fault_server.route("/big", body_size=20 * 1024 * 1024, send_length=False)
    client = HttpClient(timeout_s=5, retries=0, max_bytes=1024 * 1024)
    start = time.monotonic()
    error = _error(client, fault_server.url_for("/big"))
    assert error.kind == "too_large"
    assert time.monotonic() - start < 5


def test_body_at_limit_is_accepted(fault_server):
    fault_server.route("/fit", body=b"y" * 1000, send_length=False)
    response = HttpClient(timeout_s=5, retries=0, max_bytes=1000).get(fault_server.url_for("/fit"))
    assert response.body == b"y" * 1000


# -- cancel -----------------------------------------------------------------------------------------


def test_cancel_from_another_thread(fault_server):
    fault_server.route("/slow", body={}, delay_s=20)
    feedback = QgsFeedback()
    threading.Timer(0.5, feedback.cancel).start()
    start = time.monotonic()
    error = _error(HttpClient(timeout_s=30, retries=2), fault_server.url_for("/slow"), feedback=feedback)
    assert error.kind == "cancelled"
    assert str(error) == "The download was cancelled."
    assert time.monotonic() - start < 2.5
    assert fault_server.count("/slow") == 1


def test_cancelled_before_start(fault_server):
    fault_server.route("/a", body={})
    feedback = QgsFeedback()
    feedback.cancel()
    error = _error(HttpClient(timeout_s=5), fault_server.url_for("/a"), feedback=feedback)
    assert error.kind == "cancelled"
    assert fault_server.requests == []


def test_cancel_interrupts_retry_wait(fault_server):
    fault_server.route("/busy", status=503, retry_after=20, body={})
    feedback = QgsFeedback()
    threading.Timer(0.5, feedback.cancel).start()
    start = time.monotonic()
    error = _error(HttpClient(timeout_s=5, retries=3), fault_server.url_for("/busy"), feedback=feedback)
    assert error.kind == "cancelled"
    assert time.monotonic() - start < 2.0
    assert fault_server.count("/busy") == 1


# -- retries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retry_then_success(fault_server, status):
    fault_server.route("/r", status=status, body={}, times=2)
    fault_server.route("/r", body={"ok": True})
    client = HttpClient(timeout_s=5, retries=2, backoff_s=0.05)
    assert client.get_json(fault_server.url_for("/r")) == {"ok": True}
    assert fault_server.count("/r") == 3


def test_retries_are_bounded(fault_server):
    fault_server.route("/r", status=503, body={})
    client = HttpClient(timeout_s=5, retries=2, backoff_s=0.05)
    error = _error(client, fault_server.url_for("/r"))
    assert error.status == 503
    assert fault_server.count("/r") == 3


def test_exponential_backoff(fault_server):
    fault_server.route("/r", status=500, body={})
    start = time.monotonic()
    _error(HttpClient(timeout_s=5, retries=3, backoff_s=0.2), fault_server.url_for("/r"))
    times = [request.time for request in fault_server.requests]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 3
    assert gaps[0] >= 0.19 and gaps[1] >= 0.39 and gaps[2] >= 0.79
    assert time.monotonic() - start < 3


def test_retry_after_is_honoured(fault_server):
    fault_server.route("/r", status=503, retry_after=1, body={}, times=1)
    fault_server.route("/r", body={"ok": 1})
    start = time.monotonic()
    assert HttpClient(timeout_s=5, retries=2, backoff_s=0.01).get_json(fault_server.url_for("/r")) == {"ok": 1}
    assert time.monotonic() - start >= 1.0
    assert fault_server.count("/r") == 2
    gap = fault_server.requests[1].time - fault_server.requests[0].time
    assert gap >= 1.0


def test_retry_after_is_capped():
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("100000") == 30.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert 0 <= parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") <= 30


def test_no_retry_on_404(fault_server):
    fault_server.route("/missing", status=404, body={})
    error = _error(HttpClient(timeout_s=5, retries=3, backoff_s=0.01), fault_server.url_for("/missing"))
    assert error.status == 404
    assert fault_server.count("/missing") == 1


def test_retry_after_timeout(fault_server):
    fault_server.route("/slow", body={}, delay_s=5, times=1)
    fault_server.route("/slow", body={"ok": 1})
    assert HttpClient(timeout_s=0.5, retries=1, backoff_s=0.01).get_json(fault_server.url_for("/slow")) == {"ok": 1}
    assert fault_server.count("/slow") == 2


# -- redirects --------------------------------------------------------------------------------------


def test_same_host_redirect_followed(fault_server):
    fault_server.route("/old", status=301, headers={"Location": "/new?x=1"})
    fault_server.route("/new", body={"here": True})
    response = HttpClient(timeout_s=5, retries=0).get(fault_server.url_for("/old"), headers={"X-Test": "kept"})
    assert response.status == 200
    assert response.url == fault_server.url_for("/new?x=1")
    assert fault_server.paths() == ["/old", "/new?x=1"]
    assert fault_server.requests[1].headers["x-test"] == "kept"


def test_redirect_to_other_host_refused(fault_server):
    fault_server.route("/old", status=302, headers={"Location": fault_server.other_host_url("/new")})
    fault_server.route("/new", body={})
    error = _error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/old"))
    assert error.kind == "redirect"
    assert "redirected to another host (localhost)" in str(error)
    assert fault_server.paths() == ["/old"]


def test_redirect_to_file_refused(fault_server):
    fault_server.route("/old", status=302, headers={"Location": "file:///etc/passwd"})
    error = _error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/old"))
    assert error.kind == "scheme"
    assert "redirected to a 'file' address" in str(error)


def test_redirect_loop_stops(fault_server):
    fault_server.route("/loop", status=302, headers={"Location": "/loop"})
    error = _error(HttpClient(timeout_s=5, retries=0), fault_server.url_for("/loop"))
    assert error.kind == "redirect"
    assert fault_server.count("/loop") <= 6


# -- credentials never in messages -------------------------------------------------------------------


def test_user_info_removed_from_messages(fault_server):
    fault_server.route("/s", status=500, body={})
    url = f"http://bob:hunter2@127.0.0.1:{fault_server.port}/s"
    error = _error(HttpClient(timeout_s=5, retries=0), url)
    assert "hunter2" not in str(error) and "hunter2" not in error.url
    assert safe_url(url) == fault_server.url_for("/s")


# -- threads ----------------------------------------------------------------------------------------


class _FetchTask(QgsTask):
    def __init__(self, url):
        super().__init__("fetch", QgsTask.Flag.CanCancel)
        self.url = url
        self.result_json = None
        self.error = None
        self.thread_name = None

    def run(self):
        self.thread_name = threading.current_thread().name
        try:
            self.result_json = HttpClient(timeout_s=5, retries=0).get_json(self.url)
            return True
        except Exception as error:  # kept for the main thread, as a real task does
            self.error = error
            return False


def _wait_task(task, timeout_s=20):
    done = threading.Event()
    task.taskCompleted.connect(done.set)
    task.taskTerminated.connect(done.set)
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + timeout_s
    while not done.is_set() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert done.is_set(), "task did not finish"


def test_request_from_qgstask_thread(fault_server):
    fault_server.route("/t", body={"from": "task"})
    task = _FetchTask(fault_server.url_for("/t"))
    _wait_task(task)
    assert task.error is None
    assert task.result_json == {"from": "task"}
    assert task.thread_name != threading.main_thread().name


def test_error_from_qgstask_thread(fault_server):
    fault_server.route("/t", status=404, body={})
    task = _FetchTask(fault_server.url_for("/t"))
    _wait_task(task)
    assert isinstance(task.error, NetworkError)
    assert task.error.status == 404


def test_settings_defaults_used(fault_server):
    from regionplan_plugin.core import settings

    settings.TIMEOUT_S.set(7)
    try:
        assert HttpClient().timeout_s == 7
    finally:
        settings.TIMEOUT_S.reset()
    assert HttpClient().timeout_s == 30
    assert HttpClient().authcfg == ""


def _ini_files():
    from qgis.core import QgsApplication as App

    return glob.glob(os.path.join(App.qgisSettingsDirPath(), "**", "*.ini"), recursive=True)


# -- proxy, authentication, TLS ------------------------------------------------------------------------


def _mine(proxy, server):
    # the test profile's settings file may be shared with another test session running at the
    # same time in this checkout, whose requests then pass the proxy too: count only ours
    return [url for url in proxy.requests if url.startswith(server.url + "/")]


def test_requests_go_through_the_qgis_proxy(fault_server, http_proxy):
    fault_server.route("/via", body={"proxied": True})
    response = HttpClient(timeout_s=5, retries=0).get(fault_server.url_for("/via"))
    assert response.status == 200
    assert response.headers.get("via") == "1.1 regionplan-test-proxy"
    assert _mine(http_proxy, fault_server) == [fault_server.url_for("/via")]
    assert fault_server.paths() == ["/via"]


def test_proxy_used_from_qgstask_threads(fault_server, request):
    fault_server.route("/t", body={"a": 1})
    for _ in range(3):  # worker threads whose network managers exist before the proxy is set
        task = _FetchTask(fault_server.url_for("/t"))
        _wait_task(task)
        assert task.error is None
    proxy = request.getfixturevalue("http_proxy")
    for _ in range(3):
        task = _FetchTask(fault_server.url_for("/t"))
        _wait_task(task)
        assert task.error is None and task.result_json == {"a": 1}
    assert _mine(proxy, fault_server) == [fault_server.url_for("/t")] * 3


def test_proxy_settings_restored_after_proxy_test(fault_server):
    # runs after the proxy test: nothing of its proxy is left
    from qgis.core import QgsSettings

    assert not QgsSettings().value("proxy/proxyEnabled", False, type=bool)
    fault_server.route("/direct", body={})
    response = HttpClient(timeout_s=5, retries=0).get(fault_server.url_for("/direct"))
    assert "via" not in response.headers
    # and the task threads no longer use it either (QGIS's own requests there included)
    from qgis.core import QgsNetworkAccessManager
    from qgis.PyQt.QtNetwork import QNetworkProxy

    seen = []

    def probe(_task):
        seen.append(QgsNetworkAccessManager.instance().fallbackProxy().type())
        return True

    for _ in range(3):
        _wait_task(QgsTask.fromFunction("probe", probe))
    assert seen and all(kind != QNetworkProxy.ProxyType.HttpProxy for kind in seen)


def test_basic_auth_401_without_authcfg(basic_auth_server):
    basic_auth_server.route("/secret", body={"data": 1})
    error = _error(HttpClient(timeout_s=5, retries=0, authcfg=""), basic_auth_server.url_for("/secret"))
    assert error.kind == "http"
    assert error.status == 401
    assert "Check the authentication configuration in the Regionplan settings" in str(error)


def test_basic_auth_with_authcfg_and_no_password_in_settings(basic_auth_server, basic_authcfg):
    from qgis.core import QgsApplication, QgsSettings

    from regionplan_plugin.core import settings
    from tests.fixtures.netfixtures import BASIC_PASSWORD

    basic_auth_server.route("/secret", body={"data": 1})
    basic_auth_server.route("/gone", status=404, body={})
    logged = []

    def keep(message, *_args):
        logged.append(str(message))

    QgsApplication.messageLog().messageReceived.connect(keep)
    settings.AUTHCFG.set(basic_authcfg)
    try:
        client = HttpClient(timeout_s=5, retries=0)
        assert client.authcfg == basic_authcfg
        assert client.get_json(basic_auth_server.url_for("/secret")) == {"data": 1}
        error = _error(client, basic_auth_server.url_for("/gone"))
        assert BASIC_PASSWORD not in str(error) and BASIC_PASSWORD not in error.url
    finally:
        settings.AUTHCFG.reset()
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    assert not any(BASIC_PASSWORD in message for message in logged)
    assert basic_auth_server.requests[-1].headers["authorization"].startswith("Basic ")
    QgsSettings().sync()
    secret = BASIC_PASSWORD.encode("utf-8")
    scanned = 0
    for base, _dirs, files in os.walk(QgsApplication.qgisSettingsDirPath()):
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as handle:
                content = handle.read()
            scanned += 1
            assert secret not in content, path
            assert BASIC_PASSWORD.encode("latin-1", "replace") not in content, path
    assert scanned > 0
    assert _ini_files(), "no QgsSettings ini file found to scan"
    settings_file = QgsSettings().fileName()
    assert os.path.isfile(settings_file)
    with open(settings_file, "rb") as handle:
        content = handle.read()
    assert secret not in content
    assert basic_authcfg.encode() not in content  # the id was only set for the test, then reset


def test_unknown_authcfg_is_a_clear_error(fault_server):
    fault_server.route("/a", body={})
    error = _error(HttpClient(timeout_s=5, retries=0, authcfg="nosuch1"), fault_server.url_for("/a"))
    assert "nosuch1" in str(error)
    assert "authentication" in str(error)
    assert fault_server.requests == []


def test_tls_self_signed_refused(tls_server):
    tls_server.route("/x", body={"secure": True})
    start = time.monotonic()
    error = _error(HttpClient(timeout_s=5, retries=2, backoff_s=0.01), tls_server.url_for("/x"))
    assert error.kind == "tls"
    assert str(error).startswith(f"The secure connection to {tls_server.url_for('/x')} failed")
    assert "not trusted" in str(error)
    assert time.monotonic() - start < 5
    assert tls_server.requests == []


def test_tls_verification_cannot_be_turned_off(tls_server, qgis_app):
    """A per-host SSL exception in the QGIS authentication settings (verify none, ignore the
    self-signed error) would make QGIS accept the server; the plugin still refuses it."""
    from qgis.core import QgsApplication, QgsAuthConfigSslServer
    from qgis.PyQt.QtNetwork import QSslCertificate, QSslError, QSslSocket

    from tests.fixtures.netfixtures import _auth_manager

    tls_server.route("/x", body={"secure": True})
    manager = _auth_manager()
    hostport = f"127.0.0.1:{tls_server.port}"
    config = QgsAuthConfigSslServer()
    config.setSslHostPort(hostport)
    config.setSslCertificate(QSslCertificate.fromPath(tls_server.cert_path)[0])
    config.setSslPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyNone)
    config.setSslIgnoredErrorEnums([QSslError.SslError.SelfSignedCertificate, QSslError.SslError.HostNameMismatch])
    assert manager.storeSslCertCustomConfig(config)
    try:
        assert not QgsApplication.authManager().sslCertCustomConfigByHost(hostport).isNull()
        error = _error(HttpClient(timeout_s=5, retries=0), tls_server.url_for("/x"))
        assert error.kind == "tls"
        assert "not trusted" in str(error)
        assert tls_server.requests == []
    finally:
        from qgis.core import QgsAuthCertUtils

        manager.removeSslCertCustomConfig(QgsAuthCertUtils.shaHexForCert(config.sslCertificate()), hostport)
        assert manager.sslCertCustomConfigByHost(hostport).isNull()


def test_a_certificate_authority_trusted_in_qgis_is_trusted(tls_server, qgis_app):
    """A region's own certificate authority, added as trusted in the QGIS authentication
    manager, is trusted by the plugin's requests too (as by QGIS's own requests)."""
    from qgis.core import QgsAuthCertUtils
    from qgis.PyQt.QtNetwork import QSslCertificate

    from tests.fixtures.netfixtures import _auth_manager

    tls_server.route("/x", body={"secure": True})
    error = _error(HttpClient(timeout_s=5, retries=0), tls_server.url_for("/x"))
    assert error.kind == "tls" and "not trusted" in str(error)
    manager = _auth_manager()
    cert = QSslCertificate.fromPath(tls_server.cert_path)[0]
    assert manager.storeCertAuthority(cert)
    manager.storeCertTrustPolicy(cert, QgsAuthCertUtils.CertTrustPolicy.Trusted)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    try:
        assert HttpClient(timeout_s=5, retries=0).get_json(tls_server.url_for("/x")) == {"secure": True}
    finally:
        manager.removeCertAuthority(cert)
        manager.removeCertTrustPolicy(cert)
        manager.rebuildCaCertsCache()
        manager.rebuildTrustedCaCertsCache()


class _TlsTask(_FetchTask):
    pass


def test_tls_error_from_qgstask_thread(tls_server):
    tls_server.route("/x", body={})
    task = _TlsTask(tls_server.url_for("/x"))
    _wait_task(task)
    assert isinstance(task.error, NetworkError)
    assert task.error.kind == "tls"


class _CancelTask(QgsTask):
    def __init__(self, url, feedback):
        super().__init__("fetch", QgsTask.Flag.CanCancel)
        self.url = url
        self.feedback = feedback
        self.error = None

    def run(self):
        try:
            HttpClient(timeout_s=30, retries=0).get(self.url, feedback=self.feedback)
        except Exception as error:
            self.error = error
        return self.error is None


def test_cancel_request_in_qgstask(fault_server):
    fault_server.route("/slow", body={}, delay_s=20)
    feedback = QgsFeedback()
    task = _CancelTask(fault_server.url_for("/slow"), feedback)
    threading.Timer(0.5, feedback.cancel).start()
    start = time.monotonic()
    _wait_task(task)
    assert isinstance(task.error, NetworkError) and task.error.kind == "cancelled"
    assert time.monotonic() - start < 3


def test_timeout_in_qgstask(fault_server):
    fault_server.route("/slow", body={}, delay_s=20)

    class _Slow(_FetchTask):
        def run(self):
            try:
                HttpClient(timeout_s=1, retries=0).get(self.url)
            except Exception as error:
                self.error = error
            return False

    task = _Slow(fault_server.url_for("/slow"))
    start = time.monotonic()
    _wait_task(task)
    assert isinstance(task.error, NetworkError) and task.error.kind == "timeout"
    assert time.monotonic() - start < 4


def test_header_values_cannot_inject_headers(fault_server):
    fault_server.route("/h", body={})
    HttpClient(timeout_s=5, retries=0).get(
        fault_server.url_for("/h"), headers={"If-None-Match": '"v1"\r\nX-Injected: yes', "X-Name": "Örebro ☃"})
    headers = fault_server.requests[-1].headers
    assert "x-injected" not in headers
    assert headers["if-none-match"].startswith('"v1"')
    assert headers["x-name"] == "Örebro ?"


def test_retry_after_connection_reset(fault_server):
    fault_server.route("/r", body=b'{"a": "' + b"x" * 50000 + b'"}', reset_after_bytes=100, times=1)
    fault_server.route("/r", body={"ok": True})
    assert HttpClient(timeout_s=5, retries=1, backoff_s=0.01).get_json(fault_server.url_for("/r")) == {"ok": True}
    assert fault_server.count("/r") == 2


def test_cancel_while_body_is_downloading(fault_server):
    pieces = [b'{"a": "'] + [b"x" * 1000] * 100 + [b'"}']
    fault_server.route("/trickle", body=b"".join(pieces), chunks=pieces, chunk_delay_s=0.2)
    feedback = QgsFeedback()
    threading.Timer(0.7, feedback.cancel).start()
    start = time.monotonic()
    error = _error(HttpClient(timeout_s=5, retries=2), fault_server.url_for("/trickle"), feedback=feedback)
    assert error.kind == "cancelled"
    assert time.monotonic() - start < 2
    assert fault_server.count("/trickle") == 1


def test_trickling_body_is_not_a_timeout(fault_server):
    pieces = [b'{"a": "'] + [b"x"] * 8 + [b'"}']
    fault_server.route("/trickle", body=b"".join(pieces), chunks=pieces, chunk_delay_s=0.2)
    # each piece comes well within the 1 s timeout, the whole body takes ~2 s
    assert HttpClient(timeout_s=1, retries=0).get_json(fault_server.url_for("/trickle")) == {"a": "x" * 8}


def test_retry_after_http_date(fault_server):
    from email.utils import formatdate

    fault_server.route("/r", status=429, headers={"Retry-After": formatdate(time.time() + 2, usegmt=True)},
                       body={}, times=1)
    fault_server.route("/r", body={"ok": 1})
    start = time.monotonic()
    assert HttpClient(timeout_s=5, retries=1, backoff_s=0.01).get_json(fault_server.url_for("/r")) == {"ok": 1}
    assert time.monotonic() - start >= 0.9


def test_no_code_turns_tls_verification_off():
    """No plugin code ignores TLS errors or turns peer verification off."""
    import re

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    offenders = []
    for base, _dirs, files in os.walk(os.path.join(root, "regionplan_plugin")):
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(base, name)
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if re.search(r"ignoreSslErrors|setPeerVerifyMode\(.*VerifyNone|CERT_NONE|verify\s*=\s*False", line):
                        offenders.append(f"{os.path.relpath(path, root)}:{number}")
    assert offenders == []


def test_basic_auth_401_from_qgstask_thread(basic_auth_server):
    basic_auth_server.route("/secret", body={"data": 1})
    task = _FetchTask(basic_auth_server.url_for("/secret"))
    start = time.monotonic()
    _wait_task(task)
    assert isinstance(task.error, NetworkError)
    assert task.error.status == 401
    assert time.monotonic() - start < 5
