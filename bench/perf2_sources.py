"""Performance II (issue 18), the other sources of item 1 and the multi-source figures of item 5;
parts ``sources`` and ``multi`` of ``bench/perf2.py`` (``make bench``; on their own:
``python bench/perf2.py --parts sources,multi``).

* **Caching from WFS 2.0, ArcGIS FeatureServer and a ZIP download vs ogr2ogr** (item 1): our
  real path (``open_source`` of the profile's source type, ``Cache.refresh``; ``w_source_fetch``)
  against the GDAL command line a GIS technician would type (``w_tool``), on the same local
  server and the same generated polygons (``bench/source_servers.py``), interleaved;
* **"What applies here" and the catalogue with 5 sources and 200 datasets** (item 5), from the
  offline cache (``w_multi``).
"""

import json
import os
import shutil

from bench import gen_data, source_servers
from bench.common import OUT_DIR, median, run_worker, summarise

WFS_PAGE = 1000
ARCGIS_PAGE = 2000


def _ogr2ogr(source: str, *extra) -> list:
    return ["ogr2ogr", "-f", "GPKG", "{tmp}/out.gpkg", source, *extra, "-nln", "features"]


def _jobs(kind: str, url: str, count: int) -> list:
    name = source_servers.label(count)
    if kind == "wfs":
        ours = {"type": "wfs", "url": url, "name": name, "limit": WFS_PAGE, "version": "2.0.0"}
        peers = [("ogr2ogr WFS:", [_ogr2ogr("WFS:" + url + "VERSION=2.0.0", "ms:" + name,
                                            "--config", "OGR_WFS_PAGE_SIZE", str(WFS_PAGE))])]
    elif kind == "arcgis":
        layer = url + name + "/FeatureServer"
        ours = {"type": "arcgis-featureserver", "url": layer, "name": "0", "limit": ARCGIS_PAGE}
        query = (layer + "/0/query?where=1%3D1&outFields=*&returnGeometry=true&outSR=3006&f=json"
                 f"&resultRecordCount={ARCGIS_PAGE}")
        peers = [("ogr2ogr ESRIJSON:", [_ogr2ogr("ESRIJSON:" + query, "-oo", "FEATURE_SERVER_PAGING=YES")])]
    else:
        zip_url = url + name + ".zip"
        ours = {"type": "download", "url": zip_url, "name": name}
        peers = [("ogr2ogr /vsizip//vsicurl/", [_ogr2ogr("/vsizip//vsicurl/" + zip_url + "/" + name + ".shp")])]
        if shutil.which("curl"):  # not in every minimal system; the other peer then stands alone
            peers.append(("curl + ogr2ogr /vsizip/", [["curl", "-sSf", "-o", "{tmp}/download.zip", zip_url],
                                                      _ogr2ogr("/vsizip/{tmp}/download.zip/" + name + ".shp")]))
    jobs = [("w_source_fetch", dict(ours, label=f"{kind} {name} ours"))]
    jobs += [("w_tool", {"commands": commands, "out": "out.gpkg", "label": f"{kind} {name} {peer}", "peer": peer})
             for peer, commands in peers]
    return jobs


def _server(kind: str, sizes):
    if kind == "wfs":
        return source_servers.MapServerWfs(sizes)
    if kind == "arcgis":
        return source_servers.KoopServer(sizes)
    return source_servers.RangeServer(os.path.dirname(source_servers.paths(sizes[0])["zip"]))


