"""The spool (a fetch's features on disk, schema inference, content hash) and the GeoPackage
writer. Testable with pages in memory: no server."""

import base64
import hashlib
import json
import re
from typing import Dict, List, Optional

from osgeo import gdal, ogr, osr
from qgis.core import QgsGeometry, QgsRectangle, QgsWkbTypes

from .. import geomtypes, util
from ..errors import Cancelled
from ..fieldtypes import field_value, merge_kind, value_kind
from ..i18n import tr
from ..sources import validity
from .entry import LAYER, META_KEY, RESERVED, CacheEntry


class _Spool:
    """Features of a fetch, one JSON line each, on disk; infers the schema and hashes the content."""

    def __init__(self, path: str, rect: Optional[QgsRectangle]):
        self.path = path
        self.rect = rect
        self.rect_geom = QgsGeometry.fromRect(rect) if rect is not None else None
        self.handle = open(path, "w", encoding="utf-8")
        self.count = 0
        self.seen = 0
        self.skipped = 0
        self.skip_reasons: Dict[str, int] = {}
        self.repaired = 0
        self.kinds: Dict[str, Optional[str]] = {}
        self.geom_types = set()
        self.families: Dict[int, int] = {}
        self.hash = hashlib.sha256()

    def add(self, page) -> None:
        self.seen += len(page.features) + page.skipped
        self.skipped += page.skipped
        for reason, count in page.skip_reasons.items():
            self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + count
        write = self.handle.write
        kinds = self.kinds
        for feature in page.features:
            geom = feature.geometry
            if self.rect is not None and not geom.boundingBox().intersects(self.rect):
                continue
            geom, state = validity.checked(geom)  # once per feature: an invalid one would mislead the check
            if geom is None:
                self.skipped += 1
                self.skip_reasons[validity.SKIP_REASON] = self.skip_reasons.get(validity.SKIP_REASON, 0) + 1
                continue
            if self.rect is not None and not geom.intersects(self.rect_geom):
                continue
            for key, value in feature.properties.items():
                kinds[key] = merge_kind(kinds.get(key), value_kind(value))
            flat = QgsWkbTypes.flatType(geom.wkbType())
            family = geomtypes.family(flat)
            self.geom_types.add(flat)
            self.families[family] = self.families.get(family, 0) + 1
            wkb = bytes(geom.asWkb())
            props = json.dumps(feature.properties, ensure_ascii=False, sort_keys=True, default=str,
                               allow_nan=True)
            head = [feature.id, base64.b64encode(wkb).decode("ascii"), family]
            if state == validity.REPAIRED:
                head.append(1)
            line = json.dumps(head) + "\t" + props + "\n"
            self.hash.update(line.encode("utf-8"))
            write(line)
            self.count += 1

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.flush()
            self.handle.close()

    def digest(self) -> str:
        return "sha256:" + self.hash.hexdigest()

    def rows(self):
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                head, _, props = line.rstrip("\n").partition("\t")
                fid, wkb, family, *repaired = json.loads(head)
                yield fid, base64.b64decode(wkb), family, json.loads(props), bool(repaired)

    def dominant_family(self) -> Optional[int]:
        """The geometry family most features have (None: mixed collections are kept as they are)."""
        return geomtypes.dominant_family(self.families)

    def layer_type(self):
        family = self.dominant_family()
        flat = {t for t in self.geom_types if family is None or geomtypes.family(t) == family}
        types = {QgsWkbTypes.geometryType(t) for t in flat}
        if flat == {QgsWkbTypes.Point}:
            return ogr.wkbPoint, None
        if types == {QgsWkbTypes.PointGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiPoint, ogr.ForceToMultiPoint
        if types == {QgsWkbTypes.LineGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiLineString, ogr.ForceToMultiLineString
        if types == {QgsWkbTypes.PolygonGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiPolygon, ogr.ForceToMultiPolygon
        return ogr.wkbUnknown, None


# the manifest (entry.fields) names the text kind "string", as it always has
_MANIFEST_KIND = {"text": "string"}
_FIELD_KIND = {"string": "text"}


def _field_plan(kinds: Dict[str, Optional[str]]) -> List[dict]:
    plan = []
    used = set(RESERVED)
    for source, kind in kinds.items():
        base = re.sub(r"[\x00-\x1f]", "", str(source)).strip() or "field"
        out = base
        n = 2
        while out.lower() in used:
            out = f"{base}_{n}"
            n += 1
        used.add(out.lower())
        plan.append({"name": out, "source": source, "type": _MANIFEST_KIND.get(kind or "text", kind)})
    return plan


def _write_gpkg(path: str, spool: _Spool, entry: CacheEntry, feedback, crs_wkt: str) -> None:
    """Write the spooled features to a new GeoPackage at ``path`` in the CRS ``crs_wkt`` (the
    WKT of ``entry.crs``); fills ``entry``'s fields, geometry type, counts and embeds it."""
    geom_type, force = spool.layer_type()
    plan = _field_plan(spool.kinds)
    entry.fields = plan
    entry.geometry_type = ogr.GeometryTypeToName(geom_type)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        gdal.ErrorReset()
        driver = ogr.GetDriverByName("GPKG")
        ds = driver.CreateDataSource(path)
        if ds is None:
            raise OSError(gdal.GetLastErrorMsg() or "cannot create " + path)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(crs_wkt)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        layer = ds.CreateLayer(LAYER, srs, geom_type, ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"])
        if layer is None:
            raise OSError(gdal.GetLastErrorMsg() or "cannot create layer")
        rp = ogr.FieldDefn("rp_id", ogr.OFTString)
        if layer.CreateField(rp) != 0:
            raise OSError(gdal.GetLastErrorMsg())
        for item in plan:
            kind = item["type"]
            defn = ogr.FieldDefn(item["name"], {"int": ogr.OFTInteger64, "real": ogr.OFTReal,
                                                "bool": ogr.OFTInteger}.get(kind, ogr.OFTString))
            if kind == "bool":
                defn.SetSubType(ogr.OFSTBoolean)
            elif kind == "json":
                defn.SetSubType(ogr.OFSTJSON)
            if layer.CreateField(defn) != 0:
                raise OSError(gdal.GetLastErrorMsg())
        layer_defn = layer.GetLayerDefn()
        index = [(item["source"], layer_defn.GetFieldIndex(item["name"]), item["type"]) for item in plan]
        batch = 0
        written = 0
        if ds.StartTransaction() != 0:
            raise OSError(gdal.GetLastErrorMsg())
        family = spool.dominant_family()
        other = 0
        entry.repaired = 0
        for fid, wkb, fam, props, repaired in spool.rows():
            if family is not None and fam != family:
                other += 1  # a geometry type that does not belong to the collection
                continue
            entry.repaired += repaired
            feature = ogr.Feature(layer_defn)
            feature.SetFieldString(0, str(fid))
            for source, idx, kind in index:
                value = field_value(props.get(source), _FIELD_KIND.get(kind, kind))
                if value is None:
                    continue
                if kind == "int":
                    feature.SetFieldInteger64(idx, value)
                elif kind == "bool":
                    feature.SetFieldInteger64(idx, 1 if value else 0)
                elif kind == "real":
                    feature.SetField(idx, value)
                else:  # text and JSON: the typed setter skips ogr.py's generic dispatch
                    feature.SetFieldString(idx, value)
            geom = ogr.CreateGeometryFromWkb(wkb)
            if geom is not None and force is not None:
                geom = force(geom)
            feature.SetGeometryDirectly(geom)
            if layer.CreateFeature(feature) != 0:
                raise OSError(gdal.GetLastErrorMsg() or "write failed")
            written += 1
            batch += 1
            if batch >= 5000:
                if ds.CommitTransaction() != 0:
                    raise OSError(gdal.GetLastErrorMsg() or "commit failed")
                if util.is_canceled(feedback):
                    raise Cancelled(tr("Cancelled."))
                if ds.StartTransaction() != 0:
                    raise OSError(gdal.GetLastErrorMsg())
                batch = 0
                util.set_progress(feedback, 80 + 19 * written / max(1, spool.count))
        if ds.CommitTransaction() != 0:
            raise OSError(gdal.GetLastErrorMsg() or "commit failed")
        entry.feature_count = written
        if other:
            reason = "geometry type differs from the collection"
            entry.skipped += other
            entry.skip_reasons[reason] = entry.skip_reasons.get(reason, 0) + other
        layer.SetMetadataItem(META_KEY, json.dumps(entry.to_dict(), ensure_ascii=False))
        ds.FlushCache()
        layer = None
        ds = None
        if gdal.GetLastErrorType() >= gdal.CE_Failure and gdal.GetLastErrorMsg():
            raise OSError(gdal.GetLastErrorMsg())
    finally:
        gdal.PopErrorHandler()
