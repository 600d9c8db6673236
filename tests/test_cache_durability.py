"""Cache durability: whatever happens to a fetch, the previous copy stays current and intact.

Scenarios: a caching process killed with SIGKILL at several points, two processes
refreshing the same dataset at once, a full disk (RLIMIT_FSIZE in a subprocess), a
read-only cache folder. (A manifest edited into garbage: see test_cache.py.)
"""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.errors import CacheError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from tests.fixtures.base import ROOT
from tests.helpers.ogc_server import EPSG3006, Collection, OgcServer, grid_point

COUNT = 20000


@pytest.fixture(scope="module")
def grid_server():
    coll = Collection("grid", "Grid", crs=[EPSG3006], count=COUNT, make=grid_point, page_delay=0.03)
    with OgcServer([coll]) as server:
        yield server


@pytest.fixture(scope="module")
def template(grid_server, tmp_path_factory):
    """A cache folder holding a valid copy of ``grid`` (made once, copied per test)."""
    root = tmp_path_factory.mktemp("template-cache")
    service = OgcFeaturesService(grid_server.url, HttpClient())
    result = Cache("orebro", str(root)).refresh(service, "grid", "EPSG:3006")
    assert result.entry.feature_count == COUNT
    return root, result.entry.file


@pytest.fixture
def root(template, tmp_path):
    src, _ = template
    dst = tmp_path / "cache"
    shutil.copytree(str(src), str(dst))
    return dst


def start(url, root, *extra):
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.refresh_proc", url, str(root), "grid", *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def finish(proc, timeout=120):
    out, _ = proc.communicate(timeout=timeout)
    return proc.returncode, out


def assert_old_copy_intact(root, old_file):
    cache = Cache("orebro", str(root))
    entry = cache.entry("grid")
    assert entry is not None and entry.file == old_file
    assert cache.verify("grid") is None
    layer = cache.layer("grid")
    assert layer.featureCount() == COUNT
    first = next(layer.getFeatures())
    assert first["rp_id"] == "p0" and first.geometry().asPoint().x() == 480000.0
    return cache


# progress thresholds: download (0-80), GeoPackage writing (80-99), around the final move/commit (99+)
KILL_POINTS = [(5, 0.0), (50, 0.0), (85, 0.0), (94, 0.0), (99, 0.0), (99, 0.05), (99, 0.15)]


@pytest.mark.parametrize("threshold,extra_delay", KILL_POINTS)
def test_sigkill_at_several_points_keeps_the_old_copy(grid_server, template, root, threshold, extra_delay):
    import time

    _, old_file = template
    proc = start(grid_server.url, root, "--force")
    reached = None
    try:
        for line in proc.stdout:
            if line.startswith("PROGRESS") and float(line.split()[1]) >= threshold:
                reached = float(line.split()[1])
                break
            if line.startswith(("RESULT", "ERROR")):
                break
        if extra_delay:
            time.sleep(extra_delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert reached is not None, "the process finished before the kill point"
    cache = Cache("orebro", str(root))
    entry = cache.entry("grid")
    if entry.file != old_file:
        # killed after the atomic commit: then the new copy must be complete and valid
        assert cache.verify("grid") is None and cache.layer("grid").featureCount() == COUNT
    else:
        assert_old_copy_intact(root, old_file)
    # leftovers of the killed fetch are removed, nothing current is touched
    cache.clean_up()
    current = cache.entry("grid").file
    assert sorted(n for n in os.listdir(cache.dir) if n.endswith(".gpkg")) == [current]
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []
    assert cache.verify("grid") is None


def test_two_processes_refreshing_at_once(grid_server, template, root):
    _, old_file = template
    first = start(grid_server.url, root, "--force")
    second = start(grid_server.url, root, "--force")
    code1, out1 = finish(first)
    code2, out2 = finish(second)
    assert code1 == 0 and code2 == 0, (out1, out2)
    files = {line.split()[3] for out in (out1, out2) for line in out.splitlines() if line.startswith("RESULT")}
    cache = Cache("orebro", str(root))
    entry = cache.entry("grid")
    assert entry.file in files and entry.file != old_file
    assert cache.verify("grid") is None and cache.layer("grid").featureCount() == COUNT
    cache.clean_up()
    assert sorted(n for n in os.listdir(cache.dir) if n.endswith(".gpkg")) == [entry.file]
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []


def test_full_disk_keeps_the_old_copy(grid_server, template, root):
    _, old_file = template
    proc = start(grid_server.url, root, "--force", "--fsize", str(600 * 1024))
    code, out = finish(proc)
    assert code == 3, out
    message = [line for line in out.splitlines() if line.startswith("ERROR")][0]
    assert "disk is full" in message and "previous cached copy" in message
    cache = assert_old_copy_intact(root, old_file)
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []


def _make_read_only(path):
    """chattr +i (works for root too), else chmod for a normal user; None if impossible."""
    if os.geteuid() != 0:
        os.chmod(path, 0o555)
        return lambda: os.chmod(path, 0o755)
    if shutil.which("chattr") is None:
        return None
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        return None
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=False)


