"""Fuzzing the profile loader and the rule filters (hypothesis, bounded to a few seconds).

- Any JSON value, any mutation of a valid profile and any byte string give either a valid
  Profile or a ProfileError with a message: never another exception.
- Rule filters built from every function QGIS knows are either refused or use only the
  side-effect-free allowlist; a filter can never run Python, read a file, look at the
  environment or variables, or reach the network.
"""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsExpression, QgsExpressionContext, QgsFeature, QgsFields, qgsfunction

from regionplan_plugin.core.errors import ProfileError
from regionplan_plugin.core.profile import SAFE_FUNCTIONS, Profile, check_filter, parse_profile, parse_profile_bytes
from regionplan_plugin.core.purposes import PURPOSES
from regionplan_plugin.core.util import new_field
from tests.test_profile import VALID

# VALID with the parts of issue 13: applies_to, authority, statistics and purposes
FULL = copy.deepcopy(VALID)
FULL["rules"][0]["applies_to"] = ["housing", "mixed"]
FULL["rules"][0]["authority"] = "state"
FULL["statistics"] = [
    {"id": "farmland-ha", "title": {"sv": "Jordbruksmark", "en": "Farmland"}, "collection": "jordbruksmark",
     "filter": "\"klass\" >= 6", "measure": "area_ha"},
    {"id": "population", "title": {"sv": "Befolkning"}, "collection": "befolkning", "measure": "sum:bef_2030",
     "distance_m": 1000},
]
FULL["purposes"] = {"Kolonilotter": "recreation", "BZ": "industry"}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["regionplan-profile/1", "EPSG:3006", "EPSG:4326", "intersects", "within_distance",
                     "beyond_distance", "conflict", "info", "sv", "http://127.0.0.1/", "\"a\" = 1",
                     "eval('1')", "orebro", "ogcapi-features", "", "housing", "mixed", "state", "region",
                     "municipality", "area_ha", "share", "count", "length_km", "sum:bef_2030", "sum:", "B"]),
)
KEYS = list(FULL) + ["sv", "en", "id", "x", "rules", "applies_to", "authority", "measure", "distance_m"]
json_value = st.recursive(
    json_leaf,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.sampled_from(KEYS) |
                                               st.text(max_size=10), children, max_size=6)),
    max_leaves=30,
)


def _outcome(call):
    try:
        result = call()
    except ProfileError as error:
        assert str(error).strip(), "a ProfileError must have a message"
        return error
    assert isinstance(result, Profile)
    return result


@FUZZ
@given(json_value)
def test_any_json_value(value):
    _outcome(lambda: parse_profile(value))


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from _paths(value, prefix + (index,))


ALL_PATHS = [path for path in _paths(FULL) if path]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), st.one_of(json_value, st.just("__delete__"))),
                min_size=1, max_size=4))
def test_mutated_valid_profile(mutations):
    obj = copy.deepcopy(FULL)
    for path, value in mutations:
        target = obj
        try:
            for key in path[:-1]:
                target = target[key]
            if value == "__delete__":
                del target[path[-1]]
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    result = _outcome(lambda: parse_profile(obj))
    if isinstance(result, Profile):
        # whatever passed is really valid
        assert result.crs_object().isValid()
        assert not result.crs_object().isGeographic()
        for rule in result.rules:
            assert rule.relation in ("intersects", "within_distance", "beyond_distance")
            if rule.relation != "intersects":
                assert rule.distance_m > 0
            assert rule.min_overlap_m2 >= 0
            assert rule.filter is None or check_filter(rule.filter) is None
            assert rule.authority in ("region", "state", "municipality")
            assert all(code in PURPOSES for code in rule.applies_to)
            assert rule.applies("") and rule.applies("housing") == (not rule.applies_to or "housing" in rule.applies_to)
        for statistic in result.statistics:
            assert statistic.measure in ("area_ha", "share", "count", "length_km") or \
                (statistic.sum_field and statistic.measure == "sum:" + statistic.sum_field)
            assert statistic.distance_m is None or statistic.distance_m > 0
            assert statistic.filter is None or check_filter(statistic.filter) is None
        assert set(result.purposes.values()) <= set(PURPOSES)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(data):
    _outcome(lambda: parse_profile_bytes(data, source="fuzz.json"))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_profile(text):
    _outcome(lambda: parse_profile_bytes(text.encode("utf-8", "surrogatepass"), source="fuzz.json"))


@FUZZ
@given(st.sampled_from(ALL_PATHS), st.integers(min_value=0, max_value=400))
def test_truncated_profile(_path, cut):
    data = json.dumps(FULL).encode("utf-8")
    cut = min(cut, len(data) - 1)
    _outcome(lambda: parse_profile_bytes(data[:cut], source="fuzz.json"))


