"""Processing algorithm ``regionplan:checkplan``: check a draft plan against the region's rules.

Parameters and outputs exactly per ``shared/contract/profile.md`` §3. A thin shell over
``core.check.run_check`` and ``core.report``.
"""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from ..core import vocabulary

# core.check (and what it imports) loads when the algorithm runs, not at QGIS start-up
from ..core.errors import Cancelled, RegionplanError
from ..core.i18n import N_, default_language, tr, translate, translaten
from ..core.util import plain_value
from .base import RegionplanAlgorithm
from .checkplan_outputs import OUTCOME_FIELDS, STATISTIC_FIELDS, header_values, store_case, write_table

# Post-processors must outlive the algorithm instance: kept here until they have run.
_POST_PROCESSORS = {}


class ShowFindings(QgsProcessingLayerPostProcessorInterface):
    """When the findings layer is loaded into a project, also add the styled views of it
    (polygons, lines, points): QGIS draws no GeometryCollection layer."""

    def __init__(self, key: str, lang: str):
        super().__init__()
        self.key = key
        self.lang = lang

    def postProcessLayer(self, layer, context, feedback):
        try:
            if not isinstance(layer, QgsVectorLayer) or context.project() is None:
                return
            from ..core.check import FIELD_NAMES, Finding
            from ..core.report.styling import display_layers

            findings = []
            for feature in layer.getFeatures():
                geometry = feature.geometry()
                if geometry.isNull():
                    continue
                collection = geometry.constGet()
                part = collection.geometryN(0) if hasattr(collection, "numGeometries") else collection
                values = {name: plain_value(feature[name]) for name in FIELD_NAMES}
                findings.append(Finding(**values, geometry=QgsGeometry(part.clone())))
            views = display_layers(findings, layer.crs().authid(), self.lang, name=layer.name())
            context.project().addMapLayers(views)
        finally:
            _POST_PROCESSORS.pop(self.key, None)


