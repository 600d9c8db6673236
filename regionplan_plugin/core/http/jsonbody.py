"""THE one JSON decoder of the plugin: a body that is not UTF-8 or not JSON (or nested too
deeply to parse) is a :class:`NetworkError` kind ``json`` with a clear message whose URL has no
credentials."""

import json

from ..errors import NetworkError
from ..i18n import tr
from .base import Response, safe_url


def decode_json(body: bytes, url: str, status=None):
    """``body`` (from ``url``) parsed as JSON; NetworkError kind ``json`` if it is not JSON."""
    shown = safe_url(url)
    try:
        text = body.decode("utf-8-sig") if isinstance(body, (bytes, bytearray)) else str(body)
    except UnicodeDecodeError:
        raise NetworkError(tr("The response from {url} is not valid UTF-8 text.").format(url=shown),
                           kind="json", url=shown, status=status) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NetworkError(
            tr("The response from {url} is not valid JSON ({detail}). The service may be misconfigured.")
            .format(url=shown, detail=str(error)[:200]), kind="json", url=shown, status=status) from None


def parse_json(response: Response):
    """The body of ``response`` as JSON; NetworkError kind ``json`` with a clear message if it is not."""
    return decode_json(response.body, response.url, response.status)
