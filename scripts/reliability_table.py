#!/usr/bin/env python3
"""Generate the README "Reliability" table from the test suite itself.

The tests are collected (``pytest --collect-only``, with the test venv's Python and
``QT_QPA_PLATFORM=offscreen``; nothing runs), each test id is put in the first scenario
below whose pattern matches it, and the counts are written into README.md between
``<!-- reliability:start -->`` and ``<!-- reliability:end -->``. Parametrized cases count
one each. Tests marked ``xfail`` (known bugs, strict) are counted separately.

    python scripts/reliability_table.py           # rewrite the README section
    python scripts/reliability_table.py --check   # exit 1 if the README is out of date
    python scripts/reliability_table.py --print   # print the section
    python scripts/reliability_table.py --unmatched  # list collected tests in no scenario

Edit SCENARIOS when tests are added under a new name; the section is never typed by hand.
"""

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
START = "<!-- reliability:start -->"
END = "<!-- reliability:end -->"

# (group, scenario, what the tests assert, [regular expressions searched in the test id]).
# Order matters: a test counts in the first scenario that matches it.
SCENARIOS = [
    # --- service faults (issue 6, item 1)
    ("Service faults", "Slower than the timeout", "a clear \"did not answer within N s\" message, no hang past "
     "the timeout plus a margin; the previous cached copy stays current and intact",
     [r"test_http\.py::test_(timeout|own_timeout|global_qgis_timeout|trickling)", r"\[slower than the timeout"]),
    ("Service faults", "Body trickling in byte by byte (slow-loris)", "an overall deadline per request "
     "(by default 4 times the timeout, at least 60 s; retries included; a second later per 64 KiB received, so "
     "a big download on a slow line is not cut off) ends it with a clear \"did not finish "
     "within N s\" message, no retry past it", [r"test_r2_05_"]),
    ("Service faults", "A service refusing for a day (429/503 with a long Retry-After)", "fails at once with "
     "one message naming the server and the wait, no sleeping; nothing more is sent to it in the run; a 2-rule "
     "check, the bundled profile's check and cachelayers end within seconds after at most 3 requests; cached "
     "copies are used with one note; a document that failed is not asked again in the same check",
     [r"test_r2_04_"]),
    ("Service faults", "Requests from tasks while the main thread spins", "600 GETs in a task, then two "
     "concurrent forced refreshes, while the main thread runs processEvents(): a child process that exits 0 "
     "with every request answered (an exception in a Qt slot would abort it)", [r"test_r2_02_"]),
    ("Service faults", "Connection reset mid-body", "\"interrupted\" message; previous copy intact",
     [r"test_http\.py::test_reset", r"\[(connection )?reset", r"dropped_connection"]),
    ("Service faults", "HTTP 5xx, 404 for a collection", "one message naming the server and the status; "
     "previous copy, or the cached catalogue, used",
     [r"test_http\.py::test_http_status_message", r"\[(http \d|404|collection gone)", r"collection_gone_404"]),
    ("Service faults", "Truncated, invalid or wrong-shape JSON", "one message; previous copy intact",
     [r"test_http\.py::test_(invalid_json|truncated_json|html_instead)",
      r"test_service_client\.py::test_(invalid_json|wrong_shape)",
      r"\[(truncated json|invalid json|html instead|wrong shape|garbage bytes)"]),
    ("Service faults", "Body over the size limit", "refused with the limit in the message, with or without "
     "Content-Length", [r"test_http\.py::test_(too_large|body_at_limit)", r"\[over the size limit"]),
    ("Service faults", "Paging: looping next link, other host, non-http(s)", "paging ends without a hang; "
     "nothing outside the service's origin is requested", [r"next_link", r"test_fault_server\.py::test_ogc_loop"]),
    ("Service faults", "Paging: a server that ignores offset, pages that never end", "refused after two pages "
     "(or at a page cap from numberMatched) with one clear message, in cachelayers and in an online check alike, "
     "for OGC API, WFS and ArcGIS (the next page asked for ahead); "
     "numberMatched absent, \"unknown\" or a string; request counts read from the server's log",
     [r"test_r2_03_"]),
    ("Service faults", "A ZIP download whose content is cut short", "a Shapefile whose .shp, .dbf or .shx is cut "
     "short or whose .shx or .dbf is missing, a FlatGeobuf cut short: refused with a message naming the dataset, "
     "copied by OGR or read page by page alike, also from an ATOM feed (GDAL's exceptions on or off); the previous "
     "copy (41 features) stays current and cachelayers reports the failure",
     [r"test_r2_07_zip_", r"test_r2_07_gdal_", r"test_r2_07_cachelayers_reports_a_zip"]),
    ("Service faults", "A 200 answer that is no items page", "an exception document, an empty page or fewer "
     "features than numberMatched (WFS too) or than the layer's count (ArcGIS) is refused; the previous copy "
     "(50 features, same manifest) stays current and cachelayers reports the failure", [r"test_r2_07_"]),
    ("Service faults", "Geometry garbage, missing and duplicate ids", "NaN/inf, wrong nesting, empty, "
     "unclosed, wrong type: skipped and counted in the manifest and the report; stable ids for features "
     "without one",
     [r"garbage_features", r"synthetic_ids", r"wrong_type_feature", r"skipped_features"]),
    ("Service faults", "Non-UTF-8 bytes, 1 MB strings, HTML in text", "stored as plain text, replacement "
     "characters for bad bytes", [r"non_utf8", r"hostile_(content|text)", r"nul_character"]),
    ("Service faults", "Collection ids with path characters", "files stay inside the cache folder",
     [r"path_characters"]),
    ("Service faults", "Cancelling", "a cancel stops downloads and checks promptly and keeps the previous copies",
     [r"^(?!tests/test_reliability2_report).*cancel"]),
    ("Service faults", "The fault-injecting server itself", "slow, reset, chunked, 5xx, paging loops and "
     "other-host links are really produced", [r"test_fault_server\.py::"]),
    # --- retries (item 2)
    ("Retries", "Bounded retries with backoff and Retry-After", "only idempotent GETs and retryable statuses "
     "(429, 5xx, timeouts, resets); bounded count; exponential backoff; Retry-After (seconds or date) honoured "
     "and capped; request counts and timing read from the server's log",
     [r"test_http\.py::.*(retr|backoff)", r"test_reliability_faults\.py::test_(503|transient|no_retry)"]),
    # --- cache durability (item 3)
    ("Cache durability", "SIGKILL at several points", "old copy current and valid, or the new one complete; "
     "leftovers cleaned", [r"sigkill"]),
    ("Cache durability", "Two processes refreshing at once", "one wins, no corrupt file", [r"two_processes"]),
    ("Cache durability", "Full disk (RLIMIT_FSIZE)", "\"disk is full\" message, old copy intact",
     [r"^(?!.*::test_r2_08).*full_disk"]),
    ("Cache durability", "Read-only cache folder", "clear message, old copy intact, catalogue still loads",
     [r"read_only_cache"]),
    ("Cache durability", "Cache folder named with %41, %2F, #, ?", "refresh, verify, status and layers work "
     "(SQLite URIs escaped; GDAL's unescaped read-only URI avoided)", [r"test_r2_16_"]),
    ("Cache durability", "Nothing left open after a failed refresh", "no file handle into the cache folder while "
     "the caller holds the error, no leftovers in tmp", [r"test_r2_18_"]),
    ("Cache durability", "Manifest edited into garbage, damaged files", "manifest rebuilt from the files; "
     "damaged or truncated GeoPackages detected (quick_check, feature count) and refetched",
     [r"test_cache\.py::.*(manifest|corrupt|truncated_geopackage|count_mismatch)"]),
    # --- plan input (item 4)
    ("Plan input", "Self-intersecting", "repaired with makeValid and noted in the report",
     [r"test_(check|plan_input)\.py::.*self_intersecting"]),
    ("Plan input", "Empty and null geometries", "skipped and noted; a layer with none usable refused",
     [r"test_(check|plan_input)\.py::test_(null|only_null)"]),
    ("Plan input", "Curved geometries", "segmentized, noted, same findings as the straight polygon",
     [r"test_(check|plan_input)\.py::.*curved"]),
    ("Plan input", "3D / M", "Z and M dropped and noted, same findings as 2D", [r"test_plan_input\.py::test_3d"]),
    ("Plan input", "100k-vertex polygon", "completes in time with the right area and findings",
     [r"test_(check|plan_input)\.py::.*100k"]),
    ("Plan input", "Far outside the region", "no findings and a note naming the region",
     [r"test_(check|plan_input)\.py::.*outside"]),
    ("Plan input", "No CRS, not polygons, empty layer or selection", "refused with one exact message",
     [r"test_(check|plan_input)\.py::test_(refuses|layer_without_crs|non_polygon|empty_(selection|layer))",
      r"test_checkplan\.py::.*empty_selection"]),
    ("Plan input", "Read-only source", "checked without writing anything (immutable folder, also for root)",
     [r"test_(check|plan_input)\.py::.*read_only"]),
    ("Plan input", "Invalid plan through Processing, then more runs", "with QGIS's default settings the "
     "bowtie is repaired and noted, not refused; the next processing.run of any algorithm and a clean exit "
     "follow (a C++ exception from an iterator never crosses Python)", [r"test_r2_01_"]),
    ("Plan input", "Plan features that share an id", "each keyed by its position: the same findings as "
     "each checked alone; the PDF's summary per rule and a reviewer's decisions count areas, not ids",
     [r"test_r2_10_"]),
    ("Plan input", "Mixed failures in one process", "bowtie twice, broken profile, unreachable, line "
     "layer, 429 and wrong-shaped services among good runs in 3006/3009/4326: each right or its message, "
     "and the process exits 0", [r"test_r2_mixed_failures"]),
    ("Wrong results", "Cache cut to an extent, checked offline", "refused with the datasets named when a "
     "plan grown by a rule's distance reaches outside; inside, the same findings as online and the "
     "extent named in the report; beyond_distance never concludes from a partial copy", [r"test_r2_09_"]),
    ("Wrong results", "A server that ignores crs= or names an unknown CRS", "read in the CRS the "
     "coordinates fit, with a note, or refused: never misplaced silently (20 of 20 findings); WFS "
     "(srsName) and ArcGIS (outSR) alike",
     [r"test_r2_13_"]),
    ("Wrong results", "Invalid features in the region's data (MapServer 8)", "repaired with makeValid "
     "keeping the dataset's type, counted in the manifest, provenance and report; unrepairable ones "
     "skipped and counted; the 70 ha overlap found", [r"test_r2_14_"]),
    ("Wrong results", "Offline means no network", "a profile URL is never fetched offline: the kept copy "
     "is used, or a clear refusal; zero requests reach the server (checkplan, importplan, the panel's "
     "catalogue, check, reports and layers)", [r"test_r2_15_"]),
    ("Wrong results", "A third server: MapServer 8", "catalogue, cached copies and online findings agree "
     "with the demo data and pygeoapi; numbers as strings, numberMatched unknown",
     [r"test_mapserver\.py::"]),
    # --- profile input (item 5)
    ("Profile input", "Fuzzing the loader", "any JSON value, mutation, byte string or text gives a Profile "
     "or a ProfileError with a message", [r"test_profile_fuzz\.py::test_(any_|mutated|truncated)"]),
    ("Profile input", "Contract violations", "each violation of the contract gives a clear ProfileError",
     [r"test_profile\.py::test_(contract_violation|not_an_object|bad_files|all_problems|error_count|deeply_nested"
      r"|missing_file|folder_instead|invalid_profile_file|other_scheme|url_profile_(invalid|not_json|404|unreachable)"
      r"|null_optional|unknown_keys|ignored_values)"]),
    ("Profile input", "Rule filters", "a filter can never run Python, read files, see the environment or "
     "reach the network (allowlist, fuzzing, a loopback server that gets no request)",
     [r"test_profile(_fuzz|_rules_oracle)?\.py::.*(filter|function|python|env_really)",
      r"test_security\.py::test_(filters|fuzzed_filters)", r"test_check\.py::test_a_filter"]),
    # --- security (item 6)
    ("Security", "TLS verification", "self-signed servers refused with a clear message; no code path or "
     "setting turns verification off, not even a QGIS per-host exception",
     [r"test_(http|security)\.py::.*(tls|self_signed)"]),
    ("Security", "Redirects and links", "redirects to another host or to file://, ftp:// etc. refused; items "
     "links elsewhere ignored; no credential sent elsewhere",
     [r"test_(http|security)\.py::.*(redirect|items_link|non_http)", r"\[redirect to another host"]),
    ("Security", "Credentials only through authcfg", "after authenticated fetches (Basic, bearer token), "
     "catalogue, cache, check, reports and a saved project: no password or token in QgsSettings, the project, "
     "the manifest, reports or the message log; none in messages",
     [r"test_(http|security)\.py::.*(authcfg|credential|basic_auth|user_info|auth_status)"]),
    ("Security", "Escaping of service text", "`<script>` and `<img onerror>` from the service shown as text "
     "in the HTML report, the panel and its messages, never as live tags; no spreadsheet formulas from "
     "service text in the CSV",
     [r"test_(report|gui|security)\.py::.*(escaped|markup|formula|as_text)"]),
    ("Security", "Release zip", "no tests, venvs, caches, keys or secrets in the zip; it installs and loads",
     [r"test_package\.py::", r"test_security\.py::test_zip"]),
    # --- reports (issue 11, items 6, 8, 11, 12, 17)
    ("Reports", "Thousands of findings in the PDF", "every row printed (1,500 findings, read back with "
     "pdftotext); progress; a cancel keeps the previous file; in the panel a task",
     [r"test_reliability2_report\.py::test_r2_06"]),
    ("Reports", "Full disk (RLIMIT_FSIZE) for HTML, PDF, CSV, GeoPackage, PNG, the field package and the sketch",
     "\"disk is full\" message naming the file (the folder); the previous report (every file of the package) "
     "byte-identical; no temporary file left",
     [r"::test_r2_08"]),
    ("Reports", "Names over 255 characters, thousands of notes", "every row in the PDF table, the plan outline "
     "on the map, whole names in the GeoPackage; long text flows over pages (300 repair notes all printed)",
     [r"test_reliability2_report\.py::test_r2_1[12]"]),
    ("Reports", "A folder that cannot be made", "the same clear message for HTML and PDF, also through "
     "Processing; no traceback", [r"test_reliability2_report\.py::test_r2_17"]),
    ("Security", "Code guards", "no eval/exec/processEvents, no qgis.gui in core, no header injection",
     [r"test_layout\.py::", r"header_values"]),
]

