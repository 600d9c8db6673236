"""Issue 6, item 6: TLS, credentials, escaping of service text, links and redirects, the zip.

End to end with real servers on loopback: the same flows a user runs (catalogue, offline
copy, check, reports, a saved project), then the places a secret could end up are read
back byte for byte.
"""

import ast
import base64
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsFeature,
    QgsGeometry,
    QgsMessageLog,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)

from regionplan_plugin.core import report, settings
from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import open_data
from tests.fixtures.base import ROOT
from tests.fixtures.faults import FaultServer, Route
from tests.fixtures.netfixtures import BASIC_PASSWORD, BASIC_USER, MASTER_PASSWORD, _auth_manager

PACKAGE = os.path.join(ROOT, "regionplan_plugin")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TOKEN = "eyJhbGciOi.regionplan-bearer-TOKEN-5d1e"


# --------------------------------------------------------------------------- helpers


def zone(i, name):
    x, y = 15.20 + i * 0.01, 59.27
    ring = [[x, y], [x + 0.005, y], [x + 0.005, y + 0.005], [x, y + 0.005], [x, y]]
    return {"type": "Feature", "id": f"z{i}", "properties": {"namn": name, "beskrivning": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def profile_for(url, cid="zoner"):
    return parse_profile({
        "schema": "regionplan-profile/1", "id": "orebro", "name": {"sv": "Testregion", "en": "Test region"},
        "service": {"type": "ogcapi-features", "url": url}, "crs": "EPSG:3006",
        "themes": [{"id": "transport", "title": {"sv": "Transport", "en": "Transport"}}],
        "rules": [{"id": "zon", "title": {"sv": "Zon", "en": "Zone"}, "collection": cid, "relation": "intersects",
                   "severity": "conflict",
                   "message": {"sv": "Planen ligger i en zon.", "en": "The plan is in a zone."}}],
    })


def plan_layer():
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Plan", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["Planområde"])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((15.19 59.26,15.26 59.26,15.26 59.29,15.19 59.29,15.19 59.26))"))
    assert layer.dataProvider().addFeatures([feature])[0]
    return layer


class LogCollector:
    """Everything written to the QGIS message log while it is connected."""

    def __init__(self):
        self.messages = []

    def __call__(self, *args):
        self.messages.append(" ".join(str(a) for a in args))

    def __enter__(self):
        QgsApplication.messageLog().messageReceived.connect(self)
        QgsMessageLog.logMessage("regionplan-log-probe", "Regionplan")
        return self

    def __exit__(self, *_exc):
        QgsApplication.messageLog().messageReceived.disconnect(self)

    @property
    def text(self):
        assert any("regionplan-log-probe" in m for m in self.messages), "the log collector saw nothing"
        return "\n".join(self.messages)


def files_under(*folders):
    for folder in folders:
        for base, _dirs, names in os.walk(str(folder)):
            for name in names:
                yield os.path.join(base, name)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_tags(text):
    parser = Tags()
    parser.feed(text)
    return parser.tags


# --------------------------------------------------------------------------- TLS


def _package_sources():
    for path in files_under(PACKAGE):
        if path.endswith(".py"):
            with open(path, encoding="utf-8") as handle:
                yield os.path.relpath(path, ROOT), handle.read()


def test_no_code_turns_tls_verification_off():
    """Peer verification is only ever set *on*; VerifyNone only appears where it is refused."""
    calls = []
    for rel, source in _package_sources():
        assert "ignoreSslErrors" not in source, rel
        assert "setSslIgnoredErrorEnums" not in source and "storeSslCertCustomConfig" not in source, rel
        assert "CERT_NONE" not in source and "check_hostname" not in source, rel
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("setPeerVerifyMode",
                                                                                 "setSslPeerVerifyMode"):
                argument = ast.unparse(node.args[0]) if node.args else ""
                calls.append((rel, argument))
                assert argument.endswith("VerifyPeer"), (rel, argument)
            if isinstance(node, ast.Attribute) and node.attr in ("VerifyNone", "QueryPeer", "AutoVerifyPeer"):
                parent_lines = source.splitlines()[node.lineno - 1]
                assert re.search(r"\bif \w+ in \(", parent_lines), (rel, parent_lines.strip())
    assert calls, "expected the HTTP client to force VerifyPeer"


def test_no_setting_can_turn_tls_verification_off():
    names = [s.key.lower() for s in settings.ALL]
    for word in ("ssl", "tls", "verify", "insecure", "cert", "password", "token", "user"):
        assert not [n for n in names if word in n], word
    # the settings dialog offers no such switch either
    with open(os.path.join(PACKAGE, "gui", "settings_dialog.py"), encoding="utf-8") as handle:
        dialog = handle.read().lower()
    for word in ("verify", "insecure", "ignore ssl", "ignoressl", "setechomode(qlineedit.password"):
        assert word not in dialog, word


def test_self_signed_service_is_refused_through_the_catalogue(tls_server, cache_dir):
    base = tls_server.ogc(items={"zoner": [zone(0, "a")]})
    profile = profile_for(base)
    cache = Cache("orebro", str(cache_dir))
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        Catalog.load(profile, service=OgcFeaturesService(base, HttpClient(timeout_s=5, retries=2, authcfg="")),
                     cache=cache)
    assert time.monotonic() - start < 5
    text = str(info.value)
    assert info.value.kind == "tls"
    assert text.startswith(f"The secure connection to {base}") and "not trusted" in text
    assert tls_server.requests == []  # not a single request got through
    # with a catalogue cached earlier, the panel falls back to it and says why
    cache.save_catalog({"service_url": base, "collections": [{"id": "zoner", "title": "Zoner"}]})
    catalog = Catalog.load(profile, service=OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg="")),
                           cache=cache)
    assert catalog.from_cache and "not trusted" in catalog.error
    assert tls_server.requests == []


# --------------------------------------------------------------------------- credentials


class TokenServer(FaultServer):
    """A FaultServer that wants ``X-Esri-Authorization: Bearer TOKEN`` (QGIS's EsriToken method)."""

    def _pick(self, request):
        if (request.headers.get("x-esri-authorization") or "").strip() != f"Bearer {TOKEN}":
            return Route(status=401, body={"code": "Unauthorized"})
        return super()._pick(request)


def _token_authcfg():
    manager = _auth_manager()
    config = QgsAuthMethodConfig()
    config.setName("regionplan-test-token")
    config.setMethod("EsriToken")
    config.setConfig("token", TOKEN)
    result = manager.storeAuthenticationConfig(config)
    ok, stored = result if isinstance(result, tuple) else (result, config)
    assert ok and stored.id()
    return stored.id()


def _auth_db_path() -> str:
    """The auth database's file: QGIS 3.40 names it by a URI (``QSQLITE:///path``) and deprecates
    qgisAuthDatabaseFilePath(), which 3.22 alone has."""
    if hasattr(QgsApplication, "qgisAuthDatabaseUri"):
        uri = QgsApplication.qgisAuthDatabaseUri()
        return uri.split("://", 1)[1] if "://" in uri else uri
    return QgsApplication.qgisAuthDatabaseFilePath()


@pytest.fixture(params=["basic", "bearer-token"])
def auth_service(request, basic_auth_server, basic_authcfg):
    """(server, authcfg id, [secret byte strings]) for one kind of QGIS authentication."""
    if request.param == "basic":
        token = base64.b64encode(f"{BASIC_USER}:{BASIC_PASSWORD}".encode()).decode("ascii")
        secrets = [BASIC_PASSWORD.encode("utf-8"), BASIC_PASSWORD.encode("latin-1"),
                   quote(BASIC_PASSWORD).encode("ascii"), token.encode("ascii"), b"Basic " + token.encode("ascii")]
        yield basic_auth_server, basic_authcfg, secrets
        return
    if "EsriToken" not in QgsApplication.authManager().authMethodsKeys():
        pytest.skip("no EsriToken authentication method in this QGIS")
    server = TokenServer()
    authcfg = _token_authcfg()
    try:
        yield server, authcfg, [TOKEN.encode("ascii"), TOKEN.split(".")[1].encode("ascii")]
    finally:
        QgsApplication.authManager().removeAuthenticationConfig(authcfg)
        server.close()


def test_no_credential_is_written_anywhere(auth_service, cache_dir, tmp_path):
    server, authcfg, secrets = auth_service
    base = server.ogc(collections={"zoner": {"title": "Zoner", "keywords": ["theme:transport", "kind:interest"]}},
                      items={"zoner": [zone(i, f"Zon {i}") for i in range(4)]})
    out = tmp_path / "out"
    out.mkdir()
    saved_authcfg = settings.AUTHCFG.value()
    with LogCollector() as log:
        # without the authcfg the service says no: the fixture really protects the data
        with pytest.raises(NetworkError) as info:
            OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg="")).collections()
        assert info.value.status == 401 and "Check the authentication configuration" in str(info.value)
        QgsMessageLog.logMessage(str(info.value), "Regionplan")
        settings.AUTHCFG.set(authcfg)  # what the settings dialog stores: the id, nothing else
        try:
            http = HttpClient(timeout_s=5, retries=0)
            assert http.authcfg == authcfg
            profile = profile_for(base)
            service = OgcFeaturesService(base, http)
            cache = Cache("orebro", str(cache_dir))
            catalog = Catalog.load(profile, service=service, cache=cache)
            assert not catalog.from_cache and catalog.dataset("zoner").title == "Zoner"
            refreshed = cache.refresh(service, "zoner", profile.crs)
            assert refreshed.entry.feature_count == 4
            data = open_data(profile, http=http, cache=cache)
            result = run_check(profile, plan_layer(), data, lang="en")
            assert {f.feature_id for f in result.findings} == {"z0", "z1", "z2", "z3"}
            report.write_html(result, str(out / "report.html"), "en")
            report.write_csv(result, str(out / "findings.csv"))
            report.write_gpkg(result, str(out / "findings.gpkg"))
            result.layers.clear()
            project = QgsProject()
            layer = cache.layer("zoner")
            project.addMapLayer(layer)
            assert project.write(str(out / "project.qgs"))
            project.clear()
        finally:
            if saved_authcfg:
                settings.AUTHCFG.set(saved_authcfg)
            else:
                settings.AUTHCFG.reset()
        log_text = log.text
    auth_headers = [r.headers.get("authorization") or r.headers.get("x-esri-authorization") for r in server.requests]
    assert any(auth_headers), "the authenticated requests carried no credential at all"
    QgsSettings().sync()
    scanned = []
    settings_dir = QgsApplication.qgisSettingsDirPath()
    auth_db = os.path.realpath(_auth_db_path())
    for path in files_under(settings_dir, cache_dir, out):
        with open(path, "rb") as handle:
            content = handle.read()
        scanned.append(os.path.basename(path))
        for secret in secrets:
            # the auth database holds the secret encrypted with the master password, never in clear
            assert secret not in content, (path, secret, os.path.realpath(path) == auth_db)
    for secret in secrets:
        assert secret.decode("latin-1") not in log_text
    assert {"report.html", "findings.csv", "findings.gpkg", "project.qgs", "manifest.json"} <= set(scanned)
    assert any(name.endswith(".ini") for name in scanned), "no QgsSettings ini file was scanned"
    with open(out / "project.qgs", encoding="utf-8") as handle:
        assert "zoner" in handle.read()  # the project really holds the cached layer


def test_no_credential_is_written_anywhere_through_the_panel(rp_dock, rp_settings, basic_auth_server, basic_authcfg,
                                                            tmp_path):
    """The same through the panel: catalogue, an offline copy, a live OAPIF layer, a check, the
    HTML report and the saved project (which names the authcfg id, never the password)."""
    from tests.fixtures.gui_panel import wait_task, wait_tasks_done, wait_until

    token = base64.b64encode(f"{BASIC_USER}:{BASIC_PASSWORD}".encode()).decode("ascii")
    secrets = [BASIC_PASSWORD.encode("utf-8"), BASIC_PASSWORD.encode("latin-1"), quote(BASIC_PASSWORD).encode(),
               token.encode("ascii")]
    keywords = ["theme:transport", "kind:interest", "year:2030"]
    base = basic_auth_server.ogc(
        collections={"zoner": {"title": "Zoner", "keywords": keywords},
                     "vagar": {"title": "Vägar", "keywords": keywords}},
        items={"zoner": [zone(i, f"Zon {i}") for i in range(3)], "vagar": [zone(i, f"Väg {i}") for i in range(2)]})
    profile_path = tmp_path / "profile.json"
    profile_path.write_text(json.dumps(profile_for(base).raw), encoding="utf-8")
    settings.PROFILE_SOURCE.set(str(profile_path))  # (rp_settings restores every setting afterwards)
    settings.AUTHCFG.set(basic_authcfg)
    rp_settings.service(base)
    dock = rp_dock
    out = tmp_path / "out"
    out.mkdir()
    with LogCollector() as log:
        task = wait_task(dock.load_catalog(), 60)
        assert task.ok, task.message()
        task = wait_task(dock.catalogue.make_offline(["zoner"]), 60)
        assert task.ok, task.message()
        dock.catalogue.add_to_map(["zoner", "vagar"])
        wait_until(lambda: QgsProject.instance().mapLayersByName("Vägar"), 60, "the live layer on the map")
        wait_tasks_done()
        plan = plan_layer()
        QgsProject.instance().addMapLayer(plan)
        dock.review.layer_combo.setLayer(plan)
        task = wait_task(dock.review.run(), 60)
        assert task.ok, task.message()
        assert dock.review.export("html", str(out / "report.html"))
        assert QgsProject.instance().write(str(out / "project.qgs"))
        log_text = log.text
    assert all(r.headers.get("authorization") == "Basic " + token for r in basic_auth_server.requests
               if r.path.startswith("/collections")), "requests without the credential"
    QgsSettings().sync()
    scanned = []
    for path in files_under(QgsApplication.qgisSettingsDirPath(), rp_settings.cache, out):
        with open(path, "rb") as handle:
            content = handle.read()
        scanned.append(os.path.basename(path))
        for secret in secrets:
            assert secret not in content, (path, secret)
    for secret in secrets:
        assert secret.decode("latin-1") not in log_text
    assert {"report.html", "project.qgs", "manifest.json"} <= set(scanned)
    project = (out / "project.qgs").read_text(encoding="utf-8")
    assert "Zoner" in project and "Vägar" in project
    live = QgsProject.instance().mapLayersByName("Vägar")[0]
    if live.providerType() == "OAPIF":  # a live layer refers to the credential by its id only
        assert f"authcfg={basic_authcfg}" in project or f"authcfg='{basic_authcfg}'" in project


def test_credentials_in_the_service_url_are_not_shown_or_stored(fault_server, cache_dir, tmp_path):
    """A user:password@ in a typed URL (the wrong place) never reaches a message or the manifest."""
    base = fault_server.ogc(items={"zoner": [zone(0, "a")]})
    url = base.replace("http://", f"http://{BASIC_USER}:{quote(BASIC_PASSWORD)}@")
    cache = Cache("orebro", str(cache_dir))
    service = OgcFeaturesService(url, HttpClient(timeout_s=5, retries=0, authcfg=""))
    fault_server.route("/collections", status=500, body={}, first=True, times=1)
    with pytest.raises(NetworkError) as info:
        service.collections()
    assert BASIC_PASSWORD not in str(info.value) and quote(BASIC_PASSWORD) not in str(info.value)
    assert f"127.0.0.1:{fault_server.port}" in str(info.value)
    cache.refresh(service, "zoner", "EPSG:3006")
    for path in files_under(cache_dir):
        with open(path, "rb") as handle:
            content = handle.read()
        assert quote(BASIC_PASSWORD).encode() not in content and BASIC_PASSWORD.encode() not in content, path


# --------------------------------------------------------------------------- escaping


HOSTILE = {
    "title": f"Zoner {SCRIPT}",
    "description": f"Beskrivning {IMG} {SCRIPT}",
    "keywords": ["theme:transport", "kind:interest", "year:2030"],
}


