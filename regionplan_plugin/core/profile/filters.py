"""Rule filters: QGIS expressions on a collection's attributes, parsed with ``QgsExpression``
and allowed to use only an allowlist of side-effect-free functions (:data:`SAFE_FUNCTIONS`)."""

import re
from typing import List, Optional

from qgis.core import QgsExpression, QgsExpressionNode

from ..i18n import tr

MAX_FILTER_CHARS = 10000

# Functions a rule filter may use: they only look at the feature being tested and have no
# side effects. Everything else (eval, env, var/@variables, get_feature, aggregates,
# represent_value, layer_property, file and URL functions, Python-registered functions,
# functions added by later QGIS versions) is refused.
SAFE_FUNCTIONS = frozenset(name.lower() for name in (
    # conditionals
    "coalesce", "if", "nullif", "regexp_match", "try",
    # maths
    "abs", "acos", "asin", "atan", "atan2", "ceil", "clamp", "cos", "degrees", "exp", "floor", "ln", "log",
    "log10", "max", "min", "pi", "radians", "round", "scale_linear", "scale_exp", "sin", "sqrt", "tan",
    # conversions
    "to_int", "to_real", "to_string", "to_date", "to_datetime", "to_time", "to_interval", "to_decimal",
    # strings
    "ascii", "char", "concat", "format", "format_number", "format_date", "left", "length", "lower", "lpad",
    "regexp_replace", "regexp_substr", "replace", "right", "rpad", "strpos", "substr", "title", "trim", "upper",
    "wordwrap", "levenshtein", "longest_common_substring", "hamming_distance", "soundex", "unaccent",
    "ltrim", "rtrim", "repeat", "starts_with", "ends_with", "regexp_matches", "reverse",
    # dates
    "age", "day", "day_of_week", "hour", "minute", "month", "second", "week", "year", "epoch",
    "datetime_from_epoch", "make_date", "make_datetime", "make_time", "make_interval", "now",
    # arrays and maps built inside the expression
    "array", "array_contains", "array_length", "array_get", "array_find", "array_to_string",
    "string_to_array", "array_first", "array_last", "array_distinct", "array_sort", "array_count",
    "map", "map_get", "map_akeys", "map_avals", "map_exist",
    # the feature's own attributes and geometry
    "attribute", "$id", "$area", "$length", "$perimeter", "$geometry", "area", "perimeter",
    "geometry_type", "is_empty", "is_empty_or_null", "num_points", "num_geometries",
))


def _functions_in(expression: QgsExpression) -> List[str]:
    """Names of every function the parsed expression calls (nested ones included)."""
    names = set()
    try:
        names.update(str(name) for name in expression.referencedFunctions())
    except (AttributeError, TypeError):
        pass
    functions = QgsExpression.Functions()
    stack = [expression.rootNode()]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        node_type = node.nodeType()
        if node_type == QgsExpressionNode.NodeType.ntFunction:
            index = node.fnIndex()
            if 0 <= index < len(functions):
                names.add(functions[index].name())
            else:
                names.add("?")
            args = node.args()
            if args is not None:
                stack.extend(args.list())
        elif node_type == QgsExpressionNode.NodeType.ntUnaryOperator:
            stack.append(node.operand())
        elif node_type == QgsExpressionNode.NodeType.ntBinaryOperator:
            stack.extend((node.opLeft(), node.opRight()))
        elif node_type == QgsExpressionNode.NodeType.ntInOperator:
            stack.append(node.node())
            stack.extend(node.list().list())
        elif node_type == QgsExpressionNode.NodeType.ntCondition:
            for when_then in node.conditions():
                stack.extend((when_then.whenExp(), when_then.thenExp()))
            stack.append(node.elseExp())
        elif node_type in (QgsExpressionNode.NodeType.ntLiteral, QgsExpressionNode.NodeType.ntColumnRef):
            pass
        else:
            # a node kind this code does not know (e.g. from a newer QGIS): walk what it offers
            for getter in ("container", "index", "node", "lowerBound", "higherBound"):
                child = getattr(node, getter, None)
                if callable(child):
                    try:
                        stack.append(child())
                    except TypeError:
                        pass
            names.add("?" + str(int(node_type)))
    return sorted(names)


def check_filter(text: str, place: str = "filter") -> Optional[str]:
    """None if ``text`` is a safe, valid rule filter, else the message of what is wrong."""
    if len(text) > MAX_FILTER_CHARS:
        return tr("{place}: the expression is longer than {limit} characters").format(
            place=place, limit=MAX_FILTER_CHARS)
    expression = QgsExpression(text)
    if expression.hasParserError():
        return _parser_problem(expression, text, place)
    if expression.rootNode() is None:
        return tr("{place}: the expression is empty").format(place=place)
    names = _functions_in(expression)
    if any(name.startswith("?") for name in names):
        return tr("{place}: the expression uses a construct that is not allowed in a rule filter").format(
            place=place)
    unsafe = [name for name in names if name.lower() not in SAFE_FUNCTIONS]
    if len(unsafe) == 1:
        return tr("{place}: the function {name}() is not allowed in a rule filter; use comparisons, "
                  "boolean logic, arithmetic and text functions on the collection's attributes").format(
            place=place, name=unsafe[0])
    if unsafe:
        return tr("{place}: the functions {names} are not allowed in a rule filter; use comparisons, "
                  "boolean logic, arithmetic and text functions on the collection's attributes").format(
            place=place, names=", ".join(name + "()" for name in unsafe))
    return None


def _parser_problem(expression: QgsExpression, text: str, place: str) -> str:
    errors = expression.parserErrors()
    first = errors[0] if errors else None
    if first is not None and first.errorType == QgsExpression.ParserError.ParserErrorType.FunctionUnknown:
        for name in re.findall(r"([A-Za-z_][\w]*)\s*\(", text):
            if not QgsExpression.isFunctionName(name):
                return tr("{place}: the function {name}() is not known").format(place=place, name=name)
    if first is not None and first.firstLine > 0:
        # QGIS counts columns from 0
        return tr("{place}: the expression cannot be parsed: {error} (line {line}, column {column})").format(
            place=place, error=first.errorMsg.strip() or tr("syntax error"), line=first.firstLine,
            column=first.firstColumn + 1)
    return tr("{place}: the expression cannot be parsed: {error}").format(
        place=place, error=expression.parserErrorString().strip() or tr("syntax error"))
