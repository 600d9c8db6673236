"""core/profile.py: loading and every rule of contract/profile.md, with the exact messages."""

import copy
import json
import os

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsExpression

from regionplan_plugin.core import paths
from regionplan_plugin.core.errors import ProfileError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import (
    SCHEMA,
    Profile,
    Rule,
    check_filter,
    load_profile,
    parse_profile,
)

VALID = {
    "schema": "regionplan-profile/1",
    "id": "orebro",
    "name": {"sv": "Region Örebro län", "en": "Region Örebro County"},
    "service": {"type": "ogcapi-features", "url": "http://127.0.0.1:5000/"},
    "crs": "EPSG:3006",
    "themes": [
        {"id": "transport", "title": {"sv": "Transporter och stråk", "en": "Transport and corridors"}},
        {"id": "natur", "title": {"sv": "Natur"}},
    ],
    "rules": [
        {
            "id": "primary-corridor",
            "title": {"sv": "Primärt stråk", "en": "Primary corridor"},
            "collection": "rus_person_2030_strak",
            "filter": "\"klass\" = 'primar'",
            "relation": "within_distance",
            "distance_m": 300,
            "severity": "attention",
            "message": {"sv": "Planen ligger nära ett primärt stråk i RUS.",
                        "en": "The plan lies near a primary RUS corridor."},
            "reference": "RUS Örebro län, strukturbild persontransporter 2030",
        },
        {
            "id": "farmland",
            "title": {"sv": "Jordbruksmark"},
            "collection": "jordbruksmark",
            "relation": "intersects",
            "min_overlap_m2": 50,
            "severity": "conflict",
            "message": {"sv": "Planen tar jordbruksmark i anspråk."},
        },
        {
            "id": "far-from-node",
            "title": {"sv": "Långt från nod", "en": "Far from a node"},
            "collection": "rus_person_2030_noder",
            "relation": "beyond_distance",
            "distance_m": 1000.5,
            "severity": "info",
            "message": {"sv": "Mer än 1 km till närmaste nod.", "en": "More than 1 km to the nearest node."},
        },
        {
            "id": "corridor-2",
            "title": {"sv": "Sekundärt stråk"},
            "collection": "rus_person_2030_strak",
            "filter": "lower(\"klass\") IN ('sekundar', 'secondary') AND \"namn\" IS NOT NULL",
            "relation": "intersects",
            "severity": "support",
            "message": {"sv": "Stöd."},
        },
    ],
}


def valid():
    return copy.deepcopy(VALID)


def problem(obj) -> str:
    with pytest.raises(ProfileError) as info:
        parse_profile(obj)
    return str(info.value)


# -- a valid profile --------------------------------------------------------------------------------


def test_valid_profile_fields():
    profile = parse_profile(valid(), source="mine.json")
    assert isinstance(profile, Profile)
    assert profile.schema == SCHEMA
    assert profile.id == "orebro"
    assert profile.name_in("sv") == "Region Örebro län"
    assert profile.name_in("en") == "Region Örebro County"
    assert profile.service_type == "ogcapi-features"
    assert profile.service_url == "http://127.0.0.1:5000/"
    assert profile.crs == "EPSG:3006"
    assert profile.source == "mine.json"
    assert len(profile.sha256) == 64
    assert profile.warnings == []
    assert profile.raw == VALID
    assert [t.id for t in profile.themes] == ["transport", "natur"]
    assert profile.theme_title("transport", "en") == "Transport and corridors"
    assert profile.theme_title("natur", "en") == "Natur"
    assert profile.theme_title("unknown", "sv") == "unknown"
    assert [r.id for r in profile.rules] == ["primary-corridor", "farmland", "far-from-node", "corridor-2"]
    assert profile.collections_used() == ["rus_person_2030_strak", "jordbruksmark", "rus_person_2030_noder"]


