#!/usr/bin/python3
"""Write the QML styles in resources/styles/: one per demo collection, plus the findings styles.

Run with the system Python (PyQGIS)::

    /usr/bin/python3 scripts/make_styles.py [--gpkg resources/demo/orebro_demo.gpkg] [--out resources/styles]

``scripts/make_demo_data.py`` calls :func:`write_styles` too, so ``make data`` refreshes them.
Styles are built with QgsCategorizedSymbolRenderer / QgsGraduatedSymbolRenderer and saved with
``layer.saveNamedStyle``. Colours are fixed: the output is the same every run.

``findings.qml`` / ``findings_polygon.qml`` / ``findings_line.qml`` / ``findings_point.qml``
categorize a findings layer (see the contract) by ``severity`` with the colours and labels of
``regionplan_plugin/core/vocabulary.py``. ``findings.qml`` equals ``findings_polygon.qml``.
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_HASH_SEED", "0")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
from regionplan_plugin.core import vocabulary  # noqa: E402


def severity_categories():
    """(severity, "Swedish label / code", colour) from core/vocabulary.py; the plugin shows one
    language only (styling.apply_severity_style relabels)."""
    return [(s, f"{vocabulary.severity_label(s, 'sv')} / {s}", vocabulary.SEVERITY_COLOURS[s])
            for s in vocabulary.SEVERITIES]


def _rgba(hex_colour, alpha=255):
    c = QColor(hex_colour)
    return f"{c.red()},{c.green()},{c.blue()},{alpha}"


def fill(colour, alpha=90, outline=None, width=0.4, style="solid", outline_style="solid"):
    return QgsFillSymbol.createSimple({
        "color": _rgba(colour, alpha), "style": style,
        "outline_color": _rgba(outline or colour), "outline_width": str(width),
        "outline_style": outline_style, "outline_width_unit": "MM"})


def line(colour, width=0.6, style="solid"):
    return QgsLineSymbol.createSimple({
        "line_color": _rgba(colour), "line_width": str(width), "line_style": style,
        "capstyle": "round", "joinstyle": "round", "line_width_unit": "MM"})


def rail_dashed(symbol):
    """Rail (trafikslag = 'jarnvag') drawn dashed, road solid: a data-defined stroke style."""
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeStyle,
        QgsProperty.fromExpression("CASE WHEN \"trafikslag\" = 'jarnvag' THEN 'dash' ELSE 'solid' END"))
    return symbol


def marker(colour, size=3.0, shape="circle", outline="#ffffff", outline_width=0.4):
    return QgsMarkerSymbol.createSimple({
        "color": _rgba(colour), "name": shape, "size": str(size), "outline_color": _rgba(outline),
        "outline_width": str(outline_width), "size_unit": "MM"})


def categorized(field, cats):
    return QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, s, label) for v, label, s in cats])


def graduated(field, ranges):
    renderer = QgsGraduatedSymbolRenderer(field, [QgsRendererRange(lo, hi, s, label) for lo, hi, label, s in ranges])
    return renderer


def labels(expression, size=8.0, colour="#222222", is_expression=False, placement=None):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    fmt = QgsTextFormat()
    fmt.setFont(QFont("Sans Serif"))
    fmt.setSize(size)
    fmt.setColor(QColor(colour))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor("#ffffff"))
    fmt.setBuffer(buf)
    settings.setFormat(fmt)
    if placement is not None:
        settings.placement = placement
    return QgsVectorLayerSimpleLabeling(settings)


def collection_styles():
    """collection id -> (renderer factory, labeling factory or None, layer opacity)."""
    return {
        "kommuner": (lambda: QgsSingleSymbolRenderer(fill("#ffffff", 0, "#4d4d4d", 0.6)),
                     lambda: labels("namn", 9, "#333333"), 1.0),
        "kommungranser": (lambda: categorized("typ", [
            ("kommungrans", "Kommungräns", line("#666666", 0.5, "dash")),
            ("lansgrans", "Länsgräns", line("#333333", 0.9, "dashdot"))]), None, 1.0),
        "grannlan": (lambda: QgsSingleSymbolRenderer(fill("#bdbdbd", 70, "#8c8c8c", 0.5)),
                     lambda: labels("namn", 9, "#666666"), 1.0),
        "rus_person_2030_strak": (lambda: categorized("klass", [
            ("primar", "Primärt stråk", rail_dashed(line("#a50f15", 1.8))),
            ("sekundar", "Sekundärt stråk", rail_dashed(line("#ef6548", 0.9)))]), None, 1.0),
        "rus_gods_2030_strak": (lambda: categorized("klass", [
            ("primar", "Primärt godsstråk", rail_dashed(line("#54278f", 1.6))),
            ("sekundar", "Sekundärt godsstråk", rail_dashed(line("#9e9ac8", 0.8)))]), None, 1.0),
        "rus_gods_2030_noder": (lambda: categorized("nodtyp", [
            ("rangerbangard", "Rangerbangård", marker("#3f007d", 5.0, "square")),
            ("kombiterminal", "Kombiterminal", marker("#6a51a3", 4.5, "diamond")),
            ("flygplats", "Flygplats", marker("#2171b5", 4.0, "triangle")),
            ("industrinod", "Industrinod", marker("#737373", 3.0, "circle")),
            ("omlastning", "Omlastning", marker("#9e9ac8", 3.0, "circle"))]),
            lambda: labels("namn", 7.5, "#3f007d"), 1.0),
        "rus_gods_2030_logistikomraden": (lambda: QgsSingleSymbolRenderer(
            fill("#807dba", 110, "#54278f", 0.5)), None, 1.0),
        "oms_2050_karnor": (lambda: categorized("niva", [
            ("storregional", "Storregional kärna", marker("#08306b", 7.0, "circle", "#ffffff", 0.8)),
            ("regional", "Regional kärna", marker("#2171b5", 5.0, "circle", "#ffffff", 0.6)),
            ("lokal", "Lokal kärna", marker("#6baed6", 3.2, "circle"))]),
            lambda: labels("namn", 8, "#08306b"), 1.0),
        "oms_2050_kopplingar": (lambda: QgsSingleSymbolRenderer(line("#4292c6", 0.8, "dash")), None, 1.0),
        "jordbruksmark": (lambda: graduated("klass", [
            (1, 3, "Klass 1–3", fill("#fff7bc", 110, "#d9c36a", 0.2)),
            (4, 5, "Klass 4–5", fill("#fee391", 120, "#d9a43a", 0.2)),
            (6, 7, "Klass 6–7", fill("#fec44f", 130, "#cc8a1f", 0.2)),
            (8, 10, "Klass 8–10", fill("#d95f0e", 130, "#993404", 0.2))]), None, 1.0),
        "skyfall_risk": (lambda: categorized("risk", [
            ("hög", "Hög risk", fill("#08519c", 140, "#08306b", 0.3)),
            ("medel", "Medelhög risk", fill("#6baed6", 110, "#3182bd", 0.3))]), None, 1.0),
        "vattenskydd": (lambda: QgsSingleSymbolRenderer(fill("#00a6b4", 80, "#00727c", 0.6)), None, 1.0),
        "gron_infrastruktur": (lambda: categorized("typ", [
            ("nationalpark", "Nationalpark", fill("#00441b", 120, "#00441b", 0.5)),
            ("naturreservat", "Naturreservat", fill("#238b45", 110, "#00441b", 0.4)),
            ("friluftsomrade", "Friluftsområde", fill("#74c476", 80, "#238b45", 0.3)),
            ("vatmark", "Våtmark", fill("#41ae76", 100, "#006d2c", 0.3)),
            ("bla_struktur", "Blå struktur", fill("#4eb3d3", 90, "#0868ac", 0.3)),
            ("gronstrak", "Grönstråk", fill("#a1d99b", 120, "#41ab5d", 0.3))]), None, 1.0),
        "vindkraft": (lambda: categorized("status", [
            ("utbyggd", "Utbyggd", fill("#e6550d", 110, "#a63603", 0.4)),
            ("tillstand", "Tillstånd", fill("#fd8d3c", 100, "#d94801", 0.4)),
            ("utpekat", "Utpekat", fill("#fdae6b", 90, "#e6550d", 0.4)),
            ("utredning", "Under utredning", fill("#fdd0a2", 90, "#f16913", 0.4, outline_style="dash"))]),
            None, 1.0),
        "infrastruktur_reservat": (lambda: QgsSingleSymbolRenderer(
            fill("#c51b8a", 70, "#7a0177", 0.6, outline_style="dash")), None, 1.0),
        "kollektivtrafik_noder": (lambda: categorized("turtathet", [
            ("hog", "Hög turtäthet", marker("#006837", 4.5, "circle", "#ffffff", 0.6)),
            ("medel", "Medelhög turtäthet", marker("#78c679", 3.5)),
            ("lag", "Låg turtäthet", marker("#bdbdbd", 2.5, "circle", "#636363", 0.3))]),
            lambda: labels("CASE WHEN \"turtathet\" = 'hog' THEN \"namn\" END", 7.5, "#006837", True), 1.0),
        "befolkning_prognos": (lambda: graduated("bef_2040", [
            (0, 7000, "under 7 000", fill("#eff3ff", 150, "#9ecae1", 0.2)),
            (7000, 15000, "7 000–15 000", fill("#bdd7e7", 150, "#6baed6", 0.2)),
            (15000, 35000, "15 000–35 000", fill("#6baed6", 150, "#3182bd", 0.2)),
            (35000, 1000000, "över 35 000", fill("#2171b5", 150, "#08519c", 0.2))]),
            lambda: labels("\"namn\" || '\\n' || format_number(\"bef_2040\", 0)", 8, "#08306b", True), 1.0),
        # people per km² in 2040, whatever the square's size (1 km or 250 m)
        "befolkning_ruta": (lambda: graduated("\"bef_2040\" * 1000000 / (\"rutstorlek\" * \"rutstorlek\")", [
            (0, 50, "under 50 inv./km²", fill("#fff5eb", 170, "#fff5eb", 0.0)),
            (50, 200, "50–200 inv./km²", fill("#fdd0a2", 170, "#fdd0a2", 0.0)),
            (200, 1000, "200–1 000 inv./km²", fill("#fd8d3c", 170, "#fd8d3c", 0.0)),
            (1000, 3000, "1 000–3 000 inv./km²", fill("#d94801", 170, "#d94801", 0.0)),
            (3000, 1000000, "över 3 000 inv./km²", fill("#7f2704", 170, "#7f2704", 0.0))]), None, 1.0),
    }


def findings_renderer(geometry):
    cats = []
    for value, label, colour in severity_categories():
        if geometry == "polygon":
            symbol = fill(colour, 110, colour, 0.8)
        elif geometry == "line":
            symbol = line(colour, 1.2)
        else:
            symbol = marker(colour, 4.0, "circle", "#ffffff", 0.6)
        cats.append((value, label, symbol))
    return categorized("severity", cats)


_APP = []  # keeps the application alive: QGIS 3.40 needs a QGuiApplication for text formats (fonts)


def _ensure_app():
    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)  # GUI enabled (offscreen): QFontDatabase needs it
        app.initQgis()
        _APP.append(app)
    return app


def _save(layer, path):
    message, ok = layer.saveNamedStyle(path)
    if not ok:
        raise RuntimeError(f"cannot write {path}: {message}")
    # saveNamedStyle may leave a backup; keep the folder tidy.
    if os.path.exists(path + "~"):
        os.remove(path + "~")


def write_styles(gpkg_path, out_dir):
    """Write <collection>.qml for every styled collection and the findings styles into out_dir."""
    _ensure_app()
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for cid, (renderer, labeling, opacity) in collection_styles().items():
        layer = QgsVectorLayer(f"{gpkg_path}|layername={cid}", cid, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {cid} in {gpkg_path}")
        layer.setRenderer(renderer())
        if labeling is not None:
            layer.setLabeling(labeling())
            layer.setLabelsEnabled(True)
        layer.setOpacity(opacity)
        path = os.path.join(out_dir, f"{cid}.qml")
        _save(layer, path)
        written.append(path)
    fields = ("field=plan_fid:integer&field=plan_name:string&field=rule_id:string&field=severity:string"
              "&field=collection:string&field=feature_id:string&field=feature_name:string"
              "&field=relation:string&field=distance_m:double&field=overlap_m2:double"
              "&field=overlap_share:double&field=message:string")
    for geometry, wkb in (("polygon", "MultiPolygon"), ("line", "MultiLineString"), ("point", "MultiPoint")):
        layer = QgsVectorLayer(f"{wkb}?crs=EPSG:3006&{fields}", "findings", "memory")
        layer.setRenderer(findings_renderer(geometry))
        path = os.path.join(out_dir, f"findings_{geometry}.qml")
        _save(layer, path)
        written.append(path)
        if geometry == "polygon":
            _save(layer, os.path.join(out_dir, "findings.qml"))
            written.append(os.path.join(out_dir, "findings.qml"))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the Regionplan QML styles.")
    parser.add_argument("--gpkg", default=os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg"))
    parser.add_argument("--out", default=os.path.join(ROOT, "resources", "styles"))
    args = parser.parse_args(argv)
    written = write_styles(os.path.abspath(args.gpkg), os.path.abspath(args.out))
    print(f"wrote {len(written)} styles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
