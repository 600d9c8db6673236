#!/usr/bin/env python3
"""Build the sample plans: tests/data/plans/ (test files) and resources/demo/ (one detaljplan
4.1 file, one ÖP-model GeoPackage near Örebro). Deterministic; needs only GDAL's Python bindings.

    python3 scripts/make_plan_samples.py

The detaljplan files follow Lantmäteriet's specification "Detaljplan" 4.1
(application/vnd.lm.detaljplan.v4+json): one detaljplan object whose plangeometri is the plan
area, and planbestämmelse objects (användnings-, egenskaps-, administrativ bestämmelse) with
their bestammelsegeometri. The ÖP-model files: op_model.gpkg (and the demo's) with the layers
mark_och_vattenanvandning (field anvandningskategori) and utvecklingsinriktning, names the reader
has accepted from the start; op_model_2_1.gpkg built to the published vocabulary of ÖP-modell 2.1
(docs/plans.md, "ÖP model: where the names come from"): the layers named after the model's aspects
(Mark- och vattenanvändning, with a line layer for transport infrastructure before it;
Utvecklingsinriktning; a code list table and a riksintresse layer that are not plan areas), the fields Kategori and
Underkategori, and every category of mark- och vattenanvändning in the model's wording.
GeoPackages carry a fixed timestamp (OGR_CURRENT_DATE), so a rerun gives the same bytes.
"""

import json
import os
import uuid

from osgeo import gdal, ogr, osr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests", "data", "plans")
DEMO = os.path.join(ROOT, "resources", "demo")
NS = uuid.UUID("6b1d8f0e-2f64-4c7a-9d55-0c3a1f2b7e10")

# test plan: north-east of Örebro centre (512070, 6571172 in EPSG:3006); the demo plans just north
# of Örebro C (a station park by the station: within walking distance of its trains and buses)
TEST_ORIGIN = (512400.0, 6571500.0)
FIXED_DATE = "2025-03-01T00:00:00.000Z"
DEMO_ORIGIN = (511900.0, 6571450.0)


def uid(text):
    return str(uuid.uuid5(NS, text))


