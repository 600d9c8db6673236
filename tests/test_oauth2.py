"""OAuth2 per source (issue 15 item 4): a token endpoint built with oauthlib on loopback, a
resource server that wants ``Authorization: Bearer``, and QGIS's own OAuth2 authentication
method in the test's authentication database.

Finding (QGIS 3.22): the OAuth2 method has three grant flows, authorization code and implicit
(both open a browser) and resource owner password credentials. It has no client credentials
grant: a token endpoint that only grants ``client_credentials`` refuses it, also when
``grant_type`` is forced through the method's extra request parameters. The plugin therefore
asks for client credentials itself (``core/http/oauth2.py``, tested in
``tests/test_oauth2_client_credentials.py``) when such a configuration has no username and
password; docs/profile.md says how. The password grant works headless, also in a task's thread.
"""

import json
import os
import time
import urllib.error
import urllib.request
from base64 import b64encode
from urllib.parse import quote, urlencode

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QDir, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from regionplan_plugin.core import report, settings
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.pipeline import open_pipeline
from tests.fixtures.faults import FaultServer
from tests.fixtures.oauth2 import (
    CLIENT_ID,
    CLIENT_SECRET,
    SERVICE_PASSWORD,
    BearerServer,
    assert_no_secret_written,
    create_oauth2_authcfg,
)
from tests.test_security import LogCollector, plan_layer, zone

CAVEAT = {"sv": "Skyddsområdena är förenklade.", "en": "The protected areas are simplified."}
NAT_TITLE = {"sv": "Nationellt API (test)", "en": "National API (test)"}
KEYWORDS = ["theme:transport", "kind:interest", "year:2025"]


def _remove(*authcfgs):
    manager = QgsApplication.authManager()
    for authcfg in authcfgs:
        if authcfg:
            manager.removeAuthenticationConfig(authcfg)


