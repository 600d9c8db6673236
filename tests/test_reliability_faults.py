"""Issue 6, item 1 end to end: every service fault through the user-facing paths.

For each fault the previous cached copy of a dataset must stay current and intact
(same file, same features, ``PRAGMA quick_check`` ok), the user gets one clear
translated message (or the bad feature is skipped and counted), nothing hangs past the
timeout and nothing crashes. Paths: ``Cache.refresh`` of a dataset with a good cached
copy, ``Catalog.load`` with a cached catalogue, and the check's data access
(``DataAccess.source``). The faults are injected by ``fault_server`` (a real server on
loopback); nothing of our own code is mocked.
"""

import json
import os
import sqlite3
import time

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import DataAccess
from tests.fixtures.faults import HOSTILE_TEXT, big_string, garbage_features

CID = "pts"
GOOD = 25
TIMEOUT = 1.0
MARGIN = 2.5  # seconds on top of the time the client may legitimately spend


def point(i, name=None):
    return {"type": "Feature", "id": str(i), "properties": {"namn": name or f"Punkt {i}"},
            "geometry": {"type": "Point", "coordinates": [15.0 + i / 100, 59.2]}}


class Scenario:
    """A service whose ``pts`` items pages are served by a handler; ``fault`` (a function of
    (request, offset, normal page dict) -> route kwargs, or None) replaces the normal answer."""

    def __init__(self, fault_server, cache_dir, timeout_s=TIMEOUT, retries=0, backoff_s=0.05,
                 max_bytes=2 * 1024 * 1024):
        self.server = fault_server
        self.features = [point(i) for i in range(GOOD)]
        self.fault = None
        fault_server.route(f"/collections/{CID}/items", handler=self._pages)
        self.base = fault_server.ogc(collections={CID: {"title": "Punkter", "keywords": ["kind:interest"]}},
                                     items={CID: self.features})
        self.http = HttpClient(timeout_s=timeout_s, retries=retries, backoff_s=backoff_s, max_bytes=max_bytes,
                               authcfg="")  # never a setting left by another session
        self.service = OgcFeaturesService(self.base, self.http)
        self.cache = Cache("orebro", str(cache_dir))

    def page_url(self, offset):
        return self.server.url_for(f"/collections/{CID}/items?f=json&limit=10&offset={offset}")

    def _pages(self, request):
        offset = int(request.query.get("offset", ["0"])[0])
        doc = {"type": "FeatureCollection", "features": self.features[offset:offset + 10],
               "numberMatched": len(self.features), "links": []}
        if offset + 10 < len(self.features):
            doc["links"].append({"rel": "next", "type": "application/geo+json", "href": self.page_url(offset + 10)})
        if self.fault is not None:
            answer = self.fault(request, offset, doc)
            if answer is not None:
                return answer
        return {"body": doc, "content_type": "application/geo+json"}

    def good_copy(self):
        result = self.cache.refresh(self.service, CID, "EPSG:3006", limit=10)
        assert result.status == "updated" and result.entry.feature_count == GOOD
        # the service has new data since: a successful refresh would change the copy
        self.features.append(point(99, "Ny punkt"))
        return result.entry

    def refresh(self):
        start = time.monotonic()
        try:
            return self.cache.refresh(self.service, CID, "EPSG:3006", limit=10), time.monotonic() - start
        except NetworkError as error:
            return error, time.monotonic() - start


def assert_intact(cache, old):
    """The previous copy is still the current one, complete and undamaged."""
    fresh = Cache("orebro", os.path.dirname(cache.dir))
    entry = fresh.entry(CID)
    assert entry is not None and entry.file == old.file
    assert entry.feature_count == GOOD and entry.content_hash == old.content_hash
    path = os.path.join(fresh.dir, entry.file)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM features").fetchone()[0] == GOOD
    finally:
        con.close()
    assert fresh.verify(CID) is None
    layer = fresh.layer(CID)
    assert sorted(f["rp_id"] for f in layer.getFeatures()) == sorted(str(i) for i in range(GOOD))
    del layer
    tmp = os.path.join(fresh.dir, "tmp")
    assert not os.path.isdir(tmp) or os.listdir(tmp) == []


def one_clear_message(error):
    text = str(error)
    assert isinstance(error, NetworkError)
    assert text.strip() and "\n" not in text.strip() and "Traceback" not in text
    return text


# --------------------------------------------------------------------------- faults on page 2


