"""THE one JSON decoder of the plugin: a body that is not UTF-8 or not JSON (or nested too
deeply to parse) is a :class:`NetworkError` kind ``json`` with a clear message whose URL has no
credentials."""

import json

from ..errors import NetworkError
from ..i18n import tr
from .base import Response, safe_url


def decode_json(body: bytes, url: str, status=None, lenient_text: bool = False):
    """``body`` (from ``url``) parsed as JSON; NetworkError kind ``json`` if it is not JSON.
    ``lenient_text``: bytes that are not UTF-8 become U+FFFD instead of refusing the body (a
    service's feature pages: one bad byte in a name must not lose the page)."""
    shown = safe_url(url)
    try:
        errors = "replace" if lenient_text else "strict"
        text = body.decode("utf-8-sig", errors) if isinstance(body, (bytes, bytearray)) else str(body)
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
