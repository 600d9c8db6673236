"""The typed seam for data sources (issue 12, deliver item 3): any object with the methods of
``core.sources.DataSource`` feeds the cache, the catalogue and DataAccess; no server needed."""

import dataclasses
import json

import pytest
from qgis.core import QgsGeometry, QgsRectangle, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import (
    DataAccess,
    DataAccessLike,
    DataSource,
    LayerData,
    OgcFeaturesService,
    Page,
    ParsedFeature,
    Provenance,
    RemoteVersion,
    keyword_value,
    memory_layer_from_features,
)

E0, N0 = 500000.0, 6570000.0


def square_wkt(i):
    x, y = E0 + i * 1000.0, N0
    return f"POLYGON(({x} {y},{x + 500} {y},{x + 500} {y + 500},{x} {y + 500},{x} {y}))"


class ListSource:
    """A DataSource over Python lists: ``{cid: (collection document, [(id, properties, wkt)])}``."""

    base_url = "memory://lists/"

    def __init__(self, data):
        self.data = data
        self.asked = []

    def collections(self, feedback=None, refresh=False):
        return [doc for doc, _rows in self.data.values()]

    def collection(self, cid, feedback=None):
        return self.data[cid][0]

    def iter_pages(self, cid, crs, bbox=None, bbox_crs=None, limit=1000, feedback=None, headers=None):
        self.asked.append((cid, crs, limit))
        rows = self.data[cid][1]
        for number, start in enumerate(range(0, len(rows), limit)):
            features = [ParsedFeature(fid, dict(props), QgsGeometry.fromWkt(wkt))
                        for fid, props, wkt in rows[start:start + limit]]
            yield Page(features=features, url=f"{self.base_url}{cid}?page={number}", number=number,
                       number_matched=len(rows), crs=crs)

    def remote_version(self, cid, feedback=None, crs="", bbox=None, known=None, url=""):
        return RemoteVersion(version=keyword_value(self.collection(cid), "version"))


def list_source():
    doc = {"id": "zoner", "title": "Zoner i listan", "keywords": ["theme:transport", "kind:interest", "version:7"],
           "extent": {"spatial": {"bbox": [[15.0, 59.0, 15.5, 59.5]]}}}
    rows = [(f"z{i}", {"namn": f"Zon {i}", "klass": i % 3}, square_wkt(i)) for i in range(5)]
    return ListSource({"zoner": (doc, rows)})


def test_the_ogc_client_and_a_list_are_data_sources():
    assert isinstance(OgcFeaturesService("http://127.0.0.1:9/", HttpClient(timeout_s=1, retries=0)), DataSource)
    assert isinstance(list_source(), DataSource)
    assert not isinstance(object(), DataSource)


@pytest.mark.timeout(60)
def test_a_list_source_feeds_the_cache_and_the_catalogue(cache_dir):
    source = list_source()
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(source, "zoner", "EPSG:3006", limit=2)
    assert result.status == "updated"
    assert source.asked == [("zoner", "EPSG:3006", 2)]
    layer = cache.layer("zoner")
    assert layer.featureCount() == 5
    names = {f["rp_id"]: f["namn"] for f in layer.getFeatures()}
    assert names == {f"z{i}": f"Zon {i}" for i in range(5)}
    assert cache.entry("zoner").version == "7"
    assert cache.entry("zoner").source_url == "memory://lists/zoner?page=0"
    assert cache.check(source, "zoner") == "fresh"

    catalog = Catalog.load(load_profile(), service=source, cache=cache)
    assert [d.id for d in catalog.datasets] == ["zoner"]
    zoner = catalog.dataset("zoner")
    assert (zoner.title, zoner.kind, zoner.status, zoner.feature_count) == ("Zoner i listan", "interest", "fresh", 5)


