"""The catalogue tab (Katalog): themes and datasets, search, metadata, add to map,
offline copies, updates. The tree and metadata are in :mod:`.catalogue_tree`, the actions in
:mod:`.catalogue_actions`; their names are re-exported here."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr
from .catalogue_actions import (  # noqa: F401 - re-exported
    CatalogueActionsMixin,
    _load_remote,
    build_oapif_layer,
    layer_metadata,
    style_path,
)
from .catalogue_tree import ROLE_ID, CatalogueTreeMixin, _age, _entry_value, _fmt_time  # noqa: F401 - re-exported
from .widgets import stretch_column


class CatalogueTab(CatalogueTreeMixin, CatalogueActionsMixin, QWidget):
    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.setObjectName("RegionplanCatalogueTab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("catalogueSearch")
        self.search_edit.setPlaceholderText(tr("Search datasets…"))
        self.search_edit.setClearButtonEnabled(True)
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("catalogueYear")
        self.year_combo.addItem(tr("All years"), None)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.year_combo)
        layout.addLayout(filters)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setObjectName("catalogueTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Dataset"), tr("Year"), tr("Kind"), tr("Source")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        stretch_column(self.tree, 0)
        self.metadata = QTextBrowser()
        self.metadata.setObjectName("catalogueMetadata")
        self.metadata.setOpenExternalLinks(True)
        self.metadata.setPlaceholderText(tr("Select a dataset to see its description."))
        splitter.addWidget(self.tree)
        splitter.addWidget(self.metadata)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        buttons = QGridLayout()
        self.add_button = QPushButton(tr("Add to map"))
        self.add_button.setObjectName("addToMap")
        self.remove_button = QPushButton(tr("Remove from cache"))
        self.updates_button = QPushButton(tr("Check for updates"))
        self.refresh_button = QPushButton(tr("Update stale datasets"))
        self.refresh_button.setEnabled(False)
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.addWidget(self.updates_button, 1, 0)
        buttons.addWidget(self.refresh_button, 1, 1)
        layout.addLayout(buttons)

        offline_box = QGroupBox(tr("Make available offline"))
        offline_layout = QGridLayout(offline_box)
        self.scope_combo = QComboBox()
        self.scope_combo.addItem(tr("Selected datasets"), "selected")
        self.scope_combo.addItem(tr("All datasets used by the rules"), "rules")
        self.area_combo = QComboBox()
        self.area_combo.addItem(tr("Whole region"), "all")
        self.area_combo.addItem(tr("Current map extent"), "extent")
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.offline_button = QPushButton(tr("Download"))
        self.offline_button.setObjectName("makeOffline")
        offline_layout.addWidget(QLabel(tr("Datasets")), 0, 0)
        offline_layout.addWidget(self.scope_combo, 0, 1, 1, 2)
        offline_layout.addWidget(QLabel(tr("Area")), 1, 0)
        offline_layout.addWidget(self.area_combo, 1, 1)
        offline_layout.addWidget(self.offline_button, 1, 2)
        offline_layout.setColumnStretch(1, 1)
        layout.addWidget(offline_box)

        self._stale = []
        self.search_edit.textChanged.connect(self.apply_filter)
        self.year_combo.currentIndexChanged.connect(self.apply_filter)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.add_button.clicked.connect(lambda: self.add_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.updates_button.clicked.connect(lambda: self.check_updates())
        self.refresh_button.clicked.connect(lambda: self.refresh_stale())
        self.offline_button.clicked.connect(lambda: self.make_offline())
        self.set_enabled(False)

    # -- state ---------------------------------------------------------------------------
    @property
    def session(self):
        return self.dock.session

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.add_button, self.remove_button, self.updates_button, self.offline_button):
            widget.setEnabled(enabled)
        self.refresh_button.setEnabled(enabled and bool(self._stale))
        if self.session is not None and self.session.offline:
            self.updates_button.setEnabled(False)
            self.offline_button.setEnabled(False)

    def datasets(self):
        return list(self.session.catalog.search()) if self.session else []

    def dataset(self, cid):
        for dataset in self.datasets():
            if dataset.id == cid:
                return dataset
        return None
