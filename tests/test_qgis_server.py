"""The same client, catalogue and cache flows against both real servers: pygeoapi and QGIS Server.

Axis order is checked with a point whose coordinates we know (Örebro C in the demo
GeoPackage, EPSG:3006).
"""

import pytest
from qgis.core import QgsRectangle, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.pipeline import pipeline_for
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from tests.fixtures.service import COLLECTION_IDS, DEMO_GPKG, OREBRO_C_3006, region_only

SERVERS = ["pygeoapi_service", "qgis_server_service"]


@pytest.fixture(params=SERVERS)
def server_url(request):
    return request.getfixturevalue(request.param)



def demo_point(name="Örebro C"):
    layer = QgsVectorLayer(DEMO_GPKG + "|layername=kollektivtrafik_noder", "demo", "ogr")
    assert layer.isValid()
    for feature in layer.getFeatures():
        if feature["namn"] == name:
            assert layer.crs().authid() == "EPSG:3006"
            return feature.geometry().asPoint()
    raise AssertionError(name)


def demo_count(layer_name):
    layer = QgsVectorLayer(DEMO_GPKG + "|layername=" + layer_name, "demo", "ogr")
    return layer.featureCount()


def test_axis_order_with_a_known_point(server_url):
    want = demo_point()
    assert (round(want.x()), round(want.y())) == OREBRO_C_3006
    service = OgcFeaturesService(server_url, HttpClient())
    feats = [f for page in service.iter_pages("kollektivtrafik_noder", "EPSG:3006") for f in page.features]
    got = {f.properties["namn"]: f.geometry.asPoint() for f in feats}["Örebro C"]
    # pygeoapi stores CRS84 (1e-7 degree), QGIS Server sends 6 decimals: centimetres either way
    assert abs(got.x() - want.x()) < 0.2 and abs(got.y() - want.y()) < 0.2


def test_crs84_path_matches_the_crs_path(server_url):
    service = OgcFeaturesService(server_url, HttpClient())
    collection = dict(service.collection("kollektivtrafik_noder"))
    direct = {f.id: f.geometry.asPoint() for p in service.iter_pages("kollektivtrafik_noder", "EPSG:3006")
              for f in p.features}
    collection.pop("crs", None)  # pretend the server offers only CRS84: transform locally
    service._collections = [collection]
    local = {f.id: f.geometry.asPoint() for p in service.iter_pages("kollektivtrafik_noder", "EPSG:3006")
             for f in p.features}
    assert local.keys() == direct.keys()
    for fid, pt in direct.items():
        assert pt.distance(local[fid]) < 0.5


def test_paging_over_three_pages_exact(server_url):
    service = OgcFeaturesService(server_url, HttpClient())
    pages = list(service.iter_pages("kollektivtrafik_noder", "EPSG:3006", limit=5))
    feats = [f for p in pages for f in p.features]
    assert len(pages) >= 5
    assert len(feats) == demo_count("kollektivtrafik_noder") == 22
    assert len({f.id for f in feats}) == 22
    want = demo_point("Örebro Södra")
    got = {f.properties["namn"]: f.geometry.asPoint() for f in feats}["Örebro Södra"]
    assert got.distance(want) < 0.2


def test_catalogue_from_both_servers(server_url, cache_dir):
    profile = region_only(load_profile()).with_service_url(server_url)
    catalog = pipeline_for(profile).catalog()
    assert sorted(d.id for d in catalog.datasets) == sorted(COLLECTION_IDS)
    assert catalog.dataset("jordbruksmark").title == "Jordbruksmark"
    assert [d.id for d in catalog.search("jordbruk")] == ["jordbruksmark"]
    assert "kommuner" in [d.id for d in catalog.search("orebro")]
    assert any("3006" in c for c in catalog.dataset("kommuner").crs_list)
    assert catalog.dataset("rus_person_2030_strak").used_by_rules == ["primary-corridor", "secondary-corridor"]


def test_caching_a_dataset_from_both_servers(server_url, cache_dir):
    profile = region_only(load_profile()).with_service_url(server_url)
    service = OgcFeaturesService(profile.service_url, HttpClient())
    cache = Cache(profile.id)
    result = cache.refresh(service, "kommuner", profile.crs, limit=5)
    assert result.status == "updated" and result.entry.feature_count == 12
    layer = cache.layer("kommuner")
    demo = QgsVectorLayer(DEMO_GPKG + "|layername=kommuner", "demo", "ogr")
    demo_area = {f["namn"]: f.geometry().area() for f in demo.getFeatures()}
    cached_area = {f["namn"]: f.geometry().area() for f in layer.getFeatures()}
    assert cached_area.keys() == demo_area.keys()
    for name, area in demo_area.items():
        assert abs(cached_area[name] - area) / area < 1e-4, name
    again = cache.refresh(service, "kommuner", profile.crs, limit=5)
    assert again.status == "fresh" and again.entry.file == result.entry.file


def test_bbox_from_both_servers(server_url, cache_dir):
    profile = region_only(load_profile()).with_service_url(server_url)
    service = OgcFeaturesService(profile.service_url, HttpClient())
    cache = Cache(profile.id)
    x, y = OREBRO_C_3006
    cache.refresh(service, "kollektivtrafik_noder", profile.crs, bbox=QgsRectangle(x - 50, y - 50, x + 50, y + 50))
    assert [f["namn"] for f in cache.layer("kollektivtrafik_noder").getFeatures()] == ["Örebro C"]
