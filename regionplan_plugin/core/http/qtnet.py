"""What the client takes from Qt's network stack: a network manager of its own in each thread, set
up from the user's QGIS proxy settings for each request, and the TLS settings of a request.

Why not ``QgsNetworkAccessManager.instance()``: that manager is shared with QGIS's own providers,
forwards every request's signals to the main thread's manager, and, driven from Python in task
threads while the main thread runs its events, it lost replies under us and crashed the process
(a segfault or a corrupted heap within seconds with four tasks fetching at once; see
``tests/helpers/http_stress_proc.py``). A plain ``QNetworkAccessManager`` of the requesting
thread does not. What QGIS's manager adds is done here instead: the proxy of
the QGIS settings (the same rules as QGIS: no-proxy and excluded addresses, the system proxy,
the proxy's authentication configuration) and the certificate authorities trusted in the QGIS
authentication database. Our User-Agent is kept as it is (QGIS's manager replaced it, which
needed a Python request pre-processor in every request QGIS made, in every thread)."""

import threading

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QThread
from qgis.PyQt.QtNetwork import (
    QNetworkAccessManager,
    QNetworkProxy,
    QNetworkProxyFactory,
    QNetworkProxyQuery,
    QSslSocket,
)

from .. import paths


def user_agent() -> str:
    return f"Regionplan/{paths.plugin_version()} QGIS/{Qgis.version().split('-')[0]}"


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


def proxy_for(url) -> QNetworkProxy:
    """The proxy QGIS would use for ``url`` (a QUrl), read from the current QGIS settings."""
    qsettings = QgsSettings()
    if not qsettings.value("proxy/proxyEnabled", False, type=bool):
        return QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)
    text = url.toString()
    for prefix in _as_list(qsettings.value("proxy/noProxyUrls", [])):
        if prefix.strip() and text.startswith(prefix):
            return QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)
    for prefix in _as_list(qsettings.value("proxy/proxyExcludedUrls", [])):
        if prefix.strip() and text.startswith(prefix):
            return QNetworkProxy(QNetworkProxy.ProxyType.DefaultProxy)
    kind = str(qsettings.value("proxy/proxyType", "") or "")
    if kind == "DefaultProxy":  # the system's proxy
        found = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(url))
        return found[0] if found else QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)
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
    return proxy


_managers = {}  # threading.get_ident() -> that thread's network manager
_managers_lock = threading.Lock()


def thread_manager(url) -> QNetworkAccessManager:
    """The calling thread's network manager, with the proxy for ``url``. It is made in this thread
    on first use, belongs to Qt and is deleted when the thread ends (a QgsTask pool thread ends
    after a while unused). One per thread, not one per request: making and deleting a manager per
    request, each with its own network thread, crashed the main thread under load."""
    ident = threading.get_ident()
    thread = QThread.currentThread()
    with _managers_lock:
        manager = _managers.get(ident)
    if manager is None or sip.isdeleted(manager) or manager.thread() != thread:
        manager = QNetworkAccessManager()
        sip.transferto(manager, None)  # Qt's, not Python's: deleted in its thread, never by a collector
        thread.finished.connect(manager.deleteLater)
        with _managers_lock:
            _managers[ident] = manager
    proxy = proxy_for(url)
    if manager.proxy() != proxy:
        manager.setProxy(proxy)
    return manager


def secure(request) -> None:
    """TLS for an https request: peer verification on (no setting or per-host exception of QGIS
    turns it off), and the certificate authorities the user trusts in QGIS added to the system's."""
    if request.url().scheme().lower() != "https":
        return
    ssl_config = request.sslConfiguration()
    ssl_config.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyPeer)
    manager = QgsApplication.authManager()
    if not manager.isDisabled():
        known = {bytes(cert.digest()) for cert in ssl_config.caCertificates()}
        extra = [cert for cert in manager.trustedCaCertsCache() if bytes(cert.digest()) not in known]
        if extra:
            ssl_config.setCaCertificates(list(ssl_config.caCertificates()) + extra)
    request.setSslConfiguration(ssl_config)
