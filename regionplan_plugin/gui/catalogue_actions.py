"""The catalogue tab's actions: add to map (cached or live), remove from the cache, the
offline area, make available offline, check for updates and update. Mixed into
:class:`.catalogue.CatalogueTab`."""

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

from ..core import paths, vocabulary
from ..core.i18n import localized, tr, trn, ui_language
from . import fieldwork, icons
from .catalogue_tree import ROLE_ID, source_address


def style_path(dataset):
    """The bundled QML style for a dataset: by collection id, else by kind."""
    for name in (dataset.id, getattr(dataset, "kind", "") or ""):
        if name:
            path = paths.resource("styles", f"{name}.qml")
            if os.path.exists(path):
                return path
    return None


def layer_metadata(dataset, service_url: str, source_link=None) -> QgsLayerMetadata:
    """QgsLayerMetadata from what the service says about the collection (``source_link``: the
    ``(url, collection name)`` of its OGC API source, or ``(url, None)`` for a file or another
    service; default: ``service_url`` and the dataset's id). The caveat ends the abstract."""
    meta = QgsLayerMetadata()
    meta.setIdentifier(dataset.id)
    meta.setTitle(dataset.title or dataset.id)
    abstract = getattr(dataset, "description", "") or ""
    caveat = localized(getattr(dataset, "caveat", None) or {}, ui_language())
    if caveat:
        abstract = (abstract + "\n\n" if abstract else "") + tr("Note on the data: {caveat}").format(caveat=caveat)
    meta.setAbstract(abstract)
    meta.setType("dataset")
    licence = getattr(dataset, "licence", "") or ""
    licence_url = getattr(dataset, "licence_url", "") or ""
    if licence or licence_url:
        meta.setLicenses([licence or licence_url])
    keywords = [k for k in (getattr(dataset, "theme", ""), getattr(dataset, "kind", ""),
                            str(getattr(dataset, "year", "") or "")) if k]
    if keywords:
        meta.addKeywords("regionplan", keywords)
    url, name = source_link or (service_url, dataset.id)
    if name is None:
        meta.addLink(QgsAbstractMetadataBase.Link(tr("Source"), "WWW:LINK", url))
    else:
        meta.addLink(QgsAbstractMetadataBase.Link(tr("Features"), "OGC API - Features",
                                                  f"{url.rstrip('/')}/collections/{name}/items"))
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


def live_source(session, cid):
    """``(url, collection, authcfg)`` of a dataset QGIS's OAPIF provider can show live: one of an
    ``ogcapi-features`` source, with that source's own authcfg (the region's setting for the first
    source, as ``core.sources.multi.client_for`` does); None for any other source type, and for a
    source whose authcfg is OAuth2 client credentials (``core.http.oauth2``: QGIS's provider cannot
    carry the plugin's token, so such a dataset is added from its offline copy)."""
    from ..core import settings
    from ..core.http import oauth2

    profile = session.profile
    if not hasattr(profile, "resolve"):
        chosen, name = session.options.authcfg, cid
        url = profile.service_url
    else:
        spec, name, _declared = profile.resolve(cid)
        if spec is None or spec.type != "ogcapi-features":
            return None
        first = next((s for s in profile.sources if not s.background), None)
        chosen = settings.source_authcfg(profile.id, spec.id)
        if not chosen and first is not None and first.id == spec.id:
            chosen = session.options.authcfg
        url = spec.url
    if chosen and oauth2.credentials(chosen) is not None:
        return None
    return url, name, chosen or ""


def _load_remote(session, cid, name, feedback=None):
    """Task: a live OAPIF layer from the dataset's own source, or else (another source type, or the
    provider cannot read the service) a download into the cache."""
    live = live_source(session, cid)
    if live is not None:
        layer = build_oapif_layer(live[0], live[2], live[1], name)
        if layer.isValid() and layer.featureCount() != 0:
            return ("layer", layer)
    from .session import refresh_datasets

    refresh_datasets(session, [cid], feedback=feedback)
    return ("cached", None)



class CatalogueActionsMixin:
    """What the tab's buttons do (needs ``dock``, ``session``, the combos, ``datasets()``,
    ``dataset()``, ``selected_ids()``, ``apply_filter()`` and ``set_enabled()`` of the tab)."""

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
        live = live_source(self.session, dataset.id)
        source_link = (live[0], live[1]) if live is not None else (source_address(self.session.profile, dataset), None)
        layer.setMetadata(layer_metadata(dataset, self.session.profile.service_url, source_link))
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