COLLECT_PLUGIN = """
import json, os

def pytest_collection_finish(session):
    rows = [[item.nodeid, any(m.name == "xfail" for m in item.iter_markers())] for item in session.items]
    with open(os.environ["RELIABILITY_TABLE_OUT"], "w", encoding="utf-8") as handle:
        json.dump(rows, handle)
"""


def python_for_tests() -> str:
    venv = os.path.join(ROOT, ".venv", "bin", "python")
    return venv if os.path.exists(venv) else sys.executable


def collect():
    """[(test id, is xfail)] of the whole suite, without running anything."""
    with tempfile.TemporaryDirectory(prefix="reliability-table-") as tmp:
        with open(os.path.join(tmp, "reliability_collect.py"), "w", encoding="utf-8") as handle:
            handle.write(COLLECT_PLUGIN)
        out = os.path.join(tmp, "ids.json")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", RELIABILITY_TABLE_OUT=out,
                   PYTHONPATH=tmp + os.pathsep + os.environ.get("PYTHONPATH", ""), PYTHONDONTWRITEBYTECODE="1")
        done = subprocess.run([python_for_tests(), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                               "-p", "reliability_collect", "tests"], cwd=ROOT, env=env, capture_output=True,
                              text=True)
        if done.returncode != 0 or not os.path.exists(out):
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise SystemExit(f"collecting the tests failed (exit {done.returncode})")
        with open(out, encoding="utf-8") as handle:
            return [(nodeid, bool(xfail)) for nodeid, xfail in json.load(handle)]


