"""Worker (issue 18, item 5): the catalogue with 200 datasets from the cache, offline.

``{"mode": "prepare", "cache_root": …, "data": <a small generated GeoPackage>}`` (not timed)
registers 200 cached copies (hard links of one 1,000-polygon file under 200 names) and a cached
catalogue of 200 collections in 5 themes. ``{"cache_root": …}`` times ``Catalog.load(profile,
cache, offline=True)`` (cached catalogue, the cache state of every dataset: manifest, light
check, the integrity memo or a full check of copies up to 4 MB), ``groups()`` and a ``search``.
``forget_integrity``: delete the integrity memo first (a session without one).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

COUNT = 200
THEMES = ["infra", "nature", "water", "settlement", "risk"]


def profile():
    from bench.w_engine import bench_profile_obj
    from regionplan_plugin.core.profile import parse_profile

    obj = bench_profile_obj("d000", 500)
    obj["themes"] = [{"id": t, "title": {"sv": t, "en": t}} for t in THEMES]
    return parse_profile(obj, source="bench")


def prepare(cache_root: str, data: str) -> dict:
    from bench import gen_data
    from regionplan_plugin.core.cache import Cache

    prof = profile()
    datasets = {f"d{i:03d}": (data, 1000, "Multi Polygon") for i in range(COUNT)}
    gen_data.register_in_cache(cache_root, datasets, profile_id=prof.id)
    collections = [{"id": cid, "title": f"Dataset {i}", "description": "Generated.",
                    "keywords": [f"theme:{THEMES[i % 5]}", "kind:area", f"year:{2020 + i % 6}"],
                    "extent": {"spatial": {"bbox": [[14.0, 58.8, 15.8, 59.9]]}}}
                   for i, cid in enumerate(datasets)]
    Cache(prof.id, root=cache_root).save_catalog({"service_url": "http://127.0.0.1:9/", "collections": collections})
    return {"datasets": COUNT}


def main():
    args = worker_args()
    start_qgis()
    if args.get("mode") == "prepare":
        emit(prepare(args["cache_root"], args["data"]))
        return
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.catalog import Catalog

    prof = profile()
    cache = Cache(prof.id, root=args["cache_root"])
    if args.get("forget_integrity"):
        memo = os.path.join(cache.dir, "integrity.json")
        if os.path.exists(memo):
            os.remove(memo)
    start, cpu = time.perf_counter(), time.process_time()
    catalog = Catalog.load(prof, cache=cache, offline=True)
    groups = catalog.groups()
    found = catalog.search("dataset 1")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    emit({"time_s": elapsed, "cpu_s": cpu, "datasets": len(catalog.datasets), "groups": len(groups),
          "found": len(found), "statuses": sorted({d.status for d in catalog.datasets})})


if __name__ == "__main__":
    main()
