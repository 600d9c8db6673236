"""core/cache.py: the parsed manifest is reused until the file changes; status() uses a light
check for large copies, and a damaged large copy is still refused with a clear message on open."""

import json
import os

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.cache import integrity as cache_module  # STATUS_FULL_CHECK_BYTES lives there
from regionplan_plugin.core.cache import memo as memo_module
from regionplan_plugin.core.errors import CacheError
from tests.test_cache import service_for, square


def test_manifest_changes_by_another_cache_are_seen_and_entries_are_copies(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(3)], "other": [square(1)]})
    reader = Cache("orebro", str(cache_dir))
    writer = Cache("orebro", str(cache_dir))  # stands for another process
    writer.refresh(service, "zones", "EPSG:3006")
    assert set(reader.entries()) == {"zones"}
    reader.entry("zones").fields.append({"name": "x"})  # a caller changing its copy
    reader.entry("zones").title = "changed"
    assert reader.entry("zones").title != "changed"
    assert {"name": "x"} not in reader.entry("zones").fields
    writer.refresh(service, "other", "EPSG:3006")
    assert set(reader.entries()) == {"zones", "other"}
    reader.remove("other")
    assert set(writer.entries()) == {"zones"} and set(reader.entries()) == {"zones"}


def test_large_damaged_copy_is_refused_on_open(fault_server, cache_dir, monkeypatch):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    path = cache.path("zones")
    size = os.path.getsize(path)
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\x00garbage\xff" * 400)
    monkeypatch.setattr(cache_module, "STATUS_FULL_CHECK_BYTES", 0)  # as if the copy were large
    assert cache.status("zones") == "unknown"  # light check only
    with pytest.raises(CacheError) as info:
        cache.layer("zones")
    assert "damaged" in str(info.value) and "Refresh" in str(info.value)
    assert cache.status("zones") == "corrupt"  # the full check's result is remembered
    assert "damaged" in cache.verify("zones")


# -- the integrity memo across sessions (issue 18, item 2)


def _new_session(monkeypatch):
    """Forget the full checks of this process, as a new QGIS session has none."""
    monkeypatch.setattr(cache_module, "_verified", {})


def _damage_in_place(path, offset, length=4000):
    """Overwrite bytes inside the file, then set its modification time back: same size, same mtime."""
    before = os.stat(path)
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes((b * 37 + 11) % 256 for b in range(length)))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)


def _forge_memo_identity(cache, cid):
    """Make the memo record match the file's current identity, as damage that leaves the
    file's metadata alone (bit rot on the disk) would."""
    memo_path = os.path.join(cache.dir, memo_module.MEMO)
    with open(memo_path, encoding="utf-8") as handle:
        obj = json.load(handle)
    name = cache.entry(cid).file
    obj["files"][name]["identity"] = memo_module.identity(os.stat(cache.path(cid)))
    with open(memo_path, "w", encoding="utf-8") as handle:
        json.dump(obj, handle)


@pytest.mark.timeout(60)
def test_memo_passed_check_is_remembered_across_sessions(fault_server, cache_dir, monkeypatch):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    Cache("orebro", str(cache_dir)).refresh(service, "zones", "EPSG:3006")
    _new_session(monkeypatch)
    full_checks = []
    real = Cache._check_uncached
    monkeypatch.setattr(Cache, "_check_uncached",
                        lambda self, entry, path, open_layer=True: full_checks.append(path) or real(
                            self, entry, path, open_layer))
    layer = Cache("orebro", str(cache_dir)).layer("zones")
    assert layer.isValid() and layer.featureCount() == 40
    assert full_checks == []  # the refresh's full check was remembered on disk
    assert Cache("orebro", str(cache_dir)).verify("zones") is None
    assert len(full_checks) == 1  # verify() checks in full on demand


@pytest.mark.timeout(60)
def test_memo_copy_damaged_in_place_same_size_and_mtime_is_refused(fault_server, cache_dir, monkeypatch):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    assert cache.layer("zones").isValid()  # passed, remembered in the process and on disk
    path = cache.path("zones")
    _damage_in_place(path, os.path.getsize(path) // 2)
    _new_session(monkeypatch)
    with pytest.raises(CacheError) as info:
        Cache("orebro", str(cache_dir)).layer("zones")
    assert "damaged" in str(info.value) and "Refresh it while online" in str(info.value)


@pytest.mark.timeout(60)
def test_memo_damage_that_keeps_the_identity_is_found_by_the_fingerprint(fault_server, cache_dir, monkeypatch):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    path = cache.path("zones")
    _damage_in_place(path, os.path.getsize(path) // 2)  # a sampled page (the middle one)
    _forge_memo_identity(cache, "zones")
    _new_session(monkeypatch)
    with pytest.raises(CacheError) as info:
        Cache("orebro", str(cache_dir)).layer("zones")
    assert "damaged" in str(info.value)


@pytest.mark.timeout(60)
def test_memo_refresh_checks_in_full_and_replaces_the_memo_record(fault_server, cache_dir, monkeypatch):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    old = cache.entry("zones").file
    path = cache.path("zones")
    _damage_in_place(path, os.path.getsize(path) // 2)
    _forge_memo_identity(cache, "zones")  # the memo would still vouch for the copy
    _new_session(monkeypatch)
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006")  # same data on the server
    assert result.status == "updated"  # the damaged copy was found and fetched again
    new = cache.entry("zones").file
    assert new != old
    with open(os.path.join(cache.dir, memo_module.MEMO), encoding="utf-8") as handle:
        records = json.load(handle)["files"]
    assert new in records and old not in records
    _new_session(monkeypatch)
    assert Cache("orebro", str(cache_dir)).layer("zones").featureCount() == 40