def test_read_only_cache_folder(grid_server, template, root, monkeypatch):
    _, old_file = template
    cache = Cache("orebro", str(root))
    undo = _make_read_only(cache.dir)
    if undo is None:
        pytest.skip("cannot make a folder read-only here (root without chattr)")
    try:
        service = OgcFeaturesService(grid_server.url, HttpClient())
        with pytest.raises(CacheError) as info:
            cache.refresh(service, "grid", "EPSG:3006", force=True)
        text = str(info.value)
        assert "cannot be written" in text and cache.dir in text and "previous cached copy" in text
        assert_old_copy_intact(root, old_file)
        # the catalogue still loads; saving its offline copy only warns
        monkeypatch.setenv("REGIONPLAN_CACHE_DIR", str(root))
        profile = load_profile().with_service_url(grid_server.url)
        catalog = Catalog.load(profile, service=service, cache=cache)
        assert catalog.dataset("grid").status == "unknown"
        assert catalog.dataset("grid").feature_count == COUNT
    finally:
        undo()
    assert_old_copy_intact(root, old_file)


FAULTS = {
    "http 500 on page 2": {"status": 500, "body": {"code": "ServerError"}},
    "truncated json": {"body": b'{"type": "FeatureCollection", "features": [{"type": "Feat'},
    "wrong shape": {"body": {"type": "FeatureCollection", "features": {"not": "a list"}}},
    "connection reset": {"body": b'{"type": "FeatureCollection", "features": []}' + b" " * 5000,
                         "reset_after_bytes": 100},
    "slower than the timeout": {"delay_s": 4, "body": {"type": "FeatureCollection", "features": []}},
    "over the size limit": {"body_size": 3 * 1024 * 1024},
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_service_faults_keep_the_previous_copy(fault_server, cache_dir, fault):
    from regionplan_plugin.core.errors import NetworkError

    feats = [{"type": "Feature", "id": str(i), "properties": {"namn": f"n{i}"},
              "geometry": {"type": "Point", "coordinates": [15.0 + i / 100, 59.2]}} for i in range(25)]
    state = {"fault": None}

    def pages(request):
        offset = int(request.query.get("offset", ["0"])[0])
        if offset == 10 and state["fault"]:
            return dict(FAULTS[state["fault"]])
        doc = {"type": "FeatureCollection", "features": feats[offset:offset + 10], "links": []}
        if offset + 10 < len(feats):
            doc["links"].append({"rel": "next", "href": fault_server.url_for(
                f"/collections/pts/items?limit=10&offset={offset + 10}")})
        return {"body": doc}

    fault_server.route("/collections/pts/items", handler=pages)
    url = fault_server.ogc(items={"pts": feats})
    cache = Cache("orebro", str(cache_dir))
    service = OgcFeaturesService(url, HttpClient(timeout_s=2, retries=0, max_bytes=2 * 1024 * 1024))
    old = cache.refresh(service, "pts", "EPSG:3006", limit=10).entry
    feats.append({"type": "Feature", "id": "new", "properties": {"namn": "new"},
                  "geometry": {"type": "Point", "coordinates": [15.5, 59.5]}})
    state["fault"] = fault
    with pytest.raises(NetworkError) as info:
        cache.refresh(service, "pts", "EPSG:3006", limit=10)
    message = str(info.value)
    assert message and "Traceback" not in message and "\n" not in message.strip()
    entry = cache.entry("pts")
    assert entry.file == old.file and cache.verify("pts") is None
    assert sorted(f["rp_id"] for f in cache.layer("pts").getFeatures()) == sorted(str(i) for i in range(25))
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []
