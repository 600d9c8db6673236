"""The dock panel against the real reference service (pygeoapi on loopback)."""

import os
import subprocess
import sys

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from tests.fixtures.base import ROOT, free_port, stop_process, wait_http
from tests.fixtures.gui_panel import wait_task, wait_tasks_done, wait_until

DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")
SERVICE_PY = os.path.join(ROOT, ".venv-service", "bin", "python")


def _loaded(dock, url, rp_settings):
    rp_settings.service(url)
    task = wait_task(dock.load_catalog(), 90)
    assert task.ok, task.message()
    assert dock.session is not None
    return dock


def _visible_titles(dock):
    tree = dock.catalogue.tree
    titles = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        titles += [top.child(j).text(0) for j in range(top.childCount())]
    return titles


def _plan_layer():
    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plan_samples", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_catalogue_loads_and_filters(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    assert dock.status_label.text().startswith("Online")
    titles = _visible_titles(dock)
    assert "Jordbruksmark" in titles and "Kommuner i Örebro län" in titles
    assert dock.catalogue.tree.topLevelItemCount() >= 3  # grouped by theme
    # Live search ignores case and diacritics: "GRON" finds "Grön infrastruktur och natur".
    dock.catalogue.search_edit.setText("GRON infra")
    assert _visible_titles(dock) == ["Grön infrastruktur och natur"]
    dock.catalogue.search_edit.setText("stråk")
    assert sorted(_visible_titles(dock)) == sorted([
        "RUS strukturbild persontransporter 2030 – stråk", "RUS strukturbild gods och logistik 2030 – stråk"])
    dock.catalogue.search_edit.setText("")
    combo = dock.catalogue.year_combo
    combo.setCurrentIndex(combo.findData(2050))
    assert sorted(_visible_titles(dock)) == ["ÖMS 2050 – kopplingar", "ÖMS 2050 – regionala kärnor"]
    assert {r[1] for r in _rows(dock)} == {"2050"}
    # The metadata pane shows the description, escaped.
    dock.catalogue.select(["oms_2050_karnor"])
    text = dock.catalogue.metadata.toPlainText()
    assert "Regional cores of the spatial structure 2050" in text
    assert "oms_2050_karnor" in text  # source URL


def _rows(dock):
    tree = dock.catalogue.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows += [[top.child(j).text(c) for c in range(3)] for j in range(top.childCount())]
    return rows


