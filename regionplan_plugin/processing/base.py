"""What every Regionplan algorithm shares: its identity, help and group plumbing, and how a
failed run ends."""

import gc
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterString

from ..core.i18n import N_, tr


class RegionplanAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``NAME`` (the algorithm id), ``DISPLAY`` (its display name), ``GROUP_ID``
    (a key of ``GROUPS``) and ``HELP`` (English source texts marked with ``N_``, translated where
    shown), and implement ``process()`` instead of ``processAlgorithm()``.

    QGIS' Python bindings (3.22 to 3.40 at least) never release the exception a Python
    algorithm raises to fail, and so keep alive every frame of its traceback and all their
    local variables: the failed run's layers, GeoPackage connections and caches, and, through
    the caller's frame, e.g. the batch dialog's progress task. A failure is therefore raised
    again here, from a frame that holds only the message, once the run's own frames are gone.
    """

    GROUPS = {"cache": N_("Offline cache"), "check": N_("Plan check")}
    # The names of the parameters several algorithms have (add_profile_parameters adds the first two).
    PROFILE = "PROFILE"
    SERVICE_URL = "SERVICE_URL"
    EXTENT = "EXTENT"
    OUTPUT = "OUTPUT"

    NAME = ""
    DISPLAY = ""
    GROUP_ID = ""
    HELP = ""

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802 (QGIS API name)
        return tr(self.DISPLAY)

    def group(self):
        return tr(self.GROUPS[self.GROUP_ID])

    def groupId(self):  # noqa: N802 (QGIS API name)
        return self.GROUP_ID

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return tr(self.HELP)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def add_profile_parameters(self, service_url=True):
        """The optional PROFILE (and SERVICE_URL) string parameters the algorithms share."""
        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, tr("Profile (file or URL; empty = the bundled profile)"), defaultValue="", optional=True))
        if service_url:
            self.addParameter(QgsProcessingParameterString(
                self.SERVICE_URL, tr("Service URL (empty = the profile's)"), defaultValue="", optional=True))

    def process(self, parameters, context, feedback):
        raise NotImplementedError

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        """Runs in the main thread before a run in the background (the toolbox, the batch dialog,
        a model): Python's garbage in reference cycles is collected here, as the panel does before
        its tasks. Left for later, the run's own allocations may start a collection in the run's
        thread, which would delete a cycle's Qt objects of the main thread (a closed dialog, a
        layer of an earlier run) in the wrong thread: QGIS 3.40 crashed once that way in a batch."""
        gc.collect()
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        try:
            return self.process(parameters, context, feedback)
        except QgsProcessingException as exc:
            message = str(exc)
        except Exception:  # noqa: BLE001 - a bug: keep its traceback in the log, not its frames
            details = traceback.format_exc()
            if feedback is not None:
                feedback.reportError(details, False)
            message = tr("Unexpected error in {name}; the details are in the log above.").format(
                name=self.displayName())
        raise QgsProcessingException(message)
