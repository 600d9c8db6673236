"""Lantmäteriet's national specification "Detaljplan" 4.1 (JSON, media type
``application/vnd.lm.detaljplan.v4+json``).

The file is a GeoJSON-like ``FeatureCollection`` whose features all have ``geometry: null``;
the geometry lives in the properties:

- one feature with ``feature:typ`` ``detaljplan``: ``objektidentitet`` (uuid), ``namn``,
  ``beteckning``, ``status`` (påbörjad, samråd, granskning, antagen, …, laga kraft) and
  ``plangeometri``, a list of geometry descriptions ``{"geometri": {"typ": "yta",
  "koordinatsystemPlan": "EPSG:3006", "dimension": 2, "position": <GeoJSON polygon>},
  "geometrimetadata": {...}}``: the plan area is their union;
- planbestämmelse features (``användningsbestämmelse``, ``egenskapsbestämmelse``,
  ``administrativ bestämmelse``) with ``objektidentitet``, ``bestammelseformulering`` (the
  provision's wording, e.g. "Bostäder", "Gata"), ``planbestammelsekatalogreferens`` and
  ``bestammelsegeometri`` (the same geometry descriptions). The use provisions tile the plan.

Coordinates are [east, north] in SWEREF 99 TM or one of its local zones.
"""

import json
import os
from typing import Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from ..i18n import tr
from ..purposes import purpose_of
from .model import PlanArea, PlanAreas, PlanFileError, polygons_only, union

MEDIA_TYPE = "application/vnd.lm.detaljplan.v4+json"
PLAN_TYPE = "detaljplan"
USE_PROVISION = "användningsbestämmelse"
PROVISION_TYPES = (USE_PROVISION, "egenskapsbestämmelse", "administrativ bestämmelse")
AREA_TYPES = ("yta", "multiyta", "kropp", "multikropp", "multigeometri")
MAX_BYTES = 200 * 1024 * 1024


def looks_like_detaljplan(path: str) -> bool:
    """True for a JSON file that announces the detaljplan media type or holds a detaljplan object."""
    if not path.lower().endswith((".json", ".geojson")):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return b"vnd.lm.detaljplan" in head or (b'"feature:typ"' in head and b'"plangeometri"' in head)


def _invalid(message: str, path: str) -> PlanFileError:
    return PlanFileError(message, "invalid", path)


def _crs_name(value) -> str:
    """``EPSG:3006`` from ``EPSG:3006``, a URN/URI, or a GeoJSON ``crs`` object."""
    if isinstance(value, dict):
        value = (value.get("properties") or {}).get("name") if isinstance(value.get("properties"), dict) else None
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    digits = text.rstrip("/").split(":")[-1].split("/")[-1]
    if "epsg" in text.lower() and digits.isdigit():
        return "EPSG:" + digits
    return ""


def _geometry(position) -> Optional[QgsGeometry]:
    from osgeo import ogr

    if not isinstance(position, dict):
        return None
    try:
        ogr_geometry = ogr.CreateGeometryFromJson(json.dumps(position))
    except Exception:  # noqa: BLE001 - GDAL raises RuntimeError or returns None, by version and settings
        return None
    if ogr_geometry is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(ogr_geometry.ExportToIsoWkb()))
    return geometry


def _read_geometries(descriptions, what: str, path: str, crs_holder: list) -> QgsGeometry:
    """The union of the polygons of a list of geometry descriptions (``plangeometri``,
    ``bestammelsegeometri``); ``crs_holder`` collects the CRSs they name."""
    if not isinstance(descriptions, list) or not descriptions:
        raise _invalid(tr("{what} has no geometry.").format(what=what), path)
    parts = []
    for number, description in enumerate(descriptions, 1):
        geometri = description.get("geometri") if isinstance(description, dict) else None
        if not isinstance(geometri, dict):
            raise _invalid(tr("{what}: geometry {n} has no 'geometri'.").format(what=what, n=number), path)
        crs = _crs_name(geometri.get("koordinatsystemPlan"))
        if crs:
            crs_holder.append(crs)
        if str(geometri.get("typ", "")).lower() not in AREA_TYPES:
            continue  # a point or line (egenskapsbestämmelse on a line) is not a plan area
        geometry = _geometry(geometri.get("position"))
        if geometry is None or geometry.isEmpty():
            raise _invalid(tr("{what}: geometry {n} has no readable coordinates ('position').").format(
                what=what, n=number), path)
        polygons = polygons_only(geometry)
        if polygons.isEmpty():
            raise _invalid(tr("{what}: geometry {n} is not a polygon.").format(what=what, n=number), path)
        parts.append(polygons)
    return union(parts)


