"""OAuth2 client credentials (RFC 6749 §4.4) for a QGIS OAuth2 authentication configuration.

QGIS's own OAuth2 method (3.22) has no client credentials grant (``tests/test_oauth2.py``). A
configuration of that method whose grant flow is *Resource Owner* with an **empty** username and
password (which QGIS itself cannot use: it would send the password grant without an account)
is read here as client credentials: :func:`credentials` takes the token URL, client id and secret
and scope from the QGIS authentication database (encrypted there), :func:`bearer` asks the token
endpoint for ``grant_type=client_credentials`` through :class:`~.client.HttpClient` (the QGIS
network stack: proxy and TLS settings apply), the client id and secret by HTTP Basic (§2.3.1),
in the body when the endpoint refuses Basic, and keeps the token in memory per configuration
until shortly before ``expires_in``. :func:`forget` drops a token the resource server refused.

The secret and the token are never logged, never in a message or an exception, never written.
Thread-safe: requests come from QgsTasks; one thread asks for a token while the others wait.
"""

import hashlib
import json
import threading
import time
from base64 import b64encode
from dataclasses import dataclass, field
from typing import Dict, Optional
from urllib.parse import quote, urlencode

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..errors import NetworkError
from ..i18n import tr
from .base import safe_url

RESOURCE_OWNER = 2  # QgsAuthOAuth2Config::GrantFlow::ResourceOwner
MARGIN_S = 30.0  # a token is renewed this long before it expires (at most a tenth of its life)
_RESERVED = ("grant_type", "client_id", "client_secret", "scope", "username", "password")


