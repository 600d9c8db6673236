"""Processing algorithm ``regionplan:importplan``: a delivered plan (detaljplan 4.1 JSON, an
ÖP-model GeoPackage, or any file OGR reads) as a plan layer. Contract section 6."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.errors import RegionplanError
from ..core.i18n import N_, tr, trn
from .base import RegionplanAlgorithm


class ImportPlanAlgorithm(RegionplanAlgorithm):
    INPUT = "INPUT"
    MODE = "MODE"
    CRS = "CRS"
    REGION = "REGION"

    NAME = "importplan"
    DISPLAY = N_("Import a delivered plan")
    GROUP_ID = "check"

    HELP = N_(
        "Turns a delivered plan into a plan layer that the plan check can use: a digital detaljplan to "
        "Lantmäteriet's specification 4.1 (JSON), a Boverket ÖP-model GeoPackage, or any file OGR reads "
        "(GeoPackage, Shapefile, GeoJSON, GML, KML, DXF, FlatGeobuf, CSV with WKT).\n\n"
        "Mode: 'whole' gives one area for the whole plan; 'per use' one area per use provision (detaljplan) "
        "or use area (ÖP), each with its purpose.\n"
        "Profile: when given, the layer is in the profile's coordinate system; else in the file's.\n"
        "CRS: the coordinate system of a file that does not state one (DXF, CSV, a Shapefile without .prj).\n"
        "Region: the region's extent; a plan outside it gets a warning too.\n\n"
        "Fields: name, purpose, use_code, plan_id, status. A plan whose coordinates fall outside Sweden gets a "
        "warning naming the coordinate system it probably is in.")

    def tags(self):
        return [tr("plan"), "detaljplan", "översiktsplan", "ÖP-modell", "regionplan", tr("import")]

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("Plan file"), behavior=QgsProcessingParameterFile.File))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, tr("Areas"), options=[tr("One area for the whole plan (whole)"),
                                             tr("One area per use provision or use area (per_use)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, tr("Profile for the coordinate system (file or URL; empty = the file's)"),
            defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Coordinate system of a file that states none"), optional=True))
        self.addParameter(QgsProcessingParameterExtent(
            self.REGION, tr("The region's extent, for the plausibility check of the coordinates"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Plan areas"), QgsProcessing.TypeVectorPolygon))

    def process(self, parameters, context, feedback):
        from ..core.plans import MODES, check_plausibility, read_plan
        from ..core.plans.model import plan_fields

        path = self.parameterAsFile(parameters, self.INPUT, context)
        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        file_crs = self.parameterAsCrs(parameters, self.CRS, context)
        profile_source = (self.parameterAsString(parameters, self.PROFILE, context) or "").strip()
        try:
            target = ""
            if profile_source:
                from ..core import settings
                from ..core.http import HttpClient
                from ..core.profile import load_profile

                # the plugin set to work offline: no request at all (a URL profile's kept copy)
                target = load_profile(profile_source, http=HttpClient(),
                                      offline=bool(settings.OFFLINE.value())).crs
            plan = read_plan(path, crs=file_crs.authid() if file_crs.isValid() else "")
            region = None
            if parameters.get(self.REGION):
                region = self.parameterAsExtent(parameters, self.REGION, context,
                                                QgsCoordinateReferenceSystem("EPSG:3006"))
            check = check_plausibility(plan.whole(), plan.crs, region)
            if not check.ok:
                feedback.pushWarning(check.message)
            for note in plan.notes:
                feedback.pushWarning(note)
            features = plan.features(mode, target or plan.crs)
        except RegionplanError as exc:
            raise QgsProcessingException(str(exc)) from None
        crs = QgsCoordinateReferenceSystem(target or plan.crs)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, plan_fields(),
                                          QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature in features:
            if feedback.isCanceled():
                break
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.pushInfo(trn("{n} plan area from {name} ({crs}).", "{n} plan areas from {name} ({crs}).",
                              len(features)).format(
            n=len(features), name=plan.name or path, crs=crs.authid()))
        return {self.OUTPUT: dest}
