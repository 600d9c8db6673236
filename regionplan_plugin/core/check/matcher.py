"""A rule's filter (a QGIS expression, never Python) evaluated on candidate features."""

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsRectangle,
    QgsVectorLayer,
)

from ..errors import CheckError
from ..i18n import tr
from .features import candidates


class Matcher:
    """Evaluates a rule's filter (a QGIS expression, never Python) on candidate features."""

    def __init__(self, rule, layer: QgsVectorLayer):
        self.rule = rule
        self.expression = None
        self.cache = {}
        text = (getattr(rule, "filter", "") or "").strip()
        if not text:
            return
        expression = QgsExpression(text)
        if expression.hasParserError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be read: {error}. Fix the profile.").format(
                    rule=rule.id, error=expression.parserErrorString()
                )
            )
        self.context = QgsExpressionContext()
        self.context.appendScope(QgsExpressionContextUtils.layerScope(layer))
        self.context.appendScope(QgsExpressionContextScope())
        expression.prepare(self.context)
        if expression.hasEvalError() and layer.featureCount() == 0:
            # nothing fetched in this box (a service layer then has no fields): nothing can match
            self.expression = expression
            self.cache = _AlwaysFalse()
            return
        if expression.hasEvalError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be evaluated on {collection}: {error}. Fix the profile.").format(
                    rule=rule.id, collection=rule.collection, error=expression.evalErrorString()
                )
            )
        self.expression = expression

    def __call__(self, feature: QgsFeature) -> bool:
        if self.expression is None:
            return True
        key = feature.id()
        if key in self.cache:
            return self.cache[key]
        self.context.setFeature(feature)
        value = self.expression.evaluate(self.context)
        if self.expression.hasEvalError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be evaluated on {collection}: {error}. Fix the profile.").format(
                    rule=self.rule.id, collection=self.rule.collection, error=self.expression.evalErrorString()
                )
            )
        ok = _truthy(value)
        self.cache[key] = ok
        return ok


class _AlwaysFalse(dict):
    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return False


def _truthy(value) -> bool:
    if value is None:
        return False
    try:
        if value.isNull():
            return False
    except AttributeError:
        pass
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "f", "no")
    return bool(value)


def matching(layer: QgsVectorLayer, rect: QgsRectangle, matcher: Matcher, counted=None):
    """``(feature, geometry)`` of the features of ``layer`` whose bbox meets ``rect``, that pass
    the rule's filter and have a geometry. ``counted`` (a ``RuleOutcome``) counts every feature
    that passes the filter in its ``candidates``."""
    for feature in candidates(layer, rect):
        if not matcher(feature):
            continue
        if counted is not None:
            counted.candidates += 1
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        yield feature, geometry