def test_service_text_is_escaped_in_the_report(fault_server, cache_dir, tmp_path):
    base = fault_server.ogc(collections={"zoner": HOSTILE},
                            items={"zoner": [zone(0, SCRIPT), zone(1, IMG), zone(2, "Vanlig zon")]})
    profile = profile_for(base)
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    cache = Cache("orebro", str(cache_dir))
    catalog = Catalog.load(profile, service=OgcFeaturesService(base, http), cache=cache)
    dataset = catalog.dataset("zoner")
    assert dataset.title == HOSTILE["title"] and dataset.description == HOSTILE["description"]  # kept as text
    for origin in ("service", "cache"):
        if origin == "cache":
            cache.refresh(OgcFeaturesService(base, http), "zoner", profile.crs)
        data = open_data(profile, http=http, cache=cache, offline=origin == "cache")
        result = run_check(profile, plan_layer(), data, lang="en")
        assert {f.feature_name for f in result.findings} == {SCRIPT, IMG, "Vanlig zon"}
        assert result.datasets["zoner"].origin == origin
        path = tmp_path / f"report-{origin}.html"
        report.write_html(result, str(path), "en")
        result.layers.clear()
        text = path.read_text(encoding="utf-8")
        tags = live_tags(text)
        assert [t for t, _a in tags if t == "script"] == []
        assert [a for t, a in tags if t == "img" and not a.get("src", "").startswith("data:")] == []
        assert not [a for _t, a in tags if any(k.startswith("on") for k in a)]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # there, as text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
        if origin == "service":
            assert "Zoner &lt;script&gt;" in text  # the collection title from the service, as text
        # the CSV is data, not markup: the text is kept as is
        report.write_csv(result, str(tmp_path / f"f-{origin}.csv"))
        assert SCRIPT in (tmp_path / f"f-{origin}.csv").read_text(encoding="utf-8-sig")


def _panel_with_hostile_results(dock, rp_settings, fault_server, tmp_path):
    """The panel loaded from a service with hostile text, after a check: (dock, result rows)."""
    from tests.fixtures.gui_panel import wait_task

    base = fault_server.ogc(collections={"zoner": HOSTILE},
                            items={"zoner": [zone(0, SCRIPT), zone(1, IMG), zone(2, "Vanlig zon")]})
    profile_path = tmp_path / "profile.json"
    profile_path.write_text(json.dumps(profile_for(base).raw), encoding="utf-8")
    settings.PROFILE_SOURCE.set(str(profile_path))  # (rp_settings restores every setting afterwards)
    rp_settings.service(base)
    task = wait_task(dock.load_catalog(), 60)
    assert task.ok, task.message()
    plan = plan_layer()
    QgsProject.instance().addMapLayer(plan)
    dock.review.layer_combo.setLayer(plan)
    index = dock.review.language_combo.findData("en")
    if index >= 0:
        dock.review.language_combo.setCurrentIndex(index)
    task = wait_task(dock.review.run(), 60)
    assert task.ok, task.message()
    rows = dock.review.finding_items()  # the finding rows, under their plan area and severity
    assert len(rows) == 3
    return dock, rows


def _as_qt_shows(text):
    """What a Qt label or tooltip shows for ``text`` (rich text when Qt guesses so), and its HTML."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QTextDocument

    document = QTextDocument()
    if Qt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText(), document.toHtml()


def test_service_text_is_escaped_in_the_panel(rp_dock, rp_settings, fault_server, tmp_path):
    """Catalogue metadata pane and result rows show the service's markup as text."""
    dock, rows = _panel_with_hostile_results(rp_dock, rp_settings, fault_server, tmp_path)
    dock.catalogue.select(["zoner"])
    shown = dock.catalogue.metadata.toPlainText()
    html = dock.catalogue.metadata.toHtml()
    assert SCRIPT in shown and IMG in shown and HOSTILE["title"] in shown
    assert "<script" not in html.lower() and "<img" not in html.lower()
    texts = " ".join(row.text(0) for row in rows)
    assert SCRIPT in texts and IMG in texts  # item text is always plain text in a tree view


def test_result_tooltips_show_service_markup_as_text(rp_dock, rp_settings, fault_server, tmp_path):
    _dock, rows = _panel_with_hostile_results(rp_dock, rp_settings, fault_server, tmp_path)
    for row in rows:
        name = SCRIPT if SCRIPT in row.text(0) else IMG if IMG in row.text(0) else None
        if name is None:
            continue
        shown, html = _as_qt_shows(row.toolTip(0))
        assert name in shown, (row.toolTip(0), shown)
        assert "<img" not in html.lower() and "<script" not in html.lower()