def classify(tests):
    """{scenario index: [(id, xfail)]} and the unmatched ids."""
    compiled = [[re.compile(p, re.IGNORECASE) for p in patterns] for *_x, patterns in SCENARIOS]
    found = {i: [] for i in range(len(SCENARIOS))}
    unmatched = []
    for nodeid, xfail in tests:
        for i, patterns in enumerate(compiled):
            if any(p.search(nodeid) for p in patterns):
                found[i].append((nodeid, xfail))
                break
        else:
            unmatched.append(nodeid)
    return found, unmatched


def render(found) -> str:
    lines = [
        "_Generated by `scripts/reliability_table.py` from the collected test suite (do not edit by hand; "
        "`tests/test_readme.py` fails when it is out of date). \"Tests\" counts test functions, with their "
        "parametrized cases in brackets; a strict xfail documents a known bug and turns red once it is fixed._",
        "",
        "| Group | Scenario | What the tests assert | Tests |",
        "|---|---|---|---:|",
    ]
    totals = {}
    known_bugs = 0
    for i, (group, scenario, what, _patterns) in enumerate(SCENARIOS):
        tests = found[i]
        functions = len({nodeid.split("[")[0] for nodeid, _x in tests})
        xfails = sum(1 for _id, xfail in tests if xfail)
        known_bugs += xfails
        count = str(functions)
        if len(tests) != functions:
            count += f" [{len(tests)} cases]"
        if xfails:
            count += f", {xfails} xfail"
        lines.append(f"| {group} | {scenario} | {what} | {count} |")
        funcs, cases = totals.get(group, (0, 0))
        totals[group] = (funcs + functions, cases + len(tests))
    lines.append("")
    summary = "; ".join(f"{group}: {f} tests [{c} cases]" for group, (f, c) in totals.items())
    all_f = sum(f for f, _c in totals.values())
    all_c = sum(c for _f, c in totals.values())
    tail = f"; {known_bugs} of the cases are strict xfails for known bugs." if known_bugs else "."
    lines.append(f"Totals: {summary}. In all {all_f} tests [{all_c} cases]{tail}")
    return "\n".join(lines) + "\n"


def section(body: str) -> str:
    return f"{START}\n{body}{END}"


def current_readme() -> str:
    with open(README, encoding="utf-8") as handle:
        return handle.read()


def updated_readme(text: str, body: str) -> str:
    start = text.find(START)
    end = text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md has no {START} ... {END} section")
    return text[:start] + section(body) + text[end + len(END):]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date")
    parser.add_argument("--print", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--unmatched", action="store_true", help="list collected tests in no scenario")
    args = parser.parse_args(argv)
    found, unmatched = classify(collect())
    if args.unmatched:
        print("\n".join(unmatched))
        return 0
    body = render(found)
    if args.print:
        print(section(body))
        return 0
    text = current_readme()
    new = updated_readme(text, body)
    if args.check:
        if new != text:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), "README.md",
                                                       "README.md (generated)"))
            print("README.md's Reliability table is out of date: run python scripts/reliability_table.py")
            return 1
        print("README.md's Reliability table is up to date.")
        return 0
    if new != text:
        with open(README, "w", encoding="utf-8") as handle:
            handle.write(new)
        print("README.md updated.")
    else:
        print("README.md already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