class CheckPlanAlgorithm(RegionplanAlgorithm):
    PLAN = "PLAN"
    OFFLINE = "OFFLINE"
    LANGUAGE = "LANGUAGE"
    REPORT = "REPORT"
    CONFLICTS = "CONFLICTS"
    ATTENTION = "ATTENTION"
    SUPPORT = "SUPPORT"
    INFO = "INFO"
    PARTIAL = "PARTIAL"
    OUTCOMES = "OUTCOMES"
    STATISTICS = "STATISTICS"
    NAME_FIELD = "NAME_FIELD"
    PURPOSE_FIELD = "PURPOSE_FIELD"
    PURPOSE = "PURPOSE"
    CASE_ID = "CASE_ID"
    MUNICIPALITY_CASE_ID = "MUNICIPALITY_CASE_ID"
    PLAN_TYPE = "PLAN_TYPE"
    STAGE = "STAGE"
    OFFICER = "OFFICER"
    CASE_FILE = "CASE_FILE"
    HEADER_PARAMETERS = (CASE_ID, MUNICIPALITY_CASE_ID, PLAN_TYPE, STAGE, OFFICER)

    NAME = "checkplan"
    DISPLAY = N_("Check plan against the regional rules")
    GROUP_ID = "check"

    def tags(self):
        return [tr("plan"), tr("RUS"), tr("region"), tr("plan check"), "regionplan", "yttrande", "remiss"]

    def shortHelpString(self):
        return tr(
            "Checks a draft plan area (a polygon layer, for example an ÖP or DP draft) against the region's rule "
            "set: the corridors, nodes and cores of the RUS structure plans and the regional interests. Every plan "
            "feature is measured against every matching feature of each rule's dataset, planar in the profile's "
            "coordinate system (EPSG:3006 for Örebro). Plans in any coordinate system are transformed; invalid "
            "geometries are repaired and the repair is reported.\n\n"
            "Plan: a polygon layer; 'Selected features only' is honoured.\n"
            "Profile: a profile file or URL; empty uses the bundled Region Örebro län profile.\n"
            "Service URL: replaces the profile's service address when given.\n"
            "Offline: use only the offline cache (fails clearly if a needed dataset is not cached).\n"
            "Language: sv or en for the messages and the report; empty uses the QGIS language, else Swedish.\n\n"
            "Findings: one feature per plan feature, rule and regional feature, with the rule's severity, "
            "the distance, the overlap in m² and as a share of the plan feature, and the rule's message. The "
            "geometry is the overlap, the shortest line to the regional feature, or the plan feature itself.\n"
            "Report: an HTML (.html) or PDF (.pdf) report with a summary, a map, the findings per rule, a draft "
            "statement and the provenance of every dataset.\n\n"
            "Outputs: the findings layer, the report and the number of findings per severity (CONFLICTS, "
            "ATTENTION, SUPPORT, INFO)."
        ) + "\n\n" + tr(
            "Partial check: when a dataset cannot be had, its rules are marked not checked, with the reason, and "
            "the rest is checked; the verdict then never reads 'no conflicts'. Without it, such a run fails.\n"
            "Outcomes (optional table): one row per plan area and rule with its state (affected, not_affected, "
            "not_applicable, not_checked), the number of findings, why it was not checked, and the version and "
            "fetch time of the data used.\n"
            "Statistics (optional table): one row per plan area and statistic of the profile (value and unit).\n"
            "Name field: the plan areas' names (default: the first of name, namn, plannamn, planname, benamning; "
            "else 'Plan area N').\n"
            "Purpose field / Purpose: what each plan area is for, or one purpose for the whole layer (Boverket's "
            "use letters such as B, C, J, K, Z and common ÖP words are understood). A rule that does not concern "
            "that purpose is not applicable; an unknown purpose means every rule applies.\n"
            "Case number, municipality's case number, plan type ({plan_types}), stage ({stages}) and officer fill "
            "the header of the draft statement in the report.\n"
            "Case file: a GeoPackage of the review case; the run is stored as a new version of it (the file is "
            "created when missing)."
        ).format(plan_types=", ".join(vocabulary.PLAN_TYPES), stages=", ".join(vocabulary.STAGES)) + " " + tr(
            "The report of such a run shows the changes since the previous version and the reviewer's decisions."
        ) + "\n\n" + tr(
            "Severities, most serious first: {severities}.").format(
            severities="; ".join(f"{vocabulary.severity_label(s)} ({s})" for s in vocabulary.SEVERITIES))

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PLAN, tr("Plan layer (polygons)"), [QgsProcessing.TypeVectorPolygon]))
        self.add_profile_parameters()
        self.addParameter(QgsProcessingParameterBoolean(
            self.OFFLINE, tr("Offline: use only the offline cache"), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            self.LANGUAGE, tr("Language of messages and report (sv or en; empty = the QGIS language)"),
            defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Findings"), QgsProcessing.TypeVectorAnyGeometry))
        # The report is declared as a plain file output, not the HTML output QGIS would derive from
        # the .html filter: the batch dialog (QGIS 3.22 to 3.40 at least) calls
        # ProcessingResults.addResult() without its timestamp for HTML outputs, which raises after
        # the last row and, on 3.22, leaves a "Batch Processing" task running for ever.
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT, tr("Report"), tr("HTML report (*.html);;PDF report (*.pdf)"), optional=True,
            createByDefault=False), createOutput=False)
        self.addOutput(QgsProcessingOutputFile(self.REPORT, tr("Report")))
        self._add_section4_parameters()
        self.addOutput(QgsProcessingOutputNumber(self.CONFLICTS, tr("Conflicts")))
        self.addOutput(QgsProcessingOutputNumber(self.ATTENTION, tr("Findings that need attention")))
        self.addOutput(QgsProcessingOutputNumber(self.SUPPORT, tr("Findings in line with RUS")))
        self.addOutput(QgsProcessingOutputNumber(self.INFO, vocabulary.severity_label(vocabulary.INFO)))

    def _add_section4_parameters(self) -> None:
        """Contract section 4: outcomes, statistics, names and purposes, the statement header, the case."""
        self.addParameter(QgsProcessingParameterBoolean(
            self.PARTIAL, tr("Partial check: rules whose data cannot be had are marked not checked"),
            defaultValue=False, optional=True))  # optional: models made before it still run
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTCOMES, tr("Outcomes per plan area and rule"), QgsProcessing.TypeVector, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.STATISTICS, tr("Statistics per plan area"), QgsProcessing.TypeVector, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterField(
            self.NAME_FIELD, tr("Field with the plan areas' names"), parentLayerParameterName=self.PLAN,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PURPOSE_FIELD, tr("Field with the plan areas' purposes"), parentLayerParameterName=self.PLAN,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PURPOSE, tr("Purpose of the whole plan (when no purpose field is given)"), optional=True))
        for name, label in ((self.CASE_ID, tr("Case number (the region's)")),
                            (self.MUNICIPALITY_CASE_ID, tr("The municipality's case number")),
                            (self.PLAN_TYPE, tr("Plan type ({codes})").format(codes=", ".join(vocabulary.PLAN_TYPES))),
                            (self.STAGE, tr("Stage ({codes})").format(codes=", ".join(vocabulary.STAGES))),
                            (self.OFFICER, tr("Officer"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CASE_FILE, tr("Review case file"), tr("GeoPackage (*.gpkg)"), optional=True,
            createByDefault=False), createOutput=False)
        self.addOutput(QgsProcessingOutputFile(self.CASE_FILE, tr("Review case file")))

    def _options(self, parameters, context, lang) -> dict:
        """The section 4 inputs of ``run_check`` and the statement header."""
        def field(name):
            # parameterAsStrings from QGIS 3.32 (parameterAsFields is deprecated there)
            read = getattr(self, "parameterAsStrings", None) or self.parameterAsFields
            fields = read(parameters, name, context) or []
            return fields[0] if fields else None

        values = {key.lower(): self.parameterAsString(parameters, key, context) for key in self.HEADER_PARAMETERS}
        try:
            header = header_values(values, lang)
        except ValueError as error:
            raise QgsProcessingException(str(error)) from None
        purpose = (self.parameterAsString(parameters, self.PURPOSE, context) or "").strip() or None
        return {"name_field": field(self.NAME_FIELD), "purpose_field": field(self.PURPOSE_FIELD),
                "purpose": purpose, "partial": self.parameterAsBoolean(parameters, self.PARTIAL, context),
                "header": header}

    def _language(self, parameters, context) -> str:
        lang = (self.parameterAsString(parameters, self.LANGUAGE, context) or "").strip().lower()
        if not lang:
            return default_language()
        if lang not in ("sv", "en"):
            raise QgsProcessingException(tr("Language must be sv or en, not {value}.").format(value=lang))
        return lang

    def process(self, parameters, context, feedback):
        from ..core import report
        from ..core.basemap import report_background_layers
        from ..core.check import FINDINGS_WKB_TYPE, findings_fields, run_check
        from ..core.pipeline import open_pipeline

        lang = self._language(parameters, context)
        source = self.parameterAsSource(parameters, self.PLAN, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.PLAN))
        definition = parameters.get(self.PLAN)
        selected_only = isinstance(definition, QgsProcessingFeatureSourceDefinition) and bool(
            definition.selectedFeaturesOnly)
        if selected_only and source.featureCount() == 0:
            raise QgsProcessingException(tr(
                "No features are selected in the plan layer. Select the plan areas to check, or untick "
                "'Selected features only'."))
        offline = self.parameterAsBoolean(parameters, self.OFFLINE, context)
        options = self._options(parameters, context, lang)
        header = options.pop("header")
        try:
            pipeline = open_pipeline(
                (self.parameterAsString(parameters, self.PROFILE, context) or "").strip() or None,
                service_url=(self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip(),
                offline=offline)
            profile = pipeline.profile
            for warning in profile.warnings:
                feedback.pushWarning(warning)
            data = pipeline.data_access()
            feedback.pushInfo(translaten("Profile {id}: {count} rule; data from {where}.",
                                         "Profile {id}: {count} rules; data from {where}.",
                                         len(profile.rules), lang).format(
                id=profile.id, count=len(profile.rules),
                where=translate("the offline cache", lang) if offline else profile.service_url))
            result = run_check(profile, source, data, lang=lang, feedback=feedback, **options)
        except Cancelled:
            raise QgsProcessingException(translate("The check was cancelled.", lang)) from None
        except RegionplanError as exc:
            raise QgsProcessingException(str(exc)) from None

        for note in result.notes:
            feedback.pushWarning(note)
        for repair in result.repairs:
            feedback.pushWarning(translate("Plan feature {fid}: {reason}", lang).format(
                fid=repair.plan_fid, reason=repair.reason))

        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, findings_fields(), FINDINGS_WKB_TYPE,
            QgsCoordinateReferenceSystem(result.crs))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        # QGIS' memory provider drops crs= for GeometryCollection layers (temporary outputs): set it
        memory = QgsProcessingUtils.mapLayerFromString(dest_id, context)
        if memory is not None and not memory.crs().isValid():
            memory.setCrs(QgsCoordinateReferenceSystem(result.crs))
        if context.willLoadLayerOnCompletion(dest_id):
            key = f"{id(self)}:{dest_id}"
            _POST_PROCESSORS[key] = ShowFindings(key, lang)
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(_POST_PROCESSORS[key])
        fields = findings_fields()
        for finding in result.findings:
            if not sink.addFeature(finding.to_feature(fields), QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))

        outcomes_id = write_table(self, parameters, self.OUTCOMES, context, OUTCOME_FIELDS, result.area_outcomes)
        statistics_id = write_table(self, parameters, self.STATISTICS, context, STATISTIC_FIELDS, result.statistics)
        # the case first: the report of a run stored in a case shows the changes since the previous
        # version and the reviewer's decisions, as the panel's does
        case_path = self.parameterAsFileOutput(parameters, self.CASE_FILE, context)
        in_case = {}
        if case_path:
            try:
                version, in_case = store_case(case_path, result, profile, header, lang)
            except RegionplanError as exc:
                raise QgsProcessingException(str(exc)) from None
            feedback.pushInfo(translate("Stored as version {version} of the case {path}", lang).format(
                version=version, path=case_path))
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            try:
                map_context = report.cached_context(data.cache, result.crs)  # the municipalities on the map
                map_context.update((f"background:{n}", bg) for n, bg in enumerate(  # the background, lighter
                    report_background_layers(profile, data.cache, None, offline=pipeline.offline)))
                if os.path.splitext(report_path)[1].lower() == ".pdf":
                    report.write_pdf(result, report_path, lang, header=header, context_layers=map_context,
                                     feedback=feedback, **in_case)
                else:
                    report.write_html(result, report_path, lang, header=header, context_layers=map_context,
                                      **in_case)
            except RegionplanError as exc:
                raise QgsProcessingException(str(exc)) from None
            feedback.pushInfo(translate("Report written to {path}", lang).format(path=report_path))

        if result.not_checked:
            feedback.pushWarning(result.verdict_text(lang))

        counts = result.counts
        line = translate("Conflicts: {c}, attention: {a}, in line with RUS: {s}, information: {i}.", lang)
        feedback.pushInfo(line.format(c=counts["conflict"], a=counts["attention"], s=counts["support"],
                                      i=counts["info"]))
        result.layers.clear()
        return {
            self.OUTPUT: dest_id,
            self.REPORT: report_path or None,
            self.OUTCOMES: outcomes_id,
            self.STATISTICS: statistics_id,
            self.CASE_FILE: case_path or None,
            self.CONFLICTS: counts["conflict"],
            self.ATTENTION: counts["attention"],
            self.SUPPORT: counts["support"],
            self.INFO: counts["info"],
        }
