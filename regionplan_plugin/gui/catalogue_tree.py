"""The catalogue tab's tree: themes and datasets, search and year filter, selection, and the
metadata of the selected dataset. Mixed into :class:`.catalogue.CatalogueTab`."""

import datetime
import html

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QTreeWidgetItem

from ..core import vocabulary
from ..core.i18n import localized, tr, trn, ui_language
from ..core.util import local_time
from . import fieldwork, icons

ROLE_ID = Qt.ItemDataRole.UserRole
COLUMN_SOURCE = 3  # the tree's columns: dataset, year, kind, source (profile version 2: several sources)


def _fmt_time(value) -> str:
    """The user's local time with its zone ("2026-12-01 11:30 CET"), as the report writes it."""
    return local_time(value)


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


def source_title(profile, dataset, lang: str) -> str:
    """The title of the profile source a dataset comes from (its id when it has none)."""
    source_id = getattr(dataset, "source_id", "") or ""
    spec = profile.source_spec(source_id) if source_id and hasattr(profile, "source_spec") else None
    return spec.title_in(lang) if spec is not None else source_id


def source_address(profile, dataset) -> str:
    """Where a dataset is read: an OGC API collection's address, else its source's URL."""
    spec, name, _declared = profile.resolve(dataset.id) if hasattr(profile, "resolve") else (None, dataset.id, None)
    if spec is None:
        return f"{profile.service_url.rstrip('/')}/collections/{dataset.id}"
    if spec.type == "ogcapi-features":
        return f"{spec.url.rstrip('/')}/collections/{name}"
    return spec.url


def data_sources(profile) -> list:
    return [s for s in getattr(profile, "sources", None) or [] if not s.background]


def caveat_icon():
    return QgsApplication.getThemeIcon("/mIconWarning.svg")


def _entry_value(entry, *names):
    for name in names:
        if entry is None:
            return None
        value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
        if value not in (None, ""):
            return value
    return None



class CatalogueTreeMixin:
    """Building and filtering the tree, selection and metadata (needs ``tree``, ``search_edit``,
    ``year_combo``, ``metadata``, ``session``, ``datasets()``, ``dataset()``, ``update_areas()``
    and ``set_enabled()`` of the tab)."""

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
        profile = self.session.profile
        self.tree.clear()
        # one source and no caveat: the column would say nothing
        self.tree.setColumnHidden(COLUMN_SOURCE, len(data_sources(profile)) < 2 and not any(
            getattr(d, "caveat", None) for d in self.session.catalog.datasets))
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
                source = source_title(profile, dataset, lang)
                caveat = localized(getattr(dataset, "caveat", None) or {}, lang)
                item = QTreeWidgetItem([dataset.title or dataset.id, str(dataset.year or ""),
                                        icons.kind_label(getattr(dataset, "kind", "")), source])
                item.setData(0, ROLE_ID, dataset.id)
                item.setIcon(0, icons.status_icon(status))
                item.setToolTip(0, f"{dataset.title} — {icons.status_label(status)}")
                if caveat:  # marked in the tree, in full in the details below
                    item.setIcon(COLUMN_SOURCE, caveat_icon())
                    item.setToolTip(COLUMN_SOURCE, tr("{source}. Note: {caveat}").format(source=source, caveat=caveat))
                elif source:
                    item.setToolTip(COLUMN_SOURCE, source)
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
        lang = ui_language()
        source = source_title(session.profile, dataset, lang)
        address = source_address(session.profile, dataset)
        row(tr("Source"), f"{source} – {address}" if source else address)
        row(tr("Catalogue fetched"), _fmt_time(getattr(session.catalog, "fetched_at", None)))
        fetched = _entry_value(entry, "fetched_at") or getattr(dataset, "fetched_at", "")
        row(tr("Cache"), icons.status_label(status))
        if fetched:
            row(tr("Cached copy from"), tr("{time} (age: {age})").format(time=_fmt_time(fetched), age=_age(fetched)))
        if getattr(dataset, "used_by_rules", None):
            row(tr("Used by rules"), ", ".join(str(r) for r in dataset.used_by_rules))
        title = esc(dataset.title or dataset.id)
        description = esc(getattr(dataset, "description", "") or "").replace("\n", "<br>")
        caveat = localized(getattr(dataset, "caveat", None) or {}, lang)
        note = (f"<p style='background:#fff4d6;border:1px solid #e0b44c;padding:4px'>"
                f"<b>{esc(tr('Note on the data'))}:</b> {esc(caveat)}</p>") if caveat else ""
        return (f"<h3>{title}</h3>{note}<p>{description}</p>"
                f"<table cellspacing='2' cellpadding='2'>{''.join(rows)}</table>")
