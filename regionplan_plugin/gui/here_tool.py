"""The "What applies here" map tool: click a point (or drag a small rectangle) and get a
card of every regional interest and structure-plan element at or near it. Reads only the
offline cache (``core.here.what_applies`` with an offline ``DataAccess``): it works without
a network and answers in well under a second."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject, QgsRectangle
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QTextBrowser, QVBoxLayout

from ..core.errors import RegionplanError
from ..core.i18n import tr, ui_language
from ..core.vocabulary import PURPOSES, purpose_label

DRAG_PIXELS = 6  # a press and release further apart than this is a rectangle


def purpose_combo(parent=None) -> QComboBox:
    """A combo of the vocabulary's purposes, first "Any purpose" ('')."""
    combo = QComboBox(parent)
    combo.addItem(tr("Any purpose"), "")
    for code in PURPOSES:
        combo.addItem(purpose_label(code), code)
    return combo


class HereCardDialog(QDialog):
    """The card: a purpose chooser and the card's HTML (all text escaped by ``card_html``)."""

    def __init__(self, tool, parent=None):
        super().__init__(parent)
        self.tool = tool
        self.setObjectName("RegionplanHereCard")
        self.setWindowTitle(tr("What applies here"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.purpose = purpose_combo(self)
        self.purpose.setObjectName("herePurpose")
        form.addRow(tr("Purpose"), self.purpose)
        layout.addLayout(form)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("hereCard")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        layout.addWidget(buttons)
        self.resize(420, 520)
        self.purpose.currentIndexChanged.connect(lambda _i: self.tool.refresh())

    def purpose_code(self) -> str:
        return self.purpose.currentData() or ""

    def show_html(self, text: str) -> None:
        self.browser.setHtml(text)
        self.show()
        self.raise_()


class HereTool(QgsMapToolEmitPoint):
    """Click → card; drag → card for the rectangle."""

    def __init__(self, canvas, dock):
        super().__init__(canvas)
        self.dock = dock
        self.card = None
        self.place = None  # QgsGeometry in the profile CRS of the last click
        self._press = None
        self.dialog = HereCardDialog(self, canvas.window())
        self.band = QgsRubberBand(canvas)
        self.band.setColor(QColor(0, 90, 181, 160))
        self.band.setWidth(2)

    def canvasPressEvent(self, event):  # noqa: N802 (QGIS API name)
        self._press = event.pos()

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        start = self._press or event.pos()
        self._press = None
        end_point = self.toMapCoordinates(event.pos())
        if (event.pos() - start).manhattanLength() > DRAG_PIXELS:
            geometry = QgsGeometry.fromRect(QgsRectangle(self.toMapCoordinates(start), end_point))
        else:
            geometry = QgsGeometry.fromPointXY(end_point)
        self.show_card(geometry)

    def deactivate(self):
        self.band.reset()
        super().deactivate()

    def show_card(self, geometry: QgsGeometry, crs=None):
        """The card for ``geometry`` (in ``crs``, default the canvas CRS)."""
        session = self.dock.session
        if session is None:
            self.dock.notify(tr("The catalogue is not loaded yet."), warning=True)
            return None
        source = crs or self.canvas().mapSettings().destinationCrs()
        target = QgsCoordinateReferenceSystem(session.profile.crs)
        place = QgsGeometry(geometry)
        if source != target:
            place.transform(QgsCoordinateTransform(source, target, QgsProject.instance()))
        self.place = place
        self.band.setToGeometry(geometry, source)
        return self.refresh()

    def refresh(self):
        from ..core.here import card_html, what_applies
        from ..core.sources import DataAccess

        session = self.dock.session
        if self.place is None or session is None:
            return None
        data = DataAccess(session.profile, session.cache, offline=True)  # the cache only: fast and offline
        try:
            self.card = what_applies(session.profile, data, self.place, purpose=self.dialog.purpose_code(),
                                     lang=ui_language(), themes=session.catalog)
        except RegionplanError as error:
            self.dock.report_error(error)
            return None
        finally:
            data.release()
        self.dialog.show_html(card_html(self.card))
        return self.card

    def unload(self):
        self.band.reset()
        self.canvas().scene().removeItem(self.band)
        self.dialog.close()
        self.dialog.deleteLater()
