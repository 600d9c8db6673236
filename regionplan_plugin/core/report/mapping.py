"""The report map: its contents (plan, findings, regional layers, boundaries, extent) and
rendering it to an image."""

import os
from dataclasses import dataclass
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsLabelingEngineSettings,
    QgsLineSymbol,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRasterLayer,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QFont, QImage

from .. import paths, util, vocabulary
from ..check import BOUNDARY_COLLECTIONS, MUNICIPALITY_POLYGONS, CheckResult
from ..errors import RegionplanError
from ..i18n import translate
from .io import ReportError, write_bytes
from .styling import display_layers


def plan_layer(result: CheckResult, lang: Optional[str] = None) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        f"MultiPolygon?crs={result.crs}&field=plan_fid:integer&field=plan_name:string(0)",  # (0): no 255 limit
        translate("Plan", lang or result.lang),
        "memory",
    )
    features = []
    for plan in result.plan_features:
        feature = QgsFeature(layer.fields())
        geometry = plan.geometry.__class__(plan.geometry)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes([plan.fid, plan.label(lang or result.lang) if len(result.plan_features) > 1
                               else plan.name])
        features.append(feature)
    if not layer.dataProvider().addFeatures(features)[0]:
        raise ReportError(translate("The plan cannot be drawn on the report map.", lang or result.lang))
    layer.updateExtents()
    symbol = QgsFillSymbol.createSimple(
        {"color": "255,255,255,0", "outline_color": "#6a1b9a", "outline_width": "0.9", "style": "no"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if len(result.plan_features) > 1:  # which outline is which plan area (before other labels)
        _label_names(layer, "plan_name", colour="#6a1b9a", priority=10)
    return layer


# regional layers on the map: points above lines above polygons; boundaries at the bottom
_GEOMETRY_ORDER = {QgsWkbTypes.PointGeometry: 0, QgsWkbTypes.LineGeometry: 1, QgsWkbTypes.PolygonGeometry: 2}


INTEREST_OPACITY = 0.55  # regional interests (polygons) are see-through: the plan and findings stay readable


BOUNDARY_OPACITY = 0.5


@dataclass(eq=False)
class MapContents:
    """What a report map draws: ``layers`` top to bottom (plan, findings, regional layers,
    municipal boundaries), ``extent``, and ``collections``: the regional datasets drawn
    (those with features within the extent), in drawing order."""

    layers: list
    extent: QgsRectangle
    collections: list
    plan: QgsVectorLayer
    findings: list
    regional: list


def _fallback_symbol(geometry_type, boundary: bool):
    if boundary:
        if geometry_type == QgsWkbTypes.PolygonGeometry:
            return QgsFillSymbol.createSimple(
                {"color": "255,255,255,0", "style": "no", "outline_color": "#9a9a9a", "outline_width": "0.4",
                 "outline_style": "dash"})
        return QgsLineSymbol.createSimple({"line_color": "#9a9a9a", "line_width": "0.4", "line_style": "dash"})
    if geometry_type == QgsWkbTypes.PointGeometry:
        return QgsMarkerSymbol.createSimple({"color": "#555555", "size": "2.2"})
    if geometry_type == QgsWkbTypes.LineGeometry:
        return QgsLineSymbol.createSimple({"line_color": "#555555", "line_width": "0.6"})
    return QgsFillSymbol.createSimple({"color": "160,160,160,120", "outline_color": "#808080"})


def labeling_engine_settings() -> QgsLabelingEngineSettings:
    """The labelling engine of every report map: labels never overlap (a label with no free
    place is left out) and are never placed partly outside the map."""
    settings = QgsLabelingEngineSettings()
    settings.setFlag(QgsLabelingEngineSettings.UsePartialCandidates, False)
    settings.setFlag(QgsLabelingEngineSettings.DrawLabelRectOnly, False)
    return settings


def _label_names(layer, field_name: str, colour: str = "#6f6f6f", priority: int = 3) -> None:
    """Small grey labels (municipality names; plan areas in their colour) from ``field_name``,
    placed where they collide with no other label (the engine's placement; never all of them at
    any cost)."""
    settings = QgsPalLayerSettings()
    settings.fieldName = field_name
    settings.placement = QgsPalLayerSettings.Horizontal
    settings.displayAll = False
    settings.priority = priority
    text_format = QgsTextFormat()
    text_format.setFont(QFont("DejaVu Sans", 8, QFont.Bold))
    text_format.setSize(8)
    text_format.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    text_format.setBuffer(buffer)
    settings.setFormat(text_format)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _memory_copy(layer, extent: QgsRectangle):
    """The features of ``layer`` within ``extent`` in a memory layer made here (not by
    ``materialize()``: a layer QGIS creates in C++ has a Python wrapper that is not told when
    C++ deletes it, so a later object at the same address can find it stale, "deleted" or of
    the wrong type); given to the main thread like the report's other layers. None when empty
    or unreadable."""
    try:
        wkb = QgsWkbTypes.displayString(layer.wkbType()) or "Unknown"
        copy = util.owned_by_main_thread(QgsVectorLayer(wkb, layer.name(), "memory"))
        copy.setCrs(layer.crs())
        fields = [QgsField(field) for field in layer.fields()]
        for field in fields:
            field.setLength(0)  # no length limit: one long value would fail the whole batch
        copy.dataProvider().addAttributes(fields)
        copy.updateFields()
        features = list(layer.getFeatures(QgsFeatureRequest().setFilterRect(extent)))
    except Exception:  # noqa: BLE001 - a layer that cannot be read is simply not drawn
        return None
    if not features or not copy.dataProvider().addFeatures(features)[0]:
        return None
    copy.updateExtents()
    return copy


def _regional_copy(layer, collection: str, title: str, extent: QgsRectangle, boundary: bool):
    """The features of ``layer`` within ``extent`` as a memory layer with the bundled style of
    the collection (``resources/styles/<collection>.qml``), or a plain one; None when empty.
    A copy, so that the check's own layer is left as it is (and a service's memory layer,
    whose ``clone()`` would be empty, is copied with its features)."""
    copy = _memory_copy(layer, extent)
    if copy is None:
        return None
    copy.setName(title or collection)
    qml = paths.resource("styles", f"{collection}.qml")
    styled = False
    if os.path.exists(qml):
        _message, styled = copy.loadNamedStyle(qml)
    if not styled or copy.renderer() is None:
        copy.setRenderer(QgsSingleSymbolRenderer(_fallback_symbol(copy.geometryType(), boundary)))
    if boundary:
        copy.setOpacity(BOUNDARY_OPACITY)
        names = [name for name in ("namn", "name", "kommunnamn") if name in copy.fields().names()]
        if copy.geometryType() == QgsWkbTypes.PolygonGeometry and names:
            _label_names(copy, names[0])
    elif copy.geometryType() == QgsWkbTypes.PolygonGeometry:
        copy.setOpacity(INTEREST_OPACITY)
    return copy


def _dataset_title(result: CheckResult, collection: str) -> str:
    provenance = result.datasets.get(collection)
    title = (provenance.title if provenance is not None else "") or ""
    if title and title != collection:
        return str(title)
    titles = [o.title for o in result.outcomes if o.rule.collection == collection and o.title]
    return titles[0] if titles else collection


def _map_extent(result: CheckResult, plan: QgsVectorLayer) -> QgsRectangle:
    """The plan's extent, grown to show the findings near it (overlaps, the regional features
    within the rules' distances, shortest-distance lines), but never to a whole county: a far
    nearest feature's distance line is shown only in part."""
    extent = QgsRectangle(plan.extent())
    if extent.isNull() or extent.isEmpty():
        for finding in result.findings:
            if finding.geometry is not None and not finding.geometry.isNull():
                box = finding.geometry.boundingBox()
                if extent.isNull() or extent.isEmpty():
                    extent = QgsRectangle(box)
                else:
                    extent.combineExtentWith(box)
    if extent.isNull():
        return QgsRectangle(0, 0, 1000, 1000)
    size = max(extent.width(), extent.height(), 200.0)
    distances = [o.rule.distance_m or 0 for o in result.outcomes if o.rule.relation == "within_distance"]
    reach = min(max([1500.0, 0.75 * size] + distances), 6000.0)
    cap = extent.buffered(reach)
    # centred on the plan, as far out as the findings near it reach (at least 600 m each way)
    centre = extent.center()
    half_w = max(extent.width() / 2.0, 600.0)
    half_h = max(extent.height() / 2.0, 600.0)
    for finding in result.findings:
        if finding.geometry is None or finding.geometry.isNull():
            continue
        box = finding.geometry.boundingBox()
        box = box if cap.contains(box) else box.intersect(cap)
        if box.isNull():
            continue
        half_w = max(half_w, abs(box.xMinimum() - centre.x()), abs(box.xMaximum() - centre.x()))
        half_h = max(half_h, abs(box.yMinimum() - centre.y()), abs(box.yMaximum() - centre.y()))
    margin = max(half_w, half_h) * 0.08 + 50.0
    return QgsRectangle(centre.x() - half_w - margin, centre.y() - half_h - margin,
                        centre.x() + half_w + margin, centre.y() + half_h + margin)


def cached_context(cache, crs: str) -> dict:
    """The municipalities (``kommuner``) from ``cache`` (the caller's offline cache: anything with
    ``entry(cid)`` and ``layer(cid)``), as ``{collection: layer}`` for the ``context_layers`` of
    the report map: light, named context when no rule used them (the check reads them for the
    draft statement, but does not keep them). Empty when they are not cached (in ``crs``) or
    cannot be read. The report itself never opens the cache: its callers have one."""
    if cache is None:
        return {}
    try:
        entry = cache.entry(MUNICIPALITY_POLYGONS)
        if entry is None or (entry.crs and entry.crs != crs):
            return {}
        layer = cache.layer(MUNICIPALITY_POLYGONS)
    except (RegionplanError, OSError, ValueError):
        return {}
    return {MUNICIPALITY_POLYGONS: layer} if layer is not None else {}


def map_contents(result: CheckResult, extent: Optional[QgsRectangle] = None,
                 lang: Optional[str] = None, context_layers: Optional[dict] = None) -> MapContents:
    """The layers of the report map: the plan outline on top, the findings, the regional
    datasets the rules used (their features within the map extent, with the bundled styles),
    the municipal boundaries at the bottom. ``context_layers`` ({collection: layer}, e.g.
    :func:`cached_context`) are drawn as named context when no rule used that collection."""
    lang = lang or result.lang
    findings = display_layers(result.findings, result.crs, lang)
    plan = plan_layer(result, lang)
    if extent is None:
        extent = _map_extent(result, plan)
    search = extent.buffered(max(extent.width(), extent.height()) * 0.5)  # the PDF map may be wider
    regional = []
    sources = dict(result.layers)
    backgrounds = []  # raster context (core.basemap.report_background_layers): below everything, as given
    for collection, layer in (context_layers or {}).items():
        if isinstance(layer, QgsRasterLayer):
            backgrounds.append(layer.clone())  # the report's project takes its layers: a copy
        elif layer is not None and collection not in sources:
            sources[collection] = layer
    order = list(dict.fromkeys(o.rule.collection for o in result.outcomes)) + list(sources)
    for position, collection in enumerate(dict.fromkeys(order)):
        layer = sources.get(collection)
        if layer is None:
            continue
        boundary = collection in BOUNDARY_COLLECTIONS or result.kinds.get(collection) == vocabulary.BOUNDARY
        title = _dataset_title(result, collection)
        if title == collection and layer.name():
            title = layer.name()
        copy = _regional_copy(layer, collection, title, search, boundary)
        if copy is not None:
            key = (1 if boundary else 0, _GEOMETRY_ORDER.get(copy.geometryType(), 3), position)
            regional.append((key, collection, copy))
    regional.sort(key=lambda item: item[0])
    layers = [plan] + findings + [copy for _key, _cid, copy in regional] + [b for b in backgrounds if b.isValid()]
    return MapContents(layers, extent, [cid for _key, cid, _copy in regional], plan, findings,
                       [copy for _key, _cid, copy in regional])


def map_layers(result: CheckResult):
    """(layers top to bottom, extent) of the report map; see :func:`map_contents`."""
    contents = map_contents(result)
    return contents.layers, contents.extent


def render_map_image(result: CheckResult, size=(1200, 800), layers=None, extent=None,
                     lang: Optional[str] = None, context_layers: Optional[dict] = None,
                     contents: Optional[MapContents] = None) -> QImage:
    """The map as an image: ``layers`` within ``extent``, else ``contents`` (built here when not
    given) fitted to ``size``."""
    if layers is None:
        contents = contents or map_contents(result, lang=lang, context_layers=context_layers)
        layers, extent = contents.layers, _fit(contents.extent, size[0] / float(size[1]))
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(result.crs))
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor("#ffffff"))
    settings.setExtent(extent)
    settings.setOutputDpi(96)
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setFlag(QgsMapSettings.DrawLabeling, True)
    settings.setLabelingEngineSettings(labeling_engine_settings())
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def render_map_png(result: CheckResult, path: Optional[str] = None, size=(1200, 800),
                   lang: Optional[str] = None, context_layers: Optional[dict] = None,
                   contents: Optional[MapContents] = None) -> bytes:
    """The map (plan, regional layers involved, findings) as PNG bytes; also written to ``path``.
    ``contents``: the map's contents when the caller has them already (one build per report)."""
    image = render_map_image(result, size, lang=lang, context_layers=context_layers, contents=contents)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    png = bytes(data)
    if path:
        write_bytes(path, png, lang or result.lang, "png")
    return png


def _fit(extent: QgsRectangle, ratio: float) -> QgsRectangle:
    """``extent`` grown to the width/height ``ratio`` around its centre."""
    width, height = extent.width(), extent.height()
    if height <= 0 or width <= 0:
        return extent
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    half_w, half_h = width / 2, height / 2
    return QgsRectangle(centre.x() - half_w, centre.y() - half_h, centre.x() + half_w, centre.y() + half_h)