@dataclass(frozen=True)
class Credentials:
    """What the token request needs; ``repr`` never shows the secret."""

    authcfg: str
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    scope: str = ""
    extra: tuple = ()  # the configuration's extra request parameters, (name, value) pairs
    timeout_s: float = 30.0

    @property
    def fingerprint(self) -> str:
        """Changes when the configuration is edited (in memory only; a digest, not the secret)."""
        text = json.dumps([self.token_url, self.client_id, self.client_secret, self.scope, list(self.extra)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Token:
    value: str = field(repr=False)
    fingerprint: str
    renew_at: Optional[float]  # time.monotonic(); None: until the resource server refuses it


_tokens: Dict[str, _Token] = {}
_body_style: Dict[str, bool] = {}  # authcfg -> the endpoint wanted the client's credentials in the body
_lock = threading.Lock()
_fetching: Dict[str, threading.Lock] = {}


def credentials(authcfg: str) -> Optional[Credentials]:
    """The client credentials of ``authcfg``, or None when it is not such a configuration (another
    method, another grant flow, or a username or password filled in: QGIS's own flow then)."""
    if not authcfg:
        return None
    manager = QgsApplication.authManager()
    try:
        if manager.isDisabled() or str(manager.configAuthMethodKey(authcfg) or "") != "OAuth2":
            return None
        loaded = manager.loadAuthenticationConfig(authcfg, QgsAuthMethodConfig(), True)
        ok, config = loaded if isinstance(loaded, tuple) else (loaded, None)
        settings = json.loads(config.config("oauth2config") or "{}") if ok and config is not None else {}
    except Exception:  # noqa: BLE001 - unreadable: QGIS's own method says why
        return None
    if not isinstance(settings, dict):
        return None
    text = {key: str(settings.get(key) or "").strip() for key in
            ("tokenUrl", "clientId", "clientSecret", "username", "password", "scope")}
    try:
        flow = int(settings.get("grantFlow", -1))
    except (TypeError, ValueError):
        return None
    if flow != RESOURCE_OWNER or text["username"] or text["password"] or not text["tokenUrl"]:
        return None
    pairs = settings.get("queryPairs") if isinstance(settings.get("queryPairs"), dict) else {}
    extra = tuple(sorted((str(k), str(v)) for k, v in pairs.items() if str(k) not in _RESERVED))
    try:
        timeout_s = float(settings.get("requestTimeout") or 30)
    except (TypeError, ValueError):
        timeout_s = 30.0
    return Credentials(authcfg, text["tokenUrl"], text["clientId"], str(settings.get("clientSecret") or ""),
                       text["scope"], extra, max(timeout_s, 1.0))


def _fetch_lock(authcfg: str) -> threading.Lock:
    with _lock:
        return _fetching.setdefault(authcfg, threading.Lock())


def _cached(creds: Credentials) -> Optional[str]:
    with _lock:
        token = _tokens.get(creds.authcfg)
        if token is None or token.fingerprint != creds.fingerprint:
            return None
        if token.renew_at is not None and time.monotonic() >= token.renew_at:
            return None
        return token.value


def bearer(creds: Credentials, feedback=None) -> str:
    """An access token for ``creds``: the one kept in memory, else a new one from the token
    endpoint. Raises :class:`NetworkError` (kind ``auth``) when there is none."""
    token = _cached(creds)
    if token is not None:
        return token
    lock = _fetch_lock(creds.authcfg)
    got = lock.acquire(timeout=creds.timeout_s * 2)  # another thread is asking: wait for its token
    try:
        token = _cached(creds)
        if token is not None:
            return token
        value, expires_in = _request_token(creds, feedback)
        renew_at = None
        if expires_in is not None:
            renew_at = time.monotonic() + expires_in - min(MARGIN_S, expires_in / 10.0)
        with _lock:
            _tokens[creds.authcfg] = _Token(value, creds.fingerprint, renew_at)
        return value
    finally:
        if got:
            lock.release()


def forget(authcfg: str, token: str) -> None:
    """Drop the kept token of ``authcfg`` if it is ``token`` (the resource server refused it)."""
    with _lock:
        kept = _tokens.get(authcfg)
        if kept is not None and kept.value == token:
            del _tokens[authcfg]


def clear() -> None:
    """Forget every token (tests; the plugin's unload)."""
    with _lock:
        _tokens.clear()
        _body_style.clear()


def _auth_error(creds: Credentials, reason: str) -> NetworkError:
    return NetworkError(
        tr("The authentication configuration {authcfg} (OAuth2 client credentials) got no access token from its "
           "token endpoint: {reason} Check the token URL, the client id and the client secret in the QGIS "
           "authentication manager.").format(authcfg=creds.authcfg, reason=reason),
        kind="auth", url=safe_url(creds.token_url))


def _form(creds: Credentials, in_body: bool):
    fields = [("grant_type", "client_credentials")]
    if creds.scope:
        fields.append(("scope", creds.scope))
    fields.extend(creds.extra)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    if in_body:
        fields += [("client_id", creds.client_id), ("client_secret", creds.client_secret)]
    else:  # RFC 6749 §2.3.1: each part form-encoded, then Basic
        pair = f"{quote(creds.client_id, safe='')}:{quote(creds.client_secret, safe='')}"
        headers["Authorization"] = "Basic " + b64encode(pair.encode("utf-8")).decode("ascii")
    return urlencode(fields).encode("utf-8"), headers


def _post(creds: Credentials, in_body: bool, feedback):
    from .client import HttpClient

    body, headers = _form(creds, in_body)
    client = HttpClient(timeout_s=creds.timeout_s, authcfg="", retries=1, max_bytes=1024 * 1024)
    return client.post(creds.token_url, body, headers=headers, feedback=feedback, accept=(200, 400, 401))


def _request_token(creds: Credentials, feedback):
    """``(access token, expires_in seconds or None)`` from the endpoint; see :func:`bearer`."""
    from .jsonbody import decode_json

    with _lock:
        in_body = _body_style.get(creds.authcfg, False)
    try:
        response = _post(creds, in_body, feedback)
        if response.status in (400, 401) and not in_body:
            # Basic refused (invalid_client): some endpoints only read the body (RFC 6749 §2.3.1 MAY)
            retry = _post(creds, True, feedback)
            if retry.status == 200:
                with _lock:
                    _body_style[creds.authcfg] = True
            response = retry if retry.status == 200 or response.status != 401 else response
    except NetworkError as error:
        if error.kind == "cancelled":
            raise
        raise _auth_error(creds, tr("the token endpoint could not be reached. {error}").format(error=error)) from None
    if response.status == 401 or (response.status == 400 and _error_code(response) == "invalid_client"):
        raise _auth_error(creds, tr("the client id or secret was refused ({status}).").format(status=response.status))
    if response.status != 200:
        code = _error_code(response)
        if code:
            raise _auth_error(creds, tr("the token endpoint refused the request ({status}, {code}).")
                              .format(status=response.status, code=code))
        raise _auth_error(creds, tr("the token endpoint refused the request ({status}).")
                          .format(status=response.status))
    try:
        answer = decode_json(response.body, safe_url(creds.token_url), response.status)
    except NetworkError:
        answer = None
    value = answer.get("access_token") if isinstance(answer, dict) else None
    kind = str(answer.get("token_type") or "bearer").lower() if isinstance(answer, dict) else ""
    if not isinstance(value, str) or not value.strip() or kind != "bearer":
        raise _auth_error(creds, tr("its answer held no bearer token."))
    try:
        expires_in = float(answer.get("expires_in"))
        expires_in = expires_in if expires_in > 0 else None
    except (TypeError, ValueError):
        expires_in = None
    return value.strip(), expires_in


def _error_code(response) -> str:
    """The ``error`` code of a token endpoint's error answer (RFC 6749 §5.2), never its text."""
    try:
        answer = json.loads(response.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return ""
    code = answer.get("error") if isinstance(answer, dict) else None
    return code if isinstance(code, str) and code.replace("_", "").isalnum() and len(code) < 40 else ""
