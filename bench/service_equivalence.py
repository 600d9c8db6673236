"""Check that the reference service's GeoPackage provider answers exactly as pygeoapi's GeoJSON
provider did: for every collection the same ids (in the same order), property names, order and
values (numbers stay numbers), geometries, ``numberMatched`` and bbox results; and that 8 threads
opening the GeoPackage at once all succeed (pygeoapi's own SQLiteGPKG provider failed there).

Run with the service venv: ``.venv-service/bin/python bench/service_equivalence.py``
(exit status 1 and the differences when they differ).
"""

import json
import os
import re
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICE_DIR = os.path.join(ROOT, "resources", "service")
DATA = os.path.join(SERVICE_DIR, "data")
sys.path.insert(0, SERVICE_DIR)

from pygeoapi.provider.geojson import GeoJSONProvider  # noqa: E402
from regionplan_sqlite import RegionplanGPKGProvider  # noqa: E402

BBOXES = ([15.1, 59.2, 15.3, 59.35], [14.5, 58.9, 14.9, 59.1], [15.5, 59.5, 15.95, 60.13])


def collections():
    with open(os.path.join(SERVICE_DIR, "pygeoapi-config.yml"), encoding="utf-8") as fh:
        return re.findall(r"^  (\w+):\n    type: collection", fh.read(), re.M)


def providers(cid):
    g = GeoJSONProvider({"name": "GeoJSON", "type": "feature", "data": os.path.join(DATA, f"{cid}.geojson"),
                         "id_field": "id"})
    s = RegionplanGPKGProvider({"name": "x", "type": "feature", "data": os.path.join(DATA, "orebro_service.gpkg"),
                                "table": cid, "id_field": "id"})
    return g, s


def dump(result):
    return json.dumps([(f["id"], list(f["properties"].items()), f["geometry"]) for f in result["features"]])


def main():
    problems = []
    for cid in collections():
        g, s = providers(cid)
        for kw in [{}] + [{"bbox": b} for b in BBOXES] + [{"offset": 3, "limit": 2}]:
            a, b = g.query(limit=kw.pop("limit", 10000), **kw), s.query(limit=10000 if "offset" not in kw else 2, **kw)
            if dump(a) != dump(b) or a["numberMatched"] != b["numberMatched"]:
                problems.append(f"{cid} {kw}: features or numberMatched differ")
        first = g.query(limit=1)["features"][0]
        if json.dumps(s.get(first["id"])["properties"]) != json.dumps(first["properties"]):
            problems.append(f"{cid}: item {first['id']} differs")
    errors = []

    def worker():
        for _ in range(10):
            try:
                providers("kommuner")[1].query(limit=5, bbox=BBOXES[0])
            except Exception as exc:  # noqa: BLE001 - reported
                errors.append(repr(exc))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        problems.append(f"{len(errors)} of 80 concurrent opens failed: {errors[0]}")
    print("\n".join(problems) or f"same answers for {len(collections())} collections; 80 concurrent opens ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