def test_add_layer_with_style_metadata_and_group(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    dock.catalogue.select(["rus_person_2030_strak"])
    dock.catalogue.add_selected()
    wait_until(lambda: QgsProject.instance().mapLayersByName("RUS strukturbild persontransporter 2030 – stråk"),
               60, "the layer on the map")
    wait_tasks_done()
    layer = QgsProject.instance().mapLayersByName("RUS strukturbild persontransporter 2030 – stråk")[0]
    assert layer.isValid() and layer.featureCount() > 0
    assert layer.providerType() == "OAPIF"  # not cached: live from the service
    renderer = layer.renderer()
    assert renderer.type() in ("categorizedSymbol", "RuleRenderer")
    if renderer.type() == "categorizedSymbol":
        assert {str(c.value()) for c in renderer.categories()} >= {"primar", "sekundar"}
    meta = layer.metadata()
    assert meta.title() == "RUS strukturbild persontransporter 2030 – stråk"
    assert "passenger transport corridors" in meta.abstract()
    assert any("collections/rus_person_2030_strak" in link.url for link in meta.links())
    assert meta.licenses() and "CC0" in meta.licenses()[0]
    # the collection's licence and describedby links (pygeoapi) reach the layer metadata
    links = {(link.name, link.url) for link in meta.links()}
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in {url for _name, url in links}
    assert ("Region Örebro län – regional development (demo data, not official)",
            "https://www.regionorebrolan.se/") in links
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    assert node.parent().parent().name() in ("Region Örebro län", "Region Örebro County")
    assert node.parent().name() in ("Transport and corridors", "Transporter och stråk")


def _start_own_service(port):
    proc = subprocess.Popen([SERVICE_PY, os.path.join(ROOT, "scripts", "serve.py"), "--port", str(port),
                             "--exit-with-parent"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url + "collections?f=json", 90, proc)
    except Exception:
        stop_process(proc)
        raise
    return proc, url


def test_offline_copy_survives_service_stop(rp_dock, rp_settings, qgis_iface):
    if not os.path.exists(SERVICE_PY):
        pytest.skip("the pygeoapi venv is missing (make venv-service)")
    proc, url = _start_own_service(free_port())
    try:
        dock = _loaded(rp_dock, url, rp_settings)
        task = wait_task(dock.catalogue.make_offline(["vattenskydd"]), 90)
        assert task.ok, task.message()
        from regionplan_plugin.core import vocabulary

        assert dock.session.statuses["vattenskydd"] != vocabulary.MISSING
    finally:
        stop_process(proc)
    qgis_iface.messageBar().clear_messages()
    task = wait_task(dock.load_catalog(), 90)
    assert task.ok, task.message()
    assert dock.session.offline
    assert dock.status_label.text().startswith("Offline – data from 20")
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert len([m for m in warnings if "cannot be reached" in m]) == 1
    assert "Vattenskyddsområden" in _visible_titles(dock)  # the cached catalogue
    item = dock.catalogue.item_for("vattenskydd")
    dock.catalogue.tree.itemDoubleClicked.emit(item, 0)  # double-click adds too
    added = QgsProject.instance().mapLayersByName("Vattenskyddsområden")
    assert len(added) == 1 and added[0].providerType() == "ogr" and added[0].featureCount() > 0
    # A dataset that was never cached: one clear message, nothing added.
    assert dock.catalogue.add_to_map(["jordbruksmark"]) == []
    assert any("not available offline" in m for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning))


_PROVIDERS = []


def _drop_registered_provider():
    """A plugin registers its own provider: remove one that a test registered before."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.providerById("regionplan") is not None:
        registry.removeProvider("regionplan")
    _PROVIDERS.clear()


def _findings_set(features):
    return sorted((f["severity"], f["rule_id"], int(f["plan_fid"]), str(f["feature_id"] or "")) for f in features)


def test_review_matches_processing(rp_dock, rp_settings, pygeoapi_service, qgis_processing, tmp_path):
    pytest.importorskip("regionplan_plugin.processing.checkplan")
    import processing
    from qgis.core import QgsApplication

    from regionplan_plugin.processing.provider import RegionplanProvider

    if QgsApplication.processingRegistry().providerById("regionplan") is None:
        # Keep the Python object alive: the registry does not, and a collected provider
        # leaves a C++ shell without algorithms.
        _PROVIDERS.append(RegionplanProvider())
        QgsApplication.processingRegistry().addProvider(_PROVIDERS[-1])
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    plan = _plan_layer()
    dock.review.layer_combo.setLayer(plan)
    dock.review.language_combo.setCurrentIndex(dock.review.language_combo.findData("en"))
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    rows = sorted(dock.review.finding_rows())
    assert rows
    out = processing.run("regionplan:checkplan", {
        "PLAN": plan, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "memory:"})
    assert _findings_set(out["OUTPUT"].getFeatures()) == rows
    # Counts per severity and verdict in the panel; the table is grouped by severity.
    summary = dock.review.summary.text()
    assert f"Conflict: {out['CONFLICTS']}" in summary and f"Attention: {out['ATTENTION']}" in summary
    # the verdict in the report's words (core/vocabulary.py), not a panel-only wording
    from regionplan_plugin.core import vocabulary

    counts = {"conflict": out["CONFLICTS"], "attention": out["ATTENTION"]}
    assert summary.splitlines()[0] == vocabulary.verdict_text(vocabulary.verdict(counts)) == \
        task.result.verdict_text("en")
    # one group per plan area, the severities within it
    tops = [dock.review.results.topLevelItem(i) for i in range(dock.review.results.topLevelItemCount())]
    assert len(tops) == plan.featureCount()
    assert tops[0].text(0).startswith(task.result.plan_features[0].label("en"))
    # The findings on the map, styled by severity.
    group = QgsProject.instance().layerTreeRoot().findGroup("Findings")
    layers = [node.layer() for node in group.findLayers()]
    assert layers and sum(layer.featureCount() for layer in layers) == len(rows)
    for layer in layers:
        assert layer.renderer().type() == "categorizedSymbol"
        assert {c.value() for c in layer.renderer().categories()} >= {"conflict", "attention"}
    # Double-click zooms and flashes.
    geometry = dock.review.zoom_to(dock.review.finding_items()[0].data(0, Qt.ItemDataRole.UserRole))
    assert geometry is not None
    assert dock.iface.mapCanvas().extent().intersects(geometry.boundingBox())
    # Export: HTML report and CSV findings.
    html = dock.review.export("html", str(tmp_path / "report.html"))
    assert html and "<html" in open(html, encoding="utf-8").read().lower()
    gpkg = dock.review.export("gpkg", str(tmp_path / "findings.gpkg"))
    assert QgsVectorLayer(gpkg + "|layername=findings", "f", "ogr").featureCount() == len(rows)
    csv_path = dock.review.export("csv", str(tmp_path / "findings.csv"))
    with open(csv_path, encoding="utf-8") as handle:
        assert len(handle.read().strip().splitlines()) == len(rows) + 1


def test_switching_off_a_rule(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    plan = _plan_layer()
    dock.review.layer_combo.setLayer(plan)
    rules = [r.id for r in dock.session.profile.rules]
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    used = {r[1] for r in dock.review.finding_rows()}
    off = sorted(used)[0]
    dock.review.set_rule_enabled(off, False)
    assert dock.review.disabled_rules() == [off] and off in rules
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    assert off not in {r[1] for r in dock.review.finding_rows()}
    assert task.result.disabled_rules == [off]


def test_plan_layer_combo_offers_polygons_only(rp_dock, rp_clean_project):
    points = QgsVectorLayer("Point?crs=EPSG:3006", "points", "memory")
    polygons = QgsVectorLayer("Polygon?crs=EPSG:3006", "polygons", "memory")
    QgsProject.instance().addMapLayers([points, polygons])
    combo = rp_dock.review.layer_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "polygons" in names and "points" not in names


def test_cancel_a_running_task(rp_dock, rp_settings, fault_server):
    base = fault_server.ogc(collections={}, items={})
    fault_server.route("/collections", body={"collections": []}, delay_s=30, first=True)
    rp_settings.service(base)
    task = rp_dock.load_catalog()
    wait_until(lambda: fault_server.count("/collections") > 0 or task.done, 20, "the request")
    rp_dock.task_cancel.click()
    wait_task(task, 20)
    assert task.canceled and not task.ok
    assert rp_dock.message_label.text().startswith("Cancelled")
    assert rp_dock.running() == []


def test_unload_while_a_task_runs(qgis_iface, rp_settings, rp_clean_project, pygeoapi_service, fault_server):
    """Unload the plugin while a download runs: no crash, the cache keeps no half-written copy."""
    pytest.importorskip("regionplan_plugin.processing.checkplan")
    import regionplan_plugin

    rp_settings.service(pygeoapi_service)
    _drop_registered_provider()
    plugin = regionplan_plugin.classFactory(qgis_iface)
    plugin.initGui()
    dock = plugin.show_dock()
    wait_task(dock.load_task or dock.load_catalog(), 90)
    assert dock.session is not None
    # Items come from a slow server: the download is in flight when the plugin goes away.
    slow = fault_server.ogc(collections={"vattenskydd": {"title": "Vattenskyddsområden"}},
                            items={"vattenskydd": []})
    fault_server.route("/collections/vattenskydd/items", body={"type": "FeatureCollection", "features": []},
                       delay_s=30, first=True)
    from regionplan_plugin.core.service import OgcFeaturesService

    dock.session.service = OgcFeaturesService(slow, dock.session.http)
    task = dock.catalogue.make_offline(["vattenskydd"])
    wait_until(lambda: fault_server.count("/collections/vattenskydd/items") > 0, 20, "the download to start")
    plugin.unload()
    wait_tasks_done(30)
    assert task.done and not task.ok
    assert plugin.dock is None
    cache_root = str(rp_settings.cache)
    leftovers = [os.path.join(b, n) for b, _d, files in os.walk(cache_root) for n in files if n.endswith(".gpkg")]
    assert leftovers == []


def test_settings_dialog_round_trip(rp_settings, qgis_iface):
    from regionplan_plugin.core import settings
    from regionplan_plugin.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(qgis_iface.mainWindow())
    assert dialog.profile_bundled.isChecked()
    dialog.profile_url.setChecked(True)
    dialog.profile_url_edit.setText("https://example.invalid/profile.json")
    dialog.service_url_edit.setText("http://127.0.0.1:9/")
    dialog.timeout_spin.setValue(12)
    dialog.cache_widget.setFilePath("/tmp/rp-cache")
    dialog.accept()
    assert settings.PROFILE_SOURCE.value() == "https://example.invalid/profile.json"
    assert settings.SERVICE_URL.value() == "http://127.0.0.1:9/"
    assert settings.TIMEOUT_S.value() == 12
    assert settings.CACHE_DIR.value() == "/tmp/rp-cache"
    again = SettingsDialog()
    assert again.profile_url.isChecked() and again.timeout_spin.value() == 12


def test_settings_dialog_has_an_authentication_per_source(rp_settings, qgis_iface, basic_authcfg):
    from regionplan_plugin.core import settings
    from regionplan_plugin.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(qgis_iface.mainWindow())  # the bundled profile (version 2): region and lst
    assert list(dialog.source_selects) == ["region", "lst"]
    dialog.source_selects["lst"].setConfigId(basic_authcfg)
    dialog.accept()
    try:
        assert settings.source_authcfgs("orebro") == {"lst": basic_authcfg}
        again = SettingsDialog()
        assert again.source_selects["lst"].configId() == basic_authcfg
    finally:
        settings.set_source_authcfg("orebro", "lst", "")


_TS = os.path.join(ROOT, "i18n", "regionplan_sv.ts")


def _panel_translated() -> bool:
    """True once the .ts has a finished Swedish translation of the panel's tab title."""
    import xml.etree.ElementTree as ET

    if not os.path.exists(_TS):
        return False
    for message in ET.parse(_TS).getroot().iter("message"):
        if message.findtext("source") == "Catalogue":
            translation = message.find("translation")
            return translation is not None and bool(translation.text) and translation.get("type") != "unfinished"
    return False


def test_panel_in_swedish(qgis_iface, rp_settings, rp_clean_project):
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core import i18n
    from regionplan_plugin.gui.dock import RegionplanDock

    settings = QgsSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "sv_SE")
    translator = i18n.install_translator()
    try:
        assert translator is not None, "no compiled Swedish translation (make translations)"
        dock = RegionplanDock(qgis_iface)
        dock._first_show = False
        assert dock.tabs.tabText(0) == "Katalog"
        assert dock.tabs.tabText(1) == "Avstämning"
        assert dock.catalogue.add_button.text() != "Add to map"
        dock.shutdown()
        dock.deleteLater()
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
        settings.setValue("locale/overrideFlag", old[0] or False)
        settings.setValue("locale/userLocale", old[1] or "")


