"""The one inference of a field type from JSON property values (pure Python, no QGIS).

Used by the cache writer (``core/cache/writer.py``) and the memory layers of an online read.

Kinds: ``bool``, ``int`` (signed 64-bit), ``real``, ``text`` and ``json`` (an object or array,
stored as JSON text). ``None`` carries no type. The rules:

* an integer within the signed 64-bit range is ``int``; a larger one is ``text``: an
  Integer64 field cannot hold it and a Real would round it, text keeps it exact;
* values that disagree are widened: ``bool`` + ``int`` -> ``int``, ``int`` + ``real`` ->
  ``real``; anything else (``bool`` + ``real`` too) -> ``text`` (values written as text, an
  object or array as JSON);
* a string is ``text`` even when it looks like a number (``"007"`` stays ``"007"``);
* a property with no value at all is ``text``.
"""

import json
import math
from typing import Iterable, Optional

INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1
KINDS = ("bool", "int", "real", "text", "json")


def value_kind(value) -> Optional[str]:
    """The kind of one JSON value; None for None (no type)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if INT64_MIN <= value <= INT64_MAX else "text"
    if isinstance(value, float):
        return "real"
    if isinstance(value, (dict, list)):
        return "json"
    return "text"


def merge_kind(old: Optional[str], new: Optional[str]) -> Optional[str]:
    """The kind that holds values of both kinds (see the module's rules)."""
    if old is None:
        return new
    if new is None or old == new:
        return old
    pair = {old, new}
    if pair == {"bool", "int"}:
        return "int"
    if pair == {"int", "real"}:
        return "real"
    return "text"


def field_kind(values: Iterable) -> str:
    """The kind of a field holding ``values`` (``text`` when none has a value)."""
    kind = None
    for value in values:
        kind = merge_kind(kind, value_kind(value))
    return kind or "text"


def to_text(value) -> str:
    """A value as the text of a ``text``/``json`` field: booleans as JSON (``true``), objects
    and arrays as JSON. A NUL (legal in JSON as \\u0000) would end the C string that OGR
    stores, silently losing the rest: it becomes U+FFFD instead."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return text.replace("\x00", "\ufffd")


def field_value(value, kind: str):
    """``value`` converted for a field of ``kind`` (None stays None; a non-finite number in a
    ``real`` field is None: a GeoPackage cannot hold it)."""
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "real":
        number = float(value)
        return number if math.isfinite(number) else None
    if kind == "bool":
        return bool(value)
    return to_text(value)
