"""Run a sequence of Processing algorithms in one fresh QGIS process, with QGIS' default
Processing settings (as a user has them), and report each run as one JSON line.

    python -m tests.helpers.processing_runs RUNS.json

``RUNS.json`` is a list of ``{"label", "alg", "params", "plan"}``. ``plan`` names the layer
put in ``params["PLAN"]`` (or ``params["INPUT"]``): ``{"bowtie": [x, y]}`` (a self-intersecting
polygon in EPSG:3006 around x, y), ``{"line": [x, y]}`` (a line layer), ``{"gpkg": path,
"layer": name}`` or ``{"geojson": path}``. Prints ``RUN {json}`` per run: ``label``, ``ok``,
``message`` (the error of a failed run), ``keys`` (the findings, as tests.fixtures.algs.keyset),
``counts`` and ``log`` (the warnings the run pushed); then ``DONE`` and exits with QGIS' own
clean shut-down. A crash shows as a missing ``DONE`` and a non-zero exit code.
"""

import json
import os
import sys
import time


def _plan(spec, QgsVectorLayer, QgsFeature, QgsGeometry):  # noqa: N803 (QGIS classes passed in)
    if "bowtie" in spec:
        x, y = spec["bowtie"]
        layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=name:string", "bowtie", "memory")
        feature = QgsFeature(layer.fields())
        feature.setAttributes(["Fluga"])
        feature.setGeometry(QgsGeometry.fromWkt(
            f"POLYGON(({x - 400} {y - 400}, {x + 400} {y + 400}, {x + 400} {y - 400}, {x - 400} {y + 400}, "
            f"{x - 400} {y - 400}))"))
        layer.dataProvider().addFeatures([feature])
        return layer
    if "line" in spec:
        x, y = spec["line"]
        layer = QgsVectorLayer("LineString?crs=EPSG:3006&field=name:string", "linje", "memory")
        feature = QgsFeature(layer.fields())
        feature.setAttributes(["Linje"])
        feature.setGeometry(QgsGeometry.fromWkt(f"LINESTRING({x - 500} {y}, {x + 500} {y})"))
        layer.dataProvider().addFeatures([feature])
        return layer
    if "gpkg" in spec:
        return QgsVectorLayer(f"{spec['gpkg']}|layername={spec['layer']}", spec["layer"], "ogr")
    return QgsVectorLayer(spec["geojson"], "plan", "ogr")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    with open(argv[0], encoding="utf-8") as handle:
        runs = json.load(handle)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (
        QgsApplication,
        QgsFeature,
        QgsGeometry,
        QgsProcessingFeedback,
        QgsProject,
        QgsVectorLayer,
    )

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from regionplan_plugin.processing.provider import RegionplanProvider
    from tests.fixtures.algs import layer_keys

    provider = RegionplanProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, warning):  # noqa: N802 (QGIS API name)
            self.lines.append(warning)

    for run in runs:
        params = dict(run["params"])
        if run.get("plan"):
            # the project owns the plan layer and the run gets its id: a failed processing.run keeps
            # its parameters alive (QGIS' bindings never free the exception), and a layer freed after
            # exitQgis() would crash the process at exit
            plan = _plan(run["plan"], QgsVectorLayer, QgsFeature, QgsGeometry)
            QgsProject.instance().addMapLayer(plan, False)
            params["INPUT" if run["alg"].startswith("native:") else "PLAN"] = plan.id()
            del plan
        log = Log()
        report = {"label": run["label"], "ok": False, "message": "", "keys": [], "counts": None}
        started = time.monotonic()
        try:
            out = processing.run(run["alg"], params, feedback=log)
        except Exception as error:  # noqa: BLE001 - the message is what the test looks at
            report["message"] = str(error)
        else:
            report["ok"] = True
            output = out.get("OUTPUT")
            if run["alg"] == "regionplan:checkplan":
                report["keys"] = [list(key) for key in layer_keys(output)]
                report["counts"] = [out[k] for k in ("CONFLICTS", "ATTENTION", "SUPPORT", "INFO")]
            elif hasattr(output, "featureCount"):
                report["counts"] = [output.featureCount()]
            del out, output
        report["log"] = log.lines
        report["seconds"] = round(time.monotonic() - started, 1)
        print("RUN " + json.dumps(report, default=str), flush=True)
    QgsProject.instance().removeAllMapLayers()
    QgsApplication.processingRegistry().removeProvider(provider)
    print("DONE", flush=True)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
