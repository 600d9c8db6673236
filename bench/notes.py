"""The analysis part of RESULTS.md: what the profiles show and the fixes proposed to the
owners of the ``core``/``processing`` modules (the benchmark does not edit them)."""

HOT_SPOTS = """## Hot spots and proposed fixes

Found with the cProfile runs above (and `bench/out/profiles/*.prof`). The benchmark does not
change `core/` or `processing/`; which of these fixes are in them now: see *Profiling: fixes
applied* below.

1. **`core/sources.py`, `DataAccess.source()` and `DataAccess.extent()` (cache path): a new layer
   on every call.** Each call goes through `Cache.layer()`, which builds a new `QgsVectorLayer`
   (≈8–10 ms for a GeoPackage). `core/check.py` `_nearest()` (the `beyond_distance` search) calls
   both on every search round, so the demo check opens layers 40 times for 16 datasets; in the
   development profiles `Cache.layer` was 0.5–0.6 s of a 0.8–0.9 s check. *Fix:* keep `(layer, provenance)` per
   collection id in a dict on the `DataAccess` instance for the cache path (a cached copy is the
   whole dataset, so any `rect` is served by it) and answer `extent()` from that layer.
2. **`core/cache.py`, `Cache._read_raw()`: the manifest is parsed again on every `entry()`** —
   114 times in the demo check, 51 times when the catalogue opens (≈0.7 ms each with 17
   entries, growing with the number of cached datasets). *Fix:* keep the parsed entries with the
   manifest's `os.stat` key `(st_ino, st_mtime_ns, st_size)` and re-read only when it changes
   (`atomic_write_json` replaces the file, so every write changes the inode); hand out copies
   of the entries.
3. **`core/cache.py`, `Cache.status()` → `_check_file()` → `_check_uncached()`: opening the
   catalogue verifies every cached copy in full** (`PRAGMA quick_check`, `COUNT(*)`, and a
   throw-away `QgsVectorLayer`), ≈10 ms per dataset even for the small demo files: in the
   development profiles 170–210 ms of the 260–340 ms it took to open the catalogue from the
   cache. *Fix:* for the states shown
   in the catalogue use a light check (file present, SQLite header, size > 0) and keep the full
   check where a copy is opened (`Cache.layer()`, `verify()`), which is what issue 3 asks
   ("on open"). In `_check_uncached()`, drop the throw-away `QgsVectorLayer` and check the
   layer `layer()` returns (valid, feature count) instead.
4. **The full check on first open grows with the file size.** `PRAGMA quick_check` reads the
   whole file: ≈50 ms at 100k polygons (34 MB), ≈0.5 s at 1M (340 MB); it is most of the
   *region extent* column of part 1 (the first time a check opens a cached copy in a QGIS
   session; later checks in the session reuse the in-process result, see *A second check in
   the same QGIS session*). *Option, a decision for the cache's owner:* remember a passed
   check across sessions with the file's `(size, mtime_ns, inode)` in the manifest entry and
   re-run it only when those change or on an explicit "verify". Not prototyped: it trades the
   detection of silent corruption of an unchanged file for speed.
5. **Start-up.** `initGui()` meets its target (≈15–20 ms with the plugin's bytecode cached, as
   after the first QGIS start); without cached bytecode (the very first start after an
   install) development runs measured 40–95 ms, mostly compiling sources. About half of the
   cached figure is `processing/checkplan.py` importing `core/check.py` at module level
   (`initGui()` → `initProcessing()` → `RegionplanProvider.loadAlgorithms()`). *Optional:*
   import `core.check` names inside the methods that use them, so start-up loads only the
   algorithm classes (≈9 ms less); and give `core/check.py`'s five dataclasses (`Finding`,
   `PlanFeature`, `Repair`, `RuleOutcome`, `CheckResult`) a docstring: without one, Python
   3.11's `dataclass()` computes `inspect.signature()` for a default docstring (≈5 ms).
6. **Lines, first run.** Against 100k lines the pipeline has no overlap step and is 2–3×
   faster on a first run: our check's fixed cost of opening a cached copy (integrity check,
   manifest reads, two layer opens; the *region extent* column) dominates. In a second check
   in the same session the two are within a few milliseconds. Fixes 1–4 address that cost.
"""


def hot_spots() -> list:
    return HOT_SPOTS.splitlines() + [""]

FIXES_APPLIED = """## Profiling: fixes applied

Hot spots 1, 2, 3 and 5 above are fixed in `core/` and `processing/`; 4 (remembering a
passed check *across* sessions) is not: a passed full check is remembered in memory for the
QGIS session only, keyed by the file's (path, inode, mtime_ns, size).

- `core/sources.py`: `DataAccess` opens each cached copy once (`source()` and `extent()`).
- `core/cache.py`: the parsed manifest is kept until the file's (inode, mtime_ns, size)
  changes or this `Cache` writes; `status()` (the catalogue) checks a copy lightly (present,
  SQLite header, size against the header's page count) plus the SQLite check for copies up to
  4 MB; `layer()` and `verify()` check in full and validate the layer they return. A large
  copy damaged inside shows as *unknown* in the catalogue and is refused with "The cached copy
  of … is damaged … Refresh it while online." when opened (`tests/test_cache_memo.py`).
- `processing/checkplan.py`: imports `core.check` when the algorithm runs; the
  `core/check.py` dataclasses have docstrings.

Before = the committed run of 2026-11-28 14:29 UTC (load 3.59 → 1.89); after = the run of
2026-11-28 14:56 UTC (load 0.22 → 1.81), same machine. The lighter load of the second run
also makes the pipeline faster (918 → 642 ms at 100k), so compare the ratios too.

| figure | target | before | after |
|---|---:|---:|---:|
| `initGui()` at start-up | 50 ms | 17 ms | 9 ms |
| opening the catalogue, panel | 200 ms | 314 ms | 82 ms |
| … without widgets (`open_session`) | 200 ms | 205 ms | 56 ms |
| adding 10 cached layers | 1.00 s | 117 ms | 116 ms |
| demo check from the cache (16 rules) | 1.00 s | 707 ms | 246 ms |
| check, bench_poly_100k (ratio to the pipeline) | ≥ 5× | 323 ms (2.8×) | 86 ms (7.4×) |
| check, bench_poly_1m (ratio) | – | 961 ms (18.0×) | 526 ms (17.7×) |
| check, bench_lines_100k (ratio) | – | 200 ms (0.4×) | 103 ms (0.5×) |
| region extent (first open incl. integrity check), 100k / 1M | – | 223 ms / 796 ms | 58 ms / 453 ms |

Still open: against the pipeline's best case (overlaps on the extract only) and against lines,
a first check is slower: at 1M most of it is `PRAGMA quick_check` reading the 340 MB file on
first open (hot spot 4).
"""


def fixes_applied() -> list:
    return FIXES_APPLIED.splitlines() + [""]