def on_page2(**answer):
    return lambda _request, offset, _doc: dict(answer) if offset == 10 else None


FAULTS = {
    # name: (fault, expected text in the message, kind)
    "slower than the timeout": (on_page2(delay_s=TIMEOUT + 3, body={}), "did not answer within 1", "timeout"),
    "reset mid-body": (on_page2(body=b'{"type": "FeatureCollection", "features": [' + b" " * 4000,
                                reset_after_bytes=200), "was interrupted before the response", "unreachable"),
    "http 500": (on_page2(status=500, body={"code": "ServerError"}), "had an error (HTTP 500)", "http"),
    "http 502": (on_page2(status=502, body=b"<html>Bad gateway</html>", content_type="text/html"),
                 "had an error (HTTP 502)", "http"),
    "http 503 with Retry-After": (on_page2(status=503, retry_after=1, body={}), "had an error (HTTP 503)", "http"),
    "404 on page 2": (on_page2(status=404, body={"code": "NotFound"}), "(HTTP 404)", "http"),
    "truncated json": (on_page2(body=b'{"type": "FeatureCollection", "features": [{"type": "Feat',
                                content_type="application/geo+json"), "is not valid JSON", "json"),
    "invalid json": (on_page2(body=b"{'type': FeatureCollection,,}", content_type="application/geo+json"),
                     "is not valid JSON", "json"),
    "html instead of json": (on_page2(body=b"<html><body>Maintenance</body></html>", content_type="text/html"),
                             "is not valid JSON", "json"),
    "wrong shape: features not a list": (on_page2(body={"type": "FeatureCollection", "features": {"a": 1}}),
                                         "not as an OGC API - Features service", "json"),
    "wrong shape: a list": (on_page2(body=[1, 2, 3]), "not as an OGC API - Features service", "json"),
    "wrong shape: a string": (on_page2(body='"features"', content_type="application/json"),
                              "not as an OGC API - Features service", "json"),
    "over the size limit": (on_page2(body_size=3 * 1024 * 1024), "larger than the limit of 2.0 MB", "too_large"),
    "over the size limit without length": (on_page2(body_size=3 * 1024 * 1024, send_length=False),
                                           "larger than the limit of 2.0 MB", "too_large"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_refresh_fault_keeps_the_previous_copy(fault_server, cache_dir, name):
    fault, expected, kind = FAULTS[name]
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    scenario.fault = fault
    error, elapsed = scenario.refresh()
    text = one_clear_message(error)
    assert expected in text and error.kind == kind
    assert f"127.0.0.1:{fault_server.port}" in text  # says which service
    assert elapsed < TIMEOUT + MARGIN
    assert_intact(scenario.cache, old)


def test_collection_gone_404_keeps_the_previous_copy(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    fault_server.route(f"/collections/{CID}", status=404, body={"code": "NotFound"}, first=True)
    fault_server.route(f"/collections/{CID}/items", status=404, body={"code": "NotFound"}, first=True)
    error, elapsed = scenario.refresh()
    text = one_clear_message(error)
    assert text.startswith("Not found at ") and "(HTTP 404)" in text and f"/collections/{CID}" in text
    assert "Check the service address and the profile" in text
    assert elapsed < MARGIN
    assert_intact(scenario.cache, old)


# --------------------------------------------------------------------------- retries end to end


def test_503_with_retry_after_retries_bounded_then_keeps_the_copy(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir, timeout_s=2, retries=2, backoff_s=0.05)
    old = scenario.good_copy()
    fault_server.clear_log()
    scenario.fault = on_page2(status=503, retry_after=1, body={"code": "Busy"})
    error, elapsed = scenario.refresh()
    assert "had an error (HTTP 503)" in one_clear_message(error) and error.status == 503
    page2 = [r for r in fault_server.requests if r.path.endswith("/items") and r.query.get("offset") == ["10"]]
    assert len(page2) == 3  # one request + two retries, no more
    gaps = [b.time - a.time for a, b in zip(page2, page2[1:])]
    assert all(gap >= 0.95 for gap in gaps)  # Retry-After: 1 wins over the 0.05 s backoff
    assert 2.0 <= elapsed < 2.0 + MARGIN
    assert_intact(scenario.cache, old)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_transient_error_is_retried_and_the_refresh_succeeds(fault_server, cache_dir, status):
    scenario = Scenario(fault_server, cache_dir, timeout_s=2, retries=2, backoff_s=0.2)
    old = scenario.good_copy()
    fault_server.clear_log()
    left = {"n": 2}

    def twice(_request, offset, _doc):
        if offset == 10 and left["n"] > 0:
            left["n"] -= 1
            return {"status": status, "body": {}, "retry_after": 0 if status != 503 else 1}
        return None

    scenario.fault = twice
    start = time.monotonic()
    result = scenario.cache.refresh(scenario.service, CID, "EPSG:3006", limit=10)
    elapsed = time.monotonic() - start
    assert result.status == "updated" and result.entry.feature_count == GOOD + 1 and result.entry.file != old.file
    page2 = [r for r in fault_server.requests if r.path.endswith("/items") and r.query.get("offset") == ["10"]]
    assert len(page2) == 3
    gaps = [b.time - a.time for a, b in zip(page2, page2[1:])]
    if status == 503:
        assert gaps[0] >= 0.95 and gaps[1] >= 0.95  # Retry-After: 1
    else:
        assert gaps[0] >= 0.19 and gaps[1] >= 0.39  # exponential backoff 0.2, 0.4
    assert elapsed < 5
    names = {f["namn"] for f in scenario.cache.layer(CID).getFeatures()}
    assert "Ny punkt" in names


def test_no_retry_for_404_and_invalid_json(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir, retries=3, backoff_s=0.5)
    old = scenario.good_copy()
    for fault in (on_page2(status=404, body={}), on_page2(body=b"{not json")):
        fault_server.clear_log()
        scenario.fault = fault
        error, elapsed = scenario.refresh()
        one_clear_message(error)
        page2 = [r for r in fault_server.requests if r.query.get("offset") == ["10"]]
        assert len(page2) == 1 and elapsed < 0.5 + MARGIN
        assert_intact(scenario.cache, old)


# --------------------------------------------------------------------------- paging links


def test_next_link_loop_ends_without_hanging(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    fault_server.clear_log()

    def loop(_request, offset, doc):
        if offset == 20:  # the last page links back to the first one
            doc["links"] = [{"rel": "next", "type": "application/geo+json", "href": scenario.page_url(0)}]
            return {"body": doc}
        return None

    scenario.fault = loop
    result, elapsed = scenario.refresh()
    assert not isinstance(result, Exception), result
    assert elapsed < MARGIN
    assert len([r for r in fault_server.requests if r.path.endswith("/items")]) <= 5
    ids = sorted(f["rp_id"] for f in scenario.cache.layer(CID).getFeatures())
    assert ids == sorted([str(i) for i in range(GOOD)] + ["99"])  # each feature once
    assert result.entry.feature_count == GOOD + 1
    assert scenario.cache.verify(CID) is None
    assert old.file != result.entry.file


BAD_NEXT = {
    "another host": lambda s: s.server.other_host_url(f"/collections/{CID}/items?f=json&limit=10&offset=10"),
    "file scheme": lambda s: "file:///etc/passwd",
    "ftp scheme": lambda s: f"ftp://127.0.0.1:{s.server.port}/collections/{CID}/items?offset=10",
    "javascript scheme": lambda s: "javascript:alert(1)",
}


@pytest.mark.parametrize("name", sorted(BAD_NEXT))
def test_bad_next_link_is_never_requested(fault_server, cache_dir, name):
    scenario = Scenario(fault_server, cache_dir)
    scenario.good_copy()
    fault_server.clear_log()
    target = BAD_NEXT[name](scenario)

    def bad(_request, offset, doc):
        if offset == 0:
            doc["links"] = [{"rel": "next", "type": "application/geo+json", "href": target}]
            return {"body": doc}
        return None

    scenario.fault = bad
    scenario.refresh()
    assert not any(r.headers.get("host", "").startswith("localhost") for r in fault_server.requests)
    assert [r for r in fault_server.requests if r.path.endswith("/items")] == fault_server.requests[-1:]


@pytest.mark.parametrize("name", sorted(BAD_NEXT))
def test_bad_next_link_does_not_truncate_the_cached_copy(fault_server, cache_dir, name):
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    target = BAD_NEXT[name](scenario)

    def bad(_request, offset, doc):
        if offset == 0:
            doc["links"] = [{"rel": "next", "type": "application/geo+json", "href": target}]
            return {"body": doc}
        return None

    scenario.fault = bad
    error, elapsed = scenario.refresh()
    text = one_clear_message(error)
    assert text.startswith(f"The service's link to the next page of {CID} points elsewhere (")
    assert "it was not followed, the download was stopped and nothing was changed." in text
    assert ("localhost" in text) if name == "another host" else (f"({BAD_NEXT[name](scenario).split(':')[0]}:)" in text)
    assert elapsed < MARGIN
    assert_intact(scenario.cache, old)


# --------------------------------------------------------------------------- bad content


def test_garbage_features_are_skipped_and_counted_previous_copy_replaced_cleanly(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir)
    scenario.good_copy()
    scenario.features.extend(garbage_features())
    result, elapsed = scenario.refresh()
    assert not isinstance(result, Exception), result
    assert elapsed < MARGIN
    # 26 good points + "no id" and the first "dup" are kept; every other bad one is skipped and counted
    ids = {f["namn"] for f in scenario.cache.layer(CID).getFeatures()}
    assert {"Ny punkt", "no id", "duplicate 1"} <= ids
    assert not {"nan", "inf", "wrong nesting", "empty", "unclosed ring", "a line in a point collection",
                "duplicate 2", "null geometry", "bad type"} & ids
    assert result.skipped == 9 and result.entry.skipped == 9
    reasons = result.entry.skip_reasons
    assert reasons.get("duplicate id") == 1 and sum(reasons.values()) == 9
    assert result.entry.feature_count == GOOD + 1 + 2
    with open(scenario.cache.manifest_path, encoding="utf-8") as handle:
        assert '"skipped": 9' in handle.read()


def test_hostile_text_and_1mb_strings_are_plain_data(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir, timeout_s=5, max_bytes=16 * 1024 * 1024)
    scenario.good_copy()
    scenario.features.append(point(200, HOSTILE_TEXT))
    scenario.features.append(point(201, big_string()))
    result, elapsed = scenario.refresh()
    assert not isinstance(result, Exception), result
    rows = {f["rp_id"]: f["namn"] for f in scenario.cache.layer(CID).getFeatures()}
    assert rows["200"] == HOSTILE_TEXT and rows["201"] == big_string() and len(rows["201"]) == 512 * 1024
    assert elapsed < MARGIN + 3


def test_non_utf8_page_is_not_fatal(fault_server, cache_dir):
    scenario = Scenario(fault_server, cache_dir)
    scenario.good_copy()

    def bad_bytes(_request, offset, doc):
        if offset == 20:  # the last page: its last feature (of the 26 announced) is "b", not UTF-8
            others = json.dumps(doc["features"][:-1])[1:-1].encode("ascii")
            return {"body": b'{"type": "FeatureCollection", "features": [' + others + b', {"type": "Feature", '
                            b'"id": "b", "properties": {"namn": "\xff\xfe\xc3("}, "geometry": '
                            b'{"type": "Point", "coordinates": [15.9, 59.9]}}], "links": []}',
                    "content_type": "application/geo+json"}
        return None

    scenario.fault = bad_bytes
    result, _elapsed = scenario.refresh()
    assert not isinstance(result, Exception), result
    rows = {f["rp_id"]: f["namn"] for f in scenario.cache.layer(CID).getFeatures()}
    assert "\ufffd" in rows["b"] and len(rows) == GOOD + 1


# --------------------------------------------------------------------------- the catalogue


PROFILE = {
    "schema": "regionplan-profile/1", "id": "orebro", "name": {"sv": "Test", "en": "Test"},
    "service": {"type": "ogcapi-features", "url": "http://127.0.0.1:1/"}, "crs": "EPSG:3006",
    "rules": [{"id": "r1", "title": {"sv": "R", "en": "R"}, "collection": CID, "relation": "within_distance",
               "distance_m": 100, "severity": "info", "message": {"sv": "M", "en": "M"}}],
}

CATALOGUE_FAULTS = {
    "slower than the timeout": ({"delay_s": TIMEOUT + 3, "body": {}}, "did not answer within 1"),
    "http 500": ({"status": 500, "body": {}}, "had an error (HTTP 500)"),
    "http 503 with Retry-After": ({"status": 503, "retry_after": 1, "body": {}}, "had an error (HTTP 503)"),
    "404": ({"status": 404, "body": {}}, "(HTTP 404)"),
    "truncated json": ({"body": b'{"collections": [{"id": "pt'}, "valid JSON"),
    "wrong shape": ({"body": {"collections": "nope"}}, "not as an OGC API - Features service"),
    "reset mid-body": ({"body": b'{"collections": []}' + b" " * 4000, "reset_after_bytes": 50}, "interrupted"),
    "over the size limit": ({"body_size": 3 * 1024 * 1024}, "larger than the limit"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUE_FAULTS))
def test_catalogue_fault_falls_back_to_the_cached_catalogue(fault_server, cache_dir, name):
    answer, expected = CATALOGUE_FAULTS[name]
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": scenario.base}))
    first = Catalog.load(profile, service=scenario.service, cache=scenario.cache)
    assert not first.from_cache and first.dataset(CID).feature_count == GOOD
    fault_server.route("/collections", first=True, **answer)
    start = time.monotonic()
    again = Catalog.load(profile, service=OgcFeaturesService(scenario.base, scenario.http), cache=scenario.cache)
    assert time.monotonic() - start < TIMEOUT + MARGIN
    assert again.from_cache
    assert expected in again.error and "\n" not in again.error.strip()
    dataset = again.dataset(CID)
    assert dataset is not None and dataset.title == "Punkter" and dataset.feature_count == GOOD
    assert_intact(scenario.cache, old)


def test_collection_ids_with_path_characters_through_catalogue_and_cache(fault_server, cache_dir):
    ids = ["../../etc/passwd", "a/b", "sp ace?#%", "..\\..\\win", "<script>x</script>"]
    base = fault_server.ogc(items={cid: [point(i)] for i, cid in enumerate(ids)})
    service = OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg=""))
    cache = Cache("orebro", str(cache_dir))
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": base}))
    catalog = Catalog.load(profile, service=service, cache=cache)
    assert sorted(d.id for d in catalog.datasets) == sorted(ids)
    for cid in ids:
        cache.refresh(service, cid, "EPSG:3006")
        assert os.path.dirname(os.path.realpath(cache.path(cid))) == os.path.realpath(cache.dir)
        assert cache.layer(cid).featureCount() == 1
    inside = {os.path.realpath(os.path.join(b, n)) for b, _d, files in os.walk(str(cache_dir)) for n in files}
    assert all(p.startswith(os.path.realpath(str(cache_dir)) + os.sep) for p in inside)
    assert not os.path.exists(os.path.join(str(cache_dir), "..", "etc"))


# --------------------------------------------------------------------------- the check's data access


@pytest.mark.parametrize("name", ["slower than the timeout", "http 500", "truncated json", "reset mid-body"])
def test_check_data_access_falls_back_to_the_cached_copy_with_a_note(fault_server, cache_dir, name):
    from qgis.core import QgsRectangle

    fault, expected, _kind = FAULTS[name]
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()  # the service now has 26 features: the copy is stale
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": scenario.base}))
    scenario.fault = lambda request, offset, doc: (
        dict(fault(request, 10, doc)) if request.query.get("limit") != ["10"] else None)
    access = DataAccess(profile, scenario.cache, service=scenario.service)
    start = time.monotonic()
    layer, provenance = access.source(CID, QgsRectangle(400000, 6500000, 600000, 6700000))
    try:
        assert time.monotonic() - start < 2 * (TIMEOUT + MARGIN)
        assert provenance.origin == "cache" and provenance.feature_count == GOOD
        assert layer.featureCount() == GOOD
    finally:
        del layer
    assert len(access.notes) == 1
    note = access.notes[0]
    assert expected in note and "\n" not in note
    if _kind in ("unreachable", "timeout"):  # the service is down: said once for every dataset
        assert note.startswith("The service could not be reached (")
        assert note.endswith("); the offline copies in the cache were used.")
    else:  # the service answered badly for this dataset
        assert note.startswith(f"{CID}: the service failed (") and note.endswith("); the offline copy was used.")
    assert_intact(scenario.cache, old)


# --------------------------------------------------------------------------- skipped features in the report


@pytest.mark.parametrize("origin", ["cache", "service"])
def test_skipped_features_are_counted_in_the_report(fault_server, cache_dir, tmp_path, origin):
    import re

    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from regionplan_plugin.core import report
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.sources import open_data

    base = fault_server.ogc(collections={CID: {"title": "Punkter"}},
                            items={CID: [point(i) for i in range(5)] + garbage_features()})
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": base},
                                 rules=[dict(PROFILE["rules"][0], distance_m=100000)]))
    cache = Cache("orebro", str(cache_dir))
    if origin == "cache":
        assert cache.refresh(OgcFeaturesService(base, http), CID, "EPSG:3006").skipped == 9
    plan = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Plan", "memory")
    feature = QgsFeature(plan.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((15 59.1,15.1 59.1,15.1 59.2,15 59.2,15 59.1))"))
    plan.dataProvider().addFeatures([feature])
    result = run_check(profile, plan, open_data(profile, offline=origin == "cache", http=http, cache=cache),
                       lang="en")
    skipped = result.datasets[CID].skipped
    assert result.datasets[CID].origin == origin and skipped >= 7  # (7 by the parser, 9 with the cache's type check)
    path = tmp_path / "report.html"
    report.write_html(result, str(path), "en")
    result.layers.clear()
    row = [line for line in path.read_text(encoding="utf-8").splitlines()
           if line.startswith("<tr><td>") and f"<code>{CID}</code>" in line]
    assert len(row) == 1
    pattern = rf"\b{skipped}\b[^<]{{0,40}}skipped|skipped[^<]{{0,40}}\b{skipped}\b"
    assert re.search(pattern, row[0], re.IGNORECASE), row[0]


def test_one_wrong_type_feature_does_not_drop_the_rest_in_the_check(fault_server, cache_dir):
    from qgis.core import QgsRectangle

    line = {"type": "Feature", "id": "L", "properties": {"namn": "line"},
            "geometry": {"type": "LineString", "coordinates": [[15.0, 59.0], [15.1, 59.1]]}}
    features = [point(0), line] + [point(i) for i in range(1, 6)]
    base = fault_server.ogc(collections={CID: {"title": "Punkter"}}, items={CID: features})
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": base}))
    cached = Cache("orebro", str(cache_dir)).refresh(OgcFeaturesService(base, http), CID, "EPSG:3006")
    assert cached.entry.feature_count == 6 and cached.skipped == 1  # the cache gets it right
    access = DataAccess(profile, Cache("orebro", str(cache_dir / "other")), service=OgcFeaturesService(base, http))
    layer, provenance = access.source(CID, QgsRectangle(0, 0, 1e7, 1e7))
    try:
        assert provenance.origin == "service"
        ids = sorted(f["rp_id"] for f in layer.getFeatures())
    finally:
        del layer
    assert ids == [str(i) for i in range(6)]
    assert provenance.skipped == 1


def test_nul_character_in_text_does_not_cut_the_value(fault_server, cache_dir):
    base = fault_server.ogc(items={CID: [point(0, "Zon\x00 7"), point(1, "\x00dold")]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg="")), CID, "EPSG:3006")
    names = {f["rp_id"]: f["namn"] for f in cache.layer(CID).getFeatures()}
    assert names["0"].startswith("Zon") and names["0"].endswith(" 7")
    assert names["1"].endswith("dold")


