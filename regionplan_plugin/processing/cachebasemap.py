"""Processing algorithm ``regionplan:cachebasemap``: an offline background map for an area."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import Cancelled, RegionplanError
from ..core.i18n import N_, tr
from .base import RegionplanAlgorithm


class CacheBasemapAlgorithm(RegionplanAlgorithm):
    LAYERS = "LAYERS"
    MUNICIPALITY = "MUNICIPALITY"
    MAX_SCALE = "MAX_SCALE"

    NAME = "cachebasemap"
    DISPLAY = N_("Make a background map available offline")
    GROUP_ID = "cache"

    HELP = N_(
        "Renders the profile's background maps (WMS, WMTS or XYZ) for an area into a GeoPackage "
        "raster, so that the area has a background map without a network, for example in the field.\n\n"
        "Profile: a profile file or URL; empty uses the bundled profile.\n"
        "Background maps: comma-separated references (<source id>:<layer>); empty uses the profile's "
        "report background, else its first background map.\n"
        "Extent: the area; or\n"
        "Municipality: a municipality of the profile's municipalities dataset (its name or code): "
        "the area is its extent plus 1 km.\n"
        "Largest scale: the most detailed scale kept (10000 = 1:10 000).\n"
        "Output: a GeoPackage; empty keeps it in the offline cache, where the catalogue and the "
        "reports use it.\n\n"
        "The size and time are estimated first; an area that is too large is refused with the "
        "estimate. A failed or cancelled run leaves the previous background map in use.")

    def initAlgorithm(self, config=None):
        self.add_profile_parameters(service_url=False)
        self.addParameter(QgsProcessingParameterString(
            self.LAYERS, tr("Background maps (comma-separated references; empty = the report background)"),
            defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.MUNICIPALITY, tr("Municipality (instead of an extent: its extent plus 1 km)"), defaultValue="",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_SCALE, tr("Largest scale (1:N)"), QgsProcessingParameterNumber.Double, 10000.0,
            minValue=100.0))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Background map (GeoPackage; empty = the offline cache)"),
            tr("GeoPackage (*.gpkg)"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, tr("Background map")))

    def process(self, parameters, context, feedback):
        from ..core.basemap import BasemapStore, background_layers, background_refs, cache_basemap
        from ..core.basemap.store import report_background_ref
        from ..core.profile import load_profile

        try:
            profile = load_profile((self.parameterAsString(parameters, self.PROFILE, context) or "").strip() or None)
            crs = QgsCoordinateReferenceSystem(profile.crs)
            rect = self._area(profile, crs, parameters, context, feedback)
            refs = [r.strip() for r in (self.parameterAsString(parameters, self.LAYERS, context) or "").split(",")
                    if r.strip()]
            if not refs:
                first = report_background_ref(profile)
                refs = [first] if first else []
            known = set(background_refs(profile))
            unknown = [ref for ref in refs if ref not in known and ref.split(":")[0] not in
                       {k.split(":")[0] for k in known}]
            if unknown or not refs:
                raise RegionplanError(tr(
                    "{names} is not a background map of the profile. Its background maps: {known}.").format(
                    names=", ".join(unknown) or "–", known=", ".join(sorted(known)) or "–"))
            layers = background_layers(profile, refs)
            scale = self.parameterAsDouble(parameters, self.MAX_SCALE, context)
            out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
            if out:
                path = cache_basemap(layers, rect, scale, out, feedback, crs)
            else:
                from ..core.cache import Cache

                store = BasemapStore(Cache(profile.id))
                store.save(layers, refs, rect, scale, profile.crs, feedback)
                path = store.path()
        except Cancelled:
            raise QgsProcessingException(tr("Cancelled. The previous background map is still in use.")) from None
        except RegionplanError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.pushInfo(tr("Background map written to {path}").format(path=path))
        return {self.OUTPUT: path}

    def _area(self, profile, crs, parameters, context, feedback):
        """The extent, or the named municipality's extent plus a margin (profile CRS)."""
        from ..core.basemap import municipality_area

        name = (self.parameterAsString(parameters, self.MUNICIPALITY, context) or "").strip()
        if not name:
            if parameters.get(self.EXTENT) in (None, ""):
                raise RegionplanError(tr("Choose an area for the background map: an extent or a municipality."))
            return self.parameterAsExtent(parameters, self.EXTENT, context, crs)
        from ..core.check import MUNICIPALITY_POLYGONS
        from ..core.pipeline import pipeline_for

        data = pipeline_for(profile).data_access()
        try:
            layer, _provenance = data.source(MUNICIPALITY_POLYGONS, None, feedback)
            area = municipality_area(layer, name, dataset=MUNICIPALITY_POLYGONS)
            del layer
        finally:
            data.release()
        feedback.pushInfo(tr("Area: {name} and 1 km around it.").format(name=name))
        return area

