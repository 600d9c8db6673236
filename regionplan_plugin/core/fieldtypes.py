"""PLACEHOLDER (B4, issue 12): the minimal ``infer_kind`` and ``dominant_type`` that
``core/sources/layers.py`` calls. B1 owns this module and writes the real one (the ONE JSON
property type inference and the ONE dominant geometry type, used by the cache writer too);
the lead keeps B1's at merge. Pure Python, no QGIS.

Rules (as B1's ``field_kind``/``dominant_family``): an integer within the signed 64-bit range
is ``int``, a larger one ``text`` (a Real would round it; text keeps it exact); ``bool`` +
``int`` -> ``int``, ``int`` + ``real`` -> ``real``, anything else mixed -> ``text``; an object
or array is ``json`` (stored as JSON text); no value at all -> ``text``. The dominant type is
the one most features have; of equals the lowest code.
"""

from typing import Hashable, Iterable, Mapping, Optional

INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1


def _kind(value) -> Optional[str]:
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


def infer_kind(values: Iterable) -> str:
    """The kind of a field holding ``values``: ``bool``, ``int``, ``real``, ``text`` or ``json``."""
    kind = None
    for value in values:
        this = _kind(value)
        if kind is None or this is None or this == kind:
            kind = kind or this
        elif {kind, this} == {"bool", "int"}:
            kind = "int"
        elif {kind, this} == {"int", "real"}:
            kind = "real"
        else:
            kind = "text"
    return kind or "text"


def dominant_type(counts: Mapping[Hashable, int]) -> Optional[Hashable]:
    """The type (e.g. a geometry family code) with the highest count; of equals the lowest;
    None when there is none."""
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
