"""Outputs of a check: self-contained HTML, PDF (QGIS print layout), CSV and GeoPackage,
and the map image. In Swedish or English, whatever the UI language is (``translate``).

Every string that comes from the service, the profile or the plan is HTML-escaped
(``html.escape``) before it enters the HTML; the HTML makes no external request (inline
CSS, the map embedded as a ``data:`` URI).
"""

import base64
import csv
import datetime
import html
import os
from typing import List, Optional

from qgis.core import (
    Qgis,
    QgsAbstractLayoutIterator,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFillSymbol,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QFont, QImage

from . import paths, vocabulary
from .check import FIELD_NAMES, SEVERITIES, CheckResult, findings_fields, findings_layer
from .errors import Cancelled, RegionplanError
from .i18n import localized, translate, translaten
from .report_io import ReportError, replacing, write_bytes, write_error
from .styling import display_layers

STRUCTURE_PREFIXES = ("rus_", "oms_")


def esc(value) -> str:
    """HTML-escape anything (None -> "")."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def severity_label(severity: str, lang: str) -> str:
    return vocabulary.severity_label(severity, lang)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: first letter lower case, the rest (RUS) as it is."""
    return label[:1].lower() + label[1:]


def _fmt_m(value, lang: str) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "0"
    text = f"{value:,.0f}" if abs(value) >= 10 else f"{value:.1f}"
    return text.replace(",", "\u00a0") if lang == "sv" else text


def _fmt_share(value, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{100.0 * value:.1f}\u00a0%"
    return text.replace(".", ",") if lang == "sv" else text


def _fmt_age(seconds) -> str:
    if seconds is None:
        return "–"
    seconds = float(seconds)
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _profile_name(result: CheckResult) -> str:
    return localized(getattr(result.profile, "name", ""), result.lang)


def plan_title(result: CheckResult, lang: Optional[str] = None) -> str:
    """The plan's own name(s) (``name``/``namn``/``planname`` of its features), else the layer name;
    with more than three named features, "N plan areas"."""
    lang = lang or result.lang
    names = list(dict.fromkeys(p.name for p in result.plan_features if p.name))
    if not names:
        names = list(dict.fromkeys(f.plan_name for f in result.findings if f.plan_name))
    if not names:
        return result.plan_name
    if len(names) > 3:
        return translate("{count} plan areas", lang).format(count=len(result.plan_features))
    return "; ".join(names)


def is_structure_plan(result: CheckResult, collection: str) -> bool:
    kind = result.kinds.get(collection, "")
    if kind:
        return kind == vocabulary.STRUCTURE_PLAN
    return collection.startswith(STRUCTURE_PREFIXES)


# --------------------------------------------------------------------------- map


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
        feature.setAttributes([plan.fid, plan.name])
        features.append(feature)
    if not layer.dataProvider().addFeatures(features)[0]:
        raise ReportError(translate("The plan cannot be drawn on the report map.", lang or result.lang))
    layer.updateExtents()
    symbol = QgsFillSymbol.createSimple(
        {"color": "255,255,255,0", "outline_color": "#6a1b9a", "outline_width": "0.9", "style": "no"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


# regional layers on the map: points above lines above polygons; boundaries at the bottom
_GEOMETRY_ORDER = {QgsWkbTypes.PointGeometry: 0, QgsWkbTypes.LineGeometry: 1, QgsWkbTypes.PolygonGeometry: 2}
INTEREST_OPACITY = 0.55  # regional interests (polygons) are see-through: the plan and findings stay readable
BOUNDARY_OPACITY = 0.5


class MapContents:
    """What a report map draws: ``layers`` top to bottom (plan, findings, regional layers,
    municipal boundaries), ``extent``, and ``collections``: the regional datasets drawn
    (those with features within the extent), in drawing order."""

    def __init__(self, layers, extent, collections, plan, findings, regional):
        self.layers = layers
        self.extent = extent
        self.collections = collections
        self.plan = plan
        self.findings = findings
        self.regional = regional


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


def _label_names(layer, field_name: str) -> None:
    """Small grey labels (municipality names) from ``field_name``."""
    from qgis.core import QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling

    settings = QgsPalLayerSettings()
    settings.fieldName = field_name
    text_format = QgsTextFormat()
    text_format.setFont(QFont("DejaVu Sans", 8, QFont.Bold))
    text_format.setSize(8)
    text_format.setColor(QColor("#6f6f6f"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    text_format.setBuffer(buffer)
    settings.setFormat(text_format)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _regional_copy(layer, collection: str, title: str, extent: QgsRectangle, boundary: bool):
    """The features of ``layer`` within ``extent`` as a memory layer with the bundled style of
    the collection (``resources/styles/<collection>.qml``), or a plain one; None when empty.
    A copy, so that the check's own layer is left as it is (and a service's memory layer,
    whose ``clone()`` would be empty, is copied with its features)."""
    from qgis.core import QgsFeatureRequest

    try:
        copy = layer.materialize(QgsFeatureRequest().setFilterRect(extent))
    except Exception:  # noqa: BLE001 - a layer that cannot be read is simply not drawn
        return None
    if copy is None or not copy.isValid() or copy.featureCount() == 0:
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
    title = (result.datasets.get(collection) or {}).get("title") or ""
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


def _cached_municipalities(result: CheckResult):
    """The municipalities (``kommuner``) from the offline cache, as light context for the map
    when no rule used them (the check reads them for the draft statement, but does not keep
    them); None when they are not cached (in the check's CRS) or cannot be read."""
    from .cache import Cache
    from .check import MUNICIPALITY_POLYGONS

    profile_id = getattr(result.profile, "id", "")
    if not profile_id:
        return None
    try:
        cache = Cache(profile_id)
        entry = cache.entry(MUNICIPALITY_POLYGONS)
        if entry is None or (entry.crs and entry.crs != result.crs):
            return None
        return cache.layer(MUNICIPALITY_POLYGONS)
    except (RegionplanError, OSError, ValueError):
        return None


def map_contents(result: CheckResult, extent: Optional[QgsRectangle] = None,
                 lang: Optional[str] = None) -> MapContents:
    """The layers of the report map: the plan outline on top, the findings, the regional
    datasets the rules used (their features within the map extent, with the bundled styles),
    the municipal boundaries at the bottom."""
    from .check import BOUNDARY_COLLECTIONS, MUNICIPALITY_POLYGONS

    lang = lang or result.lang
    findings = display_layers(result.findings, result.crs, lang)
    plan = plan_layer(result, lang)
    if extent is None:
        extent = _map_extent(result, plan)
    search = extent.buffered(max(extent.width(), extent.height()) * 0.5)  # the PDF map may be wider
    regional = []
    sources = dict(result.layers)
    if MUNICIPALITY_POLYGONS not in sources:
        cached = _cached_municipalities(result)
        if cached is not None:
            sources[MUNICIPALITY_POLYGONS] = cached
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
    layers = [plan] + findings + [copy for _key, _cid, copy in regional]
    return MapContents(layers, extent, [cid for _key, cid, _copy in regional], plan, findings,
                       [copy for _key, _cid, copy in regional])


def map_layers(result: CheckResult):
    """(layers top to bottom, extent) of the report map; see :func:`map_contents`."""
    contents = map_contents(result)
    return contents.layers, contents.extent


def render_map_image(result: CheckResult, size=(1200, 800), layers=None, extent=None,
                     lang: Optional[str] = None) -> QImage:
    if layers is None:
        contents = map_contents(result, lang=lang)
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
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def render_map_png(result: CheckResult, path: Optional[str] = None, size=(1200, 800),
                   lang: Optional[str] = None) -> bytes:
    """The map (plan, regional layers involved, findings) as PNG bytes; also written to ``path``."""
    image = render_map_image(result, size, lang=lang)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    png = bytes(data)
    if path:
        write_bytes(path, png, lang or result.lang, "png")
    return png


# --------------------------------------------------------------------------- HTML

CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:2em auto;max-width:62em;color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
h3{margin-bottom:.3em}table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;padding:.05em .5em;border-radius:.6em;color:#fff;font-size:.85em;font-weight:bold}
.verdict{font-size:1.15em;padding:.6em .8em;border-left:6px solid #888;background:#f7f7f7}
.muted{color:#666}.note{background:#fff7e0;border-left:4px solid;padding:.4em .7em}
.statement{background:#fbfbf6;border:1px solid #e2e2d0;padding:.5em 1.2em}
img.map{width:100%;border:1px solid #ccc}code{font-size:.9em;overflow-wrap:anywhere}
.subtitle{font-size:1.15em;margin:.2em 0}td{overflow-wrap:anywhere}p.legend{line-height:1.8}
th.num{text-align:right;white-space:nowrap;width:7.5em}td.time{white-space:nowrap}
""" + "".join(f".sev-{s}{{background:{c}}}" for s, c in vocabulary.SEVERITY_COLOURS.items()) + "".join(
    f".verdict-{v}{{border-color:{c}}}" for v, c in vocabulary.VERDICT_COLOURS.items()) + (
    f".na{{color:{vocabulary.SEVERITY_COLOURS[vocabulary.SUPPORT]}}}"
    f".note{{border-color:{vocabulary.SEVERITY_COLOURS[vocabulary.ATTENTION]}}}\n")


def _counts_table(result: CheckResult, lang: str) -> str:
    counts = result.counts
    head = "".join(f"<th>{esc(severity_label(s, lang))}</th>" for s in SEVERITIES)
    row = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
    return f"<table class=\"summary\"><tr>{head}</tr><tr>{row}</tr></table>"


def _rule_section(result: CheckResult, outcome, lang: str) -> str:
    rule = outcome.rule
    parts = [
        f'<section class="rule" id="rule-{esc(rule.id)}">',
        f'<h3><span class="sev sev-{esc(rule.severity)}">{esc(severity_label(rule.severity, lang))}</span> '
        f"{esc(outcome.title)}</h3>",
        f'<p class="muted">{esc(translate("Rule", lang))} <code>{esc(rule.id)}</code> · '
        f"{esc(translate('Dataset', lang))} <code>{esc(rule.collection)}</code> · "
        f"{esc(_relation_text(rule, lang))}</p>",
        f"<p>{esc(outcome.message)}</p>",
    ]
    if getattr(rule, "reference", ""):
        parts.append(f'<p class="muted">{esc(translate("Reference", lang))}: {esc(rule.reference)}</p>')
    if outcome.findings:
        # one plan feature: its name is in the title already, a column of it would only repeat it
        several = len(result.plan_features) > 1
        plan_head = f"<th>{esc(translate('Plan feature', lang))}</th>" if several else ""
        parts.append(
            '<table class="findings"><tr>'
            f"{plan_head}"
            f"<th>{esc(translate('Regional feature', lang))}</th>"
            f'<th class="num">{esc(translate("Distance (m)", lang))}</th>'
            f'<th class="num">{esc(translate("Overlap (m²)", lang))}</th>'
            f'<th class="num">{esc(translate("Share of plan", lang))}</th></tr>'
        )
        for finding in outcome.findings:
            plan = finding.plan_name or f"#{finding.plan_fid}"
            feature = finding.feature_name or translate("(no feature in the dataset)", lang)
            plan_cell = f"<td>{esc(plan)}</td>" if several else ""
            parts.append(
                f"<tr>{plan_cell}<td>{esc(feature)}</td>"
                f'<td class="num">{esc(_fmt_m(finding.distance_m, lang))}</td>'
                f'<td class="num">{esc(_fmt_m(finding.overlap_m2, lang))}</td>'
                f'<td class="num">{esc(_fmt_share(finding.overlap_share, lang))}</td></tr>'
            )
        parts.append("</table>")
    if outcome.not_affected:
        names = ", ".join(esc(p.name or f"#{p.fid}") for p in outcome.not_affected)
        parts.append(f'<p class="na">✓ {esc(translate("Checked, not affected", lang))}: {names}</p>')
    if not outcome.findings and not outcome.not_affected:
        parts.append(f'<p class="muted">{esc(translate("Not checked (no plan feature in the region).", lang))}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _relation_text(rule, lang: str) -> str:
    distance = _fmt_m(rule.distance_m, lang) if rule.distance_m else ""
    if rule.relation == "intersects":
        text = translate("intersects the plan", lang)
        if getattr(rule, "min_overlap_m2", 0):
            text += " " + translate("(from {area} m² overlap)", lang).format(area=_fmt_m(rule.min_overlap_m2, lang))
        return text
    if rule.relation == "within_distance":
        return translate("within {distance} m of the plan", lang).format(distance=distance)
    return translate("none within {distance} m of the plan", lang).format(distance=distance)


def _names(findings) -> str:
    seen = []
    for finding in findings:
        name = finding.feature_name or ""
        if name and name not in seen:
            seen.append(name)
    return ", ".join(seen)


def statement_sections(result: CheckResult, lang: Optional[str] = None):
    """The draft statement as [(heading, [paragraph text])] (plain text, not escaped)."""
    lang = lang or result.lang
    interests = []
    structure = []
    for outcome in result.outcomes:
        if not outcome.findings:
            continue
        rule = outcome.rule
        if result.boundary_rule and rule.id == result.boundary_rule:
            continue
        names = _names(outcome.findings)
        if is_structure_plan(result, rule.collection):
            text = translate("{title}: {message} ({names}).", lang).format(
                title=outcome.title, message=outcome.message, names=names or translate("see the map", lang)
            )
            structure.append(text)
        elif rule.relation == "beyond_distance":
            # nothing within the distance: the statement names the nearest feature and how far it is
            nearest = list(dict.fromkeys(
                translate("{name} ({distance} m)", lang).format(
                    name=f.feature_name, distance=_fmt_m(f.distance_m, lang))
                for f in outcome.findings if f.feature_name and f.distance_m is not None
            ))
            if nearest:
                text = translate("{title} ({severity}): {message} Nearest: {names}.", lang).format(
                    title=outcome.title, severity=_in_sentence(severity_label(rule.severity, lang)),
                    message=outcome.message, names=", ".join(nearest))
            else:
                text = translate("{title} ({severity}): {message}", lang).format(
                    title=outcome.title, severity=_in_sentence(severity_label(rule.severity, lang)),
                    message=outcome.message)
            interests.append(text)
        else:
            text = translate("{title} ({severity}): {message} Concerned: {names}.", lang).format(
                title=outcome.title,
                severity=_in_sentence(severity_label(rule.severity, lang)),
                message=outcome.message,
                names=names or translate("see the map", lang),
            )
            interests.append(text)
    if not interests:
        interests.append(translate("The check found no regional interest that the plan affects.", lang))
    if not structure:
        structure.append(
            translate("The check found no corridor, node or core of the RUS structure plans near the plan.", lang)
        )
    inter = []
    if result.neighbours:
        listed = ", ".join(
            translate("{name} ({distance} m)", lang).format(name=name, distance=_fmt_m(distance, lang))
            for name, distance in result.neighbours
        )
        distance = ""
        for outcome in result.outcomes:
            if outcome.rule.id == result.boundary_rule:
                distance = _fmt_m(outcome.rule.distance_m, lang)
        inter.append(
            translate(
                "The plan lies within {distance} m of the boundary to these neighbouring municipalities, which "
                "should be consulted: {names}.",
                lang,
            ).format(distance=distance, names=listed)
        )
    elif result.boundary_rule:
        inter.append(translate("No neighbouring municipality lies within the boundary rule's distance.", lang))
    else:
        inter.append(translate("The profile has no municipal boundary rule; not assessed.", lang))
    if result.host_municipalities:
        inter.append(
            translate("Municipality of the plan: {names}.", lang).format(names=", ".join(result.host_municipalities))
        )
    return [
        (_heading("interests", lang), interests),
        (_heading("structure", lang), structure),
        (_heading("inter", lang), inter),
    ]


# The draft statement's headings are the region's own words (issue: "Berörda regionala
# intressen", "Förhållande till RUS strukturbilder", "Mellankommunala frågor").
HEADINGS = {
    "statement": {"sv": "Utkast till yttrande", "en": "Draft statement"},
    "interests": {"sv": "Berörda regionala intressen", "en": "Regional interests concerned"},
    "structure": {"sv": "Förhållande till RUS strukturbilder", "en": "Relation to the RUS structure plans"},
    "inter": {"sv": "Mellankommunala frågor", "en": "Inter-municipal issues"},
}


def _heading(key: str, lang: str) -> str:
    return HEADINGS[key]["sv" if lang == "sv" else "en"]


def _provenance(result: CheckResult, lang: str) -> str:
    profile = result.profile
    rows = [
        (translate("Profile", lang), f"{getattr(profile, 'id', '')} – {_profile_name(result)}"),
        (translate("Profile source", lang), getattr(profile, "source", "")),
        (translate("Profile SHA-256", lang), getattr(profile, "sha256", "")),
        (translate("Service", lang), getattr(profile, "service_url", "")),
        (translate("Plan layer", lang), f"{result.plan_name} ({result.plan_crs})"),
        (translate("Measured in", lang), result.crs),
        (translate("Checked at (UTC)", lang), result.started_at),
        (translate("Plugin version", lang), result.plugin_version),
        (translate("QGIS version", lang), result.qgis_version),
    ]
    parts = ["<table>"]
    for key, value in rows:
        parts.append(f"<tr><th>{esc(key)}</th><td>{esc(value)}</td></tr>")
    parts.append("</table>")
    if result.datasets:
        parts.append(
            "<table><tr>"
            f"<th>{esc(translate('Dataset', lang))}</th><th>{esc(translate('From', lang))}</th>"
            f"<th>{esc(translate('Fetched (UTC)', lang))}</th><th>{esc(translate('Cache age', lang))}</th>"
            f"<th>{esc(translate('ETag / version / hash', lang))}</th>"
            f"<th>{esc(translate('Features', lang))}</th></tr>"
        )
        origins = {
            "cache": translate("offline cache", lang),
            "service": translate("service", lang),
            "layer": translate("local layer", lang),
        }
        for cid, info in result.datasets.items():
            version = " / ".join(
                str(v) for v in (info.get("etag"), info.get("version"), (info.get("content_hash") or "")[:16]) if v
            )
            origin = origins.get(info.get("origin"), info.get("origin", "")) + _limited_to(info, result, lang)
            parts.append(
                f"<tr><td>{esc(info.get('title') or cid)} <code>{esc(cid)}</code></td>"
                f"<td>{esc(origin)}</td>"
                f'<td class="time">{esc(_fmt_time(info.get("fetched_at", "")) or "–")}</td>'
                f"<td>{esc(_fmt_age(info.get('cache_age_s')))}</td>"
                f"<td><code>{esc(version or '–')}</code></td>"
                f'<td class="num">{esc(_feature_count(info, lang))}</td></tr>'
            )
        parts.append("</table>")
    return "\n".join(parts)


def _limited_to(info: dict, result: CheckResult, lang: str) -> str:
    """", only the area xmin, ymin – xmax, ymax EPSG:…" for a copy cached for an extent, else ""."""
    box = info.get("extent")
    if not box:
        return ""
    area = "{:.0f}, {:.0f} – {:.0f}, {:.0f} {}".format(*[float(v) for v in box], result.crs)
    return translate(", only the area {extent}", lang).format(extent=area)


def _feature_count(info: dict, lang: str) -> str:
    count = info.get("feature_count", "")
    skipped = info.get("skipped") or 0
    repaired = info.get("repaired") or 0
    text = str(count)
    if skipped:
        text = translate("{count} ({skipped} skipped: broken in the service's answer)", lang).format(
            count=count, skipped=skipped)
    if repaired:
        text += "; " + translaten("{n} feature repaired (invalid geometry)", "{n} features repaired (invalid geometry)",
                                  repaired, lang).format(n=repaired)
    return text


def html_report(result: CheckResult, lang: Optional[str] = None, map_png: Optional[bytes] = None) -> str:
    lang = lang or result.lang
    title = translate("Plan check against the regional development strategy", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        f"<title>{esc(title)} – {esc(plan_title(result, lang))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="subtitle"><strong>{esc(translate("Plan", lang))}: {esc(plan_title(result, lang))}</strong></p>',
        f'<p class="muted">{esc(_profile_name(result))} · {esc(translate("Plan layer", lang))}: '
        f"{esc(result.plan_name)} · {esc(_fmt_time(result.started_at))}</p>",
        f"<h2>{esc(translate('Summary', lang))}</h2>",
        f'<p class="verdict verdict-{esc(result.verdict)}">{esc(result.verdict_text(lang))}</p>',
        _counts_table(result, lang),
    ]
    plan_rows = "".join(
        f"<tr><td>{esc(p.name or f'#{p.fid}')}</td><td class=\"num\">{esc(_fmt_m(p.area_m2, lang))}</td>"
        f"<td>{esc(translate('yes', lang) if p.checked else translate('no (outside the region)', lang))}</td></tr>"
        for p in result.plan_features
    )
    parts.append(
        f"<table><tr><th>{esc(translate('Plan feature', lang))}</th>"
        f'<th class="num">{esc(translate("Area (m²)", lang))}</th>'
        f"<th>{esc(translate('Checked', lang))}</th></tr>{plan_rows}"
        "</table>"
    )
    for note in result.notes:
        parts.append(f'<p class="note">{esc(note)}</p>')
    if result.repairs:
        parts.append(f"<h3>{esc(translate('Repaired or skipped plan geometries', lang))}</h3><ul>")
        for repair in result.repairs:
            parts.append(f"<li>#{esc(repair.plan_fid)} {esc(repair.plan_name)}: {esc(repair.reason)}</li>")
        parts.append("</ul>")
    if result.disabled_rules:
        parts.append(
            f'<p class="note">{esc(translate("Rules turned off for this check", lang))}: '
            f"{esc(', '.join(result.disabled_rules))}</p>"
        )
    if map_png:
        encoded = base64.b64encode(map_png).decode("ascii")
        parts.append(f"<h2>{esc(translate('Map', lang))}</h2>")
        parts.append(f'<img class="map" alt="{esc(translate("Map of the plan and the findings", lang))}" '
                     f'src="data:image/png;base64,{encoded}">')
        parts.append(_legend_html(result, lang))
    parts.append(f"<h2>{esc(translate('Findings by rule', lang))}</h2>")
    for outcome in result.outcomes:
        parts.append(_rule_section(result, outcome, lang))
    parts.append(f"<h2>{esc(_heading('statement', lang))}</h2><div class=\"statement\">")
    for heading, paragraphs in statement_sections(result, lang):
        parts.append(f"<h3>{esc(heading)}</h3>")
        for paragraph in paragraphs:
            parts.append(f"<p>{esc(paragraph)}</p>")
    parts.append("</div>")
    parts.append(f"<h2>{esc(translate('Provenance', lang))}</h2>")
    parts.append(_provenance(result, lang))
    parts.append("</body></html>")
    return "\n".join(parts)


def _legend_html(result: CheckResult, lang: str) -> str:
    items = "".join(
        f'<span class="sev sev-{s}">{esc(severity_label(s, lang))}</span> ' for s in SEVERITIES
    )
    contents = map_contents(result)
    titles = [layer.name() for layer in contents.regional]
    contents.layers.clear()
    contents.regional.clear()
    shown = ""
    if titles:
        shown = (f'<br>{esc(translate("Regional layers on the map (under the findings)", lang))}: '
                 f"{esc(', '.join(titles))}")
    return (
        f'<p class="muted legend">{items} · {esc(translate("purple outline: the plan", lang))} · '
        f"{esc(translate('dashed lines: shortest distance to the regional feature', lang))}{shown}</p>"
    )


def _fmt_time(stamp: str) -> str:
    """``2026-11-28T14:01:40+00:00`` -> ``2026-11-28 14:01 UTC``."""
    text = str(stamp or "")
    if len(text) >= 16 and text[10] == "T" and (text.endswith("+00:00") or text.endswith("Z")):
        return text[:10] + " " + text[11:16] + " UTC"
    return text


def write_html(result: CheckResult, path: str, lang: Optional[str] = None, map_png: Optional[bytes] = None) -> str:
    """Write the self-contained HTML report; renders the map unless ``map_png`` is given."""
    if map_png is None:
        map_png = render_map_png(result, lang=lang)
    write_bytes(path, html_report(result, lang, map_png).encode("utf-8"), lang or result.lang, "html")
    return path


# --------------------------------------------------------------------------- CSV / GeoPackage


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A CSV cell. Text (from the service, the plan or the profile) that a spreadsheet would run
    as a formula gets a leading apostrophe (OWASP, CSV injection); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(result: CheckResult, path: str) -> str:
    """The findings as CSV: UTF-8 with BOM (Excel opens it right), a header row, one row per finding."""
    with replacing(path, result.lang, "csv") as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIELD_NAMES)
            for finding in result.findings:
                writer.writerow([_csv_cell(value) for value in finding.attributes()])
            handle.flush()
            os.fsync(handle.fileno())
    return path


def _write_layer(layer: QgsVectorLayer, path: str, name: str, overwrite_file: bool, shown: str = "",
                 lang: str = "en") -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteFile if overwrite_file else QgsVectorFileWriter.CreateOrOverwriteLayer
    )
    writer_fn = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
    context = QgsProject.instance().transformContext()
    if writer_fn is not None:
        result = writer_fn(layer, path, context, options)
    else:  # pragma: no cover - QGIS < 3.20
        result = QgsVectorFileWriter.writeAsVectorFormatV2(layer, path, context, options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise ReportError(
            translate("The findings cannot be written to {path}: {error}", lang).format(
                path=shown or path, error=result[1])
        )


def write_gpkg(result: CheckResult, path: str, layer_name: str = "findings") -> str:
    """The findings as a GeoPackage: layer ``findings`` (GeometryCollection, the contract's
    fields), plus ``findings_polygons`` / ``_lines`` / ``_points`` with the severity style for
    display (QGIS does not draw GeometryCollection layers)."""

    def whole(tmp: str) -> bool:
        from osgeo import ogr  # (not a QGIS layer: QGIS' connection pool would keep the file open)

        dataset = ogr.Open(tmp)
        layer = dataset.GetLayerByName(layer_name) if dataset is not None else None
        ok = layer is not None and layer.GetFeatureCount() == len(result.findings)
        layer = dataset = None
        return ok

    with replacing(path, result.lang, "gpkg", whole) as tmp:
        _write_layer(findings_layer(result.findings, result.crs, layer_name), tmp, layer_name, True, path,
                     result.lang)
        suffix = {QgsWkbTypes.PolygonGeometry: "polygons", QgsWkbTypes.LineGeometry: "lines",
                  QgsWkbTypes.PointGeometry: "points"}
        for layer in display_layers(result.findings, result.crs, result.lang):
            name = f"{layer_name}_{suffix[layer.geometryType()]}"
            _write_layer(layer, tmp, name, False, path, result.lang)
            saved = QgsVectorLayer(f"{tmp}|layername={name}", name, "ogr")
            if saved.isValid():
                saved.setRenderer(layer.renderer().clone())
                saved.saveStyleToDatabase(name, "", True, "")
            del saved
    return path


# --------------------------------------------------------------------------- PDF


TABLE_WIDTHS = [46, 58, 22, 68, 18, 22, 18]  # mm; with the cell margins and borders about 270
CELL_CHARS_PER_MM = 0.62  # 7 pt DejaVu Sans: a little over 0.7 average characters per mm
CELL_LINES = 40  # a cell never grows taller than a page


def _cell(text: str, width_mm: float, lang: str) -> str:
    """``text`` broken into lines that fit a table column ``width_mm`` wide (QGIS' own wrapping
    takes minutes on a name of a few thousand characters, and never breaks a long word); a
    text longer than a page of lines ends with a visible note of how much is left out (the
    HTML, CSV and GeoPackage have it whole)."""
    import textwrap

    text = str(text)
    width = max(4, int(width_mm * CELL_CHARS_PER_MM))
    if len(text) <= width and "\n" not in text:
        return text
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > CELL_LINES:
        kept = lines[:CELL_LINES - 1]
        left = len(text) - sum(len(line) + 1 for line in kept)
        kept.append(translate("… ({count} more characters)", lang).format(count=max(left, 1)))
        lines = kept
    return "\n".join(lines)


def _table_rows(result: CheckResult, lang: str) -> List[list]:
    titles = result.rule_titles()
    return [[_cell(value, width, lang) for value, width in zip([
        finding.plan_name or f"#{finding.plan_fid}",
        titles.get(finding.rule_id, finding.rule_id),
        severity_label(finding.severity, lang),
        finding.feature_name or "–",
        _fmt_m(finding.distance_m, lang),
        _fmt_m(finding.overlap_m2, lang),
        _fmt_share(finding.overlap_share, lang),
    ], TABLE_WIDTHS)] for finding in result.findings]


def _findings_table_layer(rows: List[list], lang: str) -> QgsVectorLayer:
    # string(0): no length limit (a plain "string" field is 255 long, and the memory provider
    # then refuses every feature of the batch when one value is longer)
    layer = QgsVectorLayer(
        "None?field=plan:string(0)&field=rule:string(0)&field=severity:string(0)&field=feature:string(0)"
        "&field=distance:string(0)&field=overlap:string(0)&field=share:string(0)",
        translate("Findings", lang),
        "memory",
    )
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(row)
        features.append(feature)
    if not layer.dataProvider().addFeatures(features)[0] or layer.featureCount() != len(rows):
        raise ReportError(translate("The findings table of the PDF report cannot be built.", lang))
    return layer


def _table_fonts(table) -> None:
    """Small fonts for the findings table (text formats where the QGIS version has them)."""
    if hasattr(table, "setContentTextFormat"):
        from qgis.core import QgsTextFormat

        for setter, bold in ((table.setContentTextFormat, False), (table.setHeaderTextFormat, True)):
            text_format = QgsTextFormat()
            text_format.setFont(QFont("DejaVu Sans", 7, QFont.Bold if bold else QFont.Normal))
            text_format.setSize(7)
            setter(text_format)
    else:  # pragma: no cover - QGIS < 3.16
        table.setContentFont(QFont("DejaVu Sans", 7))
        table.setHeaderFont(QFont("DejaVu Sans", 7, QFont.Bold))


def _always_text():
    try:
        return Qgis.TextRenderFormat.AlwaysText  # QGIS >= 3.28
    except AttributeError:
        from qgis.core import QgsRenderContext

        return QgsRenderContext.TextFormatAlwaysText


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


def _nice_segment(value: float) -> float:
    """1, 2 or 5 times a power of ten, not above ``value`` (km)."""
    import math

    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (5, 2, 1):
        if step * power <= value:
            return step * power
    return power


def _statement_blocks(result: CheckResult, lang: str) -> List[str]:
    """The draft statement as text blocks for the PDF: a heading with its paragraphs, each
    paragraph as a bullet."""
    blocks = []
    if result.repairs:
        blocks.append(translate("Repaired or skipped plan geometries", lang) + "\n" + "\n".join(
            f"• #{r.plan_fid} {r.plan_name}: {r.reason}" for r in result.repairs))
    for heading, paragraphs in statement_sections(result, lang):
        blocks.append(heading.upper() + "\n" + "\n".join(f"• {paragraph}" for paragraph in paragraphs))
    return blocks


CHARS_PER_LINE = 150  # an 8 pt line 277 mm wide holds about 175 average characters: a generous estimate
LINE_MM = 3.6
TEXT_TOP, TEXT_BOTTOM = 10.0, 200.0
SUMMARY_TOP, SUMMARY_BOTTOM = 186.0, 205.0
TABLE_ROWS = 35  # findings per table layout: a page of one-line rows
TITLE_CHARS = 100  # the plan's name in the page title; the table and the HTML have it whole


def _line_mm(line: str) -> float:
    import math

    return max(1, math.ceil(len(line) / CHARS_PER_LINE)) * LINE_MM


def _text_height_mm(text: str) -> float:
    """A generous estimate of the height of ``text`` in an 8 pt label 277 mm wide."""
    return sum(_line_mm(line) for line in text.split("\n")) + 2.0


def _flow(blocks: List[str], first_top: float, top: float = TEXT_TOP, bottom: float = TEXT_BOTTOM) -> list:
    """The text ``blocks`` laid out on as many pages as they need, split between lines where a
    page is full (no fixed height, nothing cut): ``[[(y, height, text), ...] per page]``."""
    step = (bottom - top) / LINE_MM * CHARS_PER_LINE * 0.9  # a line longer than a page is cut in parts
    pages, y = [[]], first_top
    for block in blocks:
        lines = [line[i:i + int(step)] for line in block.split("\n") for i in range(0, max(len(line), 1), int(step))]
        current, start = [], y
        for line in lines:
            height = _line_mm(line)
            if y + height > bottom and (current or y > top):
                if current:
                    pages[-1].append((start, y - start + 2.0, "\n".join(current)))
                pages.append([])
                current, start, y = [], top, top
            current.append(line)
            y += height
        if current:
            pages[-1].append((start, y - start + 2.0, "\n".join(current)))
        y += 4.0
    return pages


class _PdfParts(QgsAbstractLayoutIterator):
    """The parts of the PDF, one small print layout each (page 1, the text pages, the findings
    table in parts of TABLE_ROWS), built when their turn comes. QGIS prints them one after the
    other into one PDF (as it prints an atlas): with its progress and cancel, and in time
    proportional to the findings (a table of n rows in one layout takes n² to print)."""

    def __init__(self, builders):
        super().__init__()
        self.builders = builders
        self.index = -1
        self.current = None
        self.printed = []

    def count(self):
        return len(self.builders)

    def beginRender(self):  # noqa: N802 - QGIS API
        self.index = -1
        return True

    def _drop(self):
        # the printed layouts (and their table layers, in the project) are kept until the export
        # is over: deleting a layout while QGIS is still printing aborts it in a background thread
        # (a Processing run, the panel's task), and removing a layer would signal every layout
        if self.current is not None:
            self.printed.append(self.current)
        self.current = None

    def endRender(self):  # noqa: N802 - QGIS API
        self._drop()
        return True

    def next(self):
        self._drop()
        self.index += 1
        if self.index >= len(self.builders):
            return False
        self.current = self.builders[self.index]()
        return True

    def layout(self):
        return self.current

    def filePath(self, base, extension):  # noqa: N802 - QGIS API
        return base


class _Page:
    """Placing items on a new A4 landscape print layout."""

    def __init__(self, project, lang):
        self.layout = QgsPrintLayout(project)
        self.layout.initializeDefaults()  # one A4 landscape page
        self.layout.setName(translate("Plan check", lang))

    def place(self, item, x, y, w=None, h=None, page=0):
        mm = QgsUnitTypes.LayoutMillimeters
        self.layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(x, y, mm), page=page)
        if w is not None:
            item.attemptResize(QgsLayoutSize(w, h, mm))
        return item

    def label(self, text, size, bold=False):
        from qgis.PyQt.QtCore import Qt

        item = QgsLayoutItemLabel(self.layout)
        # a label evaluates "[% ... %]" as an expression: text from the service or the plan must stay text
        item.setText(text.replace("[%", "[\u2060%"))
        _set_text_style(item, size, bold)
        item.setHAlign(Qt.AlignLeft)
        item.setVAlign(Qt.AlignTop)
        return item

    def new_page(self) -> int:
        from qgis.core import QgsLayoutItemPage

        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Landscape)
        self.layout.pageCollection().addPage(page)
        return self.layout.pageCollection().pageCount() - 1


def _first_page(result, project, contents, summary, lang):
    """Page 1: title, map, legend, scale bar and the start of the summary."""
    page = _Page(project, lang)
    layout, layers, extent = page.layout, contents.layers, contents.extent
    title = plan_title(result, lang)
    if len(title) > TITLE_CHARS:
        title = title[:TITLE_CHARS - 1] + "…"
    page.place(page.label(translate("Plan check against the regional development strategy", lang), 15, True),
               10, 6, 277, 9)
    page.place(page.label(f"{translate('Plan', lang)}: {title}", 10, True), 10, 14, 277, 5)
    page.place(page.label(f"{_profile_name(result)} · {translate('Plan layer', lang)}: {result.plan_name} · "
                          f"{_fmt_time(result.started_at)}", 7), 10, 19.5, 277, 4)

    item_map = QgsLayoutItemMap(layout)
    page.place(item_map, 10, 25, 195, 145)
    item_map.setCrs(QgsCoordinateReferenceSystem(result.crs))
    item_map.setLayers(layers)
    item_map.setKeepLayerSet(True)
    item_map.setExtent(_fit(extent, 195.0 / 145.0))  # (zoomToExtent gives an empty extent on QGIS 3.22)
    item_map.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(translate("Legend", lang))
    legend.setAutoUpdateModel(False)
    tree = QgsLayerTree()
    for layer in layers:
        tree.addLayer(layer)
    legend.model().setRootGroup(tree)
    layout.legend_tree = tree  # the model does not own its root: it must live as long as the layout
    legend.setLinkedMap(item_map)
    legend.setLegendFilterByMapEnabled(True)
    for style, size, bold in ((QgsLegendStyle.Title, 10, True), (QgsLegendStyle.Group, 7, True),
                              (QgsLegendStyle.Subgroup, 7, True), (QgsLegendStyle.SymbolLabel, 6, False)):
        _set_text_style(legend.rstyle(style), size, bold)
    legend.setWrapString("\n")
    legend.setSymbolHeight(3)
    legend.setSymbolWidth(5)
    legend.setResizeToContents(True)
    page.place(legend, 210, 25)

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(item_map)
    scalebar.setUnits(QgsUnitTypes.DistanceKilometers)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitsPerSegment(_nice_segment(extent.width() / 1000.0 / 5.0))
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    page.place(scalebar, 12, 172)
    scalebar.update()
    for y, height, text in summary:
        page.place(page.label(text, 8), 10, y, 277, height)
    return page.layout


def _text_pages(project, pages, lang):
    """The draft statement (and the rest of the summary) on as many pages as it needs."""
    page = _Page(project, lang)
    page.place(page.label(_heading("statement", lang), 14, True), 10, 8, 277, 8)
    for number, items in enumerate(pages):
        if number:
            page.new_page()
        for y, height, text in items:
            page.place(page.label(text, 8), 10, y, 277, height, page=number)
    return page.layout


def _table_part(project, rows, lang, first):
    """A part of the findings table, on as many pages as its rows need."""
    from qgis.core import QgsLayoutFrame
    from qgis.PyQt.QtCore import Qt

    page = _Page(project, lang)
    layout = page.layout
    top = 20.0 if first else 10.0
    if first:
        page.place(page.label(translate("Findings", lang), 14, True), 10, 8, 277, 8)
    table_layer = _findings_table_layer(rows, lang)
    project.addMapLayer(table_layer, False)
    table = QgsLayoutItemAttributeTable.create(layout)
    table.setVectorLayer(table_layer)
    table.setMaximumNumberOfFeatures(len(rows) + 1)
    table.setResizeMode(QgsLayoutMultiFrame.RepeatUntilFinished)
    if hasattr(table, "setWrapBehavior"):
        table.setWrapBehavior(QgsLayoutItemAttributeTable.WrapText)
    headers = [
        translate("Plan feature", lang), translate("Rule", lang), translate("Severity", lang),
        translate("Regional feature", lang), translate("Distance (m)", lang), translate("Overlap (m²)", lang),
        translate("Share of plan", lang),
    ]
    columns = table.columns()
    for index, (column, header, width) in enumerate(zip(columns, headers, TABLE_WIDTHS)):
        column.setHeading(header)
        column.setWidth(width)
        if index >= 4:
            column.setHAlignment(Qt.AlignRight)
    table.setColumns(columns)
    _table_fonts(table)
    if not rows:
        table.setEmptyTableBehavior(QgsLayoutItemAttributeTable.ShowMessage)
        table.setEmptyTableMessage(translate("No findings.", lang))
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(277, 202 - top, QgsUnitTypes.LayoutMillimeters))
    frame.attemptMove(QgsLayoutPoint(10, top, QgsUnitTypes.LayoutMillimeters), page=0)
    table.addFrame(frame)
    table.recalculateFrameSizes()
    return layout


def write_pdf(result: CheckResult, path: str, lang: Optional[str] = None, feedback=None) -> str:
    """A PDF through QGIS print layouts: page 1 with the map, legend, scale bar and summary; the
    draft statement; the findings table. Printed part by part into one PDF, with progress and
    cancel through ``feedback`` (a QgsFeedback); a cancel raises ``Cancelled``. The file is
    written next to ``path`` and renamed when whole: a failure leaves a previous file as it was."""
    lang = lang or result.lang
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(result.crs))
    contents = map_contents(result, lang=lang)
    project.addMapLayers(contents.layers, False)
    root = project.layerTreeRoot()
    for layer in contents.layers:
        root.addLayer(layer)

    counts = result.counts
    summary = [result.verdict_text(lang), "   ".join(f"{severity_label(s, lang)}: {counts[s]}" for s in SEVERITIES)]
    summary += list(result.notes)
    # page 1 has room for a few lines of the summary; the rest opens the text pages
    shown, height = 0, 2.0
    while shown < len(summary) and (not shown or SUMMARY_TOP + height + _line_mm(summary[shown]) <= SUMMARY_BOTTOM):
        height += _line_mm(summary[shown])
        shown += 1
    first_items = [(SUMMARY_TOP, height, "\n".join(summary[:shown]))]
    rest = summary[shown:]
    blocks = ([translate("Summary", lang).upper() + "\n" + "\n".join(rest)] if rest else []) + _statement_blocks(
        result, lang)
    text_pages = _flow(blocks, 20.0)
    rows = _table_rows(result, lang)
    chunks = [rows[i:i + TABLE_ROWS] for i in range(0, len(rows), TABLE_ROWS)] or [[]]
    builders = [lambda: _first_page(result, project, contents, first_items, lang),
                lambda: _text_pages(project, text_pages, lang)]
    builders += [lambda chunk=chunk, first=not n: _table_part(project, chunk, lang, first)
                 for n, chunk in enumerate(chunks)]

    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    settings.textRenderFormat = _always_text()  # searchable, copyable text in the PDF
    with replacing(path, lang, "pdf") as tmp:
        status, _error = QgsLayoutExporter.exportToPdf(_PdfParts(builders), tmp, settings, feedback)
        if status == QgsLayoutExporter.Canceled or (feedback is not None and feedback.isCanceled()):
            raise Cancelled(translate("The report was cancelled.", lang))
        if status != QgsLayoutExporter.Success:
            raise ReportError(translate("The PDF report cannot be written to {path} (error {code}).", lang).format(
                path=path, code=status))
    contents.layers.clear()
    return path


def _set_text_style(target, size: float, bold: bool = False) -> None:
    """Font of a layout label or legend style: a text format where QGIS has one (labels from
    3.24, legend styles from 3.30; setFont is deprecated there), else the font."""
    font = QFont("DejaVu Sans", int(size), QFont.Bold if bold else QFont.Normal)
    if hasattr(target, "setTextFormat"):
        from qgis.core import QgsTextFormat

        text_format = QgsTextFormat.fromQFont(font)
        text_format.setSize(size)
        target.setTextFormat(text_format)
    else:
        target.setFont(font)


def write_reports(result: CheckResult, folder: str, stem: str, lang: Optional[str] = None) -> dict:
    """HTML, PDF, CSV, GeoPackage and the map PNG in ``folder``; returns their paths."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc, lang or result.lang) from None
    png = render_map_png(result, os.path.join(folder, stem + "_map.png"), lang=lang)
    return {
        "html": write_html(result, os.path.join(folder, stem + ".html"), lang, png),
        "pdf": write_pdf(result, os.path.join(folder, stem + ".pdf"), lang),
        "csv": write_csv(result, os.path.join(folder, stem + "_findings.csv")),
        "gpkg": write_gpkg(result, os.path.join(folder, stem + "_findings.gpkg")),
        "png": os.path.join(folder, stem + "_map.png"),
    }


def now_utc() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


__all__: List[str] = [
    "write_html", "write_pdf", "write_csv", "write_gpkg", "render_map_png", "write_reports", "html_report",
    "statement_sections", "findings_fields", "esc",
]
