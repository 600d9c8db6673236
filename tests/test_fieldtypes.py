"""core/fieldtypes.py: the one JSON property type inference (cache writer and memory layers)."""

import math

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.fieldtypes import INT64_MAX, INT64_MIN, field_kind, field_value, merge_kind, value_kind
from tests.test_cache import service_for, square


@pytest.mark.parametrize("values, kind", [
    ([1, 2, None], "int"),
    ([INT64_MAX, INT64_MIN], "int"),
    ([INT64_MAX + 1], "text"),  # beyond signed 64 bits: text keeps the value exact
    ([INT64_MIN - 1], "text"),
    ([2 ** 70, 1], "text"),
    ([1, 2.5], "real"),
    ([True, False], "bool"),
    ([True, 3], "int"),
    ([True, 2.5], "text"),  # bool + real: neither holds both
    ([1, "x"], "text"),
    (["12", "007"], "text"),  # a numeric string stays text
    ([{"a": 1}, [1]], "json"),
    ([{"a": 1}, "x"], "text"),
    ([None, None], "text"),
    ([], "text"),
])
def test_field_kind(values, kind):
    assert field_kind(values) == kind
    assert field_kind(list(reversed(values))) == kind  # the order of features does not matter


def test_value_kind_and_merge():
    assert value_kind(None) is None and value_kind(False) == "bool" and value_kind(1.0) == "real"
    assert merge_kind(None, "int") == "int" and merge_kind("int", None) == "int"


def test_field_value_keeps_values_exact():
    assert field_value(2 ** 70, "text") == "1180591620717411303424"
    assert field_value(INT64_MAX, "int") == INT64_MAX
    assert field_value(True, "int") == 1 and field_value(3, "real") == 3.0
    assert field_value(float("nan"), "real") is None and field_value(math.inf, "real") is None
    assert field_value(True, "text") == "true" and field_value("007", "text") == "007"
    assert field_value({"b": 1, "a": [1]}, "json") == '{"a": [1], "b": 1}'
    assert field_value("a\x00b", "text") == "a\ufffdb"
    assert field_value(None, "int") is None


@pytest.mark.timeout(60)
def test_cache_writer_uses_the_one_inference(fault_server, cache_dir):
    """The cache once stored bool + real as Real (true -> 1.0) where the memory layers used
    text: both now follow core/fieldtypes."""
    props = [{"flag": True, "big": 2 ** 63, "n": "007"}, {"flag": 2.5, "big": 5, "n": "8"}]
    service = service_for(fault_server, {"zones": [square(i, p) for i, p in enumerate(props)]})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006")
    types = {f["name"]: f["type"] for f in result.entry.fields}
    assert types == {"flag": "string", "big": "string", "n": "string"}
    rows = {f["rp_id"]: f for f in cache.layer("zones").getFeatures()}
    assert rows["z0"]["flag"] == "true" and rows["z1"]["flag"] == "2.5"
    assert rows["z0"]["big"] == str(2 ** 63) and rows["z0"]["n"] == "007"