def load_json(path: str):
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise PlanFileError(tr("The plan file {path} is larger than 200 MB.").format(path=path), "unreadable", path)
        with open(path, "rb") as handle:
            return json.loads(handle.read().decode("utf-8-sig"))
    except OSError as exc:
        raise PlanFileError(tr("The plan file {path} cannot be read: {error}").format(path=path, error=exc),
                            "unreadable", path) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise _invalid(tr("The plan file {path} is not valid JSON: {error}").format(path=path, error=exc),
                       path) from None


def read_detaljplan(source, path: str = "") -> PlanAreas:
    """Read a detaljplan 4.1 file (a path) or its parsed JSON (``source`` a dict, ``path`` for messages).

    Raises :class:`PlanFileError` (``kind='invalid'``) naming the object and the problem."""
    if isinstance(source, str):
        path = path or source
        source = load_json(source)
    label = os.path.basename(path) if path else tr("The detaljplan")
    if not isinstance(source, dict) or not isinstance(source.get("features"), list):
        raise _invalid(tr("{file} is not a detaljplan 4.1 file: it has no list of features.").format(file=label), path)
    plans, provisions = [], []
    for feature in source["features"]:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        kind = str(props.get("feature:typ", ""))
        if kind == PLAN_TYPE:
            plans.append(props)
        elif kind in PROVISION_TYPES or "bestammelsegeometri" in props:
            provisions.append(props)
    if not plans:
        raise _invalid(tr("{file} holds no detaljplan object (a feature with feature:typ 'detaljplan').").format(
            file=label), path)
    if len(plans) > 1:
        raise _invalid(tr("{file} holds {n} detaljplan objects; a delivery holds one plan.").format(
            file=label, n=len(plans)), path)
    plan = plans[0]
    plan_id = str(plan.get("objektidentitet") or "")
    crss = []
    what = tr("The detaljplan object (id {id})").format(id=plan_id or "?")
    outline = _read_geometries(plan.get("plangeometri"), what, path, crss)
    if outline.isEmpty():
        raise _invalid(tr("{what} has no polygon in its plangeometri.").format(what=what), path)
    result = PlanAreas(crs="", name=str(plan.get("namn") or plan.get("beteckning") or ""), plan_id=plan_id,
                       status=str(plan.get("status") or ""), kind=PLAN_TYPE, source=path, outline=outline)
    for number, props in enumerate(provisions, 1):
        if props.get("feature:typ") != USE_PROVISION:
            continue
        ident = str(props.get("objektidentitet") or "")
        what = tr("Planbestämmelse {n} (id {id})").format(n=number, id=ident or "?")
        if not props.get("bestammelsegeometri"):
            raise _invalid(tr("{what} has no geometry.").format(what=what), path)
        geometry = _read_geometries(props.get("bestammelsegeometri"), what, path, crss)
        if geometry.isEmpty():
            raise _invalid(tr("{what} is a use provision without an area.").format(what=what), path)
        wording = str(props.get("bestammelseformulering") or "").strip()
        code = str(props.get("beteckning") or "").strip()  # not in 4.1, written by some tools
        purpose = purpose_of(code) if code else ""
        purpose = purpose or purpose_of(wording)
        result.areas.append(PlanArea(geometry=geometry, purpose=purpose,
                                     use_code=code or wording, ident=ident))
    crs = crss[0] if crss else _crs_name(source.get("crs"))
    if len(set(crss)) > 1:
        raise _invalid(tr("{file} mixes coordinate systems ({crss}); a plan has one.").format(
            file=label, crss=", ".join(sorted(set(crss)))), path)
    if not crs or not QgsCoordinateReferenceSystem(crs).isValid():
        raise _invalid(tr("{file} names no known coordinate system (koordinatsystemPlan).").format(file=label), path)
    result.crs = crs
    return result
