"""The bundled Örebro profile: valid per the contract, and every rule is triggered by the
sample draft plans in the demo GeoPackage.

The trigger check is an independent oracle: plain osgeo.ogr geometry (Intersects, Distance,
Intersection area) on the GeoPackage layers, with the rules' filters evaluated by a small
comparison parser written here, not by the plugin's check engine.
"""

import json
import re

import pytest
from osgeo import ogr, osr

from tests.fixtures.service import COLLECTION_IDS, DEMO_GPKG, PROFILE_PATH

ogr.UseExceptions()

RELATIONS = {"intersects", "within_distance", "beyond_distance"}
SEVERITIES = {"conflict", "attention", "support", "info"}
ID_RE = re.compile(r"^[a-z0-9_-]{1,64}$")


@pytest.fixture(scope="module")
def profile():
    with open(PROFILE_PATH, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- filters
_CMP = re.compile(r'^\s*"(\w+)"\s*(=|!=|<>|>=|<=|>|<)\s*(\'[^\']*\'|-?\d+(?:\.\d+)?)\s*$')
_IN = re.compile(r'^\s*"(\w+)"\s+IN\s*\(([^)]*)\)\s*$', re.IGNORECASE)


def _literal(text):
    text = text.strip()
    if text.startswith("'"):
        return text[1:-1]
    return float(text)


def make_predicate(filter_text):
    """A Python predicate on a dict of attributes for the few filter forms the profile uses."""
    if not filter_text:
        return lambda attrs: True
    match = _IN.match(filter_text)
    if match:
        field = match.group(1)
        values = {_literal(v) for v in match.group(2).split(",")}
        return lambda attrs: attrs[field] in values
    match = _CMP.match(filter_text)
    if not match:
        raise AssertionError(f"oracle cannot read filter {filter_text!r}")
    field, op, lit = match.group(1), match.group(2), _literal(match.group(3))
    ops = {
        "=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<>": lambda a, b: a != b,
        ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
    }[op]
    return lambda attrs: ops(attrs[field], lit)


def test_filter_parser_is_strict():
    assert make_predicate("\"klass\" >= 6")({"klass": 7})
    assert not make_predicate("\"klass\" >= 6")({"klass": 5})
    assert make_predicate("\"nodtyp\" IN ('a', 'b')")({"nodtyp": "b"})
    assert not make_predicate("\"turtathet\" = 'hog'")({"turtathet": "medel"})
    with pytest.raises(AssertionError):
        make_predicate("upper(\"x\") = 'A'")


# --------------------------------------------------------------------------- data
def _features(ds, layer_name):
    layer = ds.GetLayerByName(layer_name)
    assert layer is not None, layer_name
    rows = []
    for feat in layer:
        attrs = {layer.GetLayerDefn().GetFieldDefn(i).GetName(): feat.GetField(i)
                 for i in range(feat.GetFieldCount())}
        rows.append((feat.GetFID(), attrs, feat.GetGeometryRef().Clone()))
    return rows


def _to_3006(epsg):
    src = osr.SpatialReference()
    src.ImportFromEPSG(epsg)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(3006)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst)


@pytest.fixture(scope="module")
def demo():
    ds = ogr.Open(DEMO_GPKG)
    plans = [(f"plan_samples/{fid}", attrs, geom) for fid, attrs, geom in _features(ds, "plan_samples")]
    for layer_name, epsg in (("plan_sample_3009", 3009), ("plan_sample_4326", 4326)):
        for fid, attrs, geom in _features(ds, layer_name):
            geom.Transform(_to_3006(epsg))
            plans.append((f"{layer_name}/{fid}", attrs, geom))
    layers = {cid: _features(ds, cid) for cid in COLLECTION_IDS}
    yield plans, layers
    ds = None


def _area(geom):
    if geom is None or geom.IsEmpty():
        return 0.0
    name = geom.GetGeometryName()
    if name in ("POLYGON", "MULTIPOLYGON"):
        return geom.GetArea()
    if name == "GEOMETRYCOLLECTION":
        return sum(_area(geom.GetGeometryRef(i)) for i in range(geom.GetGeometryCount()))
    return 0.0


