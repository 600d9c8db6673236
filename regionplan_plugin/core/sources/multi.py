"""Several sources seen as one (profile version 2, issue 15).

:class:`MultiSource` is a :class:`~.base.DataSource` over a profile's data sources, so that
the catalogue, the cache and ``DataAccess`` use it unchanged. Its collections are every
source's collections under their **dataset references** (``Profile.resolve``): a declared
dataset's id, the bare name for the first source (so version 1 profiles keep their ids), else
``<source id>:<name>``. ``iter_pages``/``remote_version``/``collection`` route a reference to
its source and name. A declared dataset overrides what the source says (title, description,
theme, kind, year, licence, caveat) and its ``id_field`` gives the features their ids.
"""

import copy
from dataclasses import replace
from typing import Dict, Iterator, List, Optional

from ..errors import NetworkError
from ..i18n import localized, tr, ui_language
from .base import Page, RemoteVersion
from .registry import open_source


def _keywords_without(words, prefixes) -> list:
    out = []
    for word in words if isinstance(words, list) else []:
        text = word if isinstance(word, str) else (word.get("keyword") if isinstance(word, dict) else None)
        if isinstance(text, str) and any(text.lower().startswith(p + ":") for p in prefixes):
            continue
        out.append(word)
    return out


def decorate(collection: dict, ref: str, source_id: str, dataset) -> dict:
    """A copy of a source's collection document as the catalogue lists it under ``ref``."""
    doc = copy.deepcopy(collection) if isinstance(collection, dict) else {}
    doc["id"] = ref
    doc["source_id"] = source_id
    if dataset is None:
        return doc
    if dataset.title:
        doc["title"] = localized(dataset.title, "sv")
    if dataset.description:
        doc["description"] = localized(dataset.description, "sv")
    words = doc.get("keywords")
    replaced = [p for p, v in (("theme", dataset.theme), ("kind", dataset.kind), ("year", dataset.year)) if v]
    words = _keywords_without(words, replaced)
    words += [f"{p}:{v}" for p, v in (("theme", dataset.theme), ("kind", dataset.kind), ("year", dataset.year))
              if v]
    doc["keywords"] = words
    if dataset.licence:
        doc["license"] = dataset.licence
        doc["links"] = [link for link in doc.get("links") or []
                        if not (isinstance(link, dict) and str(link.get("rel", "")).lower() in ("license", "licence"))]
    if dataset.caveat:
        doc["caveat"] = dict(dataset.caveat)
    if dataset.style:
        doc["style"] = dataset.style
    return doc


def client_for(profile, spec, http, first: bool = False):
    """The HttpClient of one source: ``http`` itself for the first source without an authcfg of its
    own (the client's authcfg, e.g. the global setting, is the region's); else a copy of it (same
    timeouts, proxy through the QGIS stack, refused-origin memory) with the source's own authcfg from
    the settings, or none: the region's credentials never go to another source's server."""
    from .. import settings

    chosen = settings.source_authcfg(getattr(profile, "id", ""), spec.id)
    if first and not chosen:
        return http
    client = copy.copy(http)
    client.authcfg = chosen
    return client


class MultiSource:
    """A DataSource over ``sources`` (source id -> DataSource, the profile's order) of ``profile``."""

    def __init__(self, profile, sources: Dict[str, object]):
        self.profile = profile
        self.sources = dict(sources)
        first = next(iter(self.sources.values()), None)
        self.base_url = first.base_url if first is not None else ""
        self._collections: Optional[List[dict]] = None
        self.http = getattr(first, "http", None)
        self.failed: Dict[str, Exception] = {}  # source id -> why its collections are missing

    @classmethod
    def open(cls, profile, http) -> "MultiSource":
        """One DataSource per data source of ``profile`` (background sources have none)."""
        data = [spec for spec in profile.sources if not spec.background]
        multi = cls(profile, {spec.id: open_source(spec, client_for(profile, spec, http, first=index == 0))
                              for index, spec in enumerate(data)})
        multi.http = http
        return multi

    # -- routing
    def route(self, ref: str):
        """``(DataSource, name, DatasetSpec or None)`` of a dataset reference."""
        spec, name, dataset = self.profile.resolve(ref)
        source = self.sources.get(spec.id) if spec is not None else None
        if source is None:
            raise NetworkError(tr("The dataset {name} names no source of the profile that features can be read "
                                  "from.").format(name=ref), kind="http", status=404)
        return source, name, dataset

    def source_url(self, ref: str) -> str:
        """Where the dataset ``ref`` comes from (its source's address)."""
        try:
            return self.route(ref)[0].base_url
        except NetworkError:
            return self.base_url

    # -- the DataSource seam
    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        if self._collections is not None and not refresh:
            return self._collections
        out = []
        first = next(iter(self.sources), None)
        self.failed = {}
        for source_id, source in self.sources.items():
            try:
                documents = source.collections(feedback=feedback, refresh=refresh)
            except NetworkError as error:
                # the region's own service decides (the catalogue then falls back to the cache);
                # another publisher that cannot be reached only leaves its datasets out, and says so
                if source_id == first or error.kind == "cancelled":
                    raise
                self.failed[source_id] = self.named(source_id, error)
                continue
            for collection in documents:
                name = str(collection.get("id", ""))
                if not name:
                    continue
                ref = self.reference(source_id, name, first)
                spec, _name, dataset = self.profile.resolve(ref)
                if spec is None or spec.id != source_id:
                    continue  # a declared dataset of another source has this id: it is listed there
                out.append(decorate(collection, ref, source_id, dataset))
        self._collections = out
        return out

    def named(self, source_id: str, error: NetworkError) -> NetworkError:
        """``error`` with the source's title in front: with several publishers, the user must see which
        one failed (its authentication, its server). The first source (the region's own) is named by
        its address already; a cancel is left as it is."""
        if source_id == next(iter(self.sources), None) or error.kind == "cancelled":
            return error
        spec = self.profile.source_spec(source_id) if hasattr(self.profile, "source_spec") else None
        title = spec.title_in(ui_language()) if spec is not None else source_id
        return NetworkError(tr("The source {source} could not be read: {error}").format(source=title, error=error),
                            kind=error.kind, url=error.url, status=error.status, retry_after=error.retry_after)

    def reference(self, source_id: str, name: str, first: Optional[str] = None) -> str:
        for dataset in self.profile.datasets:
            if dataset.source == source_id and dataset.name == name:
                return dataset.id
        first = first if first is not None else next(iter(self.sources), None)
        return name if source_id == first else f"{source_id}:{name}"

    def collection(self, cid: str, feedback=None) -> dict:
        source, name, dataset = self.route(cid)
        spec = self.profile.resolve(cid)[0]
        return decorate(source.collection(name, feedback), cid, spec.id, dataset)

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = 1000, feedback=None,
                   headers=None) -> Iterator[Page]:
        source, name, dataset = self.route(cid)
        id_field = dataset.id_field if dataset is not None else ""
        pages = source.iter_pages(name, crs, bbox=bbox, bbox_crs=bbox_crs, limit=limit, feedback=feedback,
                                  headers=headers)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            except NetworkError as error:
                raise self.named(self.profile.resolve(cid)[0].id, error) from None
            if id_field:
                page.features = [replace(f, id=str(f.properties[id_field]))
                                 if f.properties.get(id_field) not in (None, "") else f for f in page.features]
            yield page

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        source, name, _dataset = self.route(cid)
        try:
            return source.remote_version(name, feedback=feedback, crs=crs, bbox=bbox, known=known, url=url)
        except NetworkError as error:
            raise self.named(self.profile.resolve(cid)[0].id, error) from None
