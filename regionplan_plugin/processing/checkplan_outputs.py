"""The outputs of ``regionplan:checkplan`` added by contract section 4: the ``OUTCOMES`` and
``STATISTICS`` tables, the draft statement's header for the report, and the review case
(``CASE_FILE``). Plain helpers over ``core``; ``checkplan.py`` declares the parameters."""

import os

from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsFields, QgsWkbTypes

from ..core import vocabulary
from ..core.i18n import translate
from ..core.util import local_time, new_field

OUTCOME_FIELDS = (("plan_fid", "int"), ("rule_id", "text"), ("state", "text"), ("findings", "int"),
                  ("reason", "text"), ("collection", "text"), ("data_version", "text"), ("fetched_at", "text"))
STATISTIC_FIELDS = (("plan_fid", "int"), ("statistic_id", "text"), ("value", "real"), ("unit", "text"))
HEADER_KEYS = ("case_id", "municipality_case_id", "plan_type", "stage", "officer")


def table_fields(spec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(new_field(name, kind))
    return fields


def write_table(alg, parameters, name, context, spec, items):
    """Write ``items`` (objects with the ``spec`` attributes) to the optional table sink
    ``name``; its destination id, or None when the sink was not asked for."""
    if parameters.get(name) in (None, ""):
        return None
    fields = table_fields(spec)
    sink, dest_id = alg.parameterAsSink(parameters, name, context, fields, QgsWkbTypes.NoGeometry,
                                        QgsCoordinateReferenceSystem())
    if sink is None:
        return None
    for item in items:
        feature = QgsFeature(fields)
        feature.setAttributes([getattr(item, field_name) for field_name, _kind in spec])
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            from qgis.core import QgsProcessingException

            raise QgsProcessingException(alg.writeFeatureError(sink, parameters, name))
    return dest_id


def header_values(values: dict, lang: str) -> dict:
    """The draft statement's header from the parameters: only the fields given; a plan type or
    stage outside the contract's codes is refused (ValueError with the message)."""
    header = {key: (values.get(key) or "").strip() for key in HEADER_KEYS}
    for key, allowed in (("plan_type", vocabulary.PLAN_TYPES), ("stage", vocabulary.STAGES)):
        if header[key] and header[key] not in allowed:
            raise ValueError(translate("{name} must be one of {allowed}, not {value}.", lang).format(
                name=key.upper(), allowed=", ".join(allowed), value=header[key]))
    return {key: value for key, value in header.items() if value}


def store_case(path: str, result, profile, header: dict, lang: str):
    """Store the run as a new version of the case file at ``path`` (created when missing, with
    the case number, plan type and stage given); returns ``(version, report arguments)``: the
    version's number and ``core.case.report_arguments`` of it (the reviewer's decisions, the
    changes since the previous version) for the run's report."""
    from ..core.case import CaseInfo, create_case, open_case, report_arguments
    from ..core.case.result_version import version_arguments

    if os.path.exists(path):
        case = open_case(path)
    else:
        info = CaseInfo(case_id=header.get("case_id", ""),
                        municipality=(result.host_municipalities or [""])[0],
                        plan_name=result.plan_name, plan_type=header.get("plan_type", vocabulary.OTHER),
                        stage=header.get("stage", vocabulary.OTHER), profile_id=profile.id)
        case = create_case(path, info, crs=result.crs)
    with case:
        label = translate("Checked {when}", lang).format(when=local_time(result.finished_at))
        version = case.add_version(label, **version_arguments(result, lang))
        return version, report_arguments(case, version)