def test_no_network_before_the_panel_opens(qgis_iface, rp_settings, fault_server):
    """Loading the plugin and creating its GUI asks nothing of the service."""
    pytest.importorskip("regionplan_plugin.processing.checkplan")
    import regionplan_plugin

    rp_settings.service(fault_server.ogc(collections={}, items={}))
    _drop_registered_provider()
    plugin = regionplan_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        wait_until(lambda: True, 1)
        assert fault_server.requests == []
        assert plugin.dock is None
    finally:
        plugin.unload()
    assert sys.modules.get("regionplan_plugin.gui.dock") is None or plugin.dock is None


def test_service_text_is_shown_escaped(rp_dock, rp_settings, fault_server):
    from tests.fixtures.faults import HOSTILE_TEXT

    base = fault_server.ogc(collections={"evil": {
        "title": "Evil " + HOSTILE_TEXT, "description": HOSTILE_TEXT,
        "keywords": ["theme:transport", "kind:interest", "year:2024"],
        "links": [{"rel": "license", "href": "javascript:alert(1)", "title": HOSTILE_TEXT}]}})
    dock = _loaded(rp_dock, base, rp_settings)
    dock.catalogue.select(["evil"])
    html = dock.catalogue.metadata.toHtml()
    text = dock.catalogue.metadata.toPlainText()
    assert '<script>alert("x")</script>' in text  # shown as text...
    assert "<script" not in html.lower() and "onerror=" not in html.replace("onerror=&quot;", "")
    assert "javascript:" not in html  # ...and no link that runs code


