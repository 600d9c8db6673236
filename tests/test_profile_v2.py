"""Profile version 2 (contract section 1b): sources[], datasets[], dataset references; version 1
still reads as one source 'default'. Every violation has its exact message."""

import copy

import pytest

from regionplan_plugin.core.errors import ProfileError
from regionplan_plugin.core.profile import load_profile, parse_profile
from tests.test_profile import VALID

V2 = copy.deepcopy(VALID)
V2["schema"] = "regionplan-profile/2"
del V2["service"]
V2["sources"] = [
    {"id": "region", "type": "ogcapi-features", "url": "http://127.0.0.1:5000/"},
    {"id": "lst", "type": "arcgis-featureserver", "url": "https://gis.example.se/arcgis/rest/services/LST/FeatureServer",
     "auth": "basic", "title": {"sv": "Länsstyrelsen"}, "licence": "CC0"},
    {"id": "sgi", "type": "wfs", "url": "https://gis.example.se/geoserver/wfs"},
    {"id": "nv", "type": "download", "url": "https://data.example.se/nedladdning/NR.zip"},
    {"id": "lm", "type": "wms", "url": "https://maps.example.se/topowebb/wms", "layers": ["topowebbkartan"]},
]
V2["datasets"] = [
    {"id": "naturreservat", "source": "nv", "name": "NR_polygon",
     "title": {"sv": "Naturreservat", "en": "Nature reserves"},
     "theme": "natur", "kind": "interest", "year": 2025, "id_field": "NVRID",
     "caveat": {"sv": "Gränserna är ungefärliga.", "en": "Boundaries are approximate."}},
]
V2["rules"][1]["collection"] = "naturreservat"
V2["rules"][3]["collection"] = "lst:2"


def v2():
    return copy.deepcopy(V2)


def problems(obj):
    with pytest.raises(ProfileError) as info:
        parse_profile(obj)
    return info.value.problems


def test_v2_reads_sources_datasets_and_references():
    profile = parse_profile(v2())
    assert [s.id for s in profile.sources] == ["region", "lst", "sgi", "nv", "lm"]
    assert profile.sources[2].version == "2.0.0" and profile.sources[1].auth == "basic"
    assert profile.sources[4].layers == ("topowebbkartan",) and profile.sources[4].background
    assert profile.service_url == "http://127.0.0.1:5000/"
    source, name, dataset = profile.resolve("naturreservat")
    assert (source.id, name, dataset.id_field) == ("nv", "NR_polygon", "NVRID")
    assert dataset.caveat_in("en") == "Boundaries are approximate."
    assert profile.resolve("lst:2")[:2] == (profile.sources[1], "2")
    assert profile.resolve("rus_person_2030_strak")[:2] == (profile.sources[0], "rus_person_2030_strak")
    assert profile.resolve("nv:NR_polygon")[2].id == "naturreservat"  # the declared dataset, by its source name
    assert profile.resolve("ms:vattenskydd")[:2] == (profile.sources[0], "ms:vattenskydd")  # 'ms' is no source


def test_v1_reads_as_one_default_source():
    profile = parse_profile(copy.deepcopy(VALID))
    assert [(s.id, s.type, s.url) for s in profile.sources] == [("default", "ogcapi-features", "http://127.0.0.1:5000/")]
    assert profile.datasets == [] and profile.resolve("jordbruksmark")[1] == "jordbruksmark"


def test_service_url_replaces_the_first_source_only():
    profile = parse_profile(v2()).with_service_url("http://127.0.0.1:9999/")
    assert profile.sources[0].url == "http://127.0.0.1:9999/" and profile.service_url == "http://127.0.0.1:9999/"
    assert profile.sources[3].url == "https://data.example.se/nedladdning/NR.zip"


def test_bundled_profile_is_version_2_with_state_datasets_from_a_download():
    profile = load_profile()
    assert profile.schema == "regionplan-profile/2"
    assert [(s.id, s.type) for s in profile.sources] == [("region", "ogcapi-features"), ("lst", "download")]
    state = {rule.collection for rule in profile.rules if rule.authority == "state"}
    assert {"vattenskydd", "skyfall_risk", "gron_infrastruktur"} <= state
    for cid in ("vattenskydd", "skyfall_risk", "gron_infrastruktur"):
        assert profile.resolve(cid)[0].id == "lst" and profile.dataset(cid).caveat["sv"]
    assert profile.resolve("rus_person_2030_strak")[0].id == "region"


def _set(obj, path, value):
    target = obj
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


DELETE = object()

