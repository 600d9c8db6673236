"""What the client sets on the QGIS network stack: our User-Agent (a request pre-processor,
which also forces TLS peer verification) and a worker thread's proxy kept in line with the
user's settings."""

import threading

from qgis.core import Qgis, QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QThread
from qgis.PyQt.QtNetwork import QNetworkProxy, QSslSocket

from .. import paths


def user_agent() -> str:
    return f"Regionplan/{paths.plugin_version()} QGIS/{Qgis.version().split('-')[0]}"


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