def caching(runs: int, quick: bool, interleaved, log, excerpt) -> dict:
    log("Caching from WFS, ArcGIS FeatureServer and a ZIP download vs ogr2ogr (item 1)")
    load = os.getloadavg()[0]
    sizes = (2000, 5000) if quick else (20000, 100000)
    for count in sizes:
        source_servers.ensure_data(count, log=log)
    rows = []
    for kind in ("wfs", "arcgis", "download"):
        with _server(kind, sizes) as url:
            for count in sizes:
                jobs = _jobs(kind, url, count)
                log(f"  {kind} {count}")
                res = interleaved(jobs, runs)
                ours = summarise(res[0])
                ours["cpu_s"] = median([r["cpu_s"] for r in res[0]])
                peers = []
                for (_module, args), results in zip(jobs[1:], res[1:]):
                    peer = summarise(results)
                    peer["peak_rss_mb"] = median([r["tool_peak_mb"] for r in results])
                    peer["cpu_s"] = median([r["cpu_s"] for r in results])
                    peer["name"] = args["peer"]
                    peer["features"] = results[0]["features"]
                    peers.append(peer)
                rows.append({"kind": kind, "count": count, "ours": ours, "peers": peers,
                             "features": res[0][0]["features"], "skipped": res[0][0]["skipped"]})
            missed = [r for r in rows if r["kind"] == kind and _ratio(r) < 1.0]
            if missed:  # the profile of the largest size that misses the target
                row = missed[-1]
                prof = os.path.join(OUT_DIR, "profiles", f"refresh_{kind}_{row['count']}.prof")
                os.makedirs(os.path.dirname(prof), exist_ok=True)
                run_worker("w_source_fetch", dict(jobs_for_profile(kind, url, row["count"]), profile_out=prof))
                row["profile"] = excerpt(prof)
                row["breakdown"] = breakdown(prof, kind)
    res = {"rows": rows, "sizes": sizes, "load": f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"}
    name = "perf2-sources-quick.json" if quick else "perf2-sources.json"
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as handle:
        json.dump(res, handle, indent=1)  # the figures, to write the table again without measuring
    return res


def breakdown(prof_path: str, kind: str) -> dict:
    """Where a profiled refresh's time went (cumulative seconds under cProfile): waiting for the
    server (``core/http/attempt.py`` ``run``), reading the answers into features (the source's
    ``iter_pages`` less that wait), the spool (``spool.add``, or ``ogrcopy.spool_layer`` for a
    downloaded layer OGR copies), the GeoPackage (``_write_gpkg``) and the
    rest (start-up of the refresh, capabilities parsing, the full check, the swap)."""
    import pstats

    module = {"wfs": "sources/wfs.py", "arcgis": "sources/arcgis.py", "download": "sources/download.py"}[kind]
    found = {}
    for (path, _line, func), (_cc, _nc, _tt, cum, _callers) in pstats.Stats(prof_path).stats.items():
        path = path.replace(os.sep, "/")
        for key, (suffix, name) in {"total": ("bench/w_source_fetch.py", "fetch"),
                                    "server": ("core/http/attempt.py", "run"),
                                    "pages": (module, "iter_pages"), "spool": ("cache/spool.py", "add"),
                                    "copy": ("cache/ogrcopy.py", "spool_layer"),
                                    "gpkg": ("cache/writer.py", "_write_gpkg")}.items():
            if path.endswith(suffix) and func == name:
                found[key] = found.get(key, 0.0) + cum
    total = found.get("total", 0.0)
    server = found.get("server", 0.0)
    parts = {"server": server, "read": max(0.0, found.get("pages", 0.0) - server),
             "spool": found.get("spool", 0.0) + found.get("copy", 0.0), "gpkg": found.get("gpkg", 0.0)}
    parts["other"] = max(0.0, total - sum(parts.values()))
    parts["total"] = total
    return parts


def jobs_for_profile(kind: str, url: str, count: int) -> dict:
    args = dict(_jobs(kind, url, count)[0][1])
    args.pop("label", None)
    return args


_KIND_TEXT = {
    "wfs": "WFS 2.0.0 (MapServer 8, CGI)",
    "arcgis": "ArcGIS FeatureServer (Koop 10)",
    "download": "ZIP download (Shapefile, static server with Range)",
}


def md_caching(res: dict, runs: int, spread, fmt_s) -> list:
    lines = [
        "## Caching from WFS, ArcGIS FeatureServer and a ZIP download vs ogr2ogr (item 1)", "",
        "The same generated polygons as the OGC API table (6–10 vertices, `namn`, `klass`, `ar`, `varde`; "
        "`bench/source_servers.py`), published three ways on loopback: **WFS 2.0.0** by MapServer 8 (Debian "
        "`cgi-mapserver` behind the tests' CGI wrapper, one `mapserv` process per request, GeoPackage in "
        "EPSG:3006, result paging), **ArcGIS FeatureServer** by Koop 10 (`tests/koop/server.js`, the layer "
        "stored in EPSG:3006: Koop reprojects a request's *whole* dataset in JavaScript, ≈30 s a page at 20,000 "
        "polygons, which would measure Koop only), and a **ZIP download** (a zipped Shapefile in EPSG:3006) from "
        "a static HTTP/1.1 server that honours `Range` as nginx does. **Ours**: `open_source(SourceSpec(type, "
        "url))` (the profile's source registry: `core/sources/wfs.py`, `arcgis.py`, `download.py`) and "
        "`Cache.refresh(source, name, \"EPSG:3006\", force=True)` (spool, GeoPackage, full check, atomic swap); "
        f"pages of {WFS_PAGE} (WFS) and {ARCGIS_PAGE} (ArcGIS, Koop's `maxRecordCount`). **Peers**, each writing "
        "a GeoPackage in EPSG:3006 (no reprojection on either side):",
        "",
        f"* WFS: `ogr2ogr -f GPKG out.gpkg WFS:<url>VERSION=2.0.0 ms:<type> --config OGR_WFS_PAGE_SIZE {WFS_PAGE}` "
        "(GDAL 3.6 pages by 100 unless told; the same page size as ours puts the same load on the server);",
        "* ArcGIS: `ogr2ogr -f GPKG out.gpkg \"ESRIJSON:<layer>/query?where=1=1&outFields=*&outSR=3006&f=json"
        f"&resultRecordCount={ARCGIS_PAGE}\" -oo FEATURE_SERVER_PAGING=YES` (ours asks `f=geojson`, which Koop "
        "lists; GDAL's paging works with Esri JSON's `exceededTransferLimit`);",
        "* ZIP: `ogr2ogr -f GPKG out.gpkg /vsizip//vsicurl/<url>/<name>.shp` (GDAL reads the archive with range "
        "requests, no file left behind), and what most users do: `curl -o download.zip <url>` then `ogr2ogr -f "
        "GPKG out.gpkg /vsizip/download.zip/<name>.shp` (timed together). The ratio is against the faster.",
        "",
        f"Median of {runs} fresh processes (min–max), ours and the peers interleaved; load average (1 min) "
        f"{res.get('load', '–')} (2 cores shared with other work). Ratio = peer / ours (≥ 1.0× is the "
        "target). *CPU*: the process's own CPU time (ours) or the commands' (peers); the rest is waiting "
        "for the server (and, on this shared 2-core machine, for a core). Peak: ours the whole QGIS process, "
        "the peer its largest command.", "",
        "| source | features | ours | CPU | peak | peer | peer time | CPU | peak | ratio |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for row in res["rows"]:
        for index, peer in enumerate(row["peers"]):
            first = index == 0
            lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {:.0f} MB | **{:.2f}×** |".format(
                _KIND_TEXT[row["kind"]] if first else "", f"{row['count']:,}" if first else "",
                spread(row["ours"]) if first else "", fmt_s(row["ours"]["cpu_s"]) if first else "",
                "{:.0f} MB".format(row["ours"]["peak_rss_mb"]) if first else "", "`" + peer["name"] + "`",
                spread(peer), fmt_s(peer["cpu_s"]), peer["peak_rss_mb"], peer["median"] / row["ours"]["median"]))
    counts = "; ".join("{} {:,}: {} / {}".format(r["kind"], r["count"], r["features"],
                                                 " / ".join(str(p["features"]) for p in r["peers"]))
                       for r in res["rows"])
    lines += ["", f"Features written (ours / peers): {counts}.", ""]
    lines += _reading(res)
    for row in res["rows"]:
        if row.get("profile"):
            lines += [f"Profile of our refresh, {_KIND_TEXT[row['kind']]}, {row['count']:,} features (one extra run "
                      "under cProfile, by cumulative time):", "", "```", row["profile"], "```", ""]
    return lines