@pytest.mark.timeout(60)
def test_data_access_reads_a_list_source_for_the_check(cache_dir):
    profile = load_profile()
    data = DataAccess(profile, None, service=list_source())
    assert isinstance(data, DataAccessLike)
    assert data.has("zoner") and data.kind("zoner") == "interest"
    layer, provenance = data.source("zoner", QgsRectangle(E0, N0, E0 + 2500, N0 + 500))
    assert sorted(f["rp_id"] for f in layer.getFeatures()) == [f"z{i}" for i in range(5)]
    assert (provenance.origin, provenance.source, provenance.version) == ("service", "memory://lists/", "7")
    assert provenance.feature_count == 5 and provenance.title == "Zoner i listan"
    data.release()


def test_layer_data_is_data_access_like():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:3006", "zoner", "memory")
    data = LayerData({"zoner": layer}, "EPSG:3006", kinds={"zoner": "boundary"})
    assert isinstance(data, DataAccessLike) and data.notes == []
    assert data.kind("zoner") == "boundary"
    data.source("zoner")
    data.release()


def test_provenance_is_read_by_attribute_and_serialised_by_as_dict():
    provenance = Provenance(collection="zoner", title="Zoner", origin="layer", source="x.gpkg", feature_count=3,
                            caveat={"sv": "Ungefärligt."})
    assert provenance.origin == "layer" and provenance.feature_count == 3
    assert provenance.etag is None and provenance.skipped is None  # what the origin cannot know
    plain = provenance.as_dict()  # the case file's provenance rows and the report's JSON
    assert plain["collection"] == "zoner" and plain["etag"] is None and plain["caveat"] == {"sv": "Ungefärligt."}
    assert set(plain) == {f.name for f in dataclasses.fields(Provenance)}
    assert json.loads(json.dumps(plain)) == plain
    with pytest.raises(TypeError):
        provenance["origin"]  # no dict-style access any more: read the attribute


@pytest.mark.timeout(60)
def test_data_access_and_layer_data_give_provenance_records(cache_dir):
    data = DataAccess(load_profile(), None, service=list_source())
    _layer, provenance = data.source("zoner")
    assert isinstance(provenance, Provenance)
    assert (provenance.origin, provenance.version, provenance.feature_count) == ("service", "7", 5)
    assert provenance.bbox is None
    assert len(provenance.content_hash) == 64 and provenance.fetched_at
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:3006", "zoner", "memory")
    _layer, provenance = LayerData({"zoner": layer}, "EPSG:3006", label="test").source("zoner")
    assert provenance == Provenance(collection="zoner", title="zoner", origin="layer", source="test", feature_count=0)


def test_memory_layer_keeps_big_integers_exact_and_types_like_the_cache():
    big = 2 ** 70
    features = [
        ParsedFeature("a", {"n": big, "small": 1, "mix": True}, QgsGeometry.fromWkt(square_wkt(0))),
        ParsedFeature("b", {"n": 5, "small": 2 ** 40, "mix": 2.5}, QgsGeometry.fromWkt(square_wkt(1))),
        ParsedFeature("c", {}, QgsGeometry.fromWkt("LINESTRING(500000 6570000, 500100 6570100)")),
    ]
    layer, skipped = memory_layer_from_features("zoner", features, "EPSG:3006")
    assert skipped == 1 and layer.featureCount() == 2  # polygons are most: the line is left out
    values = {f["rp_id"]: (f["n"], f["small"]) for f in layer.getFeatures()}
    assert values == {"a": (str(big), 1), "b": ("5", 2 ** 40)}
    assert layer.fields().field("small").typeName().lower().startswith("int")


def test_a_tie_of_geometry_families_takes_the_higher_dimension_like_the_cache():
    features = [
        ParsedFeature("p", {}, QgsGeometry.fromWkt(square_wkt(0))),
        ParsedFeature("l", {}, QgsGeometry.fromWkt("LINESTRING(500000 6570000, 500100 6570100)")),
    ]
    layer, skipped = memory_layer_from_features("zoner", features, "EPSG:3006")
    assert skipped == 1 and [f["rp_id"] for f in layer.getFeatures()] == ["p"]  # core/geomtypes.py