def test_panel_messages_show_service_text_as_text(rp_dock, rp_settings, fault_server, tmp_path, qgis_iface):
    from qgis.core import Qgis
    from qgis.gui import QgsMessageBarItem
    from qgis.PyQt.QtWidgets import QTextBrowser

    from tests.fixtures.gui_panel import wait_task

    title = f"Zoner {IMG} {SCRIPT}"
    base = fault_server.ogc(collections={"zoner": {"title": title, "keywords": ["theme:transport"]}},
                            items={"zoner": [zone(0, "a")]})
    profile_path = tmp_path / "profile.json"
    profile_path.write_text(json.dumps(profile_for(base).raw), encoding="utf-8")
    settings.PROFILE_SOURCE.set(str(profile_path))  # (rp_settings restores every setting afterwards)
    rp_settings.service(base)
    assert wait_task(rp_dock.load_catalog(), 60).ok
    assert wait_task(rp_dock.load_catalog(offline=True), 60).ok  # offline, and "zoner" is not cached
    qgis_iface.messageBar().clear_messages()
    rp_dock.catalogue.add_to_map(["zoner"])
    pushed = [m.split(":", 1)[1] for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)]
    pushed = [text for text in pushed if "not available offline" in text]
    assert pushed, "expected the offline message"
    for text in pushed:
        item = QgsMessageBarItem("Regionplan", text)  # what the real QGIS message bar shows
        browser = item.findChildren(QTextBrowser)[0]
        assert title in browser.toPlainText(), browser.toPlainText()
        assert "<img" not in browser.toHtml().lower()
        item.deleteLater()


FORMULAS = ["=HYPERLINK(\"http://127.0.0.1:9/x\",\"klicka\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def test_service_text_cannot_become_a_formula_in_the_csv(fault_server, cache_dir, tmp_path):
    import csv

    features = [zone(i, name) for i, name in enumerate(FORMULAS)]
    features[1]["id"] = "=1+1"  # an id is service text too
    base = fault_server.ogc(collections={"zoner": {"title": "Zoner"}}, items={"zoner": features})
    profile = profile_for(base)
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    result = run_check(profile, plan_layer(), open_data(profile, http=http, cache=Cache("orebro", str(cache_dir))),
                       lang="en")
    assert {f.feature_name for f in result.findings} == set(FORMULAS)
    path = tmp_path / "findings.csv"
    report.write_csv(result, str(path))
    result.layers.clear()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(FORMULAS) + 1
    live = [cell for row in rows[1:] for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert live == []
    # the text itself is kept (after the neutralising apostrophe)
    names = {row[rows[0].index("feature_name")] for row in rows[1:]}
    assert {name.lstrip("'") for name in names} == set(FORMULAS)


# --------------------------------------------------------------------------- links and redirects


def test_redirect_to_another_host_is_refused_and_gets_no_credentials(basic_auth_server, basic_authcfg, cache_dir):
    base = basic_auth_server.ogc(items={"zoner": [zone(0, "a")]})
    other = basic_auth_server.other_host_url("/collections/zoner/items?f=json")
    basic_auth_server.route("/collections/zoner/items", status=302, headers={"Location": other}, first=True)
    cache = Cache("orebro", str(cache_dir))
    service = OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg=basic_authcfg))
    with pytest.raises(NetworkError) as info:
        cache.refresh(service, "zoner", "EPSG:3006")
    text = str(info.value)
    assert info.value.kind == "redirect" and "redirected to another host (localhost)" in text
    assert "refused for safety" in text
    assert not [r for r in basic_auth_server.requests if r.headers.get("host", "").startswith("localhost")]
    assert cache.entry("zoner") is None


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,x"])
def test_redirect_to_a_non_http_scheme_is_refused(fault_server, cache_dir, target):
    base = fault_server.ogc(items={"zoner": [zone(0, "a")]})
    fault_server.route("/collections", status=301, headers={"Location": target}, first=True)
    cache = Cache("orebro", str(cache_dir))
    cache.save_catalog({"service_url": base, "collections": [{"id": "zoner", "title": "Zoner"}]})
    service = OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg=""))
    catalog = Catalog.load(profile_for(base), service=service, cache=cache)
    assert catalog.from_cache
    scheme = target.split(":")[0]
    assert f"redirected to a '{scheme}' address; only http and https are allowed" in catalog.error