def _fmt(seconds) -> str:
    return "–" if seconds is None else ("%.0f ms" % (seconds * 1000) if seconds < 1 else f"{seconds:.1f} s")


def _ratio(row) -> float:
    return min(p["median"] for p in row["peers"]) / row["ours"]["median"]


def _wfs_gap(rows) -> str:
    """Why WFS still misses (when it does): the wall-time gap against our extra CPU."""
    big = [r for r in rows if r["kind"] == "wfs"][-1:]
    if not big or _ratio(big[0]) >= 1.0:
        return ""
    row = big[0]
    peer = min(row["peers"], key=lambda p: p["median"])
    return ("WFS still misses: the time per page is MapServer's for both clients, but our CPU is {:.1f}× "
            "GDAL's (per page of 1,000: ≈20 ms OGR's GeoJSON parse in C, ≈5 ms the `QgsGeometry`s and their "
            "validity check, ≈10 ms the spool; a column-by-column read through OGR's Arrow interface gave "
            "nothing here, the parse is the cost), and on this 2-core machine shared with other work, CPU spent "
            "beside the server is still a core the next `mapserv` does not get: at {:,} the gap is {}, our "
            "extra CPU {}.".format(row["ours"]["cpu_s"] / peer["cpu_s"], row["count"],
                                   _fmt(row["ours"]["median"] - peer["median"]),
                                   _fmt(row["ours"]["cpu_s"] - peer["cpu_s"])))