def _point(fid, x, y):
    return {"type": "Feature", "id": fid, "properties": {"namn": f"Punkt {fid}"},
            "geometry": {"type": "Point", "coordinates": [x, y]}}


def test_check_for_updates_refresh_and_remove(rp_dock, rp_settings, fault_server):
    from regionplan_plugin.core import vocabulary
    from regionplan_plugin.gui import icons

    features = [_point("a", 15.2, 59.3)]
    base = fault_server.ogc(
        collections={"punkter": {"title": "Punkter", "keywords": ["theme:transport", "kind:knowledge", "year:2024"]}},
        items={"punkter": features}, etag=True)
    dock = _loaded(rp_dock, base, rp_settings)
    task = wait_task(dock.catalogue.make_offline(["punkter"]), 30)
    assert task.ok, task.message()
    wait_tasks_done()
    assert dock.session.statuses["punkter"] == vocabulary.FRESH
    assert dock.catalogue.item_for("punkter").toolTip(0).endswith(icons.status_label(vocabulary.FRESH))
    features.append(_point("b", 15.3, 59.4))  # the service changes
    task = wait_task(dock.catalogue.check_updates(), 30)
    assert task.ok, task.message()
    assert dock.session.statuses["punkter"] == vocabulary.STALE
    assert dock.message_label.text() == "1 of 1 cached dataset has updates."
    assert dock.catalogue.refresh_button.isEnabled()
    task = wait_task(dock.catalogue.refresh_stale(), 30)
    assert task.ok, task.message()
    wait_tasks_done()
    assert dock.session.cache.entry("punkter").feature_count == 2
    assert dock.session.statuses["punkter"] == vocabulary.FRESH
    dock.catalogue.select(["punkter"])
    text = dock.catalogue.metadata.toPlainText()
    assert "Cached copy from" in text and "age: 0 minutes" in text and "Features\n2" in text
    added = dock.catalogue.add_to_map(["punkter"])  # fresh: straight from the cache
    assert len(added) == 1 and added[0].providerType() == "ogr" and added[0].featureCount() == 2
    dock.catalogue.select(["punkter"])
    dock.catalogue.remove_selected()
    assert dock.session.cache.entry("punkter") is None
    assert dock.session.statuses["punkter"] == vocabulary.MISSING