def test_rule_fields_and_helpers():
    profile = parse_profile(valid())
    rule = profile.rule("primary-corridor")
    assert isinstance(rule, Rule)
    assert rule.relation == "within_distance"
    assert rule.distance_m == 300.0
    assert rule.min_overlap_m2 == 0.0
    assert rule.severity == "attention"
    assert rule.title_in("en") == "Primary corridor"
    assert rule.message_in("sv") == "Planen ligger nära ett primärt stråk i RUS."
    assert rule.reference == "RUS Örebro län, strukturbild persontransporter 2030"
    expression = rule.expression()
    assert isinstance(expression, QgsExpression)
    assert not expression.hasParserError()
    assert expression.referencedColumns() == {"klass"}
    farmland = profile.rule("farmland")
    assert farmland.min_overlap_m2 == 50.0
    assert farmland.distance_m is None
    assert farmland.filter is None
    assert farmland.expression() is None
    assert farmland.message_in("en") == "Planen tar jordbruksmark i anspråk."  # falls back to Swedish
    assert farmland.reference == ""
    assert profile.rule("nope") is None


def test_filter_really_filters():
    from qgis.core import QgsExpressionContext, QgsFeature, QgsFields

    from regionplan_plugin.core.util import new_field

    rule = parse_profile(valid()).rule("corridor-2")
    fields = QgsFields()
    fields.append(new_field("klass", "text"))
    fields.append(new_field("namn", "text"))
    feature = QgsFeature(fields)
    expression = rule.expression()
    context = QgsExpressionContext()
    feature.setAttributes(["Sekundar", "Väg 50"])
    context.setFeature(feature)
    assert expression.evaluate(context) is True or expression.evaluate(context) == 1
    feature.setAttributes(["primar", "Väg 50"])
    context.setFeature(feature)
    assert not expression.evaluate(context)


def test_crs_object_and_service_override():
    profile = parse_profile(valid())
    crs = profile.crs_object()
    assert isinstance(crs, QgsCoordinateReferenceSystem)
    assert crs.authid() == "EPSG:3006"
    other = profile.with_service_url("https://example.org/ogc/")
    assert other.service_url == "https://example.org/ogc/"
    assert profile.service_url == "http://127.0.0.1:5000/"
    assert other.rules == profile.rules
    with pytest.raises(ProfileError) as info:
        profile.with_service_url("ftp://example.org/")
    assert str(info.value) == "The service address 'ftp://example.org/' is not an http(s) URL."


def test_minimal_profile_has_no_themes_or_rules():
    obj = valid()
    del obj["themes"]
    del obj["rules"]
    profile = parse_profile(obj)
    assert profile.themes == [] and profile.rules == [] and profile.collections_used() == []


