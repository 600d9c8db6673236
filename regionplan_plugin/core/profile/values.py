"""Small helpers about values in a profile: a short safe rendering for messages, a value's
type in words, numbers and http(s) URLs."""

import json
import re

from ..i18n import tr


def _show(value) -> str:
    """A short, safe rendering of a value for a message."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return "'" + text + "'"
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(type(value).__name__)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value) -> str:
    if value is None:
        return tr("null")
    if isinstance(value, bool):
        return tr("a boolean")
    if isinstance(value, (int, float)):
        return tr("a number")
    if isinstance(value, str):
        return tr("a string")
    if isinstance(value, (list, tuple)):
        return tr("a list")
    if isinstance(value, dict):
        return tr("an object")
    return tr("a value of another type")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_http_url(value) -> bool:
    if not isinstance(value, str) or not value or len(value) > 2000:
        return False
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    match = re.match(r"(?i)^(https?)://([^/?#@]*@)?(\[[0-9a-f:.]+\]|[^/?#:@\[\]]+)(:\d{1,5})?([/?#].*)?$", value)
    return match is not None