def test_offline_copy_limited_to_a_municipality(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    task = wait_task(dock.catalogue.make_offline(["kommuner"]), 60)
    assert task.ok, task.message()
    wait_tasks_done()
    combo = dock.catalogue.area_combo
    index = combo.findData("kommun:Nora")
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    box = dock.catalogue.area_bbox()
    everything = dock.session.cache.layer("kommuner").extent()
    assert everything.contains(box) and box.area() < everything.area() / 4
    task = wait_task(dock.catalogue.make_offline(["jordbruksmark"]), 60)
    assert task.ok, task.message()
    limited = dock.session.cache.layer("jordbruksmark")
    assert 0 < limited.featureCount()
    assert all(f.geometry().boundingBox().intersects(box) for f in limited.getFeatures())


def test_closing_the_panel_cancels_its_task(rp_dock, rp_settings, fault_server):
    base = fault_server.ogc(collections={}, items={})
    fault_server.route("/collections", body={"collections": []}, delay_s=30, first=True)
    rp_settings.service(base)
    rp_dock.show()
    task = rp_dock.load_catalog()
    wait_until(lambda: fault_server.count("/collections") > 0, 20, "the request")
    rp_dock.close()
    wait_task(task, 20)
    assert task.canceled and rp_dock.session is None


def test_a_bad_profile_is_one_clear_message(rp_dock, rp_settings, qgis_iface, tmp_path):
    from regionplan_plugin.core import settings

    broken = tmp_path / "profile.json"
    broken.write_text('{"schema": "regionplan-profile/1", "id": "x"', encoding="utf-8")
    settings.PROFILE_SOURCE.set(str(broken))
    task = wait_task(rp_dock.load_catalog(), 30)
    assert not task.ok
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert len(warnings) == 1 and "Traceback" not in warnings[0]
    assert rp_dock.status_label.text() == task.message() and str(broken.name) in task.message()


def test_cancel_the_check(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    dock.review.layer_combo.setLayer(_plan_layer())
    task = dock.review.run()
    assert dock.review.cancel_button.isEnabled() and not dock.review.run_button.isEnabled()
    dock.review.cancel_button.click()
    wait_task(task, 60)
    assert task.canceled and not task.ok
    assert dock.review.summary.text() == "Cancelled."
    assert dock.review.run_button.isEnabled() and not dock.review.cancel_button.isEnabled()
    assert dock.review.results.topLevelItemCount() == 0


def test_run_without_a_plan_layer_says_what_to_do(rp_dock, rp_settings, pygeoapi_service, qgis_iface):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    qgis_iface.messageBar().clear_messages()
    assert dock.review.run() is None
    assert qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning) == [
        "Regionplan:Choose a plan layer with polygons first."]


def test_one_failing_dataset_does_not_stop_the_others(rp_dock, rp_settings, pygeoapi_service, qgis_iface):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    qgis_iface.messageBar().clear_messages()
    task = wait_task(dock.catalogue.make_offline(["no_such_collection", "vattenskydd"]), 60)
    assert task.ok, task.message()
    assert [cid for cid, _status in task.result] == ["vattenskydd"]
    assert dock.session.cache.entry("vattenskydd").feature_count > 0
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert len(warnings) == 1 and "1 dataset could not be downloaded:" in warnings[0]


def test_selected_features_only(rp_dock, rp_settings, pygeoapi_service):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    plan = _plan_layer()
    torsjo = [f.id() for f in plan.getFeatures() if "Törsjö" in f["name"]]
    assert len(torsjo) == 1
    plan.selectByIds(torsjo)
    dock.review.layer_combo.setLayer(plan)
    dock.review.selected_only.setChecked(True)
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    rows = dock.review.finding_rows()
    assert rows and {row[2] for row in rows} == set(torsjo)
    # Nothing selected: one clear message, no task.
    plan.removeSelection()
    assert dock.review.run() is None


def test_settings_button_reloads_the_catalogue(rp_dock, rp_settings, pygeoapi_service, fault_server):
    from qgis.PyQt.QtWidgets import QApplication

    from regionplan_plugin.core import settings

    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    assert "Jordbruksmark" in _visible_titles(dock)
    other = fault_server.ogc(collections={"punkter": {"title": "Punkter", "keywords": ["theme:transport"]}})
    dock.settings_button.click()  # returns at once: a window-modal dialog, no nested event loop
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.isVisible() and dialog.parent() is dock
    assert "Jordbruksmark" in _visible_titles(dock)  # nothing changes before the dialog is accepted
    dialog.service_url_edit.setText(other)
    dialog.accept()
    assert settings.SERVICE_URL.value() == other
    wait_until(lambda: _visible_titles(dock) == ["Punkter"], 30, "the new catalogue")


def test_service_lost_mid_session_switches_to_offline(rp_dock, rp_settings, fault_server, qgis_iface):
    base = fault_server.ogc(
        collections={"punkter": {"title": "Punkter", "keywords": ["theme:transport", "year:2024"]}},
        items={"punkter": [_point("a", 15.2, 59.3)]})
    dock = _loaded(rp_dock, base, rp_settings)
    assert dock.status_label.text().startswith("Online")
    fault_server.close()  # the service goes away
    qgis_iface.messageBar().clear_messages()
    dock.catalogue.add_to_map(["punkter"])
    wait_tasks_done(60)
    assert dock.session.offline
    assert dock.status_label.text().startswith("Offline – data from 20")
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert len(warnings) == 1 and "cannot be reached" in warnings[0] and "Traceback" not in warnings[0]
    assert not QgsProject.instance().mapLayersByName("Punkter")