def _reading(res: dict) -> list:
    rows = res["rows"]
    summary = "; ".join("{} {:,}: **{:.2f}×**{}".format(
        r["kind"], r["count"], _ratio(r), "" if _ratio(r) >= 1.0 else " (missed)") for r in rows)
    lines = ["**Reading.** Ratio against the faster peer: " + summary + ".", ""]
    profiled = [r for r in rows if r.get("breakdown")]
    if profiled:
        lines += ["Where our time goes in the profiled runs (cumulative seconds under cProfile; *server*: waiting for "
                  "the answers in `core/http`; *reading*: the source turning answers into features, OGR's driver in "
                  "`/vsimem/` included; *spool*: `core/cache/spool.py` (pages) or `ogrcopy.py` (a downloaded layer "
                  "copied by OGR); *GeoPackage*: `core/cache/writer.py`; *rest*: the refresh's "
                  "start, the capabilities, the full check and the swap):", "",
                  "| source | features | total | server | reading | spool | GeoPackage | rest |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r in profiled:
            b = r["breakdown"]
            lines.append("| {} | {:,} | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s |".format(
                r["kind"], r["count"], b["total"], b["server"], b["read"], b["spool"], b["gpkg"], b["other"]))
        lines.append("")
    def trend(kind):
        pair = [r for r in rows if r["kind"] == kind]
        if len(pair) < 2:
            return ""
        small, big = pair[0], pair[-1]
        return "{}: {:.2f}× at {:,} → {:.2f}× at {:,}, our CPU {} against the peer's {} at {:,}".format(
            kind, _ratio(small), small["count"], _ratio(big), big["count"], _fmt(big["ours"]["cpu_s"]),
            _fmt(min(big["peers"], key=lambda p: p["median"])["cpu_s"]), big["count"])

    def ratios(kind):
        return " and ".join("{:.2f}× at {:,}".format(_ratio(r), r["count"]) for r in rows if r["kind"] == kind)

    lines += [
        "Before this round (the same benchmark, 14:03–14:28 UTC, before the writer's `INSERT … SELECT`, the "
        "page ahead and the OGR copy): wfs 0.69× and 0.67×, arcgis 0.97× and 1.20×, download 0.35× and 0.39× "
        "(20,000 and 100,000 features); now wfs {}, arcgis {}, download {}. Peak memory stays flat from "
        "20,000 to 100,000 (the *peak* column).".format(
            ratios("wfs"), ratios("arcgis"), ratios("download")), "",
        "* **WFS and ArcGIS**: both sides mostly wait for the server (MapServer starts one `mapserv` per page and "
        "reads its GeoPackage up to `STARTINDEX`: ≈0.15 s a page at 20,000, 0.5–2 s at 100,000, the later the "
        "slower; Koop parses its GeoJSON file on every request). Both ask for the same pages: MapServer sends "
        "`numberMatched` with the last page only, so both also ask for the empty page after the last full one; "
        "GDAL reads GML (and `DescribeFeatureType`), we read GeoJSON, whose features here carry the `id` "
        "property, so no page is asked twice (a server whose GeoJSON has no ids gets its first page asked again "
        "as GML, and the later ones as GML only). What differs is the CPU per page: OGR's parse in `/vsimem/`, a "
        "`QgsGeometry` and a GEOS validity check per feature (`validity.py`, which ogr2ogr does not do), the "
        "spool. The next page is now asked for while this one is read and written (`HttpClient.get_ahead`, "
        "`sources/paging.pages_ahead`: one request ahead, sent from the download's own thread, with the "
        "client's retries, limits, timeout and cancel; abandoned when the paging ends or fails; "
        "`tests/test_sources_ahead.py`), so that work runs while the server prepares the next page. One "
        "request is in flight at a time, as with GDAL: the server's load is the same. {}; {}. {}{}".format(
            trend("wfs"), trend("arcgis"), _wfs_gap(rows), (" " + res["note"]) if res.get("note") else ""),
        "* **ZIP download**: nothing to wait for (loopback), so it is our work against GDAL's C++ from end to "
        "end. A downloaded layer is now copied by OGR (`core/cache/ogrcopy.py`: `gdal.VectorTranslate` into a "
        "temporary GeoPackage; envelopes, WKB types and GEOS validity in SQL (the GeoPackage driver's "
        "`ST_MinX`…, SpatiaLite's `ST_IsValid`); the few invalid geometries repaired or skipped by "
        "`validity.py`; one `INSERT … SELECT` into the spool; the R-tree built from the envelopes in a "
        "background thread beside the spool and the copy's own `INSERT … SELECT`, which now waits for it only "
        "once its rows are in); no Python per feature is left, and the copy is the one the page path "
        "makes (`tests/test_cache_ogrcopy.py`). {}. What is left is structural: the features are written "
        "twice (the temporary copy, then the cached copy from the spool; GDAL writes once), every geometry is "
        "checked with GEOS and the copy with SQLite's integrity check, and the R-tree (≈0.7 s at 100,000 with "
        "SQLite's R-tree, as GDAL 3.6's own) takes longer than the copy it runs beside on a loaded 2-core "
        "machine (in the profile, *rest* and *GeoPackage* hold that wait). Of the peers, "
        "`/vsizip//vsicurl/` reads the archive in range requests as it decompresses; `curl` then `/vsizip/` "
        "reads a local file.{}".format(trend("download"), (" " + res["zip_note"]) if res.get("zip_note") else ""),
        "* **Plan.** WFS: less CPU per page: the spool taking the WKB OGR gives (no `QgsGeometry` round trip "
        "for a valid feature) and the GEOS validity of a whole page in one SQL pass, as the ZIP path does; a "
        "second request ahead would help only where the server has cores to spare, and would load it more "
        "than GDAL does. ZIP: let OGR write the cached copy itself (`VectorTranslate` straight into the copy's "
        "layout: `rp_id` from the source's FID, the field plan, multi geometries) and do the repairs, counts and "
        "metadata in SQL on it: one write instead of two, which leaves the R-tree the one thing to build "
        "beside the copy, as GDAL does.", ""]
    return lines


# --------------------------------------------------------------------------- item 5, several sources


def multi(runs: int, quick: bool, interleaved, log, excerpt=None) -> dict:
    log("What applies here and the catalogue with 5 sources (item 5)")
    load = os.getloadavg()[0]
    size = 10000 if quick else 100000
    paths = gen_data.ensure_all(polygon_sizes=(1000, size), line_sizes=(), log=log)
    root = os.path.join(OUT_DIR, "cache-multi")
    run_worker("w_multi", {"mode": "prepare", "cache_root": root, "small": paths[gen_data.polygon_name(1000)],
                           "large": paths[gen_data.polygon_name(size)], "large_count": size})
    run_worker("w_multi", {"mode": "catalog", "cache_root": root})  # an earlier session: the memo
    jobs = [("w_multi", {"mode": "catalog", "cache_root": root, "label": "catalogue, 5 sources"}),
            ("w_multi", {"mode": "here", "cache_root": root, "label": "what applies here"})]
    res = interleaved(jobs, runs)
    out = {"catalog": summarise(res[0]), "catalog_cpu": median([r["cpu_s"] for r in res[0]]),
           "here": summarise(res[1]), "here_cpu": median([r["cpu_s"] for r in res[1]]),
           "here_again": median([r["again_s"] for r in res[1]]), "catalog_info": res[0][0],
           "here_info": res[1][0], "size": size, "runs": runs,
           "load": f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"}
    if excerpt is not None and out["here"]["median"] > 0.2:
        prof = os.path.join(OUT_DIR, "profiles", "here_first_card.prof")
        os.makedirs(os.path.dirname(prof), exist_ok=True)
        run_worker("w_multi", {"mode": "here", "cache_root": root, "profile_out": prof})
        out["here_profile"] = excerpt(prof)
    return out


def md_multi(res: dict, spread, fmt_s) -> list:
    def met(summary, target):
        return "yes" if summary["median"] <= target else "**no**"

    cat, here = res["catalog_info"], res["here_info"]
    return [
        "## What applies here, and the catalogue with 5 sources (item 5)", "",
        "A version 2 profile with **5 data sources** (OGC API, WFS, ArcGIS FeatureServer, download, ATOM: "
        "`bench/w_multi.py`), {} datasets ({} declared in the profile with title, theme and caveat, the others "
        "`<source>:<name>` references), every one cached (hard links of generated GeoPackages; the {} datasets "
        "the {} rules use hold {:,} polygons each), offline. Median of {} fresh processes (min–max), load average "
        "(1 min) {}; only the operation is timed, the integrity memo of an earlier session on disk.".format(
            cat["datasets"], cat["declared"], here["datasets"], here["rules"], res["size"], res["runs"],
            res.get("load", "–")), "",
        "| figure | target | median (min–max) | CPU | peak | met |", "|---|---:|---:|---:|---:|:-:|",
        "| the catalogue with 5 sources and {} datasets from the cache (`Catalog.load(offline=True)`, `groups()`, "
        "a search) | 300 ms | {} | {} | {:.0f} MB | {} |".format(
            cat["datasets"], spread(res["catalog"]), fmt_s(res["catalog_cpu"]), res["catalog"]["peak_rss_mb"],
            met(res["catalog"], 0.3)),
        "| \"what applies here\" from the cache, the first card of a session (`DataAccess(offline=True)`, "
        "`what_applies` at a point, purpose *housing*: {} rules on {} datasets, {} features on the card) | "
        "200 ms | {} | {} | {:.0f} MB | {} |".format(
            here["rules"], here["datasets"], here["items"], spread(res["here"]), fmt_s(res["here_cpu"]),
            res["here"]["peak_rss_mb"], met(res["here"], 0.2)),
        "| … the next card in the same session (another point; the copies are open) | 200 ms | {} | – | – | {} |"
        .format(fmt_s(res["here_again"]), "yes" if res["here_again"] <= 0.2 else "**no**"),
        "",
        "**Reading.** The catalogue's cost is the cache state of each dataset (manifest entry, light check, the "
        "integrity memo), the same per dataset whichever source it comes from. The first card's CPU time is "
        "{} of its {} wall time: most of the card is opening the cached copy of each dataset a rule uses "
        "(`Cache.layer`: the memo check and a `QgsVectorLayer` of the OGR provider, ≈10–40 ms each on this "
        "machine depending on its load) and the first R-tree query on it; finding the features near the place "
        "and matching the rules is a few milliseconds, as *the next card* shows. The copies are hard links of "
        "one file, so the page cache is warm, as it is from the second card of a session on. The GUI's here "
        "tool opens a new offline `DataAccess` for every click (`gui/here_tool.py`), so today every click pays "
        "the first card's cost; keeping one `DataAccess` while the tool is active would make the next cards "
        "cost the second row's figure.".format(fmt_s(res["here_cpu"]), fmt_s(res["here"]["median"])),
        ""] + ([f"Profile of the first card ({res['here']['median'] * 1000:.0f} ms median; one extra run under "
                "cProfile):", "", "```", res["here_profile"], "```", ""] if res.get("here_profile") else [])
