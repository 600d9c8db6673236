"""The seam between the data sources and their users: the types every source yields.

``ParsedFeature`` (one feature, geometry in the target CRS), ``Page`` (one page of a
download), ``RemoteVersion`` (what a server says about a collection's version), and the
collection keyword helpers (``version:``, ``kind:``) every source describes its collections by.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import QgsGeometry


@dataclass
class ParsedFeature:
    id: str
    properties: dict
    geometry: QgsGeometry


@dataclass
class Page:
    features: List[ParsedFeature] = field(default_factory=list)
    skipped: int = 0
    skip_reasons: Dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    url: str = ""
    number: int = 0
    number_matched: Optional[int] = None
    crs: str = ""
    notes: List[str] = field(default_factory=list)  # e.g. the coordinates were not in the declared CRS


@dataclass
class RemoteVersion:
    etag: str = ""
    last_modified: str = ""
    version: str = ""

    def comparable(self) -> bool:
        return bool(self.etag or self.last_modified or self.version)



def keywords(collection: dict) -> List[str]:
    """The collection's keywords as strings (list of strings or of ``{"keyword": ...}``)."""
    raw = collection.get("keywords") if isinstance(collection, dict) else None
    out = []
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                value = item.get("keyword") or item.get("value")
                if isinstance(value, str):
                    out.append(value)
    return out


def keyword_value(collection: dict, prefix: str) -> str:
    prefix = prefix.lower() + ":"
    for word in keywords(collection):
        if word.lower().startswith(prefix):
            return word[len(prefix):].strip()
    return ""
