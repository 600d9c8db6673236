"""OAuth2 client credentials per source (issue 15 item 4) in the plugin's own HTTP stack
(``core/http/oauth2.py``), against oauthlib's ``BackendApplicationServer`` on loopback.

A QGIS OAuth2 configuration with grant flow *Resource Owner* and an empty username and password
(QGIS's own method has no client credentials grant: ``tests/test_oauth2.py``) is read by the
plugin as client credentials: the token is asked for once, reused, renewed before it expires and
after a 401, and neither it nor the secret is written anywhere."""

import json
import threading
import time
from urllib.parse import quote

import pytest

from regionplan_plugin.core import report, settings
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient, oauth2
from regionplan_plugin.core.pipeline import open_pipeline
from tests.fixtures.faults import FaultServer
from tests.fixtures.oauth2 import CLIENT_SECRET, BearerServer, assert_no_secret_written, create_oauth2_authcfg
from tests.test_oauth2 import CAVEAT, KEYWORDS, NAT_TITLE, _found, _profile, _remove, write_two_source_profile
from tests.test_security import LogCollector, plan_layer, zone


def _client_credentials_authcfg(tokens, **kwargs):
    """What a user fills in for client credentials: grant flow Resource Owner, no account."""
    return create_oauth2_authcfg(tokens.token_url, username="", password="", **kwargs)


@pytest.fixture
def fresh_tokens():
    oauth2.clear()
    yield
    oauth2.clear()


def _refused_message(authcfg, status):
    return (f"The authentication configuration {authcfg} (OAuth2 client credentials) got no access token from its "
            f"token endpoint: the client id or secret was refused ({status}).")


@pytest.mark.timeout(150)
def test_client_credentials_source_through_catalogue_cache_check_and_no_secret_written(
        oauth2_token_server, tmp_path, fresh_tokens):
    tokens = oauth2_token_server("client_credentials")
    protected = BearerServer(tokens)
    public = FaultServer()
    good = _client_credentials_authcfg(tokens)
    bad = _client_credentials_authcfg(tokens, client_secret="not-the-secret", name="regionplan-test-bad")
    out = tmp_path / "out"
    out.mkdir()
    cache_root = str(tmp_path / "cache")
    try:
        profile_path = write_two_source_profile(tmp_path, public, protected, page_size=2)
        settings.set_source_authcfg("orebro", "nat", good)
        with LogCollector() as log:
            pipeline = open_pipeline(str(profile_path), timeout_s=10, cache_root=cache_root, authcfg="")
            catalog = pipeline.catalog()
            assert catalog.dataset("skyddsomraden").source_id == "nat"
            refreshed = pipeline.cache.refresh(pipeline.service, "skyddsomraden", pipeline.profile.crs)
            assert refreshed.entry.feature_count == 3
            data = pipeline.data_access()
            result = run_check(pipeline.profile, plan_layer(), data, lang="en")
            data.release()
            assert _found(result) == {"zon": ["z0", "z1"], "skydd": ["z2", "z3", "z4"]}
            # one token for the catalogue, the paged download and the check; the client id and
            # secret by HTTP Basic (RFC 6749 §2.3.1), never in the body
            assert len(protected.requests) >= 4
            assert tokens.grant_types() == ["client_credentials"] and tokens.statuses == [200]
            assert "client_secret" not in tokens.requests[0]
            assert {r.headers.get("authorization") for r in protected.requests} == {f"Bearer {tokens.issued[0]}"}
            report.write_html(result, str(out / "report.html"), "en")
            result.layers.clear()

            # a wrong client secret: the message names the source and says why; the cached copy stays
            settings.set_source_authcfg("orebro", "nat", bad)
            again = open_pipeline(str(profile_path), timeout_s=10, cache_root=cache_root, authcfg="")
            catalog = again.catalog()
            failure = again.service.failed["nat"]
            assert failure.kind == "auth"
            assert str(failure).startswith(f"The source {NAT_TITLE['en']} could not be read: "
                                           + _refused_message(bad, 401))
            kept = catalog.dataset("skyddsomraden")
            assert kept is not None and kept.cached and kept.caveat == CAVEAT
            assert again.cache.entry("skyddsomraden").feature_count == 3
            with pytest.raises(NetworkError):
                again.cache.refresh(again.service, "skyddsomraden", again.profile.crs)
            assert again.cache.entry("skyddsomraden").feature_count == 3
            data = again.data_access()
            result = run_check(again.profile, plan_layer(), data, lang="en")
            data.release()
            assert _found(result) == {"zon": ["z0", "z1"], "skydd": ["z2", "z3", "z4"]}
            report.write_html(result, str(out / "report-offline.html"), "en")
            result.layers.clear()
            log_text = log.text + "\n" + str(failure)
    finally:
        settings.set_source_authcfg("orebro", "nat", "")
        _remove(good, bad)
        protected.close()
        public.close()
    assert not any(r.headers.get("authorization") for r in public.requests)
    secrets = [CLIENT_SECRET, quote(CLIENT_SECRET), quote(CLIENT_SECRET, safe="")] + tokens.issued
    assert tokens.issued
    scanned = assert_no_secret_written(secrets, log_text, tmp_path)
    assert {"profile.json", "report.html", "report-offline.html", "manifest.json", "catalog.json"} <= scanned