def test_sha256_of_raw_bytes(tmp_path):
    import hashlib

    data = json.dumps(valid(), ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "p.json"
    path.write_bytes(data)
    profile = load_profile(str(path))
    assert profile.sha256 == hashlib.sha256(data).hexdigest()
    assert profile.source == str(path)


# -- loading ----------------------------------------------------------------------------------------


def test_bundled_profile_loads_when_present():
    path = paths.bundled_profile_path()
    if not os.path.isfile(path):
        with pytest.raises(ProfileError) as info:
            load_profile()
        assert "The bundled profile is missing" in str(info.value)
        return
    profile = load_profile()
    assert profile.id == "orebro"
    assert profile.crs_object().authid() == "EPSG:3006"
    assert profile.name["sv"]
    assert load_profile("").sha256 == profile.sha256
    assert profile.warnings == []


def test_load_file_with_service_url(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(valid()), encoding="utf-8")
    profile = load_profile(str(path), service_url="http://127.0.0.1:9999/x/")
    assert profile.service_url == "http://127.0.0.1:9999/x/"
    assert load_profile(path).id == "orebro"  # a PathLike works too
    assert load_profile(path.as_uri()).id == "orebro"


def test_load_file_with_bom(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(valid()).encode("utf-8"))
    assert load_profile(str(path)).id == "orebro"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.json"
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert str(info.value) == f"The profile file {path} does not exist."


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_profile(str(tmp_path))
    assert str(info.value) == f"The profile {tmp_path} is a folder, not a file."


def test_other_scheme_refused():
    with pytest.raises(ProfileError) as info:
        load_profile("ftp://example.org/p.json")
    assert str(info.value) == "The profile source 'ftp://example.org/p.json' is neither a file path nor an http(s) URL."


@pytest.mark.parametrize("content, expected", [
    (b"{not json", "The profile {path} is not valid JSON: Expecting property name enclosed in double quotes "
                   "(line 1, column 2)."),
    (b"", "The profile {path} is not valid JSON: Expecting value (line 1, column 1)."),
    (b'{"a": NaN}', "The profile {path} is not valid JSON: NaN is not allowed in JSON."),
    (b'{"schema": "regionplan-profile/1", "id": "\xff"}',
     "The profile {path} is not UTF-8 text (invalid byte at position 42)."),
    (b"[1, 2]", "The profile {path} is not valid:\nthe profile must be a JSON object, not a list"),
    (b'"text"', "The profile {path} is not valid:\nthe profile must be a JSON object, not a string"),
    (b"null", "The profile {path} is not valid:\nthe profile must be a JSON object, not null"),
])
def test_bad_files(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert str(info.value) == expected.format(path=path)


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100000 + b"]" * 100000)
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert str(info.value) == f"The profile {path} is nested too deeply."


def test_invalid_profile_file_names_the_file(tmp_path):
    obj = valid()
    obj["rules"][1]["relation"] = "near"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert str(info.value) == (f"The profile {path} is not valid:\n"
                               "rules[1].relation: 'near' is not one of intersects, within_distance, beyond_distance")


# -- URL ----------------------------------------------------------------------------------------------


def test_load_from_url(fault_server, cache_dir):
    fault_server.route("/profile.json", body=valid(), headers={"Content-Type": "application/json"})
    url = fault_server.url_for("/profile.json")
    profile = load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert profile.id == "orebro"
    assert profile.source == url
    assert fault_server.requests[0].headers["accept"] == "application/json"
    assert fault_server.requests[0].headers["user-agent"].startswith("Regionplan/")


def test_url_profile_invalid(fault_server, cache_dir):
    obj = valid()
    obj["crs"] = "EPSG:4326"
    fault_server.route("/profile.json", body=obj)
    url = fault_server.url_for("/profile.json")
    with pytest.raises(ProfileError) as info:
        load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert str(info.value) == (f"The profile {url} is not valid:\ncrs: 'EPSG:4326' is geographic (degrees); the "
                               "check measures in metres, so use a projected CRS such as EPSG:3006")


def test_url_profile_not_json(fault_server, cache_dir):
    fault_server.route("/profile.json", body="<html>login</html>", content_type="text/html")
    url = fault_server.url_for("/profile.json")
    with pytest.raises(ProfileError) as info:
        load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert str(info.value).startswith(f"The profile {url} is not valid JSON: Expecting value")


def test_url_profile_404(fault_server, cache_dir):
    url = fault_server.url_for("/missing.json")
    with pytest.raises(ProfileError) as info:
        load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert str(info.value) == (f"The profile could not be downloaded from {url}: Not found at {url} (HTTP 404). "
                               "Check the service address and the profile.")


def test_url_profile_offline_uses_last_copy(fault_server, cache_dir):
    fault_server.route("/profile.json", body=valid(), times=1)
    fault_server.route("/profile.json", status=503, body={})
    url = fault_server.url_for("/profile.json")
    first = load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert first.warnings == []
    copies = list((cache_dir / ".profiles").glob("*.json"))
    assert len(copies) == 1 and json.loads(copies[0].read_text(encoding="utf-8")) == VALID
    again = load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert again.id == "orebro"
    assert again.sha256 == first.sha256
    assert again.warnings[0].startswith("The profile could not be downloaded (The server at")
    assert "using the copy from" in again.warnings[0]


def test_url_profile_unreachable_without_copy(fault_server, cache_dir):
    port = fault_server.port
    fault_server.close()
    url = f"http://127.0.0.1:{port}/p.json"
    with pytest.raises(ProfileError) as info:
        load_profile(url, http=HttpClient(timeout_s=5, retries=0))
    assert str(info.value).startswith(f"The profile could not be downloaded from {url}: Could not connect to")


# -- one test per contract violation, with the exact message --------------------------------------------


def _set(obj, path, value):
    target = obj
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()

VIOLATIONS = [
    (("schema",), _DELETE, "schema: required, but missing"),
    (("schema",), "regionplan-profile/3",
     "schema: 'regionplan-profile/3' is not supported; this version of the plugin reads 'regionplan-profile/1' or "
     "'regionplan-profile/2'"),
    (("schema",), 1, "schema: must be a string, not a number"),
    (("id",), _DELETE, "id: required, but missing"),
    (("id",), "Örebro", "id: 'Örebro' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("id",), "", "id: '' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("id",), "a" * 65, "id: '" + "a" * 57 + "...' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("id",), "../x", "id: '../x' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("id",), ["orebro"], "id: must be a string, not a list"),
    (("name",), _DELETE, "name: required, but missing"),
    (("name",), "Region Örebro län",
     'name: must be an object of texts by language, like {"sv": "...", "en": "..."}, not a string'),
    (("name", "sv"), _DELETE, "name.sv: a Swedish text (sv) is required"),
    (("name", "sv"), "  ", "name.sv: must not be empty"),
    (("name", "en"), 5, "name.en: must be a string, not a number"),
    (("service",), _DELETE, "service: required, but missing"),
    (("service",), "http://x/", "service: must be an object, not a string"),
    (("service", "type"), "wfs", "service.type: 'wfs' is not one of ogcapi-features"),
    (("service", "type"), _DELETE, "service.type: required, but missing"),
    (("service", "url"), _DELETE, "service.url: required, but missing"),
    (("service", "url"), "ftp://example.org/", "service.url: 'ftp://example.org/' is not an http(s) URL"),
    (("service", "url"), "file:///etc/passwd", "service.url: 'file:///etc/passwd' is not an http(s) URL"),
    (("service", "url"), "http://", "service.url: 'http://' is not an http(s) URL"),
    (("service", "url"), "http://a b/", "service.url: 'http://a b/' is not an http(s) URL"),
    (("crs",), _DELETE, "crs: required, but missing"),
    (("crs",), 3006, "crs: must be a string, not a number"),
    (("crs",), "EPSG:999999", "crs: 'EPSG:999999' is not a coordinate reference system QGIS knows"),
    (("crs",), "", "crs: '' is not a coordinate reference system QGIS knows"),
    (("crs",), "EPSG:4326",
     "crs: 'EPSG:4326' is geographic (degrees); the check measures in metres, so use a projected CRS such as "
     "EPSG:3006"),
    (("crs",), "EPSG:2249",
     "crs: 'EPSG:2249' does not use metres; use a projected CRS in metres such as EPSG:3006"),
    (("themes",), {"id": "x"}, "themes: must be a list, not an object"),
    (("themes", 0), "transport", "themes[0]: must be an object, not a string"),
    (("themes", 1, "id"), _DELETE, "themes[1].id: required, but missing"),
    (("themes", 1, "id"), "transport", "themes[1].id: the theme id 'transport' is already used by themes[0]"),
    (("themes", 1, "id"), "has space", "themes[1].id: 'has space' must be 1 to 64 characters without spaces"),
    (("themes", 1, "title"), _DELETE, "themes[1].title: required, but missing"),
    (("themes", 1, "title"), {"en": "Nature"}, "themes[1].title.sv: a Swedish text (sv) is required"),
    (("rules",), "none", "rules: must be a list, not a string"),
    (("rules", 2), None, "rules[2]: must be an object, not null"),
    (("rules", 0, "id"), _DELETE, "rules[0].id: required, but missing"),
    (("rules", 3, "id"), "farmland", "rules[3].id: the rule id 'farmland' is already used by rules[1]"),
    (("rules", 3, "id"), "Bad Id", "rules[3].id: 'Bad Id' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("rules", 0, "title"), _DELETE, "rules[0].title: required, but missing"),
    (("rules", 0, "title"), {"en": "Primary"}, "rules[0].title.sv: a Swedish text (sv) is required"),
    (("rules", 0, "title"), ["Primärt"],
     'rules[0].title: must be an object of texts by language, like {"sv": "...", "en": "..."}, not a list'),
    (("rules", 0, "collection"), _DELETE, "rules[0].collection: required, but missing"),
    (("rules", 0, "collection"), "", "rules[0].collection: must be a collection id of 1 to 256 characters"),
    (("rules", 0, "collection"), 12, "rules[0].collection: must be a string, not a number"),
    (("rules", 0, "filter"), 1, "rules[0].filter: must be a string, not a number"),
    (("rules", 0, "relation"), _DELETE, "rules[0].relation: required, but missing"),
    (("rules", 3, "relation"), "near",
     "rules[3].relation: 'near' is not one of intersects, within_distance, beyond_distance"),
    (("rules", 0, "distance_m"), _DELETE, "rules[0].distance_m: required for the relation 'within_distance'"),
    (("rules", 2, "distance_m"), _DELETE, "rules[2].distance_m: required for the relation 'beyond_distance'"),
    (("rules", 0, "distance_m"), 0, "rules[0].distance_m: must be greater than 0, not 0"),
    (("rules", 0, "distance_m"), -5.5, "rules[0].distance_m: must be greater than 0, not -5.5"),
    (("rules", 0, "distance_m"), "300", "rules[0].distance_m: must be a number, not a string"),
    (("rules", 0, "distance_m"), True, "rules[0].distance_m: must be a number, not a boolean"),
    (("rules", 0, "distance_m"), float("inf"), "rules[0].distance_m: Infinity is not a finite number"),
    (("rules", 0, "distance_m"), float("nan"), "rules[0].distance_m: NaN is not a finite number"),
    (("rules", 1, "min_overlap_m2"), -1, "rules[1].min_overlap_m2: must be 0 or more, not -1"),
    (("rules", 1, "min_overlap_m2"), "50", "rules[1].min_overlap_m2: must be a number, not a string"),
    (("rules", 1, "min_overlap_m2"), float("-inf"), "rules[1].min_overlap_m2: -Infinity is not a finite number"),
    (("rules", 0, "severity"), _DELETE, "rules[0].severity: required, but missing"),
    (("rules", 0, "severity"), "warning",
     "rules[0].severity: 'warning' is not one of conflict, attention, support, info"),
    (("rules", 0, "severity"), "Conflict",
     "rules[0].severity: 'Conflict' is not one of conflict, attention, support, info"),
    (("rules", 0, "message"), _DELETE, "rules[0].message: required, but missing"),
    (("rules", 0, "message"), {"en": "Near"}, "rules[0].message.sv: a Swedish text (sv) is required"),
    (("rules", 0, "message", "sv"), "", "rules[0].message.sv: must not be empty"),
    (("rules", 0, "reference"), {"sv": "RUS"}, "rules[0].reference: must be a string, not an object"),
]


@pytest.mark.parametrize("path, value, expected", VIOLATIONS, ids=[" ".join(map(str, v[0])) + " " + repr(v[1])[:20]
                                                                     for v in VIOLATIONS])
def test_contract_violation(path, value, expected):
    obj = valid()
    _set(obj, path, value)
    assert problem(obj) == expected


def test_all_problems_listed_one_a_line():
    obj = valid()
    obj["id"] = "Bad"
    obj["rules"][0]["relation"] = "near"
    obj["rules"][1]["severity"] = "huge"
    assert problem(obj).split("\n") == [
        "id: 'Bad' must be 1 to 64 characters from a-z, 0-9, _ and -",
        "rules[0].relation: 'near' is not one of intersects, within_distance, beyond_distance",
        "rules[1].severity: 'huge' is not one of conflict, attention, support, info",
    ]


def test_error_count_is_bounded():
    obj = valid()
    obj["rules"] = [{"id": f"r{i}"} for i in range(100)]
    lines = problem(obj).split("\n")
    assert len(lines) <= 26
    assert lines[-1].startswith("... and ")


@pytest.mark.parametrize("top", [None, 1, "x", [], [VALID], True, 2.5])
def test_not_an_object(top):
    assert problem(top).startswith("the profile must be a JSON object, not ")


def test_null_optional_keys_are_absent():
    obj = valid()
    obj["themes"] = None
    obj["rules"][0]["filter"] = None
    obj["rules"][0]["reference"] = None
    obj["rules"][1]["min_overlap_m2"] = None
    profile = parse_profile(obj)
    assert profile.themes == []
    assert profile.rules[0].filter is None and profile.rules[0].reference == ""
    assert profile.rules[1].min_overlap_m2 == 0.0


def test_empty_filter_means_no_filter():
    obj = valid()
    obj["rules"][0]["filter"] = "   "
    assert parse_profile(obj).rules[0].expression() is None


# -- warnings -------------------------------------------------------------------------------------------


def test_unknown_keys_are_warnings():
    obj = valid()
    obj["colour"] = "red"
    obj["service"]["version"] = "1.0"
    obj["themes"][0]["icon"] = "x.svg"
    obj["rules"][2]["weight"] = 3
    profile = parse_profile(obj)
    assert profile.warnings == [
        "colour: unknown key, ignored",
        "service.version: unknown key, ignored",
        "themes[0].icon: unknown key, ignored",
        "rules[2].weight: unknown key, ignored",
    ]


def test_ignored_values_are_warnings():
    obj = valid()
    obj["rules"][1]["distance_m"] = 10
    obj["rules"][0]["min_overlap_m2"] = 5
    profile = parse_profile(obj)
    assert profile.warnings == [
        "rules[0].min_overlap_m2: only used by the relation 'intersects'",
        "rules[1].distance_m: ignored for the relation 'intersects'",
    ]


# -- filters ----------------------------------------------------------------------------------------------


def test_filter_parse_error_names_the_place():
    obj = valid()
    obj["rules"][3]["filter"] = "\"klass\" = "
    assert problem(obj) == ("rules[3].filter: the expression cannot be parsed: syntax error, unexpected end of file "
                            "(line 1, column 10)")
    obj["rules"][3]["filter"] = "\"a\" = 1 AND\n ) x"
    assert problem(obj) == ("rules[3].filter: the expression cannot be parsed: syntax error, unexpected ')' "
                            "(line 2, column 2)")


def test_filter_unknown_function():
    obj = valid()
    obj["rules"][0]["filter"] = "nosuchfunction(\"klass\") = 1"
    assert problem(obj) == "rules[0].filter: the function nosuchfunction() is not known"


@pytest.mark.parametrize("text, name", [
    ("eval('1 + 1') = 2", "eval"),
    ("env('HOME') IS NOT NULL", "env"),
    ("var('project_path') IS NOT NULL", "var"),
    ("@project_path IS NOT NULL", "var"),
    ("@layer_name = 'x'", "var"),
    ("get_feature('layer', 'id', 1) IS NOT NULL", "get_feature"),
    ("get_feature_by_id('layer', 1) IS NOT NULL", "get_feature_by_id"),
    ("aggregate('layer', 'sum', \"x\") > 1", "aggregate"),
    ("sum(\"x\") > 1", "sum"),
    ("count(\"x\") > 1", "count"),
    ("represent_value(\"klass\") = 'x'", "represent_value"),
    ("layer_property('layer', 'source') LIKE '%'", "layer_property"),
    ("file_exists('/etc/passwd')", "file_exists"),
    ("is_file('/etc/passwd')", "is_file"),
    ("file_size('/etc/passwd') > 0", "file_size"),
    ("exif('/etc/passwd') IS NULL", "exif"),
    ("decode_uri('layer') IS NULL", "decode_uri"),
    ("sqlite_fetch_and_increment('/tmp/x.db', 't', 'c', 'k', 1, 0) > 0", "sqlite_fetch_and_increment"),
    ("eval_template('[% 1 %]') = '1'", "eval_template"),
    ("overlay_intersects('layer')", "overlay_intersects"),
    ("with_variable('a', 1, 2) = 1", "with_variable"),
    ("lower(\"klass\") = 'x' AND (1 = 1 OR env('X') = 'y')", "env"),
    ("CASE WHEN \"a\" > 1 THEN eval('1') ELSE 2 END = 1", "eval"),
    ("\"a\" IN (1, env('X'))", "env"),
    ("NOT eval('1')", "eval"),
])
def test_dangerous_filter_refused(text, name):
    obj = valid()
    obj["rules"][0]["filter"] = text
    assert problem(obj) == (f"rules[0].filter: the function {name}() is not allowed in a rule filter; use "
                            "comparisons, boolean logic, arithmetic and text functions on the collection's "
                            "attributes")


def test_several_dangerous_functions_listed():
    obj = valid()
    obj["rules"][0]["filter"] = "with_variable('a', 1, @a) = 1 AND env('X') = 'y'"
    assert problem(obj).startswith("rules[0].filter: the functions env(), var(), with_variable() are not allowed")


def test_python_registered_function_refused():
    from qgis.core import qgsfunction

    calls = []

    @qgsfunction(args="auto", group="Custom", register=True)
    def regionplan_probe(value, feature, parent):
        calls.append(value)
        return 1

    try:
        obj = valid()
        obj["rules"][0]["filter"] = "regionplan_probe(\"klass\") = 1"
        message = problem(obj)
        assert message.startswith("rules[0].filter: the function regionplan_probe() is not allowed")
        assert calls == []
    finally:
        QgsExpression.unregisterFunction("regionplan_probe")


@pytest.mark.parametrize("text", [
    "\"klass\" = 'primar'",
    "\"a\" > 1 AND \"b\" < 2 OR NOT \"c\"",
    "\"a\" + 2 * 3 - 4 / 5 % 2 = 1",
    "\"namn\" LIKE 'Ö%' OR \"namn\" ILIKE '%berg'",
    "\"namn\" ~ '^[A-Z]'",
    "\"a\" IN (1, 2, 3) AND \"b\" NOT IN ('x')",
    "\"a\" IS NULL OR \"b\" IS NOT NULL",
    "upper(trim(\"namn\")) = 'X' AND length(\"namn\") > 3",
    "coalesce(\"a\", 0) >= 2 AND to_int(\"b\") = 3",
    "CASE WHEN \"a\" > 1 THEN 'x' ELSE 'y' END = 'x'",
    "\"year\" >= 2020 AND \"year\" <= 2030",
    "regexp_match(\"namn\", 'väg') > 0 AND \"namn\" || 'x' = 'yx'",
    "year(to_date(\"datum\")) = 2030",
    "$area > 1000",
])
def test_safe_filters_accepted(text):
    assert check_filter(text) is None
    obj = valid()
    obj["rules"][0]["filter"] = text
    assert parse_profile(obj).rules[0].filter == text


def test_filter_length_bounded():
    text = " OR ".join(["\"a\" = 1"] * 2000)
    assert check_filter(text, "f") == "f: the expression is longer than 10000 characters"
