"""The draft statement of the report (plain text sections), for the HTML and the PDF."""

from typing import Optional

from ..check import CheckResult
from ..i18n import translate
from .fmt import _fmt_m, _heading, _in_sentence, is_structure_plan, severity_label


def _names(findings) -> str:
    seen = []
    for finding in findings:
        name = finding.feature_name or ""
        if name and name not in seen:
            seen.append(name)
    return ", ".join(seen)


def statement_sections(result: CheckResult, lang: Optional[str] = None):
    """The draft statement as [(heading, [paragraph text])] (plain text, not escaped)."""
    lang = lang or result.lang
    interests = []
    structure = []
    for outcome in result.outcomes:
        if not outcome.findings:
            continue
        rule = outcome.rule
        if result.boundary_rule and rule.id == result.boundary_rule:
            continue
        names = _names(outcome.findings)
        if is_structure_plan(result, rule.collection):
            text = translate("{title}: {message} ({names}).", lang).format(
                title=outcome.title, message=outcome.message, names=names or translate("see the map", lang)
            )
            structure.append(text)
        elif rule.relation == "beyond_distance":
            # nothing within the distance: the statement names the nearest feature and how far it is
            nearest = list(dict.fromkeys(
                translate("{name} ({distance} m)", lang).format(
                    name=f.feature_name, distance=_fmt_m(f.distance_m, lang))
                for f in outcome.findings if f.feature_name and f.distance_m is not None
            ))
            if nearest:
                text = translate("{title} ({severity}): {message} Nearest: {names}.", lang).format(
                    title=outcome.title, severity=_in_sentence(severity_label(rule.severity, lang)),
                    message=outcome.message, names=", ".join(nearest))
            else:
                text = translate("{title} ({severity}): {message}", lang).format(
                    title=outcome.title, severity=_in_sentence(severity_label(rule.severity, lang)),
                    message=outcome.message)
            interests.append(text)
        else:
            text = translate("{title} ({severity}): {message} Concerned: {names}.", lang).format(
                title=outcome.title,
                severity=_in_sentence(severity_label(rule.severity, lang)),
                message=outcome.message,
                names=names or translate("see the map", lang),
            )
            interests.append(text)
    if not interests:
        interests.append(translate("The check found no regional interest that the plan affects.", lang))
    if not structure:
        structure.append(
            translate("The check found no corridor, node or core of the RUS structure plans near the plan.", lang)
        )
    inter = []
    if result.neighbours:
        listed = ", ".join(
            translate("{name} ({distance} m)", lang).format(name=name, distance=_fmt_m(distance, lang))
            for name, distance in result.neighbours
        )
        distance = ""
        for outcome in result.outcomes:
            if outcome.rule.id == result.boundary_rule:
                distance = _fmt_m(outcome.rule.distance_m, lang)
        inter.append(
            translate(
                "The plan lies within {distance} m of the boundary to these neighbouring municipalities, which "
                "should be consulted: {names}.",
                lang,
            ).format(distance=distance, names=listed)
        )
    elif result.boundary_rule:
        inter.append(translate("No neighbouring municipality lies within the boundary rule's distance.", lang))
    else:
        inter.append(translate("The profile has no municipal boundary rule; not assessed.", lang))
    if result.host_municipalities:
        inter.append(
            translate("Municipality of the plan: {names}.", lang).format(names=", ".join(result.host_municipalities))
        )
    return [
        (_heading("interests", lang), interests),
        (_heading("structure", lang), structure),
        (_heading("inter", lang), inter),
    ]