@pytest.mark.parametrize("href", ["file:///etc/passwd", "ftp://127.0.0.1/collections/zoner/items",
                                  "http://localhost:{port}/collections/zoner/items", "javascript:alert(1)"])
def test_items_link_elsewhere_is_not_used(fault_server, cache_dir, href):
    href = href.format(port=fault_server.port)
    base = fault_server.ogc(collections={"zoner": {"links": [{"rel": "items", "type": "application/geo+json",
                                                               "href": href}]}},
                            items={"zoner": [zone(0, "a"), zone(1, "b")]})
    cache = Cache("orebro", str(cache_dir))
    service = OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg=""))
    result = cache.refresh(service, "zoner", "EPSG:3006")
    assert result.entry.feature_count == 2
    assert all(r.headers.get("host", "").startswith("127.0.0.1") for r in fault_server.requests)
    assert fault_server.count("/collections/zoner/items") == 1


# --------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def built_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("zip") / "regionplan_plugin.zip"
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "package.py"), "--out", str(out)], check=True,
                   capture_output=True)
    return out


def test_zip_has_no_tests_environments_caches_or_secrets(built_zip):
    forbidden_parts = ("tests", "test", ".venv", ".venv-service", "venv", "__pycache__", ".pytest_cache",
                       ".ruff_cache", ".hypothesis", ".qgis-settings", ".git", "bench", "dist", "cache", "tmp",
                       "node_modules", ".mypy_cache")
    forbidden_suffixes = (".pyc", ".pyo", ".pem", ".key", ".p12", ".pfx", ".crt", ".env", ".db", ".sqlite",
                          ".log", ".orig", ".rej", ".swp", ".bak", "~")
    with zipfile.ZipFile(built_zip) as archive:
        names = archive.namelist()
        assert names
        for name in names:
            parts = name.split("/")
            code_package = parts[1:-1] == ["core", "cache"] and name.endswith(".py")  # the cache code, not a cache
            assert code_package or not set(parts[1:-1]) & set(forbidden_parts), name
            base = parts[-1].lower()
            assert not base.endswith(forbidden_suffixes), name
            assert not base.startswith("test_") and base not in ("conftest.py", ".env", "qgis-auth.db",
                                                                  "manifest.json", "qgis.ini"), name
            data = archive.read(name)
            for secret in (BASIC_PASSWORD.encode("utf-8"), MASTER_PASSWORD.encode(), TOKEN.encode(),
                           b"-----BEGIN", b"regionplan-tests-", b"qgis-auth.db"):
                assert secret not in data, (name, secret)


# --------------------------------------------------------------------------- rule filters (item 5)


def _filter_profile(text, url="http://127.0.0.1:9/"):
    from tests.fixtures.check_data import profile_dict

    return parse_profile(profile_dict([{"id": "f", "collection": "zones", "filter": text, "relation": "intersects",
                                        "severity": "info"}], url=url))


