"""Deterministic benchmark data: a ~2 km² draft plan and regional datasets of generated
polygons (1k .. 1M) and lines (100k) around it, as cache-format GeoPackages (one layer
``features``, string field ``rp_id`` then attributes, EPSG:3006, with an R-tree index).

The region is a fixed 100 km x 100 km square of Örebro län centred on the plan, so a
bigger dataset is a denser (more detailed) one, as when a region publishes finer data.
Polygons are disjoint (one per grid cell), so the area of the union of the overlapping
features equals the sum of the single overlaps, which keeps the comparison with
``native:calculatevectoroverlaps`` exact. Lines are random walks and may cross.

Run as a script to (re)generate: ``python bench/gen_data.py [sizes...]``. Files are
written once into ``bench/out/data`` and reused while the generator version matches.
"""

import json
import math
import os
import random
import struct
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import DATA_DIR, ensure_dirs  # noqa: E402

GENERATOR_VERSION = 3
EPSG = 3006
# Plan centre: Örebro, SWEREF 99 TM (x = easting).
CX, CY = 514000.0, 6571000.0
REGION_M = 100000.0
POLYGON_SIZES = (1000, 10000, 100000, 1000000)
LINE_SIZES = (100000,)
KLASSER = ("A", "B", "C")


def polygon_name(count: int) -> str:
    return f"bench_poly_{_label(count)}"


def line_name(count: int) -> str:
    return f"bench_lines_{_label(count)}"


def _label(count: int) -> str:
    if count % 1000000 == 0:
        return f"{count // 1000000}m"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


def path_of(name: str, data_dir: str = DATA_DIR) -> str:
    return os.path.join(data_dir, name + ".gpkg")


def plan_ring():
    """The draft plan: an irregular polygon of about 2 km² around (CX, CY)."""
    pts = [(-900, -600), (-200, -750), (650, -700), (900, -150), (800, 550),
           (150, 700), (-500, 650), (-950, 100)]
    ring = [(CX + x, CY + y) for x, y in pts]
    ring.append(ring[0])
    return ring


def _ring_area(ring) -> float:
    return 0.5 * abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])))


def _wkb_polygon(ring, multi=False) -> bytes:
    if multi:
        return struct.pack("<BI", 1, 6) + struct.pack("<I", 1) + _wkb_polygon(ring)
    return struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + b"".join(
        struct.pack("<dd", x, y) for x, y in ring
    )


def _wkb_line(points, multi=False) -> bytes:
    if multi:
        return struct.pack("<BI", 1, 5) + struct.pack("<I", 1) + _wkb_line(points)
    return struct.pack("<BII", 1, 2, len(points)) + b"".join(
        struct.pack("<dd", x, y) for x, y in points
    )


def _generated_polygons(count: int, seed: int):
    """One irregular polygon (6..10 vertices, star-shaped so valid) inside each grid cell."""
    rng = random.Random(seed)
    cols = int(math.ceil(math.sqrt(count)))
    rows = int(math.ceil(count / cols))
    cell = REGION_M / max(cols, rows)
    x0 = CX - cols * cell / 2.0
    y0 = CY - rows * cell / 2.0
    for index in range(count):
        row, col = divmod(index, cols)
        cx = x0 + (col + 0.5) * cell + rng.uniform(-0.05, 0.05) * cell
        cy = y0 + (row + 0.5) * cell + rng.uniform(-0.05, 0.05) * cell
        n = rng.randint(6, 10)
        base = rng.uniform(0.25, 0.42) * cell
        start = rng.uniform(0, 2 * math.pi)
        ring = []
        for k in range(n):
            angle = start + 2 * math.pi * k / n
            radius = base * rng.uniform(0.75, 1.1)
            ring.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        ring.append(ring[0])
        yield index, ring, rng


def _generated_lines(count: int, seed: int):
    rng = random.Random(seed)
    half = REGION_M / 2.0
    for index in range(count):
        x = CX + rng.uniform(-half, half)
        y = CY + rng.uniform(-half, half)
        heading = rng.uniform(0, 2 * math.pi)
        points = [(x, y)]
        for _ in range(rng.randint(4, 9)):
            heading += rng.uniform(-0.6, 0.6)
            step = rng.uniform(60, 220)
            x += step * math.cos(heading)
            y += step * math.sin(heading)
            points.append((x, y))
        yield index, points, rng


def _stamp_path(path: str) -> str:
    return path + ".json"


def is_current(name: str, count: int, kind: str) -> bool:
    path = path_of(name)
    try:
        with open(_stamp_path(path), encoding="utf-8") as handle:
            stamp = json.load(handle)
    except (OSError, ValueError):
        return False
    return (os.path.exists(path) and stamp.get("version") == GENERATOR_VERSION
            and stamp.get("count") == count and stamp.get("kind") == kind)


