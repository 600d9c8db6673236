"""Issue 11, items 3, 7, 16 and 18: paging that never ends, 200 answers that are no items
page, a cache folder with ``%`` in its name, and files left open after a failed refresh.

Every fault comes from ``fault_server`` (a real server on loopback); nothing of our own
code is mocked. A good copy of 50 features is made from the service at ``/good``; the
faulty service at ``/bad`` serves the same collection.
"""

import glob
import os
import tempfile
import time

import pytest
from qgis.core import QgsFeedback, QgsProcessingException, QgsProject, QgsRectangle

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import Cancelled, NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import DataAccess

CID = "pts"
N = 50
CRS = "EPSG:3006"
WIDE = QgsRectangle(0, 0, 1e7, 1e7)


def point(i):
    return {"type": "Feature", "id": f"p{i}", "properties": {"namn": f"Punkt {i}", "n": i},
            "geometry": {"type": "Point", "coordinates": [15.0 + i / 1000, 59.2]}}


def points(count=N):
    return [point(i) for i in range(count)]


def service(base, timeout_s=5):
    return OgcFeaturesService(base, HttpClient(timeout_s=timeout_s, retries=0, authcfg=""))


def item_requests(server, prefix="/bad"):
    return [r for r in server.requests if r.path.startswith(prefix) and r.path.endswith("/items")]


def open_files_under(folder):
    """Paths under ``folder`` this process holds open (Linux: /proc/self/fd)."""
    real = os.path.realpath(str(folder))
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(real + os.sep) or target.startswith(str(folder) + os.sep):
            found.append(target)
    return found


class GoodCopy:
    """A cached copy of 50 features in ``root``, with its manifest as it was."""

    def __init__(self, fault_server, root):
        self.root = str(root)
        base = fault_server.ogc(items={CID: points()}, prefix="/good")
        cache = Cache("orebro", self.root)
        result = cache.refresh(service(base), CID, CRS, limit=10)
        assert result.status == "updated" and result.entry.feature_count == N
        self.entry = result.entry
        with open(cache.manifest_path, "rb") as handle:
            self.manifest = handle.read()

    def assert_kept(self):
        """The old copy is still current, complete and opens with its 50 features."""
        cache = Cache("orebro", self.root)
        entry = cache.entry(CID)
        assert entry is not None and entry.file == self.entry.file and entry.feature_count == N
        with open(cache.manifest_path, "rb") as handle:
            assert handle.read() == self.manifest
        assert cache.verify(CID) is None
        layer = cache.layer(CID)
        try:
            assert layer.featureCount() == N
            assert sorted(f["rp_id"] for f in layer.getFeatures()) == sorted(f"p{i}" for i in range(N))
        finally:
            del layer
        tmp = os.path.join(cache.dir, "tmp")
        assert not os.path.isdir(tmp) or os.listdir(tmp) == []


def one_line(error):
    text = str(error)
    assert text.strip() and "\n" not in text.strip() and "Traceback" not in text
    return text


# --------------------------------------------------------------------------- item 3: endless paging

MATCHED = {"a number": ..., "absent": None, "unknown": "unknown", "a number as a string": str(N)}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("matched", sorted(MATCHED))
def test_r2_03_paging_ignores_offset_refresh_is_refused_after_two_pages(fault_server, cache_dir, matched):
    copy = GoodCopy(fault_server, cache_dir)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad", ignore_offset=True,
                           number_matched=MATCHED[matched])
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, limit=10)
    text = one_line(info.value)
    assert text.startswith(f"The service sends the same features of {CID} again instead of the next page")
    assert "ignore the paging offset" in text and "nothing was changed" in text
    assert len(item_requests(fault_server)) == 2
    assert time.monotonic() - start < 10
    copy.assert_kept()


@pytest.mark.timeout(60)
def test_r2_03_paging_ignores_offset_cachelayers_reports_failure(qgis_processing, fault_server, cache_dir):
    from tests.test_cachelayers import Log, run

    copy = GoodCopy(fault_server, cache_dir)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad", ignore_offset=True, number_matched="unknown")
    log = Log()
    with pytest.raises(QgsProcessingException) as info:
        run({"SERVICE_URL": bad, "COLLECTIONS": CID}, log)
    assert str(info.value) == f"No dataset could be cached: {CID}."
    assert f"{CID}: The service sends the same features of {CID} again" in log.text()
    assert "cached." not in log.text() and "already fresh" not in log.text()
    assert len(item_requests(fault_server)) == 2
    copy.assert_kept()


