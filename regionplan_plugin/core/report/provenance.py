"""Where the check's data came from, as rows of text for the HTML and the PDF: the profile, the
service, the plan layer, the times and versions, and one row per dataset used."""

from typing import List, Tuple

from ..check import CheckResult
from ..i18n import translate, translaten
from .fmt import _fmt_age, _fmt_time, _profile_name


def provenance_rows(result: CheckResult, lang: str) -> List[Tuple[str, str]]:
    profile = result.profile
    return [
        (translate("Profile", lang), f"{getattr(profile, 'id', '')} – {_profile_name(result)}"),
        (translate("Profile source", lang), getattr(profile, "source", "")),
        (translate("Profile SHA-256", lang), getattr(profile, "sha256", "")),
        (translate("Service", lang), getattr(profile, "service_url", "")),
        (translate("Plan layer", lang), f"{result.plan_name} ({result.plan_crs})"),
        (translate("Measured in", lang), result.crs),
        (translate("Checked at", lang), _fmt_time(result.started_at)),
        (translate("Plugin version", lang), result.plugin_version),
        (translate("QGIS version", lang), result.qgis_version),
    ]


def dataset_rows(result: CheckResult, lang: str, full: bool = False) -> List[tuple]:
    """[header, (title, collection, origin, fetched, cache age, version, features)...]; [] without
    datasets. ``full``: the content hash whole (else its first 16 characters)."""
    if not result.datasets:
        return []
    rows = [(translate("Dataset", lang), translate("From", lang), translate("Fetched", lang),
             translate("Cache age", lang), translate("ETag / version / hash", lang), translate("Features", lang))]
    origins = {
        "cache": translate("offline cache", lang),
        "service": translate("service", lang),
        "layer": translate("local layer", lang),
    }
    for cid, info in result.datasets.items():
        content_hash = (info.content_hash or "")[:None if full else 16]
        version = " / ".join(str(v) for v in (info.etag, info.version, content_hash) if v)
        origin = origins.get(info.origin, info.origin or "") + _limited_to(info, result, lang)
        rows.append((info.title or cid, cid, origin, _fmt_time(info.fetched_at or "") or "–",
                     _fmt_age(info.cache_age_s), version or "–", _feature_count(info, lang)))
    return rows


def _limited_to(info, result: CheckResult, lang: str) -> str:
    """", only the area xmin, ymin – xmax, ymax EPSG:…" for a copy cached for an extent, else ""."""
    box = info.extent
    if not box:
        return ""
    area = "{:.0f}, {:.0f} – {:.0f}, {:.0f} {}".format(*[float(v) for v in box], result.crs)
    return translate(", only the area {extent}", lang).format(extent=area)


def _feature_count(info, lang: str) -> str:
    count = "" if info.feature_count is None else info.feature_count
    skipped = info.skipped or 0
    repaired = info.repaired or 0
    text = str(count)
    if skipped:
        text = translate("{count} ({skipped} skipped: broken in the service's answer)", lang).format(
            count=count, skipped=skipped)
    if repaired:
        text += "; " + translaten("{n} feature repaired (invalid geometry)", "{n} features repaired (invalid geometry)",
                                  repaired, lang).format(n=repaired)
    return text
