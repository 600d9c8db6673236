"""Processing algorithm ``regionplan:cachelayers``: make datasets available offline."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterString,
)

from ..core.errors import Cancelled, RegionplanError
from ..core.i18n import N_, tr, trn
from .base import RegionplanAlgorithm


class CacheLayersAlgorithm(RegionplanAlgorithm):
    COLLECTIONS = "COLLECTIONS"
    CACHED = "CACHED"

    NAME = "cachelayers"
    DISPLAY = N_("Cache layers for offline use")
    GROUP_ID = "cache"

    HELP = N_(
        "Downloads the profile's datasets from their sources (the region's service, WFS, ArcGIS, "
        "downloads) into the offline cache (one GeoPackage per dataset), so that the catalogue, "
        "the layers and the plan check work without a network, for example in the field.\n\n"
        "Profile: a profile file or URL; empty uses the bundled Region Örebro län profile.\n"
        "Service URL: replaces the profile's service address when given.\n"
        "Collections: comma-separated collection ids; empty caches every collection a rule or a "
        "statistic uses, plus the administrative boundaries.\n"
        "Extent: only features intersecting it are kept; empty keeps everything.\n\n"
        "Datasets that have not changed on the server are reported as already fresh and are not "
        "downloaded again. A failed or cancelled download leaves the previous cached copy in use.\n\n"
        "Output: the number of datasets written or already fresh.")

    def initAlgorithm(self, config=None):
        self.add_profile_parameters()
        self.addParameter(QgsProcessingParameterString(
            self.COLLECTIONS, tr("Collections (comma-separated ids; empty = those the rules use, plus boundaries)"),
            defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, tr("Extent (only features intersecting it)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.CACHED, tr("Datasets cached or already fresh")))

    def process(self, parameters, context, feedback):
        from ..core.pipeline import open_pipeline

        try:
            pipeline = open_pipeline(
                (self.parameterAsString(parameters, self.PROFILE, context) or "").strip() or None,
                service_url=(self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip())
            profile, service, cache = pipeline.profile, pipeline.service, pipeline.cache
            crs = QgsCoordinateReferenceSystem(profile.crs)
            rect = None
            if parameters.get(self.EXTENT) not in (None, ""):
                rect = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
                if rect is None or rect.isNull() or rect.isEmpty():
                    rect = None
            text = self.parameterAsString(parameters, self.COLLECTIONS, context) or ""
            wanted = []
            for cid in text.split(","):
                cid = cid.strip()
                if cid and cid not in wanted:
                    wanted.append(cid)
            if not wanted:
                wanted = pipeline.catalog(feedback=feedback).rule_collections()
            if not wanted:
                feedback.pushInfo(tr("Nothing to cache: the profile has no rules and the service no boundaries."))
                return {self.CACHED: 0}
        except RegionplanError as exc:
            raise QgsProcessingException(str(exc)) from None

        steps = QgsProcessingMultiStepFeedback(len(wanted), feedback)
        done = 0
        failures = []
        for number, cid in enumerate(wanted):
            if feedback.isCanceled():
                break
            steps.setCurrentStep(number)
            feedback.pushInfo(tr("Caching {name}…").format(name=cid))
            try:
                result = cache.refresh(service, cid, profile.crs, bbox=rect, feedback=steps)
            except Cancelled:
                break
            except RegionplanError as exc:
                failures.append(cid)
                feedback.reportError(tr("{name}: {error}").format(name=cid, error=str(exc)), False)
                continue
            done += 1
            if result.status == "fresh":
                feedback.pushInfo(tr("{name}: already fresh, not downloaded again.").format(name=cid))
            else:
                count = result.entry.feature_count
                feedback.pushInfo(trn("{name}: {count} feature cached.", "{name}: {count} features cached.",
                                      count).format(name=cid, count=count))
            if result.skipped:
                reasons = ", ".join(f"{k}: {v}" for k, v in sorted(result.skip_reasons.items()))
                feedback.pushWarning(trn("{name}: {count} feature skipped ({reasons}).",
                                         "{name}: {count} features skipped ({reasons}).", result.skipped).format(
                    name=cid, count=result.skipped, reasons=reasons))
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled. The previous cached copies are still in use."))
        if failures and not done:
            raise QgsProcessingException(tr("No dataset could be cached: {names}.").format(names=", ".join(failures)))
        feedback.setProgress(100)
        return {self.CACHED: done}

