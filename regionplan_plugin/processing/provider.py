"""The Processing provider ``regionplan``."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core import paths
from ..core.i18n import tr


class RegionplanProvider(QgsProcessingProvider):
    def id(self):
        return "regionplan"

    def name(self):
        return "Regionplan"

    def longName(self):  # noqa: N802 (QGIS API name)
        return tr("Regionplan: regional planning layers and RUS plan check")

    def icon(self):
        return QIcon(paths.resource("icons", "regionplan.svg"))

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        from .cachebasemap import CacheBasemapAlgorithm
        from .cachelayers import CacheLayersAlgorithm
        from .checkplan import CheckPlanAlgorithm
        from .importplan import ImportPlanAlgorithm

        self.addAlgorithm(CheckPlanAlgorithm())
        self.addAlgorithm(CacheLayersAlgorithm())
        self.addAlgorithm(ImportPlanAlgorithm())
        self.addAlgorithm(CacheBasemapAlgorithm())