def _get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _client_credentials_token(token_url):
    """A token by RFC 6749 §4.4 (client credentials, HTTP Basic), as a backend would ask."""
    basic = b64encode(f"{quote(CLIENT_ID)}:{quote(CLIENT_SECRET)}".encode()).decode("ascii")
    request = urllib.request.Request(token_url, data=urlencode({"grant_type": "client_credentials"}).encode(),
                                     headers={"Authorization": f"Basic {basic}",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["access_token"]


@pytest.mark.timeout(90)
def test_qgis_oauth2_method_has_no_client_credentials_grant(oauth2_token_server):
    tokens = oauth2_token_server("client_credentials")
    protected = BearerServer(tokens)
    authcfgs = []
    try:
        base = protected.ogc(collections={"skydd": {"title": "Skydd"}}, items={"skydd": [zone(0, "a")]})
        # the endpoint and the resource server are sound: client credentials as RFC 6749 §4.4 work
        token = _client_credentials_token(tokens.token_url)
        assert _get(base + "/collections", token)[0] == 200
        protected.clear_log()
        issued = len(tokens.issued)
        # QGIS's OAuth2 method itself (not the plugin's client, which reads such a configuration as
        # client credentials: tests/test_oauth2_client_credentials.py) with the client id and
        # secret only, then with grant_type forced
        manager = QgsApplication.authManager()
        for pairs in (None, {"grant_type": "client_credentials"}):
            authcfgs.append(create_oauth2_authcfg(tokens.token_url, username="", password="", query_pairs=pairs))
            applied = manager.updateNetworkRequest(QNetworkRequest(QUrl(base + "/collections")), authcfgs[-1])
            assert not (applied[0] if isinstance(applied, tuple) else applied)  # no token
            sent = tokens.requests[-1]["grant_type"]
            # QGIS 3.22 asks for the password grant whatever is configured: never client_credentials alone
            assert sent == (["password"] if pairs is None else ["password", "client_credentials"])
            assert tokens.statuses[-1] == 400  # unauthorized_client / a duplicate grant_type (RFC 6749 §3.2)
        assert len(tokens.issued) == issued
        assert protected.requests == []
        # the plugin's own client reads the first configuration as client credentials
        client = HttpClient(timeout_s=10, retries=0, authcfg=authcfgs[0])
        assert client.get_json(base + "/collections")["collections"][0]["id"] == "skydd"
        assert tokens.grant_types()[-1] == "client_credentials" and len(tokens.issued) == issued + 1
    finally:
        _remove(*authcfgs)
        protected.close()


@pytest.mark.timeout(90)
def test_bad_and_expired_tokens_are_refused_and_qgis_asks_for_a_new_one(oauth2_token_server):
    tokens = oauth2_token_server("password", expires_in=3)
    protected = BearerServer(tokens)
    authcfg = create_oauth2_authcfg(tokens.token_url)
    try:
        base = protected.ogc(collections={"skydd": {"title": "Skydd"}}, items={"skydd": [zone(0, "a")]})
        client = HttpClient(timeout_s=10, retries=0, authcfg=authcfg)
        assert [c["id"] for c in client.get_json(base + "/collections")["collections"]] == ["skydd"]
        assert len(tokens.issued) == 1 and tokens.grant_types() == ["password"]
        first = tokens.issued[0]
        assert protected.requests[-1].headers["authorization"] == f"Bearer {first}"
        status, headers = _get(base + "/collections", "made-up-token")
        assert status == 401 and "invalid_token" in headers.get("WWW-Authenticate", "")
        time.sleep(3.3)
        assert _get(base + "/collections", first)[0] == 401  # expired
        assert client.get_json(base + "/collections")["collections"][0]["id"] == "skydd"
        assert len(tokens.issued) == 2
        assert protected.requests[-1].headers["authorization"] == f"Bearer {tokens.issued[1]}"
    finally:
        _remove(authcfg)
        protected.close()


def write_two_source_profile(tmp_path, public, protected, page_size=10):
    """The region's collection ``zoner`` (2 zones) on ``public``, the protected ``skydd`` (3 zones,
    pages of ``page_size``) on ``protected``, and a profile of the two written in ``tmp_path``."""
    region = public.ogc(collections={"zoner": {"title": "Zoner", "keywords": KEYWORDS}},
                        items={"zoner": [zone(0, "Zon 0"), zone(1, "Zon 1")]})
    national = protected.ogc(collections={"skydd": {"title": "Skydd", "keywords": KEYWORDS}},
                             items={"skydd": [zone(i, f"Skydd {i}") for i in (2, 3, 4)]}, page_size=page_size)
    profile_path = tmp_path / "profile.json"
    profile_path.write_text(json.dumps(_profile(region, national), ensure_ascii=False), encoding="utf-8")
    return profile_path


def _profile(region_url, national_url):
    return {
        "schema": "regionplan-profile/2", "id": "orebro", "name": {"sv": "Testregion", "en": "Test region"},
        "crs": "EPSG:3006",
        "sources": [{"id": "region", "type": "ogcapi-features", "url": region_url},
                    {"id": "nat", "type": "ogcapi-features", "url": national_url, "auth": "oauth2",
                     "title": NAT_TITLE}],
        "datasets": [{"id": "skyddsomraden", "source": "nat", "name": "skydd",
                      "title": {"sv": "Skyddsområden", "en": "Protected areas"}, "caveat": CAVEAT}],
        "themes": [{"id": "transport", "title": {"sv": "Transport", "en": "Transport"}}],
        "rules": [
            {"id": "zon", "title": {"sv": "Zon", "en": "Zone"}, "collection": "zoner", "relation": "intersects",
             "severity": "attention", "message": {"sv": "Planen ligger i en zon.", "en": "The plan is in a zone."}},
            {"id": "skydd", "title": {"sv": "Skydd", "en": "Protection"}, "collection": "skyddsomraden",
             "relation": "intersects", "severity": "conflict",
             "message": {"sv": "Planen ligger i ett skyddsområde.", "en": "The plan is in a protected area."}},
        ],
    }


def _found(result):
    return {rule: sorted(f.feature_id for f in result.findings if f.rule_id == rule) for rule in ("zon", "skydd")}


@pytest.mark.timeout(150)
def test_oauth2_source_through_catalogue_cache_check_and_no_secret_written(oauth2_token_server, tmp_path):
    tokens = oauth2_token_server("password")
    protected = BearerServer(tokens)
    public = FaultServer()
    good = create_oauth2_authcfg(tokens.token_url)
    bad = create_oauth2_authcfg(tokens.token_url, client_secret="not-the-secret", name="regionplan-test-bad")
    out = tmp_path / "out"
    out.mkdir()
    cache_root = str(tmp_path / "cache")
    try:
        profile_path = write_two_source_profile(tmp_path, public, protected)
        settings.set_source_authcfg("orebro", "nat", good)  # what the settings dialog stores: the id
        with LogCollector() as log:
            pipeline = open_pipeline(str(profile_path), timeout_s=10, cache_root=cache_root, authcfg="")
            catalog = pipeline.catalog()
            protected_ds = catalog.dataset("skyddsomraden")
            assert protected_ds.source_id == "nat" and protected_ds.caveat == CAVEAT
            assert catalog.dataset("zoner").source_id == "region"
            refreshed = pipeline.cache.refresh(pipeline.service, "skyddsomraden", pipeline.profile.crs)
            assert refreshed.entry.feature_count == 3
            data = pipeline.data_access()
            result = run_check(pipeline.profile, plan_layer(), data, lang="en")
            data.release()
            assert _found(result) == {"zon": ["z0", "z1"], "skydd": ["z2", "z3", "z4"]}
            # QGIS keeps the token of this non-persistent configuration in a temporary file, encrypted
            with open(os.path.join(QDir.tempPath(), "oauth2-cache", f"authcfg-{good}.ini"), "rb") as handle:
                kept_token = handle.read()
            for secret in tokens.issued + [CLIENT_SECRET, SERVICE_PASSWORD]:
                assert secret.encode("utf-8") not in kept_token
            report.write_html(result, str(out / "report.html"), "en")
            result.layers.clear()
            assert CAVEAT["en"] in (out / "report.html").read_text(encoding="utf-8")

            # a wrong client secret: the source is named, its cached dataset stays listed and usable
            settings.set_source_authcfg("orebro", "nat", bad)
            again = open_pipeline(str(profile_path), timeout_s=10, cache_root=cache_root, authcfg="")
            catalog = again.catalog()
            failure = again.service.failed["nat"]
            assert failure.kind == "auth"
            assert str(failure).startswith(f"The source {NAT_TITLE['en']} could not be read: The authentication "
                                           f"configuration {bad} (OAuth2) got no access token")
            kept = catalog.dataset("skyddsomraden")
            assert kept is not None and kept.cached and kept.caveat == CAVEAT
            assert again.cache.entry("skyddsomraden").feature_count == 3
            data = again.data_access()
            result = run_check(again.profile, plan_layer(), data, lang="en")
            data.release()
            assert _found(result) == {"zon": ["z0", "z1"], "skydd": ["z2", "z3", "z4"]}
            result.layers.clear()
            log_text = log.text
    finally:
        settings.set_source_authcfg("orebro", "nat", "")
        _remove(good, bad)
        protected.close()
        public.close()
    # the token went to the national API only; the region's server never saw a credential
    assert all(r.headers.get("authorization", "").startswith("Bearer ") for r in protected.requests
               if r.headers.get("authorization"))
    assert not any(r.headers.get("authorization") for r in public.requests)
    assert set(tokens.grant_types()) == {"password"} and tokens.statuses.count(401) >= 1
    secrets = [CLIENT_SECRET, SERVICE_PASSWORD, quote(CLIENT_SECRET), quote(SERVICE_PASSWORD)] + tokens.issued
    assert tokens.issued
    scanned = assert_no_secret_written(secrets, log_text, tmp_path)
    assert {"profile.json", "report.html", "manifest.json"} <= scanned
    assert any(name.endswith(".ini") for name in scanned)


@pytest.mark.timeout(180)
def test_oauth2_source_through_the_panel(rp_dock, rp_settings, oauth2_token_server, qgis_iface, tmp_path):
    """The same through the panel, where the requests run in task threads: the catalogue lists the
    protected source's dataset, it is saved offline; with a wrong secret the message bar names the
    source and the saved dataset stays in the tree."""
    from qgis.core import Qgis

    from regionplan_plugin.core.i18n import ui_language
    from regionplan_plugin.gui.catalogue_tree import COLUMN_SOURCE
    from tests.fixtures.gui_panel import wait_task

    tokens = oauth2_token_server("password")
    protected = BearerServer(tokens)
    public = FaultServer()
    good = create_oauth2_authcfg(tokens.token_url)
    bad = create_oauth2_authcfg(tokens.token_url, client_secret="not-the-secret", name="regionplan-test-bad")
    title = NAT_TITLE[ui_language()]
    try:
        region = public.ogc(collections={"zoner": {"title": "Zoner", "keywords": KEYWORDS}},
                            items={"zoner": [zone(0, "Zon 0")]})
        national = protected.ogc(collections={"skydd": {"title": "Skydd", "keywords": KEYWORDS}},
                                 items={"skydd": [zone(i, f"Skydd {i}") for i in (2, 3, 4)]})
        profile_path = tmp_path / "profile.json"
        profile_path.write_text(json.dumps(_profile(region, national), ensure_ascii=False), encoding="utf-8")
        settings.PROFILE_SOURCE.set(str(profile_path))  # (rp_settings restores every setting afterwards)
        settings.set_source_authcfg("orebro", "nat", good)
        dock = rp_dock
        task = wait_task(dock.load_catalog(), 60)
        assert task.ok, task.message()
        assert dock.catalogue.item_for("skyddsomraden").text(COLUMN_SOURCE) == title
        task = wait_task(dock.catalogue.make_offline(["skyddsomraden"]), 60)
        assert task.ok, task.message()
        assert dock.session.cache.entry("skyddsomraden").feature_count == 3
        assert tokens.issued and protected.requests[-1].headers["authorization"].startswith("Bearer ")

        settings.set_source_authcfg("orebro", "nat", bad)
        qgis_iface.messageBar().clear_messages()
        task = wait_task(dock.load_catalog(), 60)
        assert task.ok, task.message()
        warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        named = tr_source(title)
        assert any(named in text for text in warnings), warnings
        assert dock.catalogue.item_for("skyddsomraden") is not None  # saved offline: still listed
        assert dock.catalogue.item_for("zoner") is not None
    finally:
        settings.set_source_authcfg("orebro", "nat", "")
        _remove(good, bad)
        protected.close()
        public.close()


def tr_source(title):
    """The start of the message naming a source that could not be read, in the interface's language."""
    from regionplan_plugin.core.i18n import tr

    return tr("The source {source} could not be read: {error}").split("{error}")[0].format(source=title)
