"""The catalogue tab (Katalog): themes and datasets, search, metadata, add to map,
offline copies, updates."""

import datetime
import html
import os

from qgis.core import (
    QgsAbstractMetadataBase,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsLayerMetadata,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import paths, vocabulary
from ..core.i18n import localized, tr, trn, ui_language
from . import fieldwork, icons

ROLE_ID = Qt.ItemDataRole.UserRole


def _fmt_time(value) -> str:
    if not value:
        return ""
    if isinstance(value, (int, float)):
        value = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _age(value) -> str:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return ""
    if isinstance(value, (int, float)):
        value = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if not isinstance(value, datetime.datetime):
        return ""
    now = datetime.datetime.now(value.tzinfo) if value.tzinfo else datetime.datetime.now()
    seconds = max(0, (now - value).total_seconds())
    if seconds < 3600:
        n = int(seconds // 60)
        return trn("{n} minute", "{n} minutes", n).format(n=n)
    if seconds < 2 * 86400:
        n = int(seconds // 3600)
        return trn("{n} hour", "{n} hours", n).format(n=n)
    n = int(seconds // 86400)
    return trn("{n} day", "{n} days", n).format(n=n)


def _entry_value(entry, *names):
    for name in names:
        if entry is None:
            return None
        value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
        if value not in (None, ""):
            return value
    return None


def style_path(dataset):
    """The bundled QML style for a dataset: by collection id, else by kind."""
    for name in (dataset.id, getattr(dataset, "kind", "") or ""):
        if name:
            path = paths.resource("styles", f"{name}.qml")
            if os.path.exists(path):
                return path
    return None


def layer_metadata(dataset, service_url: str) -> QgsLayerMetadata:
    """QgsLayerMetadata from what the service says about the collection."""
    meta = QgsLayerMetadata()
    meta.setIdentifier(dataset.id)
    meta.setTitle(dataset.title or dataset.id)
    meta.setAbstract(getattr(dataset, "description", "") or "")
    meta.setType("dataset")
    licence = getattr(dataset, "licence", "") or ""
    licence_url = getattr(dataset, "licence_url", "") or ""
    if licence or licence_url:
        meta.setLicenses([licence or licence_url])
    keywords = [k for k in (getattr(dataset, "theme", ""), getattr(dataset, "kind", ""),
                            str(getattr(dataset, "year", "") or "")) if k]
    if keywords:
        meta.addKeywords("regionplan", keywords)
    base = service_url.rstrip("/")
    items = QgsAbstractMetadataBase.Link(tr("Features"), "OGC API - Features",
                                         f"{base}/collections/{dataset.id}/items")
    meta.addLink(items)
    if licence_url:
        meta.addLink(QgsAbstractMetadataBase.Link(tr("Licence"), "WWW:LINK", licence_url))
    shown = {licence_url}
    for link in dataset.links:  # http(s) only (core.catalog)
        rel = link["rel"].lower()
        if link["href"] in shown or not (rel in ("describedby", "about", "license", "licence") or (
                rel == "alternate" and link["type"] == "text/html")):
            continue
        shown.add(link["href"])
        meta.addLink(QgsAbstractMetadataBase.Link(link["title"] or link["rel"], "WWW:LINK", link["href"]))
    return meta


def build_oapif_layer(service_url: str, authcfg: str, cid: str, name: str, feedback=None):
    """A live layer through QGIS's OAPIF provider (run in a task: the provider asks the service)."""
    from qgis.core import QgsApplication

    uri = QgsDataSourceUri()
    uri.setParam("url", service_url.rstrip("/"))
    uri.setParam("typename", cid)
    if authcfg:
        uri.setAuthConfigId(authcfg)
    layer = QgsVectorLayer(uri.uri(False), name, "OAPIF")
    layer.moveToThread(QgsApplication.instance().thread())
    return layer


def _load_remote(session, cid, name, feedback=None):
    """Task: a live OAPIF layer, or, when the provider cannot read the service, a download."""
    layer = build_oapif_layer(session.profile.service_url, session.options.authcfg, cid, name)
    if layer.isValid() and layer.featureCount() != 0:
        return ("layer", layer)
    from .session import refresh_datasets

    refresh_datasets(session, [cid], feedback=feedback)
    return ("cached", None)


class CatalogueTab(QWidget):
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
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([tr("Dataset"), tr("Year"), tr("Kind")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
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

    def populate(self) -> None:
        """Rebuild years and tree from the session's catalogue."""
        years = sorted({d.year for d in self.datasets() if getattr(d, "year", None)}, reverse=True)
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(tr("All years"), None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(0, index))
        self.year_combo.blockSignals(False)
        self.apply_filter()
        self.update_areas()
        self.set_enabled(self.session is not None)

    def apply_filter(self, *_args) -> None:
        if self.session is None:
            return
        text = self.search_edit.text()
        year = self.year_combo.currentData()
        selected = set(self.selected_ids())
        visible = {d.id for d in self.session.catalog.search(text, year=year)}
        lang = ui_language()
        self.tree.clear()
        for theme, datasets in self.session.catalog.groups():
            rows = [d for d in datasets if d.id in visible]
            if not rows:
                continue
            theme_title = localized(getattr(theme, "title", ""), lang) or getattr(theme, "id", "") or tr("Other")
            top = QTreeWidgetItem([theme_title])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for dataset in rows:
                status = self.session.statuses.get(dataset.id, vocabulary.MISSING)
                item = QTreeWidgetItem([dataset.title or dataset.id, str(dataset.year or ""),
                                        icons.kind_label(getattr(dataset, "kind", ""))])
                item.setData(0, ROLE_ID, dataset.id)
                item.setIcon(0, icons.status_icon(status))
                item.setToolTip(0, f"{dataset.title} — {icons.status_label(status)}")
                top.addChild(item)
                if dataset.id in selected:
                    item.setSelected(True)
            top.setExpanded(True)
            top.setFirstColumnSpanned(True)
        fieldwork.add_background_items(self, ROLE_ID)  # "Background maps": WMS/WMTS/XYZ or the offline one

    def visible_ids(self):
        result = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                result.append(top.child(j).data(0, ROLE_ID))
        return result

    def item_for(self, cid):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, ROLE_ID) == cid:
                    return top.child(j)
        return None

    def select(self, ids) -> None:
        self.tree.clearSelection()
        for cid in ids:
            item = self.item_for(cid)
            if item is not None:
                item.setSelected(True)
                self.tree.setCurrentItem(item)

    def selected_ids(self):
        return [item.data(0, ROLE_ID) for item in self.tree.selectedItems() if item.data(0, ROLE_ID)]

    # -- metadata ------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        dataset = self.dataset(ids[-1]) if ids else None
        self.metadata.setHtml(self.metadata_html(dataset) if dataset else "")

    def metadata_html(self, dataset) -> str:
        esc = html.escape
        session = self.session
        status = session.statuses.get(dataset.id, vocabulary.MISSING)
        entry = None
        try:
            entry = session.cache.entry(dataset.id)
        except Exception:  # noqa: BLE001 - no entry
            entry = None
        rows = []

        def row(label, value, raw=False):
            if value in (None, ""):
                return
            shown = value if raw else esc(str(value))
            rows.append(f"<tr><td valign='top'><b>{esc(label)}</b></td><td>{shown}</td></tr>")

        licence = getattr(dataset, "licence", "") or ""
        licence_url = getattr(dataset, "licence_url", "") or ""
        if licence_url.lower().startswith(("http://", "https://")):
            row(tr("Licence"), f"<a href='{esc(licence_url, quote=True)}'>{esc(licence or licence_url)}</a>", raw=True)
        else:
            row(tr("Licence"), licence)
        extent = getattr(dataset, "extent", None)
        bbox = extent.get("bbox") if isinstance(extent, dict) else extent
        if isinstance(bbox, (list, tuple)) and len(bbox) >= 4:
            row(tr("Extent (WGS 84)"), ", ".join(f"{float(v):.4f}" for v in bbox[:4]))
        temporal = extent.get("temporal") if isinstance(extent, dict) else None
        if isinstance(temporal, (list, tuple)) and any(temporal):
            row(tr("Period"), " – ".join(str(v or "…")[:10] for v in temporal[:2]))
        count = _entry_value(entry, "feature_count") if entry is not None else None
        if count is None:
            count = getattr(dataset, "feature_count", None)
        row(tr("Features"), count)
        problem = getattr(dataset, "cache_problem", "")
        if problem:
            row(tr("Cache problem"), problem)
        base = session.profile.service_url.rstrip("/")
        row(tr("Source"), f"{base}/collections/{dataset.id}")
        row(tr("Catalogue fetched"), _fmt_time(getattr(session.catalog, "fetched_at", None)))
        fetched = _entry_value(entry, "fetched_at") or getattr(dataset, "fetched_at", "")
        row(tr("Cache"), icons.status_label(status))
        if fetched:
            row(tr("Cached copy from"), tr("{time} (age: {age})").format(time=_fmt_time(fetched), age=_age(fetched)))
        if getattr(dataset, "used_by_rules", None):
            row(tr("Used by rules"), ", ".join(str(r) for r in dataset.used_by_rules))
        title = esc(dataset.title or dataset.id)
        description = esc(getattr(dataset, "description", "") or "").replace("\n", "<br>")
        return (f"<h3>{title}</h3><p>{description}</p>"
                f"<table cellspacing='2' cellpadding='2'>{''.join(rows)}</table>")

    # -- actions -------------------------------------------------------------------------
    def _double_clicked(self, item, _column) -> None:
        cid = item.data(0, ROLE_ID)
        if cid:
            self.add_to_map([cid])

    def add_selected(self):
        ids = self.selected_ids()
        if not ids:
            self.dock.notify(tr("Select one or more datasets first."), warning=True)
            return []
        return self.add_to_map(ids)

    def add_to_map(self, ids):
        """Add datasets to the map. Cached (fresh or offline) ones at once, others in a task."""
        added, remote = [], []
        for cid in fieldwork.add_backgrounds_to_map(self, ids):  # background maps: at the bottom
            dataset = self.dataset(cid)
            if dataset is None:
                continue
            status = self.session.statuses.get(cid, vocabulary.MISSING)
            if status in (vocabulary.FRESH, vocabulary.UNKNOWN) or (
                    self.session.offline and status != vocabulary.MISSING):
                layer = self.session.cache.layer(cid)
                if layer is not None and layer.isValid():
                    layer.setName(dataset.title or cid)
                    added.append(self.place_layer(dataset, layer))
                    continue
            if self.session.offline:
                self.dock.notify(tr("“{title}” is not available offline.").format(title=dataset.title), warning=True)
                continue
            remote.append(dataset)
        for dataset in remote:
            self.dock.run_task(
                tr("Loading {title}").format(title=dataset.title), _load_remote, self.session, dataset.id,
                dataset.title or dataset.id, on_success=lambda task, d=dataset: self._remote_loaded(d, task),
            )
        return added

    def _remote_loaded(self, dataset, task) -> None:
        kind, layer = task.result
        if kind == "cached":
            self.dock.refresh_statuses()
            layer = self.session.cache.layer(dataset.id)
            layer.setName(dataset.title or dataset.id)
        self.place_layer(dataset, layer)

    def place_layer(self, dataset, layer):
        path = style_path(dataset)
        if path:
            layer.loadNamedStyle(path)
        layer.setMetadata(layer_metadata(dataset, self.session.profile.service_url))
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        lang = ui_language()
        profile_name = localized(self.session.profile.name, lang) or self.session.profile.id
        theme_title = tr("Other")
        for theme in getattr(self.session.profile, "themes", []) or []:
            if theme.id == getattr(dataset, "theme", None):
                theme_title = localized(theme.title, lang) or theme.id
        group = root.findGroup(profile_name) or root.insertGroup(0, profile_name)
        sub = group.findGroup(theme_title) or group.addGroup(theme_title)
        project.addMapLayer(layer, False)
        sub.addLayer(layer)
        self.dock.layer_added(layer)
        return layer

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.dock.notify(tr("Select one or more datasets first."), warning=True)
            return
        for cid in ids:
            self.session.cache.remove(cid)
        self.dock.refresh_statuses()
        self.dock.set_status_message(
            trn("Removed {n} dataset from the cache.", "Removed {n} datasets from the cache.", len(ids)).format(
                n=len(ids)))

    MUNICIPALITY_COLLECTIONS = ("kommuner",)

    def municipality_layer(self):
        """The cached municipality boundaries (a polygon boundary dataset), or None."""
        if self.session is None:
            return None
        candidates = list(self.MUNICIPALITY_COLLECTIONS) + [
            d.id for d in self.datasets() if getattr(d, "kind", "") == vocabulary.BOUNDARY]
        for cid in candidates:
            if self.session.statuses.get(cid, vocabulary.MISSING) == vocabulary.MISSING:
                continue
            try:
                layer = self.session.cache.layer(cid)
            except Exception:  # noqa: BLE001 - not usable: try the next one
                continue
            if icons.is_polygon_layer(layer) and (
                    layer.fields().indexOf("namn") >= 0 or layer.fields().indexOf("name") >= 0):
                return layer
        return None

    def update_areas(self) -> None:
        """Offer the municipalities as limits once their boundaries are cached."""
        current = self.area_combo.currentData()
        self.area_combo.blockSignals(True)
        while self.area_combo.count() > 2:
            self.area_combo.removeItem(2)
        layer = self.municipality_layer()
        if layer is not None:
            field = "namn" if layer.fields().indexOf("namn") >= 0 else "name"
            names = sorted({str(f[field]) for f in layer.getFeatures() if f[field]})
            for name in names:
                self.area_combo.addItem(tr("Municipality: {name}").format(name=name), "kommun:" + name)
        index = self.area_combo.findData(current)
        self.area_combo.setCurrentIndex(max(0, index))
        self.area_combo.blockSignals(False)

    def area_bbox(self):
        """The chosen limit as a rectangle in the profile CRS, or None for everything."""
        data = self.area_combo.currentData() or "all"
        if data.startswith("kommun:"):
            layer = self.municipality_layer()
            if layer is None:
                return None
            field = "namn" if layer.fields().indexOf("namn") >= 0 else "name"
            box = None
            for feature in layer.getFeatures():
                if str(feature[field]) == data[len("kommun:"):]:
                    rect = feature.geometry().boundingBox()
                    if box is None:
                        box = QgsRectangle(rect)
                    else:
                        box.combineExtentWith(rect)
            return box
        if data != "extent":
            return None
        canvas = self.dock.iface.mapCanvas()
        extent = QgsRectangle(canvas.extent())
        source_crs = canvas.mapSettings().destinationCrs()
        target = QgsCoordinateReferenceSystem(self.session.profile.crs)
        if source_crs.isValid() and source_crs != target:
            transform = QgsCoordinateTransform(source_crs, target, QgsProject.instance())
            extent = transform.transformBoundingBox(extent)
        return extent

    def offline_ids(self):
        if self.scope_combo.currentData() == "rules":
            known = {d.id for d in self.datasets()}
            return [cid for cid in self.session.catalog.rule_collections() if cid in known]
        return self.selected_ids()

    def make_offline(self, ids=None, bbox=None):
        from .session import refresh_datasets

        ids = list(ids) if ids is not None else self.offline_ids()
        if not ids:
            self.dock.notify(tr("Select one or more datasets first."), warning=True)
            return None
        if bbox is None:
            bbox = self.area_bbox()
        return self.dock.run_task(
            trn("Making {n} dataset available offline", "Making {n} datasets available offline", len(ids)).format(
                n=len(ids)),
            refresh_datasets, self.session, ids, bbox=bbox,
            on_success=lambda task: self._offline_done(task),
            on_done=lambda task: self.dock.refresh_statuses(),
        )

    def _offline_done(self, task) -> None:
        n = len(task.result or [])
        self.dock.set_status_message(
            trn("{n} dataset is available offline.", "{n} datasets are available offline.", n).format(n=n))
        self._report_failures(task)

    def _report_failures(self, task) -> None:
        failed = getattr(task.result, "failed", None)
        if failed:
            self.dock.notify(trn("{n} dataset could not be downloaded: {error}",
                                 "{n} datasets could not be downloaded: {error}", len(failed)).format(
                n=len(failed), error=failed[0][1]), warning=True)

    def check_updates(self):
        from .session import check_updates

        cached = [cid for cid, status in self.session.statuses.items() if status != vocabulary.MISSING]
        if not cached:
            self.dock.notify(tr("Nothing is cached yet."), warning=False)
            return None
        return self.dock.run_task(tr("Checking for updates"), check_updates, self.session, cached,
                                  on_success=self._updates_checked)

    def _updates_checked(self, task) -> None:
        statuses = task.result or {}
        self.session.verified.update(
            {k: v for k, v in statuses.items() if v in (vocabulary.FRESH, vocabulary.STALE)})
        self.session.statuses.update(statuses)
        self._stale = [cid for cid, status in statuses.items() if status == vocabulary.STALE]
        self.apply_filter()
        self.set_enabled(True)
        self.dock.set_status_message(
            trn("{stale} of {total} cached dataset has updates.", "{stale} of {total} cached datasets have updates.",
                len(statuses)).format(stale=len(self._stale), total=len(statuses))
        )

    def refresh_stale(self):
        from .session import refresh_datasets

        if not self._stale:
            return None
        ids, self._stale = list(self._stale), []
        return self.dock.run_task(
            trn("Updating {n} dataset", "Updating {n} datasets", len(ids)).format(n=len(ids)),
            refresh_datasets, self.session, ids,
            on_success=lambda task: (self.dock.set_status_message(
                trn("{n} dataset updated.", "{n} datasets updated.", len(task.result or [])).format(
                    n=len(task.result or []))), self._report_failures(task)),
            on_done=lambda task: self.dock.refresh_statuses(),
        )