# -- filters ---------------------------------------------------------------------------------------

FUNCTIONS = sorted({function.name() for function in QgsExpression.Functions()})
UNSAFE = [name for name in FUNCTIONS if name.lower() not in SAFE_FUNCTIONS]
DANGEROUS_GROUPS = ("Files and Paths", "General", "Aggregates", "Map Layers", "Rasters", "Variables", "Python",
                    "Custom", "Layout", "Form", "Processing")

argument = st.one_of(
    st.sampled_from(["\"klass\"", "\"namn\"", "1", "2.5", "'x'", "NULL", "'/etc/passwd'", "'HOME'",
                     "'http://127.0.0.1:9/x'", "@project_path", "$geometry", "'layer'"]),
)


def _call(name, args):
    if name.startswith("$"):
        return name
    return f"{name}({', '.join(args)})"


@st.composite
def filters(draw):
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(st.sampled_from(FUNCTIONS))
        args = draw(st.lists(argument, max_size=3))
        call = _call(name, args)
        parts.append(draw(st.sampled_from(["{c} IS NULL", "{c} = 1", "NOT ({c} IS NULL)", "\"a\" IN ({c}, 2)",
                                           "CASE WHEN {c} IS NULL THEN 1 ELSE 2 END = 1", "{c} || 'x' = 'y'"]))
                     .format(c=call))
    return draw(st.sampled_from([" AND ", " OR "])).join(parts)


_probe_calls = []


@pytest.fixture(scope="module", autouse=True)
def python_probe():
    """A Python expression function: if a filter could run it, ``_probe_calls`` would grow."""

    @qgsfunction(args="auto", group="Custom", register=True)
    def regionplan_fuzz_probe(value, feature, parent):
        _probe_calls.append(value)
        return 1

    yield
    QgsExpression.unregisterFunction("regionplan_fuzz_probe")


def _evaluate(text):
    fields = QgsFields()
    fields.append(new_field("klass", "text"))
    fields.append(new_field("namn", "text"))
    feature = QgsFeature(fields)
    feature.setAttributes(["primar", "Väg 50"])
    context = QgsExpressionContext()
    context.setFeature(feature)
    expression = QgsExpression(text)
    expression.prepare(context)
    return expression.evaluate(context)


@FUZZ
@given(filters())
def test_generated_filters_only_use_safe_functions(text):
    problem = check_filter(text, "rules[0].filter")
    expression = QgsExpression(text)
    used = {name.lower() for name in expression.referencedFunctions()} if not expression.hasParserError() else set()
    if problem is None:
        assert used <= SAFE_FUNCTIONS, used - SAFE_FUNCTIONS
        assert "regionplan_fuzz_probe" not in text
        value = _evaluate(text)  # safe to evaluate: no files, no environment, no network, no Python
        assert "root:" not in str(value)
    else:
        assert problem.startswith("rules[0].filter: ")
        assert used - SAFE_FUNCTIONS or expression.hasParserError() or "construct" in problem


def _refused_everywhere(name):
    forms = [f"{name}(\"klass\") IS NULL", f"{name}() IS NULL"]
    if name.startswith("$"):
        forms.append(f"{name} IS NULL")
    for text in forms:
        problem = check_filter(text, "f")
        if problem is None:
            # only possible when QGIS reads it as something that calls nothing (a column name)
            if QgsExpression(text).referencedFunctions() != set():
                return False
        elif not problem.startswith("f: "):
            return False
    return check_filter(f"{name}(\"klass\") IS NULL", "f") is not None


def test_every_function_outside_the_allowlist_is_refused():
    # One test, not one case per function: the function list differs between QGIS versions and the
    # README's reliability table (generated from the collected cases) must be the same on 3.22 and 3.40.
    assert len(UNSAFE) > 200
    assert [name for name in UNSAFE if not _refused_everywhere(name)] == []


def test_python_function_never_runs():
    for text in ("regionplan_fuzz_probe(\"klass\") = 1", "\"a\" = 1 OR regionplan_fuzz_probe(1) = 1",
                 "CASE WHEN regionplan_fuzz_probe(1) THEN 1 END = 1", "try(regionplan_fuzz_probe(1), 0) = 1"):
        problem = check_filter(text, "f")
        assert problem is not None and "regionplan_fuzz_probe() is not allowed" in problem
        obj = copy.deepcopy(VALID)
        obj["rules"][0]["filter"] = text
        with pytest.raises(ProfileError):
            parse_profile(obj)
    assert _probe_calls == []


