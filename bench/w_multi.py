"""Worker (issue 18, item 5): a version 2 profile with 5 data sources and 200 datasets, all
cached, offline.

``{"mode": "prepare", "cache_root", "small", "large", "large_count"}`` (not timed): registers the
200 copies (hard links: the datasets the rules use get ``large``, the others ``small``) and the
cached catalogue as ``Catalog.load`` saves it for a ``MultiSource`` (``multi.decorate`` under
each dataset reference). ``{"mode": "catalog"}`` times ``Catalog.load(profile, cache,
offline=True)``, ``groups()`` and a search; ``{"mode": "here"}`` times the first
``what_applies`` of a session (``DataAccess(profile, cache, offline=True)`` included) and
reports a second card at another point (``again_s``)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

SOURCES = [("region", "ogcapi-features", "http://127.0.0.1:9/"),
           ("sgi", "wfs", "http://127.0.0.1:9/wfs"),
           ("lst", "arcgis-featureserver", "http://127.0.0.1:9/arcgis/rest/services/LST/FeatureServer"),
           ("nv", "download", "http://127.0.0.1:9/nedladdning/NR.zip"),
           ("lm", "atom", "http://127.0.0.1:9/atom/feed.xml")]
PER_SOURCE = 40
DECLARED = 5  # per source
THEMES = ["infra", "nature", "water", "settlement", "risk"]
PURPOSES = ["housing", "industry"]


def _text(sv, en):
    return {"sv": sv, "en": en}


def profile_obj() -> dict:
    datasets = []
    for s, (sid, _type, _url) in enumerate(SOURCES):
        for i in range(DECLARED):
            datasets.append({"id": f"{sid}_decl_{i}", "source": sid, "name": f"n{i:03d}",
                             "title": _text(f"Deklarerad {sid} {i}", f"Declared {sid} {i}"),
                             "theme": THEMES[(s + i) % 5], "kind": "interest", "year": 2025,
                             "caveat": _text("Gränserna är ungefärliga.", "Boundaries are approximate.")})
    rules = []
    for sid, _type, _url in SOURCES:
        ref = f"{sid}_decl_0"
        rules.append({"id": f"{sid}-in", "title": _text(f"Inom {sid}", f"Inside {sid}"), "collection": ref,
                      "relation": "intersects", "severity": "conflict",
                      "message": _text("Platsen ligger inom objektet.", "The place is inside the feature.")})
        rules.append({"id": f"{sid}-near", "title": _text(f"Nära {sid}", f"Near {sid}"), "collection": ref,
                      "relation": "within_distance", "distance_m": 500.0, "severity": "attention",
                      "applies_to": ["housing"],
                      "message": _text("Platsen ligger nära objektet.", "The place lies near the feature.")})
    return {
        "schema": "regionplan-profile/2", "id": "benchmulti", "name": _text("Fem källor", "Five sources"),
        "crs": "EPSG:3006",
        "sources": [{"id": sid, "type": stype, "url": url} for sid, stype, url in SOURCES],
        "datasets": datasets,
        "themes": [{"id": t, "title": _text(t, t)} for t in THEMES],
        "rules": rules,
    }


def profile():
    from regionplan_plugin.core.profile import parse_profile

    return parse_profile(profile_obj(), source="bench")


def references(prof):
    """(reference, source id, name, declared dataset or None) of the 200 datasets."""
    from regionplan_plugin.core.sources.multi import MultiSource

    multi = MultiSource(prof, {sid: None for sid, _t, _u in SOURCES})
    out = []
    for sid, _type, _url in SOURCES:
        for i in range(PER_SOURCE):
            name = f"n{i:03d}"
            ref = multi.reference(sid, name, SOURCES[0][0])
            out.append((ref, sid, name, prof.resolve(ref)[2]))
    return out


def prepare(args) -> dict:
    from bench import gen_data
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.sources.multi import decorate

    prof = profile()
    used = set(prof.collections_used())
    refs = references(prof)
    datasets = {ref: ((args["large"], args["large_count"]) if ref in used else (args["small"], 1000))
                + ("Multi Polygon",) for ref, _s, _n, _d in refs}
    gen_data.register_in_cache(args["cache_root"], datasets, profile_id=prof.id)
    collections = []
    for i, (ref, sid, name, dataset) in enumerate(refs):
        doc = {"id": name, "title": f"Dataset {sid} {name}", "description": "Generated.",
               "keywords": [f"theme:{THEMES[i % 5]}", "kind:area", f"year:{2020 + i % 6}"],
               "extent": {"spatial": {"bbox": [[14.0, 58.8, 15.8, 59.9]]}}, "links": []}
        collections.append(decorate(doc, ref, sid, dataset))
    Cache(prof.id, root=args["cache_root"]).save_catalog({"service_url": SOURCES[0][2], "collections": collections})
    return {"datasets": len(collections)}


def main():
    args = worker_args()
    start_qgis()
    if args["mode"] == "prepare":
        emit(prepare(args))
        return
    from regionplan_plugin.core.cache import Cache

    prof = profile()
    cache = Cache(prof.id, root=args["cache_root"])
    if args["mode"] == "catalog":
        from regionplan_plugin.core.catalog import Catalog

        start, cpu = time.perf_counter(), time.process_time()
        catalog = Catalog.load(prof, cache=cache, offline=True)
        groups = catalog.groups()
        found = catalog.search("declared")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        emit({"time_s": elapsed, "cpu_s": cpu, "datasets": len(catalog.datasets), "groups": len(groups),
              "found": len(found), "declared": len(prof.datasets),
              "statuses": sorted({d.status for d in catalog.datasets})})
        return
    from qgis.core import QgsPointXY

    from bench import gen_data
    from regionplan_plugin.core.here import what_applies
    from regionplan_plugin.core.sources import DataAccess

    profiler = None
    if args.get("profile_out"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    data = DataAccess(prof, cache, offline=True)
    card = what_applies(prof, data, QgsPointXY(gen_data.CX + 120, gen_data.CY - 80), purpose="housing")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args["profile_out"])
    start = time.perf_counter()
    again = what_applies(prof, data, QgsPointXY(gen_data.CX - 2500, gen_data.CY + 1800), purpose="housing")
    again_s = time.perf_counter() - start
    data.release()
    emit({"time_s": elapsed, "cpu_s": cpu, "again_s": again_s, "items": len(card.items),
          "hits": sum(len(i.hits) for i in card.items), "again_items": len(again.items),
          "notes": card.notes, "rules": len(prof.rules), "datasets": len(prof.collections_used())})


if __name__ == "__main__":
    main()