def test_filters_cannot_reach_the_network(fault_server, check_data):
    """Functions that could fetch a URL (directly, through GDAL's /vsicurl/, through eval or a
    layer URI; load_layer exists from QGIS 3.30) are refused; every allowed filter that names the
    URL is evaluated in a real check, and the loopback server gets no request at all."""
    from regionplan_plugin.core.errors import ProfileError
    from regionplan_plugin.core.sources import LayerData
    from tests.fixtures.check_data import X0, Y0, sq

    fault_server.route("/leak.geojson", body={"type": "FeatureCollection", "features": []})
    url = fault_server.url_for("/leak.geojson")
    vsi = "/vsicurl/" + url
    refused = [
        f"load_layer('{url}', 'ogr') IS NULL", f"exif('{vsi}') IS NULL", f"file_exists('{vsi}')",
        f"file_size('{vsi}') > 0", f"raster_value('{vsi}', 1, $geometry) IS NULL",
        f"layer_property('{vsi}', 'name') IS NULL", f"get_feature('{vsi}', 'a', 1) IS NULL",
        f"aggregate('{vsi}', 'count', \"namn\") > 0", f"eval('file_size(''{vsi}'')') > 0",
        f"eval_template('[% file_size(''{vsi}'') %]') = '0'", f"is_layer_visible('{vsi}')",
        f"sqlite_fetch_and_increment('{vsi}', 't', 'c', 'f', 1, 0) = 1",
        f"array_foreach(array('{vsi}'), file_exists(@element)) IS NULL",
        f"represent_value(\"namn\", '{vsi}') IS NULL", f"attribute(get_feature('{vsi}', 'a', 1), 'a') = 1",
    ]
    for text in refused:
        assert check_filter_problem(text), text
        with pytest.raises(ProfileError):
            _filter_profile(text)
    allowed = [
        f"\"namn\" = '{url}' OR \"klass\" = 'a'", f"\"namn\" LIKE '%{vsi}%' OR \"klass\" = 'a'",
        f"regexp_match('{url}', 'http') > 0 AND \"klass\" = 'a'", f"length('{vsi}') > 0 AND \"klass\" = 'a'",
        f"coalesce(NULL, '{url}') <> \"namn\" AND \"klass\" = 'a'", f"to_string('{vsi}') IS NOT NULL",
        f"try(to_int('{url}'), 0) = 0 AND \"klass\" = 'a'", f"concat('{vsi}', \"namn\") <> ''",
    ]
    data = LayerData.from_geopackage(check_data["gpkg"], "EPSG:3006", collections=["zones"])
    plan = QgsVectorLayer("Polygon?crs=EPSG:3006&field=namn:string", "p", "memory")
    feature = QgsFeature(plan.fields())
    feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON({sq(X0, Y0, 1000)})"))
    plan.dataProvider().addFeatures([feature])
    try:
        for text in allowed:
            assert not check_filter_problem(text), text
            result = run_check(_filter_profile(text), plan, data, lang="en")
            assert result.findings, text  # the filter really ran against the features
            result.layers.clear()
    finally:
        data.layers.clear()
        data._ready.clear()
    assert fault_server.requests == []


def check_filter_problem(text):
    from regionplan_plugin.core.profile import check_filter

    return check_filter(text, "f")


def test_fuzzed_filters_naming_a_url_make_no_request(fault_server):
    """Hypothesis: any filter built from the allowlist around a loopback URL, evaluated on a
    feature, never makes a request (and anything else is refused before it could run)."""
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hsettings
    from hypothesis import strategies as st
    from qgis.core import QgsExpression, QgsExpressionContext, QgsFields

    from regionplan_plugin.core.profile import SAFE_FUNCTIONS
    from regionplan_plugin.core.util import new_field

    fault_server.route("/x", body={})
    url = fault_server.url_for("/x")
    fields = QgsFields()
    fields.append(new_field("namn", "text"))
    feature = QgsFeature(fields)
    feature.setAttributes([url])
    feature.setGeometry(QgsGeometry.fromWkt("POINT(1 2)"))
    names = sorted(n for n in SAFE_FUNCTIONS if not n.startswith("$")) + ["file_exists", "exif", "env", "eval"]
    arguments = st.sampled_from([f"'{url}'", f"'/vsicurl/{url}'", "\"namn\"", "1", "$geometry", "NULL"])

    unsafe = {"file_exists", "exif", "env", "eval"}

    @hsettings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.sampled_from(names), st.lists(arguments, min_size=0, max_size=3), st.sampled_from(["=", "<>", "LIKE"]))
    def run(name, args, op):
        text = f"{name}({', '.join(args)}) {op} '{url}'"
        problem = check_filter_problem(text)
        if name in unsafe:
            assert problem is not None, text
        if problem is None:
            context = QgsExpressionContext()
            context.setFeature(feature)
            QgsExpression(text).evaluate(context)
        evaluated.append(problem is None)

    evaluated = []
    run()
    assert any(evaluated) and not all(evaluated)
    assert fault_server.requests == []