VIOLATIONS = [
    (("sources",), DELETE, "sources: required, but missing"),
    (("sources",), [], "sources: must list at least one source"),
    (("sources",), {}, "sources: must be a list, not an object"),
    (("service",), {"type": "ogcapi-features", "url": "http://x/"},
     "service: not allowed in a 'regionplan-profile/2' profile; describe the service as one of its sources[]"),
    (("sources", 0, "id"), "Region", "sources[0].id: 'Region' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("sources", 1, "id"), "region", "sources[1].id: the source id 'region' is already used by sources[0]"),
    (("sources", 0, "type"), "geojson",
     "sources[0].type: 'geojson' is not one of ogcapi-features, wfs, arcgis-featureserver, download, atom, wms, "
     "wmts, xyz"),
    (("sources", 0, "url"), "ftp://x/", "sources[0].url: 'ftp://x/' is not an http(s) URL"),
    (("sources", 0, "url"), DELETE, "sources[0].url: required, but missing"),
    (("sources", 2, "version"), "3.0", "sources[2].version: '3.0' is not one of 2.0.0, 1.1.0"),
    (("sources", 0, "version"), "2.0.0", "sources[0].version: only a wfs source has a version"),
    (("sources", 1, "auth"), "token", "sources[1].auth: 'token' is not one of none, basic, oauth2"),
    (("sources", 4, "layers"), "topo", "sources[4].layers: must be a list of layer names"),
    (("sources", 1, "title"), "LST",
     'sources[1].title: must be an object of texts by language, like {"sv": "...", "en": "..."}, not a string'),
    (("datasets", 0, "source"), "xx",
     "datasets[0].source: 'xx' is not the id of one of the profile's sources (region, lst, sgi, nv, lm)"),
    (("datasets", 0, "name"), DELETE, "datasets[0].name: required, but missing"),
    (("datasets", 0, "id"), "nv", "datasets[0].id: 'nv' is already a source id; give the dataset another id"),
    (("datasets", 0, "id"), "a:b", "datasets[0].id: 'a:b' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    (("datasets", 0, "kind"), "wetland",
     "datasets[0].kind: 'wetland' is not one of structure-plan, interest, knowledge, boundary"),
    (("datasets", 0, "year"), "2025", "datasets[0].year: must be a year like 2025, not '2025'"),
    (("datasets", 0, "theme"), "water", "datasets[0].theme: 'water' is not one of the profile's themes "
                                        "(transport, natur)"),
    (("datasets", 0, "caveat"), {"en": "x"}, "datasets[0].caveat.sv: a Swedish text (sv) is required"),
    (("rules", 0, "collection"), "lm:topowebbkartan",
     "rules[0].collection: 'lm:topowebbkartan' is in the wms source 'lm'; background sources never take part in "
     "a rule, use a dataset of a feature source"),
]


@pytest.mark.parametrize("path, value, message", VIOLATIONS, ids=[m[:50] for _p, _v, m in VIOLATIONS])
def test_violation_has_its_message(path, value, message):
    obj = v2()
    _set(obj, path, value)
    assert message in problems(obj)


def test_statistic_on_a_background_source_is_refused():
    obj = v2()
    obj["statistics"] = [{"id": "s", "title": {"sv": "S"}, "collection": "lm:x", "measure": "count"}]
    assert any(p.startswith("statistics[0].collection: 'lm:x' is in the wms source 'lm'") for p in problems(obj))


def test_dataset_declared_twice_for_one_layer():
    obj = v2()
    obj["datasets"].append(dict(obj["datasets"][0], id="nr2"))
    assert "datasets[1]: datasets[0] already declares 'NR_polygon' of the source 'nv'" in problems(obj)


def test_unknown_keys_are_warnings_as_in_v1():
    obj = v2()
    obj["sources"][0]["colour"] = "red"
    obj["datasets"][0]["owner"] = "NV"
    profile = parse_profile(obj)
    assert "sources[0].colour: unknown key, ignored" in profile.warnings
    assert "datasets[0].owner: unknown key, ignored" in profile.warnings


REPORT_BACKGROUND_ERRORS = [
    ("lm:ortofoto", "report_background: 'lm:ortofoto' names no background map of the profile; its background maps: "
                    "lm:topowebbkartan"),
    ("topo:karta", "report_background: 'topo:karta' names no background map of the profile; its background maps: "
                   "lm:topowebbkartan"),
    ("lst:2", "report_background: 'lst:2' is in the arcgis-featureserver source 'lst', which is not a background "
              "map; name a layer of a wms, wmts or xyz source (lm:topowebbkartan)"),
    ("naturreservat", "report_background: 'naturreservat' is in the download source 'nv', which is not a "
                      "background map; name a layer of a wms, wmts or xyz source (lm:topowebbkartan)"),
    ("region", "report_background: 'region' is in the ogcapi-features source 'region', which is not a background "
               "map; name a layer of a wms, wmts or xyz source (lm:topowebbkartan)"),
    (7, "report_background: must name a background map as <source id>:<layer>, such as 'lm:topowebbkartan'"),
]


@pytest.mark.parametrize("value, message", REPORT_BACKGROUND_ERRORS, ids=[str(v) for v, _m in REPORT_BACKGROUND_ERRORS])
def test_report_background_must_name_a_background_map(value, message):
    obj = v2()
    obj["report_background"] = value
    assert problems(obj) == [message]


def test_report_background_is_read_and_used_by_the_reports():
    from regionplan_plugin.core.basemap.store import report_background_ref

    obj = v2()
    obj["sources"].append({"id": "orto", "type": "wmts", "url": "https://maps.example.se/wmts",
                           "layers": ["ortofoto", "ortofoto_svartvit"]})
    obj["report_background"] = "orto:ortofoto_svartvit"
    profile = parse_profile(obj)
    assert profile.report_background == "orto:ortofoto_svartvit"
    assert not [w for w in profile.warnings if "report_background" in w]  # a known key, not ignored
    assert report_background_ref(profile) == "orto:ortofoto_svartvit"
    obj["report_background"] = "orto"  # a source id: its first layer
    assert parse_profile(obj).report_background == "orto"
    del obj["report_background"]
    assert report_background_ref(parse_profile(obj)) == "lm:topowebbkartan"  # else the first background map


def test_report_background_error_is_translated():
    from regionplan_plugin.core.i18n import translate

    assert translate("{place}: {value} names no background map of the profile; its background maps: {known}",
                     "sv") != "{place}: {value} names no background map of the profile; its background maps: {known}"

