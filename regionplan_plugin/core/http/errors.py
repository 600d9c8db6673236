"""The client's messages: one clear, translated :class:`NetworkError` per failure kind.

URLs in messages are the ``shown`` form (:func:`core.http.base.safe_url`: no user info)."""

from qgis.PyQt.QtNetwork import QNetworkReply

from ..errors import NetworkError
from ..i18n import N_, tr
from .base import _host, parse_retry_after

_PROXY_ERRORS = (
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyConnectionClosedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
    QNetworkReply.NetworkError.ProxyTimeoutError,
    QNetworkReply.NetworkError.ProxyAuthenticationRequiredError,
    QNetworkReply.NetworkError.UnknownProxyError,
)
_UNREACHABLE_ERRORS = {
    QNetworkReply.NetworkError.ConnectionRefusedError,
    QNetworkReply.NetworkError.HostNotFoundError,
    QNetworkReply.NetworkError.RemoteHostClosedError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.UnknownNetworkError,
    *_PROXY_ERRORS,
}


def is_http_answer(code, status) -> bool:
    """Qt reports HTTP error statuses as errors too: those are answers, not failures."""
    return status is not None and code not in _UNREACHABLE_ERRORS and code not in (
        QNetworkReply.NetworkError.OperationCanceledError,
        QNetworkReply.NetworkError.TimeoutError,
        QNetworkReply.NetworkError.SslHandshakeFailedError,
    )


def cancelled_error(shown: str) -> NetworkError:
    return NetworkError(tr("The download was cancelled."), kind="cancelled", url=shown)


def not_http_error(shown: str) -> NetworkError:
    return NetworkError(
        tr("'{url}' is not an http or https address.").format(url=shown), kind="scheme", url=shown)


def redirect_error(qurl, target, shown: str, status: int, location: str):
    """The error for a redirect from ``qurl`` to ``target`` that is not followed, or None when
    the target is valid (the same-site rule is the caller's: :func:`redirect_host_error`)."""
    if not location or not target.isValid():
        return NetworkError(tr("The server at {url} sent a redirect without a valid target.")
                            .format(url=shown), kind="redirect", url=shown, status=status)
    if target.scheme().lower() not in ("http", "https"):
        return NetworkError(
            tr("The server at {url} redirected to a '{scheme}' address; only http and https are allowed.")
            .format(url=shown, scheme=target.scheme()), kind="scheme", url=shown, status=status)
    return None


def redirect_host_error(target, shown: str, status: int) -> NetworkError:
    return NetworkError(
        tr("The server at {url} redirected to another host ({host}); this is refused for safety. "
           "Use the final address of the service in the settings.")
        .format(url=shown, host=_host(target)), kind="redirect", url=shown, status=status)


def too_many_redirects_error(shown: str) -> NetworkError:
    return NetworkError(tr("Too many redirects from {url}.").format(url=shown), kind="redirect", url=shown)


def abort_error(attempt, shown: str, max_bytes: int, timeout_s: float, deadline_s: float):
    """The error for an attempt that was aborted (or had TLS errors), or None."""
    reason = attempt.abort_reason
    if reason is None and attempt.ssl_errors:
        reason = "tls"
    if reason is None:
        return None
    if reason == "cancelled":
        return cancelled_error(shown)
    if reason == "too_large":
        return NetworkError(
            tr("The response from {url} is larger than the limit of {limit} MB and was refused.")
            .format(url=shown, limit=round(max_bytes / (1024 * 1024), 1)), kind="too_large", url=shown)
    if reason == "timeout":
        return timeout_error(shown, timeout_s)
    if reason == "deadline":
        return NetworkError(
            tr("The server at {url} did not finish its answer within {seconds} s. Try again later, or raise "
               "the timeout in the Regionplan settings.").format(url=shown, seconds=round(deadline_s, 1)),
            kind="timeout", url=shown)
    if reason == "internal":
        detail = type(attempt.slot_error).__name__ if attempt.slot_error is not None else "?"
        return NetworkError(
            tr("The request to {url} failed unexpectedly ({detail}). Try again.").format(url=shown, detail=detail),
            kind="unreachable", url=shown)
    return tls_error(shown, "; ".join(attempt.ssl_errors))


def timeout_error(shown: str, timeout_s: float) -> NetworkError:
    return NetworkError.of(
        N_("The server at {url} did not answer within {seconds} s. Try again later, or raise the "
           "timeout in the Regionplan settings."), {"url": shown, "seconds": round(timeout_s, 1)},
        kind="timeout", url=shown)


def tls_error(shown: str, detail: str) -> NetworkError:
    return NetworkError(
        tr("The secure connection to {url} failed: {detail}. The server's certificate is not trusted; "
           "ask the service provider, or add the certificate authority in the QGIS authentication settings.")
        .format(url=shown, detail=detail or tr("TLS handshake failed")), kind="tls", url=shown)


def network_error(code, error_text, qurl, shown: str, status, timeout_s: float) -> NetworkError:
    """The error for a request that got no HTTP answer (Qt error ``code``)."""
    host = _host(qurl)
    if code == QNetworkReply.NetworkError.SslHandshakeFailedError:
        return tls_error(shown, error_text)
    if code in (QNetworkReply.NetworkError.TimeoutError, QNetworkReply.NetworkError.OperationCanceledError):
        return timeout_error(shown, timeout_s)
    if code == QNetworkReply.NetworkError.RemoteHostClosedError and status is not None:
        return NetworkError(
            tr("The connection to {host} was interrupted before the response from {url} was complete. "
               "Try again.").format(host=host, url=shown), kind="unreachable", url=shown)
    if code == QNetworkReply.NetworkError.HostNotFoundError:
        return NetworkError.of(
            N_("The host {host} was not found. Check the service address and your network connection."),
            {"host": host}, kind="unreachable", url=shown)
    if code in _PROXY_ERRORS:
        return NetworkError.of(
            N_("The proxy could not reach {url}. Check the proxy in the QGIS network settings."),
            {"url": shown}, kind="unreachable", url=shown)
    return NetworkError.of(
        N_("Could not connect to {host} ({url}). Check the service address and your network connection, "
           "or work offline from the cache."), {"host": host, "url": shown},
        kind="unreachable", url=shown)


def status_error(status: int, shown: str, headers) -> NetworkError:
    """The error for an HTTP answer whose status was not accepted."""
    retry_after = parse_retry_after(headers.get("retry-after"))
    if status in (401, 403):
        source = N_("The server at {url} refused access (HTTP {status}). Check the authentication "
                    "configuration in the Regionplan settings.")
    elif status == 404:
        source = N_("Not found at {url} (HTTP 404). Check the service address and the profile.")
    elif status == 429:
        source = N_("The server at {url} is busy (HTTP 429, too many requests). Try again later.")
    elif status >= 500:
        source = N_("The server at {url} had an error (HTTP {status}). Try again later.")
    else:
        source = N_("The server at {url} answered with an error (HTTP {status}).")
    return NetworkError.of(source, {"url": shown, "status": status}, kind="http", url=shown, status=status,
                           retry_after=retry_after)
