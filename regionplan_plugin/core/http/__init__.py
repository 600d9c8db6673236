"""Every network request of the plugin goes through :class:`HttpClient` (see
:mod:`core.http.client`). The package re-exports the names of the former ``core/http.py``
and ``core/refusals.py``."""

from .base import RETRY_AFTER_CAP_S, Response, parse_retry_after, safe_url
from .client import HttpClient
from .jsonbody import decode_json, parse_json
from .qtnet import proxy_for, user_agent
from .refusals import RefusedOrigins, origin_key, wait_text

__all__ = [
    "RETRY_AFTER_CAP_S", "HttpClient", "RefusedOrigins", "Response", "decode_json", "origin_key", "parse_json",
    "parse_retry_after", "proxy_for", "safe_url", "user_agent", "wait_text",
]