# --------------------------------------------------------------------------- translated


@pytest.mark.parametrize("name", ["slower than the timeout", "http 503 with Retry-After", "invalid json",
                                  "wrong shape: a list", "over the size limit", "reset mid-body"])
def test_fault_message_is_translated_for_a_swedish_qgis(fault_server, cache_dir, name):
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core.i18n import install_translator

    fault, _expected, kind = FAULTS[name]
    scenario = Scenario(fault_server, cache_dir)
    old = scenario.good_copy()
    scenario.fault = fault
    english, _elapsed = scenario.refresh()
    translator = install_translator("sv")
    assert translator is not None, "the Swedish .qm is missing (make translations)"
    try:
        swedish, _elapsed = scenario.refresh()
    finally:
        QCoreApplication.removeTranslator(translator)
    assert isinstance(swedish, NetworkError) and swedish.kind == kind == english.kind
    assert str(swedish) != str(english), "no Swedish translation for this message"
    assert f"127.0.0.1:{fault_server.port}" in str(swedish)
    assert any(word in str(swedish).lower() for word in ("å", "ä", "ö", " inte ", "servern", "tjänsten"))
    assert_intact(scenario.cache, old)


# --------------------------------------------------------------------------- the check with nothing cached


CHECK_FAULTS = {
    "collection gone (404)": (lambda s: s.route(f"/collections/{CID}", status=404, body={}, first=True),
                              "Not found at ", "(HTTP 404). Check the service address and the profile."),
    "http 500": (lambda s: s.route(f"/collections/{CID}/items", status=500, body={}, first=True),
                 "The server at ", "had an error (HTTP 500). Try again later."),
    "slower than the timeout": (lambda s: s.route(f"/collections/{CID}/items", delay_s=4, body={}, first=True),
                                "The server at ", "did not answer within 1.0 s."),
    "garbage bytes": (lambda s: s.route(f"/collections/{CID}/items", body=b"\x00\xff garbage", first=True),
                      "The response from ", "The service may be misconfigured."),
}


