"""Issue 11, items 2, 4 and 5: the HTTP client under a spinning main thread, a service that
asks to be left alone for a day, and a body that trickles in byte by byte.

Real servers on loopback (``fault_server``); nothing of our own code is mocked.
"""

import os
import subprocess
import sys
import time

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile, parse_profile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY = 86400


def _plan():
    plan = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Plan", "memory")
    feature = QgsFeature(plan.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((15.2 59.26,15.22 59.26,15.22 59.28,15.2 59.28,15.2 59.26))"))
    plan.dataProvider().addFeatures([feature])
    return plan


def _two_rule_profile(base):
    rule = {"id": "r1", "title": {"sv": "R", "en": "R"}, "collection": "a", "relation": "within_distance",
            "distance_m": 100, "severity": "info", "message": {"sv": "M", "en": "M"}}
    return parse_profile({
        "schema": "regionplan-profile/1", "id": "orebro", "name": {"sv": "Test", "en": "Test"},
        "service": {"type": "ogcapi-features", "url": base}, "crs": "EPSG:3006",
        "rules": [rule, dict(rule, id="r2", collection="b")],
    })


def _refusal_text(error, server):
    text = str(error)
    assert isinstance(error, NetworkError) and error.kind == "refused"
    assert text.startswith(f"The server {server} refuses requests for now (HTTP 429) and asks to wait 24 hours. ")
    assert "Nothing more is asked of it until " in text and "Traceback" not in text and "\n" not in text
    return text


# --------------------------------------------------------------------------- item 2


@pytest.mark.timeout(150)
def test_r2_02_many_requests_from_tasks_while_the_main_thread_spins(tmp_path):
    """One task doing 600 GETs while the main thread runs processEvents(); sleep(0.01), then two
    concurrent forced refreshes, in a child process: an exception in a slot would abort it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-m", "tests.helpers.http_stress_proc", str(tmp_path / "cache"),
                           "--gets", "600", "--refreshes", "3"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=140)
    assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
    assert "wrapped C/C++ object" not in done.stderr
    assert "GETS 600 0" in done.stdout, done.stdout + done.stderr[-3000:]
    assert "REFRESHES 6 0" in done.stdout, done.stdout + done.stderr[-3000:]


@pytest.mark.timeout(170)
def test_r2_02_requests_sent_ahead_from_tasks_while_the_main_thread_spins(tmp_path):
    """The paged sources' requests sent ahead (``get_ahead``), half of them abandoned in flight,
    from two tasks while the main thread runs processEvents(); sleep(0.01): every one answered,
    and the child process exits normally, three times. (It crashed in about one run of seven,
    in PyQt's search among a new reply's children for QGIS's timeout timer.)"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", PYTHONPATH=ROOT)
    for _ in range(3):
        done = subprocess.run([sys.executable, "-m", "tests.helpers.http_stress_proc", str(tmp_path / "cache"),
                               "--gets", "0", "--refreshes", "0", "--ahead", "400"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=50)
        assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
        assert "wrapped C/C++ object" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
        assert "AHEAD 800 0" in done.stdout, done.stdout + done.stderr[-3000:]


@pytest.mark.timeout(90)
def test_r2_02_tasks_fetching_at_once_while_qgis_runs_its_event_loop():
    """Four tasks fetching at once, again and again for 15 s, while the main thread runs
    app.exec_() as QGIS does: every request answered and the process exits normally (each thread
    has a plain network manager of its own; see core/http/qtnet.py)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-m", "tests.helpers.http_concurrency_proc", "--tasks", "4",
                           "--seconds", "15"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=80)
    assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
    counts = next(line.split()[1:] for line in done.stdout.splitlines() if line.startswith("CONCURRENT "))
    answered, failed, tasks = (int(n) for n in counts)
    assert failed == 0 and answered > 1000 and tasks >= 20, (counts, done.stderr[-3000:])


# --------------------------------------------------------------------------- item 4


@pytest.mark.timeout(30)
@pytest.mark.parametrize("status", [429, 503])
def test_r2_04_long_retry_after_fails_at_once_and_the_origin_is_remembered(fault_server, status):
    fault_server.route("/a", status=status, retry_after=DAY, body={})
    fault_server.route("/b", body={"ok": 1})
    client = HttpClient(timeout_s=5, retries=2, backoff_s=0.5, authcfg="")
    start = time.monotonic()
    with pytest.raises(NetworkError) as first:
        client.get(fault_server.url_for("/a"))
    assert time.monotonic() - start < 1.0  # no sleeping
    text = str(first.value)
    assert first.value.kind == "refused" and first.value.status == status and first.value.retry_after == DAY
    assert text.startswith(f"The server {fault_server.url} refuses requests for now (HTTP {status}) and asks to "
                           "wait 24 hours. Nothing more is asked of it until ")
    # the rest of the run: nothing more reaches that server, whatever the document
    for path in ("/a", "/b", "/collections?f=json"):
        with pytest.raises(NetworkError) as again:
            client.get(fault_server.url_for(path))
        assert again.value.kind == "refused" and str(again.value) == text
    assert fault_server.paths() == ["/a"]
    assert time.monotonic() - start < 1.5
    # another client (another run) asks again
    assert HttpClient(timeout_s=5, retries=0, authcfg="").get_json(fault_server.url_for("/b")) == {"ok": 1}


@pytest.mark.timeout(30)
def test_r2_04_retry_after_beyond_the_deadline_fails_at_once(fault_server):
    fault_server.route("/a", status=503, retry_after=20, body={})
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        HttpClient(timeout_s=1, retries=2, deadline_s=5, authcfg="").get(fault_server.url_for("/a"))
    assert time.monotonic() - start < 1.0
    assert "asks to wait 20 seconds" in str(info.value)
    assert fault_server.count("/a") == 1


def test_r2_04_short_retry_after_is_still_waited_for(fault_server):
    fault_server.route("/a", status=429, retry_after=1, body={}, times=1)
    fault_server.route("/a", body={"ok": 1})
    start = time.monotonic()
    assert HttpClient(timeout_s=5, retries=2, authcfg="").get_json(fault_server.url_for("/a")) == {"ok": 1}
    assert 1.0 <= time.monotonic() - start < 3.0
    assert fault_server.count("/a") == 2


@pytest.mark.timeout(60)
def test_r2_04_two_rule_check_against_a_refusing_service_ends_at_once(fault_server, cache_dir):
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.sources import open_data

    fault_server.route("*", status=429, retry_after=DAY, body={"code": "TooManyRequests"})
    profile = _two_rule_profile(fault_server.url)
    data = open_data(profile, http=HttpClient(timeout_s=30, authcfg=""), cache=Cache("orebro", str(cache_dir)))
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        run_check(profile, _plan(), data, lang="en")
    assert time.monotonic() - start < 10
    _refusal_text(info.value, fault_server.url)
    assert len(fault_server.requests) <= 3, fault_server.paths()


@pytest.mark.timeout(120)
def test_r2_04_a_refusing_source_leaves_the_profiles_other_sources_alone(pygeoapi_service, fault_server, tmp_path):
    """A version 2 profile: the region's OGC API (pygeoapi) and the state's ZIP download, whose
    server refuses for a day. Only the state's datasets are not checked (partial run): the
    region's are read and give the same findings as with every dataset from the region's service;
    the refusing server is asked once. (Every dataset failed with the state server's refusal.)"""
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.pipeline import open_pipeline
    from tests.test_source_download import STATE, plan_layer, v2_profile, write_profile

    def findings(result, state):
        collection = {o.rule.id: o.rule.collection for o in result.outcomes}
        return sorted((f.rule_id, f.plan_fid, f.feature_id) for f in result.findings
                      if collection[f.rule_id] not in state)

    fault_server.route("/state.zip", status=429, body=b"busy", retry_after=DAY)
    path = write_profile(tmp_path, v2_profile(pygeoapi_service, fault_server.url_for("/state.zip")))
    pipeline = open_pipeline(path, timeout_s=10, cache_root=str(tmp_path / "cache"))
    reference = open_pipeline(None, service_url=pygeoapi_service, timeout_s=10, cache_root=str(tmp_path / "ref"))
    plan = plan_layer()
    data, whole = pipeline.data_access(), reference.data_access()
    result = run_check(pipeline.profile, plan, data, lang="en", partial=True)
    expected = run_check(reference.profile, plan, whole, lang="en")
    try:
        not_checked = {o.collection for o in result.area_outcomes if o.state == "not_checked"}
        assert not_checked == set(STATE)
        assert findings(result, STATE) == findings(expected, STATE) and findings(result, STATE)
        assert all("refuses requests for now (HTTP 429)" in o.reason for o in result.area_outcomes
                   if o.state == "not_checked")
        assert fault_server.count("/state.zip") == 1
    finally:
        for one in (result, expected):
            one.layers.clear()
        data.release()
        whole.release()


@pytest.mark.timeout(60)
def test_r2_04_check_with_cached_copies_uses_them_when_the_service_refuses(fault_server, cache_dir):
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.service import OgcFeaturesService
    from regionplan_plugin.core.sources import open_data

    point = {"type": "Feature", "id": "1", "properties": {"namn": "P"},
             "geometry": {"type": "Point", "coordinates": [15.21, 59.27]}}
    base = fault_server.ogc(items={"a": [point], "b": [point]})
    cache = Cache("orebro", str(cache_dir))
    for cid in ("a", "b"):
        cache.refresh(OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg="")), cid, "EPSG:3006")
    fault_server.route("*", status=429, retry_after=DAY, body={}, first=True)
    for path in ("/", "/collections", "/collections/a", "/collections/b", "/collections/a/items",
                 "/collections/b/items"):
        fault_server.route(path, status=429, retry_after=DAY, body={}, first=True)
    fault_server.clear_log()
    profile = _two_rule_profile(base)
    data = open_data(profile, http=HttpClient(timeout_s=30, authcfg=""), cache=cache)
    start = time.monotonic()
    result = run_check(profile, _plan(), data, lang="en")
    try:
        assert time.monotonic() - start < 10
        assert {result.datasets[cid].origin for cid in ("a", "b")} == {"cache"}
        assert len(result.findings) == 2
        assert len(fault_server.requests) <= 3, fault_server.paths()
        notes = [note for note in data.notes if "refuses requests" in note]
        assert len(notes) == 1 and notes[0].startswith("The service could not be reached (The server ")
    finally:
        result.layers.clear()
        data.release()


@pytest.mark.timeout(60)
def test_r2_04_bundled_profile_check_and_cachelayers_end_at_once(fault_server, cache_dir, qgis_processing):
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.sources import open_data
    from regionplan_plugin.processing.cachelayers import CacheLayersAlgorithm

    fault_server.route("*", status=429, retry_after=DAY, body={})
    profile = load_profile(None).with_service_url(fault_server.url)
    assert len(profile.rules) >= 5
    data = open_data(profile, http=HttpClient(timeout_s=30, authcfg=""), cache=Cache("orebro", str(cache_dir)))
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        run_check(profile, _plan(), data, lang="en")
    assert time.monotonic() - start < 10
    _refusal_text(info.value, fault_server.url)
    assert len(fault_server.requests) <= 3, fault_server.paths()

    fault_server.clear_log()
    start = time.monotonic()
    with pytest.raises(QgsProcessingException) as failed:
        processing.run(CacheLayersAlgorithm(), {"SERVICE_URL": fault_server.url}, feedback=QgsProcessingFeedback())
    assert time.monotonic() - start < 10
    assert f"The server {fault_server.url} refuses requests for now (HTTP 429) and asks to wait 24 hours." \
        in str(failed.value)
    assert len(fault_server.requests) <= 3, fault_server.paths()


@pytest.mark.timeout(60)
def test_r2_04_a_failing_document_is_not_asked_again_in_one_check(fault_server, cache_dir):
    """A collection answering 500 (after the client's bounded retries) is not asked again by
    every step of the same check: the cached copy is used, with one note."""
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.service import OgcFeaturesService
    from regionplan_plugin.core.sources import open_data

    point = {"type": "Feature", "id": "1", "properties": {"namn": "P"},
             "geometry": {"type": "Point", "coordinates": [15.21, 59.27]}}
    base = fault_server.ogc(items={"a": [point], "b": [point]})
    cache = Cache("orebro", str(cache_dir))
    for cid in ("a", "b"):
        cache.refresh(OgcFeaturesService(base, HttpClient(timeout_s=5, retries=0, authcfg="")), cid, "EPSG:3006")
    fault_server.route("/collections/a", status=500, body={}, first=True)
    fault_server.route("/collections/a/items", status=500, body={}, first=True)
    fault_server.clear_log()
    profile = _two_rule_profile(base)
    data = open_data(profile, http=HttpClient(timeout_s=5, retries=2, backoff_s=0.1, authcfg=""), cache=cache)
    result = run_check(profile, _plan(), data, lang="en")
    try:
        assert result.datasets["a"].origin == "cache"
        assert fault_server.count("/collections/a") == 3  # one request and two retries, once in the check
        assert fault_server.count("/collections/a/items") <= 3
        notes = [note for note in data.notes if note.startswith("a: the service failed (")]
        assert len(notes) == 1 and "had an error (HTTP 500)" in notes[0]
    finally:
        result.layers.clear()
        data.release()


# --------------------------------------------------------------------------- item 5


@pytest.mark.timeout(30)
@pytest.mark.parametrize("how", ["content-length", "chunked"])
def test_r2_05_slow_loris_body_fails_at_the_deadline(fault_server, how):
    body = b'{"a": "' + b"x" * 100 + b'"}'
    if how == "chunked":
        fault_server.route("/slow", body=body, chunks=[body[i:i + 1] for i in range(len(body))], chunk_delay_s=0.5)
    else:
        fault_server.route("/slow", body=body, trickle_s=0.5)
    client = HttpClient(timeout_s=2, retries=2, backoff_s=0.05, deadline_s=3, authcfg="")
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        client.get_json(fault_server.url_for("/slow"))
    elapsed = time.monotonic() - start
    assert 2.9 <= elapsed < 3 + 1.5
    assert info.value.kind == "timeout"
    assert str(info.value) == (f"The server at {fault_server.url_for('/slow')} did not finish its answer within "
                               "3.0 s. Try again later, or raise the timeout in the Regionplan settings.")
    assert fault_server.count("/slow") == 1  # no time left for a retry


@pytest.mark.timeout(30)
def test_r2_05_a_large_body_arriving_steadily_outlives_the_deadline(fault_server):
    """The deadline ends a trickle, not a big download on a slow line: 3 MB arriving at about
    750 kB/s over 4 s, with a 2 s deadline (a state's ZIP of a few hundred MB on a 20 Mbit/s line
    took longer than the default deadline of 2 minutes and failed)."""
    body = b"x" * (3 * 1024 * 1024)
    fault_server.route("/big", body=body, chunks=40, chunk_delay_s=0.1)
    client = HttpClient(timeout_s=1, retries=0, deadline_s=2, max_bytes=8 * 1024 * 1024, authcfg="")
    start = time.monotonic()
    assert client.get(fault_server.url_for("/big")).body == body
    assert time.monotonic() - start > 3.5


def test_r2_05_default_deadline_follows_the_timeout():
    assert HttpClient(timeout_s=5, authcfg="").deadline_s == 60
    assert HttpClient(timeout_s=30, authcfg="").deadline_s == 120
    assert HttpClient(timeout_s=5, deadline_s=7, authcfg="").deadline_s == 7


def test_r2_05_deadline_covers_retries(fault_server):
    fault_server.route("/slow", body={}, delay_s=20)
    client = HttpClient(timeout_s=1, retries=5, backoff_s=0.05, deadline_s=2.5, authcfg="")
    start = time.monotonic()
    with pytest.raises(NetworkError) as info:
        client.get(fault_server.url_for("/slow"))
    assert time.monotonic() - start < 2.5 + 1.5
    assert info.value.kind == "timeout"
    assert fault_server.count("/slow") <= 3


def test_r2_04_refusal_and_deadline_messages_are_translated(fault_server):
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core.i18n import install_translator

    fault_server.route("/a", status=429, retry_after=DAY, body={})
    fault_server.route("/slow", body=b"{}" * 20, trickle_s=0.5)
    translator = install_translator("sv")
    assert translator is not None, "the Swedish .qm is missing (make translations)"
    try:
        with pytest.raises(NetworkError) as refused:
            HttpClient(timeout_s=5, authcfg="").get(fault_server.url_for("/a"))
        with pytest.raises(NetworkError) as slow:
            HttpClient(timeout_s=1, deadline_s=1.5, authcfg="").get(fault_server.url_for("/slow"))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert str(refused.value).startswith(f"Servern {fault_server.url} tar inte emot förfrågningar just nu (HTTP 429) "
                                         "och ber om en väntetid på 24 timmar.")
    assert str(slow.value).startswith(f"Servern på {fault_server.url_for('/slow')} blev inte klar med sitt svar "
                                      "inom 1.5 s.")