def ring(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def hole(x0, y0, x1, y1):
    return list(reversed(ring(x0, y0, x1, y1)))


def layout(ox, oy):
    """The plan's parts and use provisions (coordinates relative to the origin), in metres.

    Part A 200 x 200 with a 50 x 50 hole inside B; part B 100 x 100 of PARK, 100 m east.
    Plan area 47,500 m²; the provisions tile it: B 17,500, C 8,000, GATA 2,000, J 10,000, PARK 10,000."""
    def r(x0, y0, x1, y1):
        return ring(ox + x0, oy + y0, ox + x1, oy + y1)

    def h(x0, y0, x1, y1):
        return hole(ox + x0, oy + y0, ox + x1, oy + y1)

    parts = [[r(0, 0, 200, 200), h(25, 75, 75, 125)], [r(300, 0, 400, 100)]]
    uses = [
        ("B", "Bostäder", [r(0, 0, 100, 200), h(25, 75, 75, 125)]),
        ("C", "Centrum", [r(100, 120, 200, 200)]),
        ("GATA", "Gata", [r(100, 100, 200, 120)]),
        ("J", "Industri", [r(100, 0, 200, 100)]),
        ("PARK", "Park", [r(300, 0, 400, 100)]),
    ]
    return parts, uses


def description(kind, coordinates, crs):
    geometry_type = {"yta": "Polygon", "linje": "LineString"}[kind]
    return {
        "geometri": {"typ": kind, "koordinatsystemPlan": crs, "dimension": 2,
                     "position": {"type": geometry_type, "coordinates": coordinates}},
        "geometrimetadata": {"tidpunktForLagesbestamning": "2025-03-01T00:00:00Z",
                             "lagesbestamningsmetodIPlan": {"typ": "digitalisering"}},
    }


def detaljplan(name, ident, origin, crs="EPSG:3006", transform=None, drop_geometry_of=None, status="samråd"):
    parts, uses = layout(*origin)
    if transform is not None:
        parts = [[[list(transform(x, y)) for x, y in rng] for rng in poly] for poly in parts]
        uses = [(c, w, [[list(transform(x, y)) for x, y in rng] for rng in poly]) for c, w, poly in uses]
    plan_id = uid(ident)
    features = [{
        "type": "Feature", "id": plan_id, "geometry": None,
        "properties": {
            "feature:typ": "detaljplan", "objektidentitet": plan_id, "versionGiltigFran": "2025-03-01T00:00:00Z",
            "kommun": "1880", "beteckning": ident, "namn": name,
            "syfte": "Bostäder, centrum och verksamheter nära stationen.", "status": status, "typ": "detaljplan",
            "plangeometri": [description("yta", poly, crs) for poly in parts],
            "beslutsinformation": [{"instansInomKommunen": "kommunfullmäktige", "diarienummerKommun": "KS 2025/17"}],
        },
    }]
    for number, (code, wording, poly) in enumerate(uses, 1):
        pid = uid(f"{ident}-{code}")
        props = {
            "feature:typ": "användningsbestämmelse", "detaljplan": plan_id, "objektidentitet": pid,
            "planbestammelsekatalogreferens": uid(f"katalog-{code}"), "bestammelseformulering": wording,
            "bestammelsegeometri": [description("yta", poly, crs)],
        }
        if number == drop_geometry_of:
            del props["bestammelsegeometri"]
        features.append({"type": "Feature", "id": pid, "geometry": None, "properties": props})
    # an egenskapsbestämmelse on a line and an administrativ bestämmelse: not plan areas
    line = [parts[0][0][0], parts[0][0][1]]
    features.append({"type": "Feature", "id": uid(ident + "-prickmark"), "geometry": None, "properties": {
        "feature:typ": "egenskapsbestämmelse", "detaljplan": plan_id, "objektidentitet": uid(ident + "-prickmark"),
        "planbestammelsekatalogreferens": uid("katalog-utfart"), "bestammelseformulering": "Utfart får inte finnas",
        "bestammelsegeometri": [description("linje", line, crs)]}})
    features.append({"type": "Feature", "id": uid(ident + "-gt"), "geometry": None, "properties": {
        "feature:typ": "administrativ bestämmelse", "detaljplan": plan_id, "objektidentitet": uid(ident + "-gt"),
        "planbestammelsekatalogreferens": uid("katalog-genomforandetid"),
        "bestammelseformulering": "Genomförandetiden är 10 år", "bestammelsegeometri": [
            description("yta", poly, crs) for poly in parts]}})
    return {"feature:mediatyp": "application/vnd.lm.detaljplan.v4+json", "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": crs}}, "features": features}


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(obj, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def srs(epsg):
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(epsg)
    ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return ref


def to_zone(epsg):
    transform = osr.CoordinateTransformation(srs(3006), srs(epsg))

    def apply(x, y):
        px, py, _z = transform.TransformPoint(x, y)
        return round(px, 3), round(py, 3)
    return apply


def polygon_wkt(poly):
    return "POLYGON(" + ",".join("(" + ",".join(f"{x} {y}" for x, y in rng) + ")" for rng in poly) + ")"


def write_ogr(path, driver, rows, epsg=None, options=None):
    drv = ogr.GetDriverByName(driver)
    if os.path.exists(path):
        drv.DeleteDataSource(path)
    ds = drv.CreateDataSource(path)
    layer = ds.CreateLayer("plan", srs(epsg) if epsg else None, ogr.wkbPolygon, options=options or [])
    for name in ("namn", "anvandning"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for name, use, poly in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("namn", name)
        feature.SetField("anvandning", use)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(polygon_wkt(poly)))
        layer.CreateFeature(feature)
    ds = None


def write_dxf(path, rows):
    drv = ogr.GetDriverByName("DXF")
    if os.path.exists(path):
        os.remove(path)
    ds = drv.CreateDataSource(path)
    layer = ds.CreateLayer("entities", None, ogr.wkbLineString)
    for _name, _use, poly in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            "LINESTRING(" + ",".join(f"{x} {y}" for x, y in poly[0]) + ")"))
        layer.CreateFeature(feature)
    ds = None


