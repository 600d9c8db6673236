"""core/util.py: the one way the plugin writes and reads a time (utc_now_iso, parse_iso, age_seconds)."""

import re
from datetime import datetime, timedelta, timezone

from regionplan_plugin.core import util
from regionplan_plugin.core.cache import CacheEntry, parse_time, utc_now


def test_utc_now_iso_is_utc_to_the_second_with_z():
    text = util.utc_now_iso()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text)
    assert abs((datetime.now(timezone.utc) - util.parse_iso(text)).total_seconds()) < 5


def test_parse_iso_reads_every_form_the_plugin_has_written():
    z = util.parse_iso("2026-12-01T11:02:41Z")
    assert z == datetime(2026, 12, 1, 11, 2, 41, tzinfo=timezone.utc)
    assert util.parse_iso("2026-12-01T11:02:41+00:00") == z  # check.py and report.py wrote this form
    assert util.parse_iso("2026-12-01T12:02:41+01:00") == z
    assert util.parse_iso("2026-12-01T11:02:41") == z  # no offset: UTC
    for bad in ("", None, "yesterday", 5):
        assert util.parse_iso(bad) is None


def test_age_seconds_and_the_cache_names():
    hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    assert 3590 < util.age_seconds(hour_ago) < 3610
    assert util.age_seconds("2999-01-01T00:00:00Z") == 0.0 and util.age_seconds("x") is None
    assert CacheEntry("a", "a.gpkg", fetched_at=hour_ago).age_seconds > 3590
    assert utc_now is util.utc_now_iso and parse_time is util.parse_iso  # core.cache's old names
