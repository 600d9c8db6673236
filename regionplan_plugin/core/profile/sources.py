"""Profile version 2 (contract section 1b): the profile's ``sources[]`` and ``datasets[]``,
and how a dataset reference (a rule's or a statistic's ``collection``) resolves.

A reference is a declared dataset id, or ``<source id>:<name>``; a bare name without a colon
(or whose part before the first colon is no source id) refers to the first source.
:class:`SourcesValidation` is mixed into the profile validator, like ``parts.PartsValidation``.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..i18n import localized, tr
from ..vocabulary import KINDS
from .values import _is_http_url, _is_number, _show

SCHEMA_V2 = "regionplan-profile/2"
DATA_SOURCE_TYPES = ("ogcapi-features", "wfs", "arcgis-featureserver", "download", "atom")
BACKGROUND_TYPES = ("wms", "wmts", "xyz")
SOURCE_TYPES = DATA_SOURCE_TYPES + BACKGROUND_TYPES
WFS_VERSIONS = ("2.0.0", "1.1.0")
AUTH_HINTS = ("none", "basic", "oauth2")
SOURCE_KEYS = ("id", "type", "url", "version", "title", "licence", "auth", "layers")
DATASET_KEYS = ("id", "source", "name", "title", "description", "theme", "kind", "year", "licence", "style",
                "caveat", "id_field")
V1_SOURCE_ID = "default"


@dataclass
class SourceSpec:
    id: str
    type: str
    url: str
    version: str = ""
    title: Dict[str, str] = field(default_factory=dict)
    licence: str = ""
    auth: str = "none"
    layers: Tuple[str, ...] = ()

    @property
    def background(self) -> bool:
        """A background/context source (wms, wmts, xyz): never part of a rule."""
        return self.type in BACKGROUND_TYPES

    def title_in(self, lang: str) -> str:
        return localized(self.title, lang) or self.id


@dataclass
class DatasetSpec:
    id: str
    source: str
    name: str
    title: Dict[str, str] = field(default_factory=dict)
    description: Dict[str, str] = field(default_factory=dict)
    theme: str = ""
    kind: str = ""
    year: Optional[int] = None
    licence: str = ""
    style: str = ""
    caveat: Dict[str, str] = field(default_factory=dict)
    id_field: str = ""

    def caveat_in(self, lang: str) -> str:
        return localized(self.caveat, lang)


def resolve(sources: List[SourceSpec], datasets: List[DatasetSpec], ref: str
            ) -> Tuple[Optional[SourceSpec], str, Optional[DatasetSpec]]:
    """``(source, name, dataset)`` of a dataset reference; source None when it names no source."""
    for dataset in datasets:
        if dataset.id == ref:
            return next((s for s in sources if s.id == dataset.source), None), dataset.name, dataset
    by_id = {s.id: s for s in sources}
    head, sep, rest = ref.partition(":")
    if sep and head in by_id and rest:
        source, name = by_id[head], rest
    else:
        source, name = (sources[0] if sources else None), ref
    if source is not None:
        for dataset in datasets:
            if dataset.source == source.id and dataset.name == name:
                return source, name, dataset
    return source, name, None


def reference_for(sources: List[SourceSpec], datasets: List[DatasetSpec], source_id: str, name: str) -> str:
    """The reference the catalogue lists a source's collection under: the declared dataset's id,
    else the bare name for the first source, else ``<source id>:<name>``."""
    for dataset in datasets:
        if dataset.source == source_id and dataset.name == name:
            return dataset.id
    if sources and sources[0].id == source_id:
        return name
    return f"{source_id}:{name}"


class SourcesValidation:
    """Validation of ``sources[]`` and ``datasets[]`` (mixed into the profile validator)."""

    def optional_lang(self, item: dict, key: str, place: str) -> Dict[str, str]:
        if item.get(key) is None:
            return {}
        return self.lang_dict(item, key, place) or {}

    def optional_text(self, item: dict, key: str, place: str) -> str:
        value = self.text(item, key, place, required=False)
        return value.strip() if value else ""

    def sources(self, obj) -> List[SourceSpec]:
        if "service" in obj:
            self.error(tr("service: not allowed in a {schema} profile; describe the service as one of its "
                          "sources[]").format(schema=_show(SCHEMA_V2)))
        if "sources" not in obj:
            self.missing("sources")
            return []
        value = obj["sources"]
        if isinstance(value, list) and not value:
            self.error(tr("sources: must list at least one source"))
        return self.parsed(obj, "sources", self.source_spec)

    def source_spec(self, item: dict, place: str, seen: dict) -> Optional[SourceSpec]:
        before = len(self.errors)
        self.unknown_keys(item, SOURCE_KEYS, place)
        source_id = self.unique_id(item, place, seen, tr("{place}: the source id {value} is already used by {other}"))
        kind = self.one_of(item, "type", f"{place}.type", SOURCE_TYPES)
        url = self.text(item, "url", f"{place}.url")
        if url is not None and not _is_http_url(url.strip()):
            self.error(tr("{place}: {value} is not an http(s) URL").format(place=f"{place}.url", value=_show(url)))
        version = ""
        if item.get("version") is not None:
            if kind == "wfs":
                version = self.one_of(item, "version", f"{place}.version", WFS_VERSIONS) or ""
            elif kind is not None:
                self.error(tr("{place}: only a wfs source has a version").format(place=f"{place}.version"))
        elif kind == "wfs":
            version = WFS_VERSIONS[0]
        title = self.optional_lang(item, "title", f"{place}.title")
        licence = self.optional_text(item, "licence", f"{place}.licence")
        auth = "none"
        if item.get("auth") is not None:
            auth = self.one_of(item, "auth", f"{place}.auth", AUTH_HINTS) or "none"
        layers = ()
        if item.get("layers") is not None:
            value = item["layers"]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                self.error(tr("{place}: must be a list of layer names").format(place=f"{place}.layers"))
            else:
                layers = tuple(v.strip() for v in value)
        if len(self.errors) > before:
            return None
        return SourceSpec(id=source_id, type=kind, url=url.strip(), version=version, title=title, licence=licence,
                          auth=auth, layers=layers)

    def datasets(self, obj, sources: List[SourceSpec], theme_ids) -> List[DatasetSpec]:
        specs, seen, named = [], {}, {}
        by_id = {s.id: s for s in sources}
        for place, item in self.objects(obj, "datasets"):
            before = len(self.errors)
            self.unknown_keys(item, DATASET_KEYS, place)
            dataset_id = self.unique_id(item, place, seen,
                                        tr("{place}: the dataset id {value} is already used by {other}"))
            if dataset_id is not None and dataset_id in by_id:
                self.error(tr("{place}: {value} is already a source id; give the dataset another id").format(
                    place=f"{place}.id", value=_show(dataset_id)))
            source_id = self.text(item, "source", f"{place}.source")
            if source_id is not None and source_id not in by_id and sources:
                self.error(tr("{place}: {value} is not the id of one of the profile's sources ({allowed})").format(
                    place=f"{place}.source", value=_show(source_id), allowed=", ".join(by_id)))
            elif source_id is not None and source_id in by_id and by_id[source_id].background:
                self.warnings.append(tr("{place}: {value} is a background source; a rule cannot use this "
                                        "dataset").format(place=f"{place}.source", value=_show(source_id)))
            name = self.text(item, "name", f"{place}.name")
            if name is not None and (not name.strip() or len(name) > 256):
                self.error(tr("{place}: must be a name of 1 to 256 characters").format(place=f"{place}.name"))
            key = (source_id, name)
            if name is not None and source_id is not None and key in named:
                self.error(tr("{place}: {other} already declares {name} of the source {source}").format(
                    place=place, other=named[key], name=_show(name), source=_show(source_id)))
            named.setdefault(key, place)
            title = self.optional_lang(item, "title", f"{place}.title")
            description = self.optional_lang(item, "description", f"{place}.description")
            caveat = self.optional_lang(item, "caveat", f"{place}.caveat")
            theme = self.optional_text(item, "theme", f"{place}.theme")
            if theme and theme not in theme_ids:
                self.error(tr("{place}: {value} is not one of the profile's themes ({allowed})").format(
                    place=f"{place}.theme", value=_show(theme), allowed=", ".join(theme_ids) or "-"))
            kind = ""
            if item.get("kind") is not None:
                kind = self.one_of(item, "kind", f"{place}.kind", KINDS) or ""
            year = None
            if item.get("year") is not None:
                value = item["year"]
                if not _is_number(value) or value != int(value) or not 1000 <= value <= 9999:
                    self.error(tr("{place}: must be a year like 2025, not {value}").format(
                        place=f"{place}.year", value=_show(value)))
                else:
                    year = int(value)
            licence = self.optional_text(item, "licence", f"{place}.licence")
            style = self.optional_text(item, "style", f"{place}.style")
            id_field = self.optional_text(item, "id_field", f"{place}.id_field")
            if len(self.errors) > before:
                continue
            specs.append(DatasetSpec(id=dataset_id, source=source_id, name=name, title=title,
                                     description=description, theme=theme, kind=kind, year=year, licence=licence,
                                     style=style, caveat=caveat, id_field=id_field))
        return specs

    def references(self, obj, key: str, sources: List[SourceSpec], datasets: List[DatasetSpec]) -> None:
        """Every rule's/statistic's ``collection`` must name a data source (never a background one)."""
        items = obj.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            ref = item.get("collection") if isinstance(item, dict) else None
            if not isinstance(ref, str) or not ref.strip():
                continue
            place = f"{key}[{index}].collection"
            source, _name, _dataset = resolve(sources, datasets, ref)
            if source is None:
                self.error(tr("{place}: {value} names no source of the profile").format(place=place, value=_show(ref)))
            elif source.background:
                self.error(tr("{place}: {value} is in the {type} source {source}; background sources never take "
                              "part in a rule, use a dataset of a feature source").format(
                    place=place, value=_show(ref), type=source.type, source=_show(source.id)))

    def report_background(self, obj, sources: List[SourceSpec], datasets: List[DatasetSpec]) -> str:
        """``report_background``: the background map of the report maps, a layer of a ``wms``,
        ``wmts`` or ``xyz`` source (``<source id>:<layer>``, or a source id for its first layer)."""
        value = obj.get("report_background")
        if value is None:
            return ""
        place = "report_background"
        if not isinstance(value, str) or not value.strip():
            self.error(tr("{place}: must name a background map as <source id>:<layer>, such as {example}").format(
                place=place, example=_show(_example(sources))))
            return ""
        ref = value.strip()
        by_id = {s.id: s for s in sources}
        head, sep, name = ref.partition(":")
        source = by_id.get(head)
        if source is None and not sep:
            dataset = next((d for d in datasets if d.id == ref), None)
            source = by_id.get(dataset.source) if dataset is not None else None
        known = [f"{s.id}:{layer}" for s in sources if s.background for layer in s.layers]
        if source is None:
            self.error(tr("{place}: {value} names no background map of the profile; its background maps: "
                          "{known}").format(place=place, value=_show(ref), known=", ".join(known) or "-"))
            return ""
        if not source.background:
            self.error(tr("{place}: {value} is in the {type} source {source}, which is not a background map; "
                          "name a layer of a wms, wmts or xyz source ({known})").format(
                place=place, value=_show(ref), type=source.type, source=_show(source.id),
                known=", ".join(known) or "-"))
            return ""
        if name and source.type != "xyz" and source.layers and name not in source.layers:
            self.error(tr("{place}: {value} names no background map of the profile; its background maps: "
                          "{known}").format(place=place, value=_show(ref), known=", ".join(known) or "-"))
            return ""
        return ref


def _example(sources: List[SourceSpec]) -> str:
    for source in sources:
        if source.background:
            return f"{source.id}:{source.layers[0] if source.layers else 'layer'}"
    return "topo:topowebbkartan"