@pytest.mark.timeout(90)
def test_token_reused_renewed_before_expiry_and_after_a_401(oauth2_token_server, fresh_tokens):
    tokens = oauth2_token_server("client_credentials", expires_in=5)
    protected = BearerServer(tokens)
    authcfg = _client_credentials_authcfg(tokens)
    try:
        base = protected.ogc(collections={"skydd": {"title": "Skydd"}}, items={"skydd": [zone(0, "a")]})
        client = HttpClient(timeout_s=10, retries=0, authcfg=authcfg)
        for _ in range(3):
            assert client.get_json(base + "/collections")["collections"][0]["id"] == "skydd"
        assert len(tokens.issued) == 1 and len(protected.requests) == 3
        time.sleep(5.0)  # within the last tenth of its life: renewed before the server refuses it
        assert client.get_json(base + "/collections/skydd/items")["features"][0]["id"] == "z0"
        assert len(tokens.issued) == 2
        assert protected.requests[-1].headers["authorization"] == f"Bearer {tokens.issued[1]}"
        # the server forgets (revokes) the token: one 401, a new token, the request again
        tokens.expires_in = 3600
        with tokens.lock:
            tokens.tokens.clear()
        sent = len(protected.requests)
        assert client.get_json(base + "/collections")["collections"][0]["id"] == "skydd"
        assert len(tokens.issued) == 3 and len(protected.requests) == sent + 2
        assert protected.requests[-1].headers["authorization"] == f"Bearer {tokens.issued[2]}"
        assert set(tokens.grant_types()) == {"client_credentials"}
    finally:
        _remove(authcfg)
        protected.close()


@pytest.mark.timeout(90)
def test_one_token_request_for_concurrent_requests_and_body_fallback(oauth2_token_server, fresh_tokens):
    """Requests from several threads at once ask for one token; an endpoint that refuses HTTP
    Basic gets the client id and secret in the body, and is asked that way from then on."""
    tokens = oauth2_token_server("client_credentials")
    tokens.basic = False
    protected = BearerServer(tokens)
    authcfg = _client_credentials_authcfg(tokens, scope="features")
    try:
        base = protected.ogc(collections={"skydd": {"title": "Skydd"}}, items={"skydd": [zone(0, "a")]})
        got, errors = [], []

        def fetch():
            try:
                client = HttpClient(timeout_s=10, retries=0, authcfg=authcfg)
                got.append(client.get_json(base + "/collections/skydd/items")["features"][0]["id"])
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=fetch) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors and got == ["z0"] * 4
        assert len(tokens.issued) == 1
        # Basic refused (401), then the body: two token requests, one token
        assert tokens.statuses == [401, 200]
        assert "client_secret" not in tokens.requests[0] and tokens.requests[1]["client_secret"] == [CLIENT_SECRET]
        assert tokens.requests[1]["scope"] == ["features"]
        oauth2.forget(authcfg, tokens.issued[0])
        HttpClient(timeout_s=10, retries=0, authcfg=authcfg).get_json(base + "/collections")
        assert tokens.statuses == [401, 200, 200]  # straight to the body this time
    finally:
        _remove(authcfg)
        protected.close()


@pytest.mark.timeout(180)
def test_add_to_map_of_a_client_credentials_source_uses_the_offline_copy(
        rp_dock, rp_settings, oauth2_token_server, qgis_iface, tmp_path, fresh_tokens):
    """QGIS's OAPIF provider cannot carry the plugin's token: "Add to map" downloads the dataset
    into the cache and adds that copy; QGIS's OAuth2 method is never asked for a token."""
    from qgis.core import QgsProject

    from tests.fixtures.gui_panel import wait_task, wait_tasks_done, wait_until

    tokens = oauth2_token_server("client_credentials")
    protected = BearerServer(tokens)
    public = FaultServer()
    authcfg = _client_credentials_authcfg(tokens)
    try:
        region = public.ogc(collections={"zoner": {"title": "Zoner", "keywords": KEYWORDS}},
                            items={"zoner": [zone(0, "Zon 0")]})
        national = protected.ogc(collections={"skydd": {"title": "Skydd", "keywords": KEYWORDS}},
                                 items={"skydd": [zone(i, f"Skydd {i}") for i in (2, 3, 4)]})
        profile_path = tmp_path / "profile.json"
        profile_path.write_text(json.dumps(_profile(region, national), ensure_ascii=False), encoding="utf-8")
        settings.PROFILE_SOURCE.set(str(profile_path))
        settings.set_source_authcfg("orebro", "nat", authcfg)
        dock = rp_dock
        task = wait_task(dock.load_catalog(), 60)
        assert task.ok, task.message()
        dataset = dock.catalogue.dataset("skyddsomraden")
        dock.catalogue.add_to_map(["skyddsomraden"])
        project = QgsProject.instance()
        wait_until(lambda: project.mapLayersByName(dataset.title), 90, "the layer on the map")
        wait_tasks_done(60)
        layer = project.mapLayersByName(dataset.title)[0]
        assert layer.providerType() == "ogr" and layer.featureCount() == 3
        assert dock.session.cache.entry("skyddsomraden").feature_count == 3
        assert set(tokens.grant_types()) == {"client_credentials"} and len(tokens.issued) == 1
        assert all(r.headers.get("authorization", "").startswith("Bearer ") for r in protected.requests)
    finally:
        settings.set_source_authcfg("orebro", "nat", "")
        _remove(authcfg)
        protected.close()
        public.close()
