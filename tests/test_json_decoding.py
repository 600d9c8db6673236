"""THE one JSON decoder (core.http.decode_json): a body nested too deeply or not JSON is a clean
NetworkError kind ``json`` whose message names the URL without its credentials (issue 12)."""

import pytest

from regionplan_plugin.core.errors import NetworkError, RegionplanError
from regionplan_plugin.core.http import Response, decode_json, parse_json

URL = "https://anna:hemligt@example.invalid/collections?f=json"


@pytest.mark.timeout(30)
def test_deeply_nested_json_is_a_clean_error_without_credentials():
    body = b"[" * 200000 + b"]" * 200000
    with pytest.raises(NetworkError) as caught:
        decode_json(body, URL)
    error = caught.value
    assert isinstance(error, RegionplanError)
    assert error.kind == "json"
    text = str(error)
    assert "example.invalid/collections" in text
    assert "anna" not in text and "hemligt" not in text
    assert "hemligt" not in (error.url or "")


@pytest.mark.timeout(30)
@pytest.mark.parametrize("body", [b"<html>not json</html>", b"\xff\xfe\x00garbage", b"{\"a\": "])
def test_bad_body_is_a_clean_error_without_credentials(body):
    with pytest.raises(NetworkError) as caught:
        parse_json(Response(url=URL, status=200, body=body))
    assert caught.value.kind == "json"
    assert "hemligt" not in str(caught.value) and "anna" not in str(caught.value)
    assert caught.value.status == 200


@pytest.mark.timeout(30)
def test_good_body_and_bom():
    assert decode_json(b'\xef\xbb\xbf{"a": [1, 2]}', URL) == {"a": [1, 2]}
