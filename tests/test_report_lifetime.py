"""Who owns the report map's layers: never C++ while Python still holds them.

A regional copy made by ``materialize()`` has a Python wrapper that sip is not told about
when C++ deletes the layer; a temporary project that deleted the layers the caller's
MapContents still held left dangling wrappers: in a Processing run (a worker thread) the PDF
then failed now and then ("wrapped C/C++ object of type QgsVectorLayer has been deleted",
"index 7 has type 'QgsVectorLayer'") or aborted the process."""

import gc

import pytest
from qgis.core import QgsApplication
from qgis.PyQt import sip

from regionplan_plugin.core import report
from regionplan_plugin.core.check import run_check
from tests.test_check import data, plans, profile  # noqa: F401 (fixtures)


@pytest.fixture
def result(profile, plans, data):  # noqa: F811
    checked = run_check(profile, plans, data, lang="en")
    yield checked
    checked.layers.clear()  # fixture values outlive QgsApplication: drop the layers now
    gc.collect()


@pytest.mark.timeout(120)
def test_the_map_layers_outlive_the_pdf_and_belong_to_python_and_the_main_thread(result, tmp_path):
    contents = report.map_contents(result, lang="en")
    regional = list(contents.regional)
    assert regional, "the check data draws regional layers on the map"
    report.write_pdf(result, str(tmp_path / "r.pdf"), "en", contents=contents)
    gc.collect()  # the PDF's project is gone
    main = QgsApplication.instance().thread()
    for layer in [contents.plan] + contents.findings + regional:
        assert not sip.isdeleted(layer), layer  # the project gave it back instead of deleting it
        assert sip.ispyowned(layer) and sip.ispycreated(layer)  # sip hears of its deletion
        assert layer.thread() is main and layer.featureCount() > 0
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
