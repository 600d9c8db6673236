"""The plan check tab (Avstämning): plan layer, its name and purpose fields, rules, run the check
in a task, results grouped by plan area then severity, zoom and flash, findings layer, export
with the draft statement's header fields."""

import html

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
)
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import settings, vocabulary
from ..core.i18n import default_language, localized, tr, ui_language
from . import icons, review_export
from .review_areas import NAME_FIELDS, PURPOSE_FIELDS, HeaderBox, default_field, show_areas
from .review_results import (  # noqa: F401 - names the tests and the case tab use from gui.review
    ROLE_INDEX,
    SEVERITIES,
    PlanSource,
    _polygon_filter,
    _value,
    counts_of,
    findings_of,
    run_check_task,
    show_severities,
    verdict_text,
)
from .widgets import plain_label, stretch_column


class ReviewTab(QWidget):
    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.setObjectName("RegionplanReviewTab")
        self.result = None
        self.findings_layers = []
        self.task = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setObjectName("planLayer")
        self.layer_combo.setFilters(_polygon_filter())
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        self.file_button = QToolButton()
        self.file_button.setObjectName("planFromFile")
        self.file_button.setIcon(QgsApplication.getThemeIcon("/mActionFileOpen.svg"))
        self.file_button.setToolTip(tr("Load plan from file…"))
        self.file_button.clicked.connect(self._load_plan_file)
        row = QHBoxLayout()
        row.addWidget(self.layer_combo, 1)
        row.addWidget(self.file_button)
        form.addRow(tr("Plan layer"), row)
        self.name_field = QgsFieldComboBox()
        self.name_field.setObjectName("nameField")
        self.name_field.setAllowEmptyFieldName(True)
        self.name_field.setToolTip(tr("The field with each plan area's name; none: \"Plan area N\"."))
        form.addRow(tr("Name field"), self.name_field)
        self.purpose_field = QgsFieldComboBox()
        self.purpose_field.setObjectName("purposeField")
        self.purpose_field.setAllowEmptyFieldName(True)
        self.purpose_field.setToolTip(tr("The field with each plan area's use (e.g. B, J or bostäder): "
                                         "rules that do not concern the use are not applicable."))
        form.addRow(tr("Purpose field"), self.purpose_field)
        self.purpose_combo = QComboBox()
        self.purpose_combo.setObjectName("layerPurpose")
        self.purpose_combo.addItem(tr("unknown (every rule applies)"), "")
        for code in vocabulary.PURPOSES:
            self.purpose_combo.addItem(vocabulary.purpose_label(code), code)
        self.purpose_combo.setToolTip(tr("The use of every area of the layer, when there is no purpose field."))
        form.addRow(tr("Whole layer purpose"), self.purpose_combo)
        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.selected_only = QCheckBox(tr("Selected features only"))
        form.addRow("", self.selected_only)
        self.language_combo = QComboBox()
        self.language_combo.addItem("Svenska", "sv")
        self.language_combo.addItem("English", "en")
        chosen = settings.REPORT_LANGUAGE.value() or default_language()
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))
        self.language_combo.currentIndexChanged.connect(
            lambda _index: settings.REPORT_LANGUAGE.set(self.language_combo.currentData() or ""))
        form.addRow(tr("Report language"), self.language_combo)
        layout.addLayout(form)
        self.header_box = HeaderBox()  # the draft statement's header, prefilled from the open case
        layout.addWidget(self.header_box)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.rules_list = QListWidget()
        self.rules_list.setObjectName("rulesList")
        self.rules_list.setToolTip(tr("Switch off a rule to leave it out of this run; the report lists it."))
        self.rules_list.setWordWrap(True)
        self.rules_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rules_box = QWidget()
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        self.rules_label = QLabel(tr("Rules"))
        rules_layout.addWidget(self.rules_label)
        rules_layout.addWidget(self.rules_list)
        splitter.addWidget(rules_box)

        results_box = QWidget()
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = plain_label(tr("No check run yet."), "reviewSummary")
        results_layout.addWidget(self.summary)
        self.results = QTreeWidget()
        self.results.setObjectName("reviewResults")
        self.results.setHeaderLabels([tr("Plan area / finding"), tr("Distance (m)")])
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(False)
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setToolTip(tr("Double-click a finding to zoom to it."))
        stretch_column(self.results, 0)
        results_layout.addWidget(self.results, 1)
        splitter.addWidget(results_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)

        buttons = QHBoxLayout()
        self.run_button = QPushButton(tr("Run check"))
        self.run_button.setObjectName("runCheck")
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelCheck")
        self.cancel_button.setEnabled(False)
        # a push button with a menu: sized for its text plus the menu arrow in every language
        self.export_button = QPushButton(tr("Export"))
        self.export_button.setMenu(review_export.export_menu(self, self.export_button))
        self.export_button.setEnabled(False)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.case_button = QPushButton(tr("Add as new version"))  # shown while a case is open (case_view.py)
        self.case_button.setVisible(False)
        buttons.addWidget(self.case_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.run_button.clicked.connect(lambda: self.run())
        self.cancel_button.clicked.connect(self.cancel)
        self.results.itemDoubleClicked.connect(self._double_clicked)

    @property
    def session(self):
        return self.dock.session

    # -- plan fields and the statement header ----------------------------------------------
    def _load_plan_file(self, _checked=False):
        """A delivered plan (detaljplan 4.1, ÖP model) or any plan file, read and chosen here."""
        from .load_plan import load_plan_file  # here: the file dialog's module is not needed at start-up

        load_plan_file(self.dock)

    def _layer_changed(self, layer) -> None:
        for combo, candidates in ((self.name_field, NAME_FIELDS), (self.purpose_field, PURPOSE_FIELDS)):
            combo.setLayer(layer)
            combo.setField(default_field(layer, candidates))

    def open_case(self):
        tab = getattr(self.dock, "case_tab", None)
        return getattr(tab, "case", None) if tab is not None else None

    def set_header(self, header: dict) -> None:
        self.header_box.set_header(header)

    def header(self) -> dict:
        """The draft statement's header fields (``header=`` of the report), the open case's where empty."""
        self.header_box.prefill(self.open_case())
        return self.header_box.header()

    # -- rules ---------------------------------------------------------------------------
    def populate(self) -> None:
        self.rules_list.clear()
        if self.session is None:
            return
        lang = ui_language()
        for rule in self.session.profile.rules:
            title = localized(rule.title, lang) or rule.id
            item = QListWidgetItem(icons.severity_icon(rule.severity),
                                   f"{title} ({icons.severity_label(rule.severity)})")
            item.setData(ROLE_INDEX, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            if getattr(rule, "reference", ""):
                item.setToolTip("<p>" + html.escape(rule.reference) + "</p>")
            self.rules_list.addItem(item)
        name = localized(self.session.profile.name, lang)
        self.rules_label.setText(tr("Rules of {profile}").format(profile=name))

    def disabled_rules(self):
        result = []
        for i in range(self.rules_list.count()):
            item = self.rules_list.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                result.append(item.data(ROLE_INDEX))
        return result

    def set_rule_enabled(self, rule_id, enabled: bool) -> None:
        for i in range(self.rules_list.count()):
            item = self.rules_list.item(i)
            if item.data(ROLE_INDEX) == rule_id:
                item.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)

    # -- run -----------------------------------------------------------------------------
    def language(self) -> str:
        return self.language_combo.currentData() or "sv"

    def run(self):
        if self.session is None:
            self.dock.notify(tr("The catalogue is not loaded yet."), warning=True)
            return None
        layer = self.layer_combo.currentLayer()
        if layer is None:
            self.dock.notify(tr("Choose a plan layer with polygons first."), warning=True)
            return None
        if not icons.is_polygon_layer(layer):
            self.dock.notify(tr("The plan layer must contain polygons."), warning=True)
            return None
        selected_only = self.selected_only.isChecked()
        if selected_only and layer.selectedFeatureCount() == 0:
            self.dock.notify(tr("No features are selected in the plan layer."), warning=True)
            return None
        session = self.session
        data = session.pipeline.data_access()
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.summary.setText(tr("Checking the plan…"))
        task = self.dock.run_task(
            tr("Checking plan {name}").format(name=layer.name()), run_check_task,
            session.profile, PlanSource(layer, selected_only), data, self.language(), selected_only,
            self.disabled_rules(), self.name_field.currentField(), self.purpose_field.currentField(),
            self.purpose_combo.currentData() or "",
            on_success=self._finished_ok, on_error=self._failed, on_done=self._done,
        )
        if task is None:
            return None
        self.task = task
        self.task.progressChanged.connect(
            lambda value: None if self.dock._closing else self.progress.setValue(int(value)))
        return self.task

    def cancel(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()

    def _done(self, _task) -> None:
        self.progress.setVisible(False)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.task = None

    def _failed(self, task) -> None:
        self.summary.setText(task.message())

    def _finished_ok(self, task) -> None:
        self.show_result(task.result)

    # -- results -------------------------------------------------------------------------
    def show_result(self, result) -> None:
        """The verdict (the report's words), then one group per plan area: its use and size, its
        findings by severity, its rules without a finding (compactly), its statistics."""
        self.result = result
        lang = ui_language()  # the panel speaks the interface's language; exports the report's
        counts = counts_of(result)
        parts = [f"{icons.severity_label(sev)}: {counts.get(sev, 0)}" for sev in SEVERITIES]
        verdict = result.verdict_text(lang) if hasattr(result, "verdict_text") else verdict_text(counts)
        self.summary.setText(verdict + "\n" + " · ".join(parts))
        self.results.clear()
        self.area_items = []
        if hasattr(result, "plan_features") and result.plan_features:
            self.area_items = show_areas(self.results, result, lang, self._show_severities)
        else:
            self._show_severities(self.results.invisibleRootItem(), list(enumerate(findings_of(result))), lang)
        self.export_button.setEnabled(True)
        self.add_findings_layer()
        if getattr(self.dock, "case_tab", None) is not None:
            self.dock.case_tab.check_finished(result)  # "Add as new version" in the case tab

    def _show_severities(self, parent, indexed, lang) -> None:
        rule_titles = {r.id: localized(r.title, lang) or r.id for r in self.session.profile.rules}
        datasets = getattr(self.result, "datasets", None) or {}
        caveats = {cid: localized(getattr(info, "caveat", None) or {}, lang) for cid, info in datasets.items()}
        show_severities(parent, indexed, rule_titles, caveats, lang)

    def finding_items(self):
        """Every finding row of the results tree (any depth)."""
        items = []

        def walk(item):
            for j in range(item.childCount()):
                child = item.child(j)
                if child.data(0, ROLE_INDEX) is not None:
                    items.append(child)
                walk(child)

        walk(self.results.invisibleRootItem())
        return items

    def finding_rows(self):
        """(severity, rule_id, plan_fid, feature_id) of each row in the results table."""
        findings = findings_of(self.result) if self.result is not None else []
        rows = []
        for item in self.finding_items():
            finding = findings[item.data(0, ROLE_INDEX)]
            rows.append((_value(finding, "severity"), _value(finding, "rule_id"),
                         int(_value(finding, "plan_fid")), str(_value(finding, "feature_id") or "")))
        return rows

    def add_findings_layer(self) -> None:
        """The findings on the map, styled by severity, in a group at the top of the layer tree
        (one layer per geometry type: QGIS draws no GeometryCollection layer)."""
        from ..core.report.styling import display_layers

        if self.result is None:
            return
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        name = tr("Findings")
        for layer in self.findings_layers:
            try:
                project.removeMapLayer(layer.id())
            except RuntimeError:  # already gone with the project
                pass
        old = root.findGroup(name)
        if old is not None:
            root.removeChildNode(old)
        self.findings_layers = []
        layers = display_layers(self.result.findings, self.result.crs, ui_language())
        if not layers:
            return
        group = root.insertGroup(0, name)
        for layer in layers:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            self.findings_layers.append(layer)
        self.dock.set_status_message(tr("Added the findings to the map."))

    def _double_clicked(self, item, _column) -> None:
        index = item.data(0, ROLE_INDEX)
        if index is None or self.result is None:
            return
        self.zoom_to(index)

    def zoom_to(self, index) -> QgsGeometry:
        finding = findings_of(self.result)[index]
        geometry = _value(finding, "geometry")
        if geometry is None or geometry.isEmpty():
            return None
        canvas = self.dock.iface.mapCanvas()
        source = QgsCoordinateReferenceSystem(self.session.profile.crs)
        target = canvas.mapSettings().destinationCrs()
        geometry = QgsGeometry(geometry)
        if target.isValid() and target != source:
            geometry.transform(QgsCoordinateTransform(source, target, QgsProject.instance()))
        box = geometry.boundingBox()
        box.grow(max(200.0 if not target.isGeographic() else 0.002, 0.2 * max(box.width(), box.height())))
        canvas.setExtent(box)
        canvas.refresh()
        canvas.flashGeometries([geometry], target)
        return geometry

    # -- export (review_export.py) --------------------------------------------------------
    def export_dialog(self, kind: str) -> None:
        review_export.export_dialog(self, kind)

    def export(self, kind: str, path: str):
        """Write the report or the findings to ``path`` (see ``review_export.export``)."""
        return review_export.export(self, kind, path)
