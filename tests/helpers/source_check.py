"""The same rule set checked over any DataSource (tests/test_source_wfs.py, test_source_arcgis.py).

``CHECK_RULES``: the demo profile's rules on four datasets (a filter on a number served as a
string, intersects, within and beyond a distance, lines); ``findings(source, plans, tmp)``:
``{(plan_fid, rule_id, feature_id, severity): (distance_m, overlap_m2)}`` of a check reading
every dataset from ``source`` (a DataAccess over it, no cache copy)."""

import dataclasses

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import DataAccess
from tests.fixtures.service import PROFILE_PATH

CHECK_RULES = ("agricultural-land", "water-protection", "public-transport-walking-distance",
               "far-from-public-transport", "municipal-boundary")


def check_profile():
    profile = load_profile(PROFILE_PATH)
    return dataclasses.replace(profile, rules=[r for r in profile.rules if r.id in CHECK_RULES], statistics=[])


def findings(source, plans, cache_dir, profile=None):
    profile = profile or check_profile()
    data = DataAccess(profile, Cache(profile.id, str(cache_dir)), service=source)
    try:
        result = run_check(profile, plans, data, lang="en")
        assert all(info.origin == "service" for info in result.datasets.values()), result.datasets
        out = {(f.plan_fid, f.rule_id, f.feature_id, f.severity): (f.distance_m, f.overlap_m2)
               for f in result.findings}
        result.layers.clear()
        return out
    finally:
        data.release()


def assert_same_findings(reference: dict, got: dict, tolerance_m: float = 0.5) -> None:
    """The same findings (keys) with distances within ``tolerance_m`` and overlaps within 0.1 %."""
    assert len(reference) > 5
    assert got.keys() == reference.keys()
    for key, (distance, overlap) in reference.items():
        other_distance, other_overlap = got[key]
        if distance is not None:
            assert abs(other_distance - distance) < tolerance_m, key
        if overlap is not None:
            assert abs(other_overlap - overlap) <= max(1.0, overlap * 1e-3), key


class ByName:
    """One DataSource over several single-layer services: dataset ``name`` is layer ``layer``
    of ``sources[name]`` (Koop serves one GeoJSON file per FeatureServer; in the plugin the
    profile's sources and datasets route a reference, issue 15 C6a)."""

    def __init__(self, sources: dict, layer: str = "0"):
        self.sources = sources
        self.layer = layer
        self.base_url = next(iter(sources.values())).base_url

    def collections(self, feedback=None, refresh=False):
        return [self.collection(name, feedback) for name in self.sources]

    def collection(self, cid, feedback=None):
        return dict(self.sources[cid].collection(self.layer, feedback), id=cid)

    def iter_pages(self, cid, crs, bbox=None, bbox_crs=None, limit=1000, feedback=None, headers=None):
        return self.sources[cid].iter_pages(self.layer, crs, bbox, bbox_crs, limit, feedback, headers)

    def remote_version(self, cid, feedback=None, crs="", bbox=None, known=None, url=""):
        return self.sources[cid].remote_version(self.layer, feedback, crs, bbox, known, url)