def oracle_findings(rule, plan_geom, features):
    """Matched feature ids for one rule and one plan polygon (beyond_distance: [None] if it fires)."""
    keep = make_predicate(rule.get("filter"))
    matching = [(fid, geom) for fid, attrs, geom in features if keep(attrs)]
    relation = rule["relation"]
    if relation == "intersects":
        hits = []
        for fid, geom in matching:
            if not plan_geom.Intersects(geom):
                continue
            if geom.GetGeometryName() in ("POLYGON", "MULTIPOLYGON"):
                if _area(plan_geom.Intersection(geom)) < rule.get("min_overlap_m2", 0):
                    continue
            hits.append(fid)
        return hits
    if relation == "within_distance":
        return [fid for fid, geom in matching if plan_geom.Distance(geom) <= rule["distance_m"]]
    assert relation == "beyond_distance"
    near = [fid for fid, geom in matching if plan_geom.Distance(geom) <= rule["distance_m"]]
    return [] if near else [None]


# --------------------------------------------------------------------------- contract
def test_profile_header_per_contract(profile):
    assert profile["schema"] == "regionplan-profile/2"
    assert profile["id"] == "orebro"
    assert profile["name"]["sv"] == "Region Örebro län" and profile["name"]["en"]
    assert "service" not in profile
    assert [(s["id"], s["type"], s["url"]) for s in profile["sources"]] == [
        ("region", "ogcapi-features", "http://127.0.0.1:5000/"),
        ("lst", "download", "http://127.0.0.1:5000/downloads/lansstyrelsen.zip")]
    assert profile["crs"] == "EPSG:3006"


def test_themes_cover_every_collection(profile):
    theme_ids = [t["id"] for t in profile["themes"]]
    assert len(theme_ids) == len(set(theme_ids))
    for theme in profile["themes"]:
        assert ID_RE.match(theme["id"]) and theme["title"]["sv"] and theme["title"]["en"]
    with open(DEMO_GPKG.replace("demo/orebro_demo.gpkg", "service/pygeoapi-config.yml"), encoding="utf-8") as fh:
        used = set(re.findall(r"- theme:(\w+)", fh.read()))
    assert used and used <= set(theme_ids), used - set(theme_ids)


def test_rules_are_valid(profile):
    rules = profile["rules"]
    assert len(rules) >= 12
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert ID_RE.match(rule["id"]), rule["id"]
        assert rule["relation"] in RELATIONS
        assert rule["severity"] in SEVERITIES
        assert rule["collection"] in COLLECTION_IDS, rule["collection"]
        assert rule["title"]["sv"] and rule["title"]["en"]
        assert rule["message"]["sv"] and rule["message"]["en"]
        assert rule["reference"]
        if rule["relation"] != "intersects":
            assert rule["distance_m"] > 0
        if "min_overlap_m2" in rule:
            assert rule["relation"] == "intersects" and rule["min_overlap_m2"] >= 0
        make_predicate(rule.get("filter"))  # the filter is one the oracle understands
    assert {r["relation"] for r in rules} == RELATIONS
    assert {r["severity"] for r in rules} == SEVERITIES


def test_required_example_rules(profile):
    rules = {r["id"]: r for r in profile["rules"]}

    def find(collection, relation, severity, filt=None):
        return [r for r in rules.values() if r["collection"] == collection and r["relation"] == relation
                and r["severity"] == severity and (filt is None or r.get("filter") == filt)]

    assert find("rus_person_2030_strak", "within_distance", "attention", "\"klass\" = 'primar'")
    assert find("infrastruktur_reservat", "intersects", "conflict")
    agri = find("jordbruksmark", "intersects", "conflict")
    assert agri and agri[0]["min_overlap_m2"] > 0
    assert find("skyfall_risk", "intersects", "attention")
    assert find("vattenskydd", "intersects", "conflict")
    walk = find("kollektivtrafik_noder", "within_distance", "support", "\"turtathet\" = 'hog'")
    assert walk and walk[0]["distance_m"] == 800
    # "far from public transport" counts medium-frequency nodes too, as the RUS asks (issue 13)
    far = find("kollektivtrafik_noder", "beyond_distance", "attention", "\"turtathet\" IN ('hog', 'medel')")
    assert far and far[0]["distance_m"] == 1000
    boundary = rules["municipal-boundary"]
    assert boundary["collection"] == "kommungranser" and boundary["relation"] == "within_distance"
    assert boundary["severity"] == "info"
    assert find("rus_gods_2030_logistikomraden", "intersects", "attention")