def write_op_model(path, origin):
    ox, oy = origin
    drv = ogr.GetDriverByName("GPKG")
    if os.path.exists(path):
        drv.DeleteDataSource(path)
    ds = drv.CreateDataSource(path)
    landuse = ds.CreateLayer("mark_och_vattenanvandning", srs(3006), ogr.wkbMultiPolygon)
    for name in ("anvandningskategori", "beskrivning", "planidentitet", "status"):
        landuse.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    categories = [
        ("Sammanhängande bostadsbebyggelse", (0, 0, 600, 400)),
        ("Verksamheter och industri", (600, 0, 1200, 400)),
        ("Grönområde och park", (0, 400, 600, 800)),
        ("Areell näring", (600, 400, 1200, 800)),
    ]
    for category, (x0, y0, x1, y1) in categories:
        feature = ogr.Feature(landuse.GetLayerDefn())
        feature.SetField("anvandningskategori", category)
        feature.SetField("planidentitet", "1880-OP-2025")
        feature.SetField("status", "samråd")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            "MULTIPOLYGON((" + "(" + ",".join(f"{x} {y}" for x, y in ring(ox + x0, oy + y0, ox + x1, oy + y1)) + ")))"))
        landuse.CreateFeature(feature)
    development = ds.CreateLayer("utvecklingsinriktning", srs(3006), ogr.wkbMultiPolygon)
    for name in ("namn", "beskrivning"):
        development.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    feature = ogr.Feature(development.GetLayerDefn())
    feature.SetField("namn", "Norra stationsområdet")
    feature.SetField("beskrivning", "Förtätning med bostäder")
    feature.SetGeometry(ogr.CreateGeometryFromWkt(
        "MULTIPOLYGON((" + "(" + ",".join(f"{x} {y}" for x, y in ring(ox + 100, oy + 100, ox + 400, oy + 300)) + ")))"))
    development.CreateFeature(feature)
    ds = None