@pytest.mark.timeout(60)
def test_r2_03_paging_ignores_offset_online_check_is_refused(fault_server, cache_dir):
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad", ignore_offset=True)
    profile = parse_profile({
        "schema": "regionplan-profile/1", "id": "orebro", "name": {"sv": "Test", "en": "Test"},
        "service": {"type": "ogcapi-features", "url": bad}, "crs": CRS,
        "rules": [{"id": "r1", "title": {"sv": "R", "en": "R"}, "collection": CID,
                   "relation": "within_distance", "distance_m": 100, "severity": "info",
                   "message": {"sv": "M", "en": "M"}}],
    })
    access = DataAccess(profile, Cache("orebro", str(cache_dir)), service=service(bad))
    with pytest.raises(NetworkError) as info:
        access.source(CID, WIDE)
    assert one_line(info.value).startswith(f"The service sends the same features of {CID} again")
    assert len(item_requests(fault_server)) == 2
    # with a cached copy the check uses it, and says why
    GoodCopy(fault_server, cache_dir)
    fault_server.clear_log()
    access = DataAccess(profile, Cache("orebro", str(cache_dir)), service=service(bad))
    layer, provenance = access.source(CID, WIDE)
    try:
        assert provenance.origin == "cache" and layer.featureCount() == N
    finally:
        del layer
        access.release()
    assert len(access.notes) == 1 and "The service sends the same features of" in access.notes[0]
    assert len(item_requests(fault_server)) == 2


@pytest.mark.timeout(60)
def test_r2_03_pages_that_never_end_stop_at_a_cap_from_number_matched(fault_server, cache_dir):
    """10 features, then one new feature a page, for ever: stopped at 2 x 5 + 2 pages."""
    copy = GoodCopy(fault_server, cache_dir)

    def endless(request):
        offset = int(request.query.get("offset", ["0"])[0])
        feats = points() if offset == 0 else [point(1000 + offset)]
        feats = feats[:10]
        nxt = fault_server.url_for(f"/bad/collections/{CID}/items?f=json&limit=10&offset={offset + 1}")
        return {"body": {"type": "FeatureCollection", "features": feats, "numberMatched": N,
                         "links": [{"rel": "next", "type": "application/geo+json", "href": nxt}]}}

    fault_server.route(f"/bad/collections/{CID}/items", handler=endless)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad")
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, limit=10)
    text = one_line(info.value)
    assert text.startswith(f"The service's pages of {CID} do not end: 12 pages brought 21 of the 50 features")
    assert len(item_requests(fault_server)) == 12
    copy.assert_kept()


@pytest.mark.timeout(60)
def test_r2_03_full_pages_past_number_matched_stop_at_a_cap(fault_server, cache_dir):
    """50 announced, then full pages of new features for ever (more than announced): stopped at
    2 x 5 + 2 pages, not followed without end."""
    copy = GoodCopy(fault_server, cache_dir)

    def endless(request):
        offset = int(request.query.get("offset", ["0"])[0])
        nxt = fault_server.url_for(f"/bad/collections/{CID}/items?f=json&limit=10&offset={offset + 10}")
        return {"body": {"type": "FeatureCollection", "features": [point(n) for n in range(offset, offset + 10)],
                         "numberMatched": N, "links": [{"rel": "next", "type": "application/geo+json",
                                                        "href": nxt}]}}

    fault_server.route(f"/bad/collections/{CID}/items", handler=endless)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad")
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, limit=10)
    assert one_line(info.value).startswith(
        f"The service's pages of {CID} do not end: 12 pages brought 120 features, more than the 50 it announced.")
    assert len(item_requests(fault_server)) == 12
    copy.assert_kept()


def test_r2_03_a_link_past_the_end_is_not_an_error(fault_server, cache_dir):
    """All 10 announced features came on page 1; page 2 repeats them: the paging just ends."""
    base = fault_server.ogc(items={CID: points(10)}, ignore_offset=True, number_matched="10")
    result = Cache("orebro", str(cache_dir)).refresh(service(base), CID, CRS, limit=10)
    assert result.entry.feature_count == 10 and result.skipped == 0
    assert fault_server.count(f"/collections/{CID}/items") == 2


# --------------------------------------------------------------------------- item 7: 200 but no items page