def test_profile_loads_with_the_plugin_validator(profile):
    from regionplan_plugin.core.profile import parse_profile

    parsed = parse_profile(profile, source=PROFILE_PATH)
    assert parsed.id == "orebro"
    assert parsed.warnings == []
    assert [r.id for r in parsed.rules] == [r["id"] for r in profile["rules"]]


# --------------------------------------------------------------------------- oracle
def test_every_rule_is_triggered_by_the_sample_plans(profile, demo):
    plans, layers = demo
    assert len(plans) >= 5
    triggered = {}
    for rule in profile["rules"]:
        for plan_key, _attrs, geom in plans:
            hits = oracle_findings(rule, geom, layers[rule["collection"]])
            if hits:
                triggered.setdefault(rule["id"], []).append(plan_key)
    missing = [r["id"] for r in profile["rules"] if r["id"] not in triggered]
    assert missing == []


def test_oracle_known_cases(profile, demo):
    """Spot checks with values a planner can verify on the map."""
    plans, layers = demo
    rules = {r["id"]: r for r in profile["rules"]}
    by_name = {attrs["name"]: geom for _k, attrs, geom in plans}
    torsjo = by_name["ÖP Örebro – Törsjö verksamhetsområde"]
    grythyttan = by_name["DP Hällefors – Bostäder i Grythyttan norra"]
    kumla = by_name["DP Kumla – Bostäder vid stationen"]
    # Törsjö overlaps the Törsjö logistics area; the Hällefors plan is far from frequent public transport.
    names = {fid: attrs["namn"] for fid, attrs, _g in layers["rus_gods_2030_logistikomraden"]}
    hits = oracle_findings(rules["logistics-area"], torsjo, layers["rus_gods_2030_logistikomraden"])
    assert [names[h] for h in hits] == ["Logistikområde Törsjö (Örebro)"]
    assert oracle_findings(rules["far-from-public-transport"], grythyttan, layers["kollektivtrafik_noder"]) == [None]
    assert oracle_findings(rules["far-from-public-transport"], kumla, layers["kollektivtrafik_noder"]) == []
    # a station-area plan next to a medium-frequency station is not far from public transport
    laxa = by_name["DP Laxå – Stationsområdet"]
    assert oracle_findings(rules["far-from-public-transport"], laxa, layers["kollektivtrafik_noder"]) == []
    hog_only = dict(rules["far-from-public-transport"], filter="\"turtathet\" = 'hog'")
    assert oracle_findings(hog_only, laxa, layers["kollektivtrafik_noder"]) == [None]
    walk = oracle_findings(rules["public-transport-walking-distance"], kumla, layers["kollektivtrafik_noder"])
    stops = {fid: attrs["namn"] for fid, attrs, _g in layers["kollektivtrafik_noder"]}
    assert "Kumla station" in [stops[h] for h in walk]


def test_filters_select_the_same_features_in_qgis(profile, demo):
    """Each rule filter is a valid QGIS expression and selects what the oracle's parser selects."""
    from qgis.core import QgsExpression, QgsFeatureRequest, QgsVectorLayer

    _plans, layers = demo
    for rule in profile["rules"]:
        if not rule.get("filter"):
            continue
        expression = QgsExpression(rule["filter"])
        assert not expression.hasParserError(), (rule["id"], expression.parserErrorString())
        layer = QgsVectorLayer(f"{DEMO_GPKG}|layername={rule['collection']}", rule["collection"], "ogr")
        selected = sorted(f.id() for f in layer.getFeatures(QgsFeatureRequest(expression)))
        keep = make_predicate(rule["filter"])
        expected = sorted(fid for fid, attrs, _g in layers[rule["collection"]] if keep(attrs))
        assert selected == expected, rule["id"]
        assert 0 < len(selected) < layer.featureCount(), rule["id"]