@pytest.mark.parametrize("name", sorted(CHECK_FAULTS))
def test_check_without_a_cached_copy_ends_in_one_clear_message(fault_server, cache_dir, name):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.sources import open_data

    inject, start_text, end_text = CHECK_FAULTS[name]
    base = fault_server.ogc(items={CID: [point(1)]})
    inject(fault_server)
    profile = parse_profile(dict(PROFILE, service={"type": "ogcapi-features", "url": base}))
    plan = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Plan", "memory")
    feature = QgsFeature(plan.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((15 59.1,15.1 59.1,15.1 59.2,15 59.2,15 59.1))"))
    plan.dataProvider().addFeatures([feature])
    data = open_data(profile, http=HttpClient(timeout_s=TIMEOUT, retries=0, authcfg=""),
                     cache=Cache("orebro", str(cache_dir)))
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        run_check(profile, plan, data, lang="en")
    assert time.monotonic() - start < TIMEOUT + MARGIN
    text = one_clear_message(info.value)
    assert text.startswith(start_text + f"http://127.0.0.1:{fault_server.port}/collections/{CID}")
    assert text.endswith(end_text) or end_text in text


# --------------------------------------------------------------------------- a profile from a URL


PROFILE_FAULTS = {
    # name: (route kwargs, falls back to the kept copy, text in the message / warning)
    "slower than the timeout": ({"delay_s": 4, "body": {}}, True, "did not answer within 1.0 s"),
    "http 503 with Retry-After": ({"status": 503, "retry_after": 1, "body": {}}, True, "had an error (HTTP 503)"),
    "reset mid-body": ({"body": b"{" + b" " * 4000, "reset_after_bytes": 100}, True, "interrupted"),
    "truncated json": ({"body": b'{"schema": "regionplan-profile/1", "id": "or'}, False, "is not valid JSON"),
    "wrong shape": ({"body": [1, 2, 3]}, False, "the profile must be a JSON object, not a list"),
    "over the size limit": ({"body_size": 3 * 1024 * 1024}, False, "larger than the limit"),
    "redirect to another host": ({"status": 302, "headers": {"Location": "http://localhost:1/p.json"}}, False,
                                 "redirected to another host"),
}


@pytest.mark.parametrize("name", sorted(PROFILE_FAULTS))
def test_profile_url_fault_keeps_the_last_good_copy(fault_server, cache_dir, name):
    import glob

    from regionplan_plugin.core.errors import ProfileError
    from regionplan_plugin.core.profile import load_profile

    answer, falls_back, expected = PROFILE_FAULTS[name]
    fault_server.route("/p.json", body=dict(PROFILE, service={"type": "ogcapi-features",
                                                              "url": "http://127.0.0.1:9/"}))
    url = fault_server.url_for("/p.json")
    http = HttpClient(timeout_s=TIMEOUT, retries=0, authcfg="", max_bytes=2 * 1024 * 1024)
    first = load_profile(url, http=http)
    copies = glob.glob(os.path.join(str(cache_dir), ".profiles", "*.json"))
    assert len(copies) == 1
    with open(copies[0], "rb") as handle:
        kept = handle.read()
    fault_server.route("/p.json", first=True, **answer)
    start = time.monotonic()
    if falls_back:
        again = load_profile(url, http=http)
        assert again.id == first.id and again.rules[0].id == "r1"
        warning = again.warnings[0]
        assert warning.startswith("The profile could not be downloaded (") and expected in warning
        assert "); using the copy from " in warning
    else:
        with pytest.raises(ProfileError) as info:
            load_profile(url, http=http)
        text = str(info.value)
        assert expected in text and url in text and "Traceback" not in text
    assert time.monotonic() - start < TIMEOUT + MARGIN
    with open(copies[0], "rb") as handle:
        assert handle.read() == kept  # the last good copy is never replaced by a bad download