NOT_A_PAGE = {
    # name: (ogc() options, start of the message)
    "exception document": ({"exception_on_page": 1},
                           "The service at http://127.0.0.1:{port}/bad/collections/pts/items?f=json&limit=10 "
                           "answered with an error instead of features (NoApplicableCode: Query timed out"),
    "empty page announcing 50": ({"empty_from_page": 1},
                                 "The service announced 50 features of pts but sent only 0;"),
    "exception on page 2": ({"exception_on_page": 2},
                            "The service at http://127.0.0.1:{port}/bad/collections/pts/items?f=json&limit=10"
                            "&offset=10 answered with an error instead of features (NoApplicableCode"),
    "empty page 3 announcing 50": ({"empty_from_page": 3}, "The service announced 50 features of pts but sent "
                                                           "only 20;"),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(NOT_A_PAGE))
def test_r2_07_not_an_items_page_keeps_the_cached_copy(fault_server, cache_dir, name):
    options, expected = NOT_A_PAGE[name]
    copy = GoodCopy(fault_server, cache_dir)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad", **options)
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, limit=10)
    text = one_line(info.value)
    assert text.startswith(expected.format(port=fault_server.port)), text
    assert text.endswith("nothing was changed.") or "nothing was changed" in text
    copy.assert_kept()


@pytest.mark.timeout(90)
@pytest.mark.parametrize("name", sorted(NOT_A_PAGE))
def test_r2_07_cachelayers_reports_failure_not_success(qgis_processing, fault_server, cache_dir, name):
    from tests.test_cachelayers import Log, run

    options, expected = NOT_A_PAGE[name]
    copy = GoodCopy(fault_server, cache_dir)
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad", page_size=10, **options)
    log = Log()
    with pytest.raises(QgsProcessingException) as info:
        run({"SERVICE_URL": bad, "COLLECTIONS": CID}, log)
    assert str(info.value) == f"No dataset could be cached: {CID}."
    first_line = expected.format(port=fault_server.port).replace("limit=10", "limit=1000").split("?")[0]
    assert f"{CID}: {first_line}" in log.text()
    assert "features cached" not in log.text() and "already fresh" not in log.text()
    copy.assert_kept()


def test_r2_07_number_matched_forms_that_are_no_count_are_ignored(fault_server, cache_dir):
    from regionplan_plugin.core.paging import number_matched

    assert [number_matched({"numberMatched": v}) for v in (50, "50", " 7 ", 50.0, "unknown", None, -1, True,
                                                           "5e3", 2.5, "")] == [
        50, 50, 7, 50, None, None, None, None, None, None, None]
    assert number_matched({}) is None and number_matched([]) is None
    # a numberMatched that is not the total (here: per page) does not make a good download fail
    base = fault_server.ogc(items={CID: points()}, number_matched=10)
    assert Cache("orebro", str(cache_dir)).refresh(service(base), CID, CRS, limit=10).entry.feature_count == N


def test_r2_07_bad_and_duplicate_features_count_towards_number_matched(fault_server, cache_dir):
    from tests.fixtures.faults import garbage_features

    feats = points(20) + garbage_features()  # numberMatched 31: 9 of them are skipped
    base = fault_server.ogc(items={CID: feats}, page_size=10)
    result = Cache("orebro", str(cache_dir)).refresh(service(base), CID, CRS, limit=10)
    assert result.entry.feature_count == 22 and result.skipped == 9


def test_r2_07_count_is_not_compared_for_an_extent(fault_server, cache_dir):
    """A server may count a bbox query differently: with an extent only the shape is checked."""
    base = fault_server.ogc(items={CID: points()}, empty_from_page=3)
    result = Cache("orebro", str(cache_dir)).refresh(service(base), CID, CRS, bbox=WIDE, limit=10)
    assert result.entry.feature_count == 20


# --------------------------------------------------------------------------- item 16: % in the cache folder


