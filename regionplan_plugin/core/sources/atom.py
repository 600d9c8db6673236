"""Source type ``atom`` (profile version 2, issue 15): an INSPIRE ATOM download feed.

The feed (fetched through :class:`core.http.HttpClient`) lists entries; each entry's
download link (``rel="enclosure"``, else an ``alternate`` that is no feed) is read as a
``download`` source. An INSPIRE *service* feed whose entries link to *dataset* feeds
(``type="application/atom+xml"``) is followed one level down. A dataset's ``name`` is the
entry's ``<id>`` (or its ``inspire_dls:spatial_dataset_identifier_code``); an entry whose
file holds several layers lists each as ``<entry id>#<layer>``. Freshness: the entry's
``updated`` (a ``version:`` keyword), else the file's own (see ``download``).
"""

import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Dict, Iterator, List, Optional, Tuple
from urllib.parse import urljoin

from ..errors import NetworkError
from ..http import safe_url
from ..i18n import tr
from .base import Page, RemoteVersion
from .download import DownloadSource
from .registry import register

ATOM = "{http://www.w3.org/2005/Atom}"
DLS = "{http://inspire.ec.europa.eu/schemas/inspire_dls/1.0}"
FEED_TYPES = ("application/atom+xml",)


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _links(entry, base: str) -> List[Tuple[str, str, str]]:
    out = []
    for link in entry.findall(ATOM + "link"):
        href = (link.get("href") or "").strip()
        if href:
            out.append(((link.get("rel") or "alternate").lower(), (link.get("type") or "").lower(),
                        urljoin(base, href)))
    return out


class AtomSource:
    """An ``atom`` source: the downloads an ATOM feed at ``spec.url`` lists."""

    def __init__(self, spec, http):
        self.spec = spec
        self.base_url = spec.url
        self.http = http
        self._entries: Optional[Dict[str, dict]] = None
        self._downloads: Dict[str, DownloadSource] = {}

    # -- the feed
    def _feed(self, url: str, feedback=None):
        response = self.http.get(url, headers={"Accept": "application/atom+xml, application/xml;q=0.9"},
                                 feedback=feedback)
        shown = safe_url(url)
        try:
            root = ET.fromstring(response.body)
        except ET.ParseError as error:
            raise NetworkError(tr("The ATOM feed {url} is not valid XML: {problem}").format(
                url=shown, problem=str(error)), kind="json", url=shown) from None
        if root.tag != ATOM + "feed":
            raise NetworkError(tr("The address {url} does not answer with an ATOM feed.").format(url=shown),
                               kind="json", url=shown)
        return root, response.url or url

    def entries(self, feedback=None, refresh: bool = False) -> Dict[str, dict]:
        if self._entries is not None and not refresh:
            return self._entries
        root, base = self._feed(self.base_url, feedback)
        entries = {}
        for entry in root.findall(ATOM + "entry"):
            entry_id = _text(entry, ATOM + "id")
            href = self._download_link(entry, base, feedback)
            if not entry_id or not href:
                continue
            entries[entry_id] = {
                "id": entry_id, "title": _text(entry, ATOM + "title") or entry_id,
                "summary": _text(entry, ATOM + "summary"), "updated": _text(entry, ATOM + "updated"),
                "code": _text(entry, DLS + "spatial_dataset_identifier_code"), "href": href,
            }
        if not entries:
            shown = safe_url(self.base_url)
            raise NetworkError(tr("The ATOM feed {url} lists no entry with a download link.").format(url=shown),
                               kind="json", url=shown)
        self._entries = entries
        if refresh:
            self._downloads = {}
        return entries

    def _download_link(self, entry, base: str, feedback, depth: int = 0) -> str:
        links = _links(entry, base)
        for rel, _kind, href in links:
            if rel == "enclosure":
                return href
        for rel, kind, href in links:
            if rel == "alternate" and kind not in FEED_TYPES and not kind.startswith("text/html"):
                return href
        for _rel, kind, href in links:
            if kind in FEED_TYPES and depth == 0:  # a dataset feed: its first entry with a download
                root, sub_base = self._feed(href, feedback)
                for sub in root.findall(ATOM + "entry"):
                    found = self._download_link(sub, sub_base, feedback, depth=1)
                    if found:
                        return found
        return ""

    def _entry(self, name: str, feedback=None) -> Tuple[dict, str]:
        """``(entry, layer or '')`` of a dataset name (``<entry id>`` or ``<entry id>#<layer>``)."""
        entries = self.entries(feedback)
        key, _sep, layer = name.partition("#") if name not in entries else (name, "", "")
        entry = entries.get(key) or next((e for e in entries.values() if e["code"] and e["code"] == key), None)
        if entry is None:
            shown = safe_url(self.base_url)
            raise NetworkError(tr("The ATOM feed {url} has no entry {name}.").format(url=shown, name=name),
                               kind="http", url=shown, status=404)
        return entry, layer

    def _download(self, entry: dict) -> DownloadSource:
        source = self._downloads.get(entry["id"])
        if source is None:
            source = DownloadSource(replace(self.spec, type="download", url=entry["href"]), self.http)
            source.version_hint = entry["updated"]
            self._downloads[entry["id"]] = source
        return source

    # -- the DataSource seam
    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        out = []
        for entry in self.entries(feedback, refresh=refresh).values():
            source = self._download(entry)
            layers = source.collections(feedback)
            for doc in layers:
                doc = dict(doc)
                several = len(layers) > 1
                doc["id"] = f"{entry['id']}#{doc['id']}" if several else entry["id"]
                doc["title"] = f"{entry['title']} ({doc['title']})" if several else entry["title"]
                doc["description"] = entry["summary"]
                out.append(doc)
        return out

    def collection(self, cid: str, feedback=None) -> dict:
        entry, layer = self._entry(cid, feedback)
        if entry["updated"] and not layer:  # enough for the cache's freshness check: no download
            return {"id": cid, "title": entry["title"], "description": entry["summary"],
                    "keywords": ["version:" + entry["updated"]], "links": [{"href": entry["href"], "rel": "enclosure"}]}
        return next((c for c in self.collections(feedback) if c["id"] == cid), {"id": cid})

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = 1000, feedback=None,
                   headers=None) -> Iterator[Page]:
        entry, layer = self._entry(cid, feedback)
        source = self._download(entry)
        if not layer:
            layer = next(iter(source.fetch(feedback)))
        yield from source.iter_pages(layer, crs, bbox=bbox, bbox_crs=bbox_crs, limit=limit, feedback=feedback)

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        entry, _layer = self._entry(cid, feedback)
        if entry["updated"]:
            return RemoteVersion(version=entry["updated"])
        return self._download(entry).remote_version(cid, feedback, known=known)


def _open(spec, http):
    return AtomSource(spec, http)


register("atom", _open)
