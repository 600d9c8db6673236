""""Load plan from file…": any OGR file, a detaljplan 4.1 JSON or an ÖP-model GeoPackage
through ``core.plans.read_plan``. A file without a CRS gets a CRS chooser (SWEREF 99 TM,
the local zones and RT 90 first, then "Other…"); a plan of several areas a choice of whole
or per area (per use area for a delivered plan; per feature, the default, for any other
file); an implausible position (outside Sweden, or outside the region's cached outline) a
warning in the message bar. The plan layer is added to the map and chosen in the review tab."""

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel

from ..core.check.municipalities import BOUNDARY_COLLECTIONS
from ..core.errors import RegionplanError
from ..core.i18n import tr
from ..core.plans import CRS_CHOICES, PER_USE, WHOLE, CrsNeededError, check_plausibility, read_plan, region_from_cache
from ..core.plans.files import FILE_FILTER
from ..core.vocabulary import label

CRS_LABELS = dict(CRS_CHOICES)

OTHER = "other"


class PlanOptionsDialog(QDialog):
    """The CRS (for a file without one) and whole/per use (for a delivered plan)."""

    def __init__(self, parent=None, ask_crs=False, ask_mode=False, note="", kind=""):
        super().__init__(parent)
        self.setObjectName("RegionplanPlanOptions")
        self.setWindowTitle(tr("Load plan from file"))
        form = QFormLayout(self)
        if note:
            text = QLabel(note)
            text.setWordWrap(True)
            form.addRow(text)
        self.crs_combo = None
        self.mode_combo = None
        self.other_crs = ""
        if ask_crs:
            self.crs_combo = QComboBox(self)
            self.crs_combo.setObjectName("planCrs")
            for authid, _text in CRS_CHOICES:
                self.crs_combo.addItem(f"{label(CRS_LABELS, authid)} ({authid})", authid)
            self.crs_combo.addItem(tr("Other…"), OTHER)
            self.crs_combo.activated.connect(self._maybe_other)
            form.addRow(tr("Coordinate reference system"), self.crs_combo)
        if ask_mode:
            self.mode_combo = QComboBox(self)
            self.mode_combo.setObjectName("planMode")
            self.mode_combo.addItem(tr("The whole plan as one area"), WHOLE)
            if kind in ("detaljplan", "op-model"):
                self.mode_combo.addItem(tr("Each use area on its own"), PER_USE)
            else:  # any other file: its features are the plan areas (an ÖP's development areas)
                self.mode_combo.addItem(tr("Each area of the file on its own"), PER_USE)
                self.mode_combo.setCurrentIndex(1)
            form.addRow(tr("Check"), self.mode_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _maybe_other(self, _index) -> None:
        if self.crs_combo.currentData() != OTHER:
            return
        from qgis.gui import QgsProjectionSelectionDialog

        chooser = QgsProjectionSelectionDialog(self)
        if (getattr(chooser, "exec_", None) or chooser.exec)():
            self.other_crs = chooser.crs().authid()

    def crs(self) -> str:
        if self.crs_combo is None:
            return ""
        value = self.crs_combo.currentData()
        return self.other_crs if value == OTHER else value

    def mode(self) -> str:
        return self.mode_combo.currentData() if self.mode_combo is not None else WHOLE

    def run(self) -> bool:
        return bool((getattr(self, "exec_", None) or self.exec)())


def choose_file(parent) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent, tr("Load plan from file"), "",
        "{} ({});;{} (*)".format(tr("Plan files"), FILE_FILTER, tr("All files")))
    return path


def load_plan_file(dock, path: str = ""):
    """Read ``path`` (asked for when empty), add the plan layer and choose it for the check.
    Returns the layer, or None when the user cancelled or the file was refused (with a message)."""
    parent = dock.iface.mainWindow()
    path = path or choose_file(parent)
    if not path:
        return None
    crs = ""
    try:
        try:
            plan = read_plan(path)
        except CrsNeededError as error:
            dialog = PlanOptionsDialog(parent, ask_crs=True, note=str(error))
            if not dialog.run() or not dialog.crs():
                return None
            crs = dialog.crs()
            plan = read_plan(path, crs=crs)
        mode = WHOLE
        if len(plan.areas) > 1:
            dialog = PlanOptionsDialog(parent, ask_mode=True, kind=plan.kind)
            if not dialog.run():
                return None
            mode = dialog.mode()
        region = region_from_cache(getattr(dock.session, "cache", None), BOUNDARY_COLLECTIONS)
        plausibility = check_plausibility(plan.whole(), plan.crs, region)
        if not plausibility.ok and plausibility.message:
            dock.notify(plausibility.message, warning=True)
        layer = plan.to_layer(mode)
    except RegionplanError as error:
        dock.report_error(error)
        return None
    QgsProject.instance().addMapLayer(layer)
    dock.review.layer_combo.setLayer(layer)
    dock.tabs.setCurrentWidget(dock.review)
    dock.layer_added(layer)
    return layer