@pytest.mark.timeout(60)
def test_r2_16_cache_folder_with_percent_escapes_and_uri_characters(fault_server, tmp_path, monkeypatch):
    root = tmp_path / "Mina data %41 %2F # ?x=1 &"
    root.mkdir()
    monkeypatch.setenv("REGIONPLAN_CACHE_DIR", str(root))
    base = fault_server.ogc(items={CID: points()})
    cache = Cache("orebro")
    assert cache.dir.startswith(str(root))
    result = cache.refresh(service(base), CID, CRS, limit=10)
    assert result.status == "updated" and result.entry.feature_count == N
    again = Cache("orebro")
    assert again.verify(CID) is None
    assert again.status(CID) == "unknown"  # intact (no remote information given)
    layer = again.layer(CID)
    try:
        assert layer.isValid() and layer.featureCount() == N
        assert sorted(f["n"] for f in layer.getFeatures()) == list(range(N))
    finally:
        del layer
    in_project = QgsProject.instance().addMapLayer(again.layer(CID))
    try:  # a second refresh writes a new copy and repoints the project's layer to it
        assert again.refresh(service(base), CID, CRS, force=True, limit=10).entry.feature_count == N
        new_file = again.entries()[CID].file
        assert new_file != result.entry.file and again.verify(CID) is None
        assert os.path.basename(os.path.realpath(in_project.source().split("|")[0])) == new_file
        assert in_project.isValid() and in_project.featureCount() == N
    finally:
        QgsProject.instance().removeMapLayer(in_project.id())
    assert not os.path.exists(os.path.join(again.dir, result.entry.file))  # the old copy is gone
    assert not os.path.exists(os.path.join(root, "M"))  # %41 / %2F were never decoded into a path
    for link in glob.glob(os.path.join(tempfile.gettempdir(), "regionplan-links-*", "*")):
        if os.path.islink(link) and os.path.realpath(link).startswith(os.path.realpath(str(root))):
            os.unlink(link)  # the %-free links the layers were opened through


# --------------------------------------------------------------------------- item 18: nothing left open


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
@pytest.mark.timeout(60)
def test_r2_18_failed_download_leaves_no_open_file_and_no_leftovers(fault_server, cache_dir):
    copy = GoodCopy(fault_server, cache_dir)
    fault_server.route(f"/bad/collections/{CID}/items?f=json&limit=10&offset=20", status=500, body={})
    bad = fault_server.ogc(items={CID: points()}, prefix="/bad")
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, limit=10)
    assert "had an error (HTTP 500)" in str(info.value)
    assert open_files_under(cache_dir) == []  # while the caller still holds the error
    assert os.listdir(os.path.join(Cache("orebro", str(cache_dir)).dir, "tmp")) == []
    copy.assert_kept()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
@pytest.mark.timeout(90)
def test_r2_18_stop_while_writing_leaves_no_open_geopackage(fault_server, cache_dir):
    copy = GoodCopy(fault_server, cache_dir)
    bad = fault_server.ogc(items={CID: points(6000)}, prefix="/bad", page_size=1000)
    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda value: feedback.cancel() if value >= 80 else None)
    with pytest.raises(Cancelled) as info:
        Cache("orebro", str(cache_dir)).refresh(service(bad), CID, CRS, force=True, feedback=feedback, limit=1000)
    assert info.value is not None
    assert open_files_under(cache_dir) == []
    assert os.listdir(os.path.join(Cache("orebro", str(cache_dir)).dir, "tmp")) == []
    copy.assert_kept()


def test_r2_16_sqlite_uri_escapes_every_reserved_character():
    from regionplan_plugin.core.cache import _sqlite_uri

    assert _sqlite_uri("/data/Mina data %41 %2F/#x?y=1&z/a.gpkg") == \
        "file:///data/Mina%20data%20%2541%20%252F/%23x%3Fy%3D1%26z/a.gpkg?mode=ro"


# --------------------------------------------------------------------------- in Swedish


@pytest.mark.timeout(60)
def test_r2_03_07_messages_are_translated_for_a_swedish_qgis(fault_server, cache_dir):
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core.i18n import install_translator

    repeats = fault_server.ogc(items={CID: points()}, prefix="/repeats", ignore_offset=True)
    empty = fault_server.ogc(items={CID: points()}, prefix="/empty", empty_from_page=1)
    error = fault_server.ogc(items={CID: points()}, prefix="/error", exception_on_page=1)
    translator = install_translator("sv")
    assert translator is not None, "the Swedish .qm is missing (make translations)"
    texts = []
    try:
        for base in (repeats, empty, error):
            with pytest.raises(NetworkError) as info:
                Cache("orebro", str(cache_dir)).refresh(service(base), CID, CRS, limit=10)
            texts.append(one_line(info.value))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert texts[0].startswith(f"Tjänsten skickar samma objekt i {CID} igen i stället för nästa sida")
    assert texts[1].startswith(f"Tjänsten angav 50 objekt i {CID} men skickade bara 0;")
    assert texts[2].startswith("Tjänsten på http://127.0.0.1:")
    assert "svarade med ett fel i stället för objekt" in texts[2]
