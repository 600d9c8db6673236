"""The style of the demo's background map and its QGIS Server project (``bakgrund.qgs``):
a light, quiet topographic map (grey roads, light blue water, pale settlements, small town
names with a halo) published as the WMS layers ``WMS_LAYERS``. Used by
``scripts/make_background_data.py``.

Names, road and river widths grow with the scale like a paper map's (a size in metres on the
ground, as points or map units, between limits): a basemap cached at 1:10 000 and drawn at
1:24 000 in a report keeps lines and names that read (Örebro about 8 pt, a village 4 pt: a
report drawn from the online WMS, at its own scale, shows 18 and 8 pt). Names are placed at
the centroid of the whole polygon: a basemap rendered in chunks shows each name once."""

from demo_geometry import stabilise_qgs

# The WMS layers, bottom first as a GetMap request names them (a QGIS WMS layer source lists them
# top first: scripts/demo_background.py). QGIS Server 3.22 crashes rendering a layer group by its
# name, so the project has no group.
WMS_LAYERS = "mark,tatorter,vatten,vattendrag,vagar,jarnvag,kommungranser"
TITLE = "Bakgrundskarta Örebro län (demo)"
INK = "#3c3c3c"
PT_PER_M_AT_1 = 1000 / 0.352778  # a length of 1 m on the map at 1:1, in points


def _symbol(kind, **props):
    from qgis.core import QgsFillSymbol, QgsLineSymbol

    props = {k: str(v) for k, v in props.items()}
    return QgsFillSymbol.createSimple(props) if kind == "fill" else QgsLineSymbol.createSimple(props)


def _line(colour, width, **extra):
    props = {"line_color": colour, "line_width": width, "capstyle": "round", "joinstyle": "round"}
    props.update(extra)
    return props


def _ground(*layers):
    """A line symbol of ``layers`` (colour, width in metres on the ground, thinnest mm, widest
    mm), bottom first: a road is as wide as it would be on a paper map of the scale it is drawn
    at, within the limits, so a basemap cached at 1:10 000 and drawn at 1:25 000 in a report
    shows the same widths as a map drawn at 1:25 000."""
    from qgis.core import QgsLineSymbol, QgsMapUnitScale, QgsSimpleLineSymbolLayer, QgsUnitTypes

    symbol = QgsLineSymbol()
    symbol.deleteSymbolLayer(0)
    for colour, metres, min_mm, max_mm in layers:
        part = QgsSimpleLineSymbolLayer.create({k: str(v) for k, v in _line(colour, metres).items()})
        part.setWidthUnit(QgsUnitTypes.RenderMapUnits)
        scale = QgsMapUnitScale()
        scale.minSizeMMEnabled, scale.minSizeMM = True, min_mm
        scale.maxSizeMMEnabled, scale.maxSizeMM = True, max_mm
        part.setWidthMapUnitScale(scale)
        symbol.appendSymbolLayer(part)
    return symbol


def _categorized(field, cats):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    return QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, s, label) for v, s, label in cats])


def _rules(items):
    """A rule-based renderer: (symbol, filter, smallest scale it shows at or 0, label)."""
    from qgis.core import QgsRuleBasedRenderer

    root = QgsRuleBasedRenderer.Rule(None)
    for symbol, filt, min_scale, label in items:
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, min_scale, filt, label))
    return QgsRuleBasedRenderer(root)


def _renderers():
    return {
        "mark": _symbol("fill", color="#e4edda", outline_style="no"),
        "tatorter": _symbol("fill", color="#ece6dc", outline_color="#d3c8b8", outline_width=0.2),
        "vatten": _symbol("fill", color="#c4dcef", outline_color="#8fb8d8", outline_width=0.2),
        "vattendrag": _categorized("bredd", [
            (1, _ground(("#8fb8d8", 6, 0.3, 0.8)), "bäck/å"),
            (2, _ground(("#8fb8d8", 12, 0.5, 1.5)), "älv/å")]),
        "vagar": _rules([
            (_ground(("#7c7c7c", 26, 1.1, 3.0), ("#f4f1ea", 13, 0.55, 1.6)), "\"klass\" = 'europavag'", 0,
             "Europaväg"),
            (_ground(("#888888", 20, 0.9, 2.4), ("#faf8f3", 9, 0.4, 1.2)), "\"klass\" = 'riksvag'", 0, "Riksväg"),
            (_ground(("#999999", 10, 0.45, 1.4)), "\"klass\" = 'lansvag'", 1000000, "Länsväg"),
            (_ground(("#aeaeae", 6, 0.3, 0.9)), "\"klass\" = 'ovrig'", 150000, "Övrig väg")]),
        "jarnvag": _ground(("#6e6e6e", 12, 0.6, 1.6), ("#ffffff", 5, 0.3, 0.7)),
        "kommungranser": _categorized("typ", [
            ("lansgrans", _symbol("line", **_line("#8d7f9e", 0.7, line_style="dash")), "Länsgräns"),
            ("kommungrans", _symbol("line", **_line("#a396b3", 0.4, line_style="dash")), "Kommungräns")]),
    }


def _text(colour=INK, bold=False, italic=False):
    from qgis.core import QgsTextBufferSettings, QgsTextFormat
    from qgis.PyQt.QtGui import QColor, QFont

    fmt = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setSize(8)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    buffer.setOpacity(0.85)
    fmt.setBuffer(buffer)
    return fmt


