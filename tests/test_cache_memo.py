"""core/cache.py: the parsed manifest is reused until the file changes; status() uses a light
check for large copies, and a damaged large copy is still refused with a clear message on open."""

import os

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.cache import integrity as cache_module  # STATUS_FULL_CHECK_BYTES lives there
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