def test_no_allowlisted_function_reads_files_layers_or_environment():
    groups = {}
    for function in QgsExpression.Functions():
        groups.setdefault(function.name().lower(), set()).update(function.groups())
    for name in SAFE_FUNCTIONS:
        assert not (groups.get(name, set()) & set(DANGEROUS_GROUPS)), name


def test_file_env_and_url_functions_refused(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:regionplan-secret")
    monkeypatch.setenv("REGIONPLAN_FUZZ_SECRET", "regionplan-secret")
    path = str(secret).replace("'", "''")
    candidates = [
        f"file_exists('{path}')", f"file_size('{path}') > 0", f"is_file('{path}')", f"file_name('{path}') = 'x'",
        f"base_file_name('{path}') = 'x'", f"file_path('{path}') = 'x'", f"exif('{path}') IS NULL",
        f"mime_type('{path}') = 'x'", "env('REGIONPLAN_FUZZ_SECRET') = 'regionplan-secret'",
        "@user_account_name = 'root'", "var('project_path') IS NULL", "eval('env(''HOME'')') IS NULL",
        "eval_template('[% env(''HOME'') %]') = 'x'", "layer_property('x', 'source') = 'x'",
        "decode_uri('x') IS NULL", "get_feature('x', 'a', 1) IS NULL", "raster_value('x', 1, $geometry) = 1",
        "sqlite_fetch_and_increment('/tmp/x', 't', 'c', 'f', 1, 0) = 1", "uuid() = 'x'",
        "from_json('{}') IS NULL", "hash('x', 'md5') = 'x'", "attributes(get_feature('x', 'a', 1)) IS NULL",
        "array_foreach(array(1), env('HOME')) IS NULL",
    ]
    names = set(FUNCTIONS)
    checked = 0
    for text in candidates:
        problem = check_filter(text, "f")
        assert problem is not None, text
        checked += 1
    assert checked == len(candidates)
    assert {"env", "eval", "file_exists", "get_feature", "layer_property"} <= names
    # and whatever *is* allowed never sees the file or the environment
    for text in (f"lower('{path}') = 'x'", "upper('REGIONPLAN_FUZZ_SECRET') = 'x'", f"length('{path}') > 0"):
        assert check_filter(text, "f") is None
        assert "regionplan-secret" not in str(_evaluate(text))


def test_env_really_would_leak_so_refusal_matters(monkeypatch):
    # guard: shows that evaluating env() directly *would* read the environment
    monkeypatch.setenv("REGIONPLAN_FUZZ_SECRET", "regionplan-secret")
    assert _evaluate("env('REGIONPLAN_FUZZ_SECRET')") == "regionplan-secret"
    assert check_filter("env('REGIONPLAN_FUZZ_SECRET') = 'x'", "f") is not None


@FUZZ
@given(st.text(max_size=80))
def test_arbitrary_filter_text(text):
    problem = check_filter(text, "f") if text.strip() else None
    if problem is not None:
        assert problem.startswith("f: ")
    obj = copy.deepcopy(VALID)
    obj["rules"][0]["filter"] = text
    _outcome(lambda: parse_profile(obj))


# profile version 2 (issue 15): mutations of sources[], datasets[] and the references
from tests.test_profile_v2 import V2  # noqa: E402

V2_PATHS = [path for path in _paths(V2) if path]
V2_LEAVES = st.one_of(json_value, st.sampled_from(
    ["regionplan-profile/2", "wfs", "wms", "xyz", "atom", "download", "arcgis-featureserver", "1.1.0", "2.0.0",
     "oauth2", "lm:topowebbkartan", "nv:NR_polygon", "naturreservat", "lst:2", "region", "nv", ":", "x:", ":x"]))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(V2_PATHS), st.one_of(V2_LEAVES, st.just("__delete__"))),
                min_size=1, max_size=4))
def test_mutated_valid_v2_profile(mutations):
    obj = copy.deepcopy(V2)
    for path, value in mutations:
        target = obj
        try:
            for key in path[:-1]:
                target = target[key]
            if value == "__delete__":
                del target[path[-1]]
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    result = _outcome(lambda: parse_profile(obj))
    if isinstance(result, Profile) and result.schema == "regionplan-profile/2":
        assert result.sources and len({s.id for s in result.sources}) == len(result.sources)
        for item in list(result.rules) + list(result.statistics):
            source, _name, _dataset = result.resolve(item.collection)
            assert source is not None and not source.background
        for dataset in result.datasets:
            assert dataset.source in {s.id for s in result.sources}