def _label(field, fmt, size_m, min_pt, max_pt, priority=5):
    """Labels ``size_m`` metres tall on the map, between ``min_pt`` and ``max_pt`` points: a data
    defined size in points (QGIS' map-unit font sizes space the letters apart when clamped)."""
    from qgis.core import QgsPalLayerSettings, QgsProperty

    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(fmt)
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.centroidWhole = True
    settings.priority = priority
    settings.displayAll = False
    expression = f"clamp({min_pt}, {size_m} * {PT_PER_M_AT_1} / @map_scale, {max_pt})"
    settings.dataDefinedProperties().setProperty(QgsPalLayerSettings.Size, QgsProperty.fromExpression(expression))
    return settings


def _road_numbers():
    from qgis.core import QgsPalLayerSettings, QgsTextBackgroundSettings, QgsTextFormat, QgsUnitTypes
    from qgis.PyQt.QtCore import QSizeF
    from qgis.PyQt.QtGui import QColor, QFont

    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(6.5)
    fmt.setColor(QColor("#505050"))
    shield = QgsTextBackgroundSettings()
    shield.setEnabled(True)
    shield.setType(QgsTextBackgroundSettings.ShapeRectangle)
    shield.setSizeType(QgsTextBackgroundSettings.SizeBuffer)
    shield.setSize(QSizeF(0.7, 0.25))
    shield.setFillColor(QColor("#ffffff"))
    shield.setStrokeColor(QColor("#9c9c9c"))
    shield.setStrokeWidth(0.2)
    fmt.setBackground(shield)
    settings = QgsPalLayerSettings()
    settings.fieldName = "nummer"
    settings.setFormat(fmt)
    settings.placement = QgsPalLayerSettings.Horizontal
    settings.repeatDistance = 12000
    settings.repeatDistanceUnit = QgsUnitTypes.RenderMapUnits
    settings.priority = 2
    return settings


def _labelings():
    from qgis.core import QgsRuleBasedLabeling

    def rules(items):
        root = QgsRuleBasedLabeling.Rule(None)
        for settings, filt, min_scale in items:
            root.appendChild(QgsRuleBasedLabeling.Rule(settings, 0, min_scale, filt, filt))
        return QgsRuleBasedLabeling(root)

    return {
        "tatorter": rules([
            (_label("namn", _text(bold=True), 150, 8.5, 20, 10), "\"storlek\" = 'stor'", 0),
            (_label("namn", _text(), 100, 7.5, 15, 8), "\"storlek\" = 'mellan'", 600000),
            (_label("namn", _text(colour="#555555"), 80, 7, 12, 6), "\"storlek\" = 'liten'", 200000),
            (_label("namn", _text(colour="#6a6a6a", italic=True), 70, 6.5, 10, 2), "\"storlek\" = 'by'", 80000)]),
        "vatten": rules([
            (_label("namn", _text(colour="#4a7ba6", italic=True), 170, 6.5, 22, 3),
             "\"storlek\" = 'stor' AND \"namn\" <> ''", 0)]),
        "vagar": rules([(_road_numbers(), "\"nummer\" <> ''", 400000)]),
    }


def write_project(qgs_path, gpkg_path):
    """The QGIS Server project: every layer of ``gpkg_path`` (``WMS_LAYERS``),
    relative paths, stable layer ids and dates (deterministic text)."""
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsFeatureRenderer,
        QgsLabelingEngineSettings,
        QgsProject,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    if QgsApplication.instance() is None:
        app = QgsApplication([], True)  # GUI enabled (offscreen): fonts for the labels
        app.initQgis()
        write_project.app = app
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    project.setTitle(TITLE)
    renderers, labelings = _renderers(), _labelings()
    root = project.layerTreeRoot()
    ids = []
    for name in ("kommungranser", "jarnvag", "vagar", "vattendrag", "vatten", "tatorter", "mark"):
        layer = QgsVectorLayer(f"{gpkg_path}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {name} in {gpkg_path}")
        layer.setShortName(name)
        renderer = renderers[name]
        layer.setRenderer(renderer if isinstance(renderer, QgsFeatureRenderer) else QgsSingleSymbolRenderer(renderer))
        if name in labelings:
            layer.setLabeling(labelings[name])
            layer.setLabelsEnabled(True)
        project.addMapLayer(layer, False)
        root.addLayer(layer)
        ids.append((layer.id(), name))
    engine = QgsLabelingEngineSettings()
    engine.setFlag(QgsLabelingEngineSettings.UsePartialCandidates, False)
    project.setLabelingEngineSettings(engine)
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSServiceTitle", "/", TITLE)
    project.writeEntry("WMSServiceAbstract", "/", "Demo data, not official: lakes, rivers, roads, railways, "
                                                  "settlements and municipal boundaries.")
    project.writeEntry("WMSCrsList", "/", ["EPSG:3006", "EPSG:4326", "EPSG:3857"])
    project.writeEntry("WMSUseLayerIDs", "/", False)
    project.writeEntry("Paths", "/Absolute", False)
    if not project.write(qgs_path):
        raise RuntimeError(f"cannot write {qgs_path}")
    stabilise_qgs(qgs_path, dict(ids), number_uuids=True)  # rule keys: random uuids
