"""Background and context sources (``wms``, ``wmts``, ``xyz``) as QGIS raster layers.

Layers are made with QGIS' own ``wms`` provider, so every request goes through QGIS'
network stack (proxy, SSL) and the source's ``authcfg`` (chosen per source in the plugin's
settings: ``core.settings.source_authcfg``) is applied by QGIS itself."""

import dataclasses
from dataclasses import dataclass, field
from typing import List, Optional, Tuple
from urllib.parse import quote

from qgis.core import QgsRasterLayer

from .. import settings
from ..i18n import localized
from ..util import owned_by_main_thread

BACKGROUND_TYPES = ("wms", "wmts", "xyz")


@dataclass(frozen=True)
class BackgroundSource:
    """A profile source of a background type (the fields of ``SourceSpec`` this module uses)."""

    id: str
    type: str
    url: str
    version: str = ""
    title: dict = field(default_factory=dict)
    licence: str = ""
    auth: str = "none"
    layers: Tuple[str, ...] = ()
    crs: str = ""
    format: str = ""
    zmin: int = 0  # xyz: the zoom levels the tile service has
    zmax: int = 19
    profile_id: str = ""  # whose settings hold the source's authcfg


def _as_source(obj) -> Optional[BackgroundSource]:
    """A ``SourceSpec`` (v2 profile) or a raw ``sources[]`` dict, when of a background type."""
    get = obj.get if isinstance(obj, dict) else (lambda key, default=None: getattr(obj, key, default))
    kind = str(get("type", "") or "")
    if kind not in BACKGROUND_TYPES:
        return None
    layers = get("layers", ()) or ()
    title = get("title", {}) or {}
    return BackgroundSource(
        id=str(get("id", "") or ""), type=kind, url=str(get("url", "") or ""), version=str(get("version", "") or ""),
        title=dict(title) if isinstance(title, dict) else {}, licence=str(get("licence", "") or ""),
        auth=str(get("auth", "none") or "none"),
        layers=tuple(str(name) for name in layers) if isinstance(layers, (list, tuple)) else (),
        crs=str(get("crs", "") or ""), format=str(get("format", "") or ""),
        zmin=_int(get("zmin", 0), 0), zmax=_int(get("zmax", 19), 19))


def _int(value, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 30 else default


def background_sources(profile) -> List[BackgroundSource]:
    """The profile's background sources: ``Profile.sources`` (v2) when present, else the raw
    ``sources`` list of the profile file (an adapter until every tree has profile v2)."""
    specs = getattr(profile, "sources", None)
    if not specs:
        raw = getattr(profile, "raw", None) or {}
        specs = raw.get("sources", []) if isinstance(raw, dict) else []
    found = []
    for spec in specs or []:
        source = _as_source(spec)
        if source is not None and source.id:
            found.append(dataclasses.replace(source, profile_id=str(getattr(profile, "id", "") or "")))
    return found


def background_refs(profile) -> List[str]:
    """Every background dataset reference ``<source id>:<layer>`` of the profile, in order."""
    return [f"{source.id}:{name}" for source in background_sources(profile) for name in source.layers]


def resolve_background(profile, ref: str) -> Optional[Tuple[BackgroundSource, str]]:
    """(source, layer name) of a background reference ``<source id>:<layer>`` or a bare source
    id (its first layer); None when ``ref`` names no background layer."""
    ref = str(ref or "").strip()
    sources = background_sources(profile)
    source_id, _, name = ref.partition(":")
    for source in sources:
        if source.id != source_id:
            continue
        if not name:
            return (source, source.layers[0] if source.layers else "")
        if name in source.layers or source.type == "xyz":
            return (source, name)
    return None


def is_background_ref(profile, ref: str) -> bool:
    return resolve_background(profile, ref) is not None


def source_authcfg(source: BackgroundSource) -> str:
    """The QGIS authentication configuration chosen for one source in the plugin's settings
    (``core.settings.source_authcfg``, the same key as the feature sources')."""
    return settings.source_authcfg(source.profile_id, source.id)


def wmts_capabilities_url(url: str) -> str:
    """The capabilities URL QGIS' ``wms`` provider needs for a WMTS: a KVP endpoint (such as
    QGIS Server's or MapServer's) gets ``SERVICE=WMTS&REQUEST=GetCapabilities``; otherwise the
    provider asks for *WMS* capabilities and finds no tile layer. A RESTful
    ``.../WMTSCapabilities.xml`` is kept as it is."""
    lowered = url.lower()
    if "service=wmts" in lowered or lowered.split("?")[0].endswith(".xml"):
        return url
    joiner = "" if url.endswith(("?", "&")) else ("&" if "?" in url else "?")
    return url + joiner + "SERVICE=WMTS&REQUEST=GetCapabilities"


def _escaped(url: str) -> str:
    """``url`` as one value of the provider's ``&``-separated URI: its own ``&`` and ``=``
    percent-encoded (QGIS decodes them), the template's ``{z}`` kept readable."""
    return quote(url, safe=":/?{}%@-_.~,;")


def layer_uri(source: BackgroundSource, name: str, crs: str = "EPSG:3006", authcfg: str = "") -> str:
    """The ``wms`` provider's data source string for one layer of ``source``."""
    parts = []
    if source.type == "xyz":
        parts += ["type=xyz", "url=" + _escaped(source.url), f"zmin={source.zmin}", f"zmax={source.zmax}"]
    elif source.type == "wmts":
        parts += ["contextualWMSLegend=0", "crs=" + (source.crs or crs), "dpiMode=7",
                  "format=" + (source.format or "image/png"), "layers=" + name, "styles=default",
                  "tileMatrixSet=" + (source.crs or crs), "url=" + _escaped(wmts_capabilities_url(source.url))]
    else:
        # several layers in one image, named as in a GetMap request: bottom first. QGIS's provider
        # lists them top first (as its layer panel) and reverses them for the server.
        names = list(reversed([part for part in name.split(",") if part])) or [name]
        parts += ["contextualWMSLegend=0", "crs=" + (source.crs or crs), "dpiMode=7",
                  "format=" + (source.format or "image/png")]
        parts += ["layers=" + part for part in names] + ["styles=" for _part in names] + ["url=" + source.url]
    if authcfg:
        parts.insert(0, "authcfg=" + authcfg)
    return "&".join(parts)


def background_layer(source: BackgroundSource, name: str, crs: str = "EPSG:3006", lang: str = "sv",
                     authcfg: Optional[str] = None) -> QgsRasterLayer:
    """A QGIS raster layer for one background layer (not added to any project)."""
    if authcfg is None:
        authcfg = source_authcfg(source)
    title = localized(source.title, lang) if source.title else ""
    label = f"{title} – {name}" if title and name else (title or name or source.id)
    layer = QgsRasterLayer(layer_uri(source, name, crs, authcfg), label, "wms")
    owned_by_main_thread(layer)
    return layer


def background_layers(profile, refs, lang: str = "sv") -> List[QgsRasterLayer]:
    """Layers for background references (unknown references are skipped)."""
    layers = []
    for ref in refs:
        found = resolve_background(profile, ref)
        if found is not None:
            layers.append(background_layer(found[0], found[1], profile.crs, lang))
    return layers