def multipolygon(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(
        "MULTIPOLYGON(((" + ",".join(f"{x} {y}" for x, y in ring(x0, y0, x1, y1)) + ")))")


#: ÖP-modell 2.1, mark- och vattenanvändning: (category, subcategory or None) per 200 m cell,
#: row by row from the south-west. Row 1-2: the ten categories; row 3: subcategories.
OP21_USES = [
    ("Mångfunktionell bebyggelse", None), ("Sammanhängande bostadsbebyggelse", None),
    ("Verksamheter och industri", None), ("Transportinfrastruktur", None), ("Teknisk anläggning", None),
    ("Areell näring", None), ("Grönområde och park", None), ("Natur och friluftsliv", None),
    ("Landsbygd", None), ("Vatten", None),
    ("Mångfunktionell bebyggelse", "Bostäder"), ("Mångfunktionell bebyggelse", "Annan användning"),
    ("Sammanhängande bostadsbebyggelse", "Skola"), ("Areell näring", "Rennäring"), ("Areell näring", "Yrkesfiske"),
]
#: Utvecklingsinriktning: (name, category or None, cell rectangle in metres from the origin).
OP21_DEVELOPMENT = [
    ("Stråket mot Örebro", "Bebyggelse", (0, 0, 400, 200)),
    ("Gröna kilen", "Natur och friluftsliv", (200, 200, 600, 400)),
    ("Nya stationen", "Kommunikationer", (600, 0, 800, 200)),
    ("Verksamhetsområde öst", None, (400, 0, 550, 200)),  # no category: the land use it overlaps most
]


def write_op_model_21(path, origin):
    ox, oy = origin
    drv = ogr.GetDriverByName("GPKG")
    if os.path.exists(path):
        drv.DeleteDataSource(path)
    ds = drv.CreateDataSource(path)
    lines = ds.CreateLayer("Mark- och vattenanvändning, linjer", srs(3006), ogr.wkbMultiLineString)
    lines.CreateField(ogr.FieldDefn("Kategori", ogr.OFTString))
    feature = ogr.Feature(lines.GetLayerDefn())
    feature.SetField("Kategori", "Transportinfrastruktur")
    feature.SetGeometry(ogr.CreateGeometryFromWkt(f"MULTILINESTRING(({ox} {oy + 300},{ox + 1000} {oy + 300}))"))
    lines.CreateFeature(feature)
    landuse = ds.CreateLayer("Mark- och vattenanvändning", srs(3006), ogr.wkbMultiPolygon)
    for name in ("Namn", "Kategori", "Underkategori", "Planidentitet", "Status"):
        landuse.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for number, (category, subcategory) in enumerate(OP21_USES):
        x0, y0 = ox + 200 * (number % 5), oy + 200 * (number // 5)
        feature = ogr.Feature(landuse.GetLayerDefn())
        feature.SetField("Namn", f"Område {number + 1}")
        feature.SetField("Kategori", category)
        if subcategory:
            feature.SetField("Underkategori", subcategory)
        feature.SetField("Planidentitet", "1880-OP-2026")
        feature.SetField("Status", "granskning")
        feature.SetGeometry(multipolygon(x0, y0, x0 + 200, y0 + 200))
        landuse.CreateFeature(feature)
    development = ds.CreateLayer("Utvecklingsinriktning", srs(3006), ogr.wkbMultiPolygon)
    for name in ("Namn", "Kategori"):
        development.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for name, category, (x0, y0, x1, y1) in OP21_DEVELOPMENT:
        feature = ogr.Feature(development.GetLayerDefn())
        feature.SetField("Namn", name)
        if category:
            feature.SetField("Kategori", category)
        feature.SetGeometry(multipolygon(ox + x0, oy + y0, ox + x1, oy + y1))
        development.CreateFeature(feature)
    # a table without geometry holding the code list: no plan areas from it
    codes = ds.CreateLayer("Mark- och vattenanvändning, kodlista", None, ogr.wkbNone)
    codes.CreateField(ogr.FieldDefn("Kategori", ogr.OFTString))
    for category in dict.fromkeys(category for category, _sub in OP21_USES):
        feature = ogr.Feature(codes.GetLayerDefn())
        feature.SetField("Kategori", category)
        codes.CreateFeature(feature)
    # a riksintresse layer (3 kap. miljöbalken speaks of mark- och vattenområden): not a plan area
    national = ds.CreateLayer("Riksintressen, LIS och andra värden - mark- och vattenområden", srs(3006),
                              ogr.wkbMultiPolygon)
    national.CreateField(ogr.FieldDefn("Kategori", ogr.OFTString))
    feature = ogr.Feature(national.GetLayerDefn())
    feature.SetField("Kategori", "Yrkesfiske")
    feature.SetGeometry(multipolygon(ox - 500, oy - 500, ox + 1500, oy + 1100))
    national.CreateFeature(feature)
    ds = None


def main():
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE)  # the same bytes on every run
    os.makedirs(TESTS, exist_ok=True)
    write_json(os.path.join(TESTS, "dp_multi.json"), detaljplan("Kv. Provröret", "1880-P2025/1", TEST_ORIGIN))
    write_json(os.path.join(TESTS, "dp_wrong_crs.json"),
               detaljplan("Kv. Felzonen", "1880-P2025/2", TEST_ORIGIN, crs="EPSG:3006", transform=to_zone(3009)))
    write_json(os.path.join(TESTS, "dp_rt90.json"),
               detaljplan("Kv. Rikets nät", "1880-P2025/4", TEST_ORIGIN, crs="EPSG:3006", transform=to_zone(3021)))
    write_json(os.path.join(TESTS, "dp_incomplete.json"),
               detaljplan("Kv. Halvfärdig", "1880-P2025/3", TEST_ORIGIN, drop_geometry_of=3))
    _parts, uses = layout(*TEST_ORIGIN)
    rows = [(f"Område {code}", code, poly) for code, _w, poly in uses]
    write_ogr(os.path.join(TESTS, "plan.geojson"), "GeoJSON", rows, 3006)
    write_ogr(os.path.join(TESTS, "plan.shp"), "ESRI Shapefile", rows, 3006)
    write_ogr(os.path.join(TESTS, "plan.fgb"), "FlatGeobuf", rows, 3006)
    write_ogr(os.path.join(TESTS, "plan.gml"), "GML", rows, 3006, options=[])
    write_ogr(os.path.join(TESTS, "plan_noprj.csv"), "CSV", rows, None, options=["GEOMETRY=AS_WKT"])
    wgs = osr.CoordinateTransformation(srs(3006), srs(4326))
    rows_wgs = [(n, u, [[list(wgs.TransformPoint(x, y)[:2]) for x, y in rng] for rng in poly]) for n, u, poly in rows]
    write_ogr(os.path.join(TESTS, "plan.kml"), "KML", rows_wgs, 4326)
    write_dxf(os.path.join(TESTS, "plan_nocrs.dxf"), rows)
    write_op_model(os.path.join(TESTS, "op_model.gpkg"), (TEST_ORIGIN[0] - 300, TEST_ORIGIN[1] - 300))
    write_op_model_21(os.path.join(TESTS, "op_model_2_1.gpkg"), (TEST_ORIGIN[0] - 300, TEST_ORIGIN[1] - 300))
    write_json(os.path.join(DEMO, "demo_detaljplan.json"),
               detaljplan("Kv. Stationsparken (demo, inte en verklig plan)", "1880-DEMO-1", DEMO_ORIGIN))
    write_op_model(os.path.join(DEMO, "demo_op_model.gpkg"), (DEMO_ORIGIN[0] - 400, DEMO_ORIGIN[1] - 200))


if __name__ == "__main__":
    main()
