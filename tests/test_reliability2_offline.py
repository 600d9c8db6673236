"""Issue 11, item 15 in every entry point: offline means no request at all. A fault server
counts what reaches it: it serves the profile URL (then only a captive portal's login page)
and passes every other request on to the reference service."""

import json
import urllib.parse
import urllib.request

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer

from regionplan_plugin.core import settings
from tests.fixtures.gui_panel import wait_task
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH

pytestmark = pytest.mark.timeout(240)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PORTAL = "<html><body>Log in to the hotel Wi-Fi</body></html>"


def _profile_then_portal(fault_server, service_url):
    """``/profile.json`` once (the bundled profile), then the portal's page; every other path
    passed on to ``service_url``. Returns the profile URL and the service URL to use."""
    fault_server.route("/profile.json", body=json.loads(open(PROFILE_PATH, encoding="utf-8").read()), times=1)
    fault_server.route("/profile.json", body=PORTAL, content_type="text/html")

    here = fault_server.url_for("/service").encode()

    def passing_on(request):  # links in the answers point here too
        path = request.path[len("/service"):] if request.path.startswith("/service") else request.path
        query = urllib.parse.urlencode([(k, v) for k, vs in request.query.items() for v in vs])
        with OPENER.open(service_url.rstrip("/") + path + ("?" + query if query else ""), timeout=60) as answer:
            body = answer.read().replace(service_url.rstrip("/").encode(), here)
            return {"body": body, "content_type": answer.headers.get("Content-Type")}

    fault_server.route("*", handler=passing_on)
    return fault_server.url_for("/profile.json"), fault_server.url_for("/service/")


def test_r2_15_the_panel_offline_sends_no_request(rp_dock, rp_settings, pygeoapi_service, fault_server, qgis_iface,
                                                  tmp_path):
    profile_url, service = _profile_then_portal(fault_server, pygeoapi_service)
    settings.PROFILE_SOURCE.set(profile_url)
    rp_settings.service(service)
    dock = rp_dock
    task = wait_task(dock.load_catalog(), 90)  # online once: the profile's copy is kept
    assert task.ok, task.message()
    assert not dock.session.offline
    ids = [dataset.id for dataset in dock.session.catalog.search()]
    task = wait_task(dock.catalogue.make_offline(ids), 180)
    assert task.ok, task.message()
    assert not task.result.failed and len(task.result) == len(ids), (task.result, task.result.failed, ids)
    # in the field: the plugin set to offline, behind a captive portal
    settings.OFFLINE.set(True)
    fault_server.clear_log()
    task = wait_task(dock.load_catalog(), 90)
    assert task.ok, task.message()
    assert dock.session.offline
    plan = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plan_samples", "ogr")
    QgsProject.instance().addMapLayer(plan)
    dock.review.layer_combo.setLayer(plan)
    dock.review.language_combo.setCurrentIndex(dock.review.language_combo.findData("en"))
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    assert dock.review.finding_rows()
    assert dock.review.export("html", str(tmp_path / "report.html"))
    assert dock.review.export("pdf", str(tmp_path / "report.pdf"))
    added = dock.catalogue.add_to_map(ids[:2])
    assert len(added) == 2
    assert fault_server.paths() == []
    errors = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical)
    assert not [m for m in errors if "JSON" in m], errors


def test_r2_15_importplan_offline_reads_the_kept_profile(provider, plain_settings, fault_server, tmp_path):
    """regionplan:importplan with a profile URL, the plugin set to work offline, behind a
    captive portal: the profile's kept copy gives the CRS, and no request is sent."""
    import os

    import processing

    from regionplan_plugin.core.profile import load_profile
    from tests.fixtures.base import ROOT

    text = open(PROFILE_PATH, encoding="utf-8").read().replace('"crs": "EPSG:3006"', '"crs": "EPSG:3010"', 1)
    fault_server.route("/profile.json", body=json.loads(text), times=1)
    fault_server.route("/profile.json", body=PORTAL, content_type="text/html")
    url = fault_server.url_for("/profile.json")
    assert load_profile(url).crs == "EPSG:3010"  # online once: the copy is kept
    settings.OFFLINE.set(True)
    fault_server.clear_log()
    out = processing.run("regionplan:importplan", {
        "INPUT": os.path.join(ROOT, "tests", "data", "plans", "dp_multi.json"), "MODE": 1, "PROFILE": url,
        "OUTPUT": "TEMPORARY_OUTPUT"})
    assert out["OUTPUT"].crs().authid() == "EPSG:3010" and out["OUTPUT"].featureCount() == 5
    assert fault_server.paths() == []