def _write(name: str, kind: str, count: int, rows, log=print, data_dir: str = DATA_DIR) -> str:
    """Write a cache-format GeoPackage with OGR (fast, no QGIS needed)."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    path = path_of(name, data_dir)
    for suffix in ("", "-wal", "-shm", ".json"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    tmp = path + ".tmp.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(tmp)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    # Multi types, as core/cache.py writes them.
    gtype = ogr.wkbMultiPolygon if kind == "polygon" else ogr.wkbMultiLineString
    layer = ds.CreateLayer("features", srs, gtype, options=["SPATIAL_INDEX=YES", "FID=fid", "GEOMETRY_NAME=geom"])
    for fname, ftype in (("rp_id", ogr.OFTString), ("namn", ogr.OFTString),
                         ("klass", ogr.OFTString), ("ar", ogr.OFTInteger64), ("varde", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(fname, ftype))
    defn = layer.GetLayerDefn()
    ds.StartTransaction()
    written = 0
    for index, coords, rng in rows:
        feature = ogr.Feature(defn)
        feature.SetField(0, f"{name}.{index + 1}")
        feature.SetField(1, f"{'Område' if kind == 'polygon' else 'Led'} {index + 1}")
        feature.SetField(2, KLASSER[index % 3])
        feature.SetField(3, 2020 + index % 11)
        feature.SetField(4, round(rng.uniform(0, 100), 3))
        wkb = _wkb_polygon(coords, True) if kind == "polygon" else _wkb_line(coords, True)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(feature)
        written += 1
        if written % 100000 == 0:
            ds.CommitTransaction()
            ds.StartTransaction()
            log(f"    {name}: {written}/{count}")
    ds.CommitTransaction()
    ds = None
    os.replace(tmp, path)
    with open(_stamp_path(path), "w", encoding="utf-8") as handle:
        json.dump({"version": GENERATOR_VERSION, "count": count, "kind": kind}, handle)
    return path


def write_plan(log=print, data_dir: str = DATA_DIR) -> str:
    """The draft plan as a one-feature polygon GeoPackage (layer ``plan``, field ``namn``)."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    path = os.path.join(data_dir, "bench_plan.gpkg")
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    layer = ds.CreateLayer("plan", srs, ogr.wkbPolygon, options=["FID=fid", "GEOMETRY_NAME=geom"])
    layer.CreateField(ogr.FieldDefn("namn", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField(0, "Planförslag Bench")
    feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(_wkb_polygon(plan_ring())))
    layer.CreateFeature(feature)
    ds = None
    return path


def write_polygons(count: int, log=print, data_dir: str = DATA_DIR) -> str:
    return _write(polygon_name(count), "polygon", count, _generated_polygons(count, seed=count), log=log,
                  data_dir=data_dir)


def write_lines(count: int, log=print, data_dir: str = DATA_DIR) -> str:
    return _write(line_name(count), "line", count, _generated_lines(count, seed=count + 7), log=log,
                  data_dir=data_dir)


def ensure_polygons(count: int, log=print) -> str:
    name = polygon_name(count)
    if not is_current(name, count, "polygon"):
        log(f"  generating {count} polygons -> {path_of(name)}")
        write_polygons(count, log=log)
    return path_of(name)


def ensure_lines(count: int, log=print) -> str:
    name = line_name(count)
    if not is_current(name, count, "line"):
        log(f"  generating {count} lines -> {path_of(name)}")
        write_lines(count, log=log)
    return path_of(name)


def ensure_all(polygon_sizes=POLYGON_SIZES, line_sizes=LINE_SIZES, log=print) -> dict:
    ensure_dirs()
    paths = {"plan": write_plan(log=log)}
    for count in polygon_sizes:
        paths[polygon_name(count)] = ensure_polygons(count, log=log)
    for count in line_sizes:
        paths[line_name(count)] = ensure_lines(count, log=log)
    return paths


CACHE_PROFILE_ID = "bench"
FIELDS = [{"name": "namn", "source": "namn", "type": "string"},
          {"name": "klass", "source": "klass", "type": "string"},
          {"name": "ar", "source": "ar", "type": "int"},
          {"name": "varde", "source": "varde", "type": "real"}]


def register_in_cache(cache_root: str, datasets: dict, profile_id: str = CACHE_PROFILE_ID) -> str:
    """Put generated GeoPackages into the offline cache of ``profile_id`` under ``cache_root``
    (hard links, else copies) and record them in its manifest the way ``core/cache.py`` does,
    so that ``Cache.layer`` / the check read them "from the cache". Returns the cache folder.

    ``datasets``: {collection id: (gpkg path, feature count, geometry type name[, manifest fields])}."""
    import shutil

    from regionplan_plugin.core import cache as cache_mod

    cache = cache_mod.Cache(profile_id, root=cache_root)
    cache._ensure_dir()
    entries = {}
    for cid, spec in datasets.items():
        path, count, geometry_type = spec[:3]
        fields = spec[3] if len(spec) > 3 else FIELDS
        name = cache_mod.safe_name(cid) + f"-bench-v{GENERATOR_VERSION}.gpkg"
        target = os.path.join(cache.dir, name)
        if not os.path.exists(target) or os.path.getsize(target) != os.path.getsize(path):
            if os.path.exists(target):
                os.remove(target)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
        entry = cache_mod.CacheEntry(
            collection=cid, file=name, title=cid, source_url="generated:" + os.path.basename(path),
            profile_id=profile_id, fetched_at=cache_mod.utc_now(), content_hash=f"generated-v{GENERATOR_VERSION}",
            feature_count=count, crs=f"EPSG:{EPSG}", geometry_type=geometry_type, fields=list(fields),
        )
        entry.checked_at = entry.fetched_at
        entries[cid] = entry
    with cache_mod.file_lock(os.path.join(cache.dir, cache_mod.LOCK)):
        current, _damaged = cache._read_raw()
        current.update(entries)
        cache._write_manifest(current)
    return cache.dir


def plan_area_m2() -> float:
    return _ring_area(plan_ring())


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or list(POLYGON_SIZES)
    print(json.dumps(ensure_all(polygon_sizes=sizes), indent=1))
    print(f"plan area {plan_area_m2() / 1e6:.2f} km²")
