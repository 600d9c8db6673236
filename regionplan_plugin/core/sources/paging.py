"""When the paging of an OGC API - Features collection ends, and when it must be refused.

:class:`PagingGuard` watches the pages ``OgcFeaturesService.iter_pages`` receives:

* a page whose features were all received before (same ids) means the server repeats
  pages, typically because it ignores ``offset`` while its ``next`` links keep changing.
  When every announced feature has arrived already it is a link past the end and the
  paging simply ends; otherwise the download is refused (never an endless loop);
* ``numberMatched`` (optional: absent, ``"unknown"`` and numbers sent as strings happen)
  bounds the number of pages (:data:`page_cap`), and a download that ends with fewer
  features than announced is refused. Features are counted as the server sent them,
  bad geometries and duplicates included, since ``numberMatched`` counts them too. The
  count is compared only for a whole collection (no bbox): a server may count a bbox
  query differently. A server that sends more than it announced has a ``numberMatched``
  that is not the total (per page, or the data grew): it is then ignored.

Every refusal is a :class:`NetworkError` (kind ``paging``), so a cached copy stays current
and the check falls back to it.
"""

import math
from typing import Optional, Set

from ..errors import NetworkError
from ..i18n import tr, trn

# a page that holds nothing but this text (OGC API exception, RFC 7807 problem details)
_ERROR_KEYS = ("code", "title", "description", "detail")


def number_matched(obj) -> Optional[int]:
    """``numberMatched`` of an items page as an int; None when absent or not a count."""
    value = obj.get("numberMatched") if isinstance(obj, dict) else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text or not all("0" <= c <= "9" for c in text):
            return None
        value = int(text)
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    elif not isinstance(value, int):
        return None
    return value if value >= 0 else None


def error_detail(obj) -> str:
    """The text of an exception document sent instead of features, or ""."""
    if not isinstance(obj, dict) or "features" in obj:
        return ""
    parts = []
    for key in _ERROR_KEYS:
        value = obj.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            text = " ".join(str(value).split())
            if text not in parts:
                parts.append(text)
    text = ": ".join(parts).replace("<", "").replace(">", "")
    return text if len(text) <= 200 else text[:199] + "…"


def page_cap(matched: int, page_size: int) -> int:
    """The most pages fetched for ``matched`` features at ``page_size`` a page (twice the
    pages needed, and two more: servers that shorten some pages still fit)."""
    return 2 * math.ceil(matched / max(1, page_size)) + 2


class PagingGuard:
    """The paging state of one collection: ``page()`` for every page received, then
    ``next_link()`` (with the next URL, or "" at the end) for a page that has features."""

    def __init__(self, cid: str, whole: bool):
        self.cid = cid
        self.whole = whole  # no bbox: numberMatched is the whole collection's count
        self.matched: Optional[int] = None
        self.received = 0  # features as sent (bad ones and duplicates included)
        self.pages = 0
        self.first_size = 0
        self.first_ids: Set[str] = set()
        self.exceeded: Optional[int] = None  # a numberMatched that more features than it came past
        self.ids: Set[str] = set()

    def page(self, page, sent: int, ids: Set[str]) -> bool:
        """Count a page of ``sent`` features (``ids``: the ids they were sent with) that the
        parser turned into ``page``. True when the page only repeats features received
        before and every announced feature has come: the paging ends without it."""
        self.pages += 1
        if self.pages == 1:
            self.matched = page.number_matched
            self.first_size = sent
            self.first_ids = set(ids)
        repeated = sent > 0 and not page.features and (page.duplicates > 0 or bool(ids and ids <= self.ids))
        if repeated:
            if self.matched is not None and self.received >= self.matched:
                return True  # a link past the end
            if self.matched is None and self.pages > 2 and ids and ids == self.first_ids:
                return True  # the last page links back to the first one (as a loop of links)
            raise NetworkError(tr(
                "The service sends the same features of {name} again instead of the next page (it seems to "
                "ignore the paging offset); the download was stopped and nothing was changed. Report this "
                "to the service's provider."
            ).format(name=self.cid), kind="paging", url=page.url)
        self.ids |= ids
        self.received += sent
        self._beyond_matched()
        return False

    def _beyond_matched(self) -> None:
        """More features came than announced: ``numberMatched`` is not the total (per page, or the
        data grew meanwhile) and no longer refuses a short download. Unless it was a page's own
        count, it still caps the pages (a server whose full pages never end, issue 11 item 3)."""
        if self.matched is not None and self.received > self.matched:
            if self.matched != self.first_size:
                self.exceeded = self.matched
            self.matched = None

    def counted(self, sent: int, matched: Optional[int]) -> None:
        """:meth:`page` for a source whose reader refuses repeated pages itself (WFS, ArcGIS):
        ``sent`` features came; ``matched`` is the count the page announces, if any (a later
        page's replaces an earlier one's: MapServer's GeoJSON says it on the last page only).
        Then :meth:`next_link` caps the pages and refuses a short download (issue 11, items 3, 7)."""
        self.pages += 1
        if self.pages == 1:
            self.first_size = sent
        if matched is not None:
            self.matched = matched
        self.received += sent
        self._beyond_matched()

    def next_link(self, url: str, looped: bool) -> None:
        """After a page with features: ``url`` is the next page ("" at the end), ``looped``
        when the links lead back to a page already fetched. Raises when the paging must stop
        incomplete."""
        matched = self.matched
        if looped:
            if matched is not None and self.received < matched:
                raise NetworkError(trn(
                    "The service's pages of {name} lead in a circle after {got} of {total} feature; the "
                    "download was stopped and nothing was changed. Report this to the service's provider.",
                    "The service's pages of {name} lead in a circle after {got} of {total} features; the "
                    "download was stopped and nothing was changed. Report this to the service's provider.",
                    matched,
                ).format(name=self.cid, got=self.received, total=matched), kind="paging")
            return
        if not url:
            self.finish()
            return
        if matched is None and self.exceeded is not None and self.pages >= page_cap(self.exceeded, self.first_size):
            raise NetworkError(tr(  # full pages past what was announced, for ever
                "The service's pages of {name} do not end: {pages} pages brought {got} features, more than the "
                "{total} it announced. The download was stopped and nothing was changed. Report this to the "
                "service's provider."
            ).format(name=self.cid, pages=self.pages, got=self.received, total=self.exceeded), kind="paging", url=url)
        if matched is None or self.received >= matched or self.pages < page_cap(matched, self.first_size):
            return
        raise NetworkError(trn(
            "The service's pages of {name} do not end: {pages} pages brought {got} of the {total} feature "
            "it announced. The download was stopped and nothing was changed. Report this to the service's "
            "provider.",
            "The service's pages of {name} do not end: {pages} pages brought {got} of the {total} features "
            "it announced. The download was stopped and nothing was changed. Report this to the service's "
            "provider.",
            matched,
        ).format(name=self.cid, pages=self.pages, got=self.received, total=matched), kind="paging", url=url)

    def finish(self) -> None:
        """The paging ended: refuse a whole collection with fewer features than announced."""
        if self.whole and self.matched is not None and self.received < self.matched:
            raise NetworkError(trn(
                "The service announced {total} feature of {name} but sent only {got}; the download was stopped "
                "and nothing was changed. Try again later, or report this to the service's provider.",
                "The service announced {total} features of {name} but sent only {got}; the download was stopped "
                "and nothing was changed. Try again later, or report this to the service's provider.",
                self.matched,
            ).format(name=self.cid, total=self.matched, got=self.received), kind="paging")


class PageAhead:
    """The next page asked for while this one is read and written (issue 18): the server works on
    it meanwhile. At most one request is ahead; it goes through the source's ``HttpClient``
    (:meth:`~..http.HttpClient.get_ahead`: the same retries, limits and cancelling as any
    request), in the thread of the download. ``send(url)`` sends it, ``take(url)`` gives its
    answer when ``url`` is the one sent (else None, and what was sent is abandoned), ``close()``
    abandons what was never taken (the download ended or failed: call it in a ``finally``)."""

    def __init__(self, http, feedback=None):
        self.http, self.feedback = http, feedback
        self.url = ""
        self._ahead = None

    def send(self, url: str, headers=None, accept=(200,)) -> None:
        self.close()
        start = getattr(self.http, "get_ahead", None)
        if start is not None:
            self.url, self._ahead = url, start(url, headers=headers, feedback=self.feedback, accept=accept)

    def follow(self, more: bool, url: str, headers=None) -> bool:
        """After a page is read: when there is ``more``, the next page (``url``) asked for now,
        unless it was sent already; gives ``more``."""
        if more and self.url != url:
            self.send(url, headers, (200, 304))
        return more

    def take(self, url: str):
        ahead, sent = self._ahead, self.url
        self._ahead, self.url = None, ""
        if ahead is None:
            return None
        if sent != url:
            ahead.discard()
            return None
        return ahead.result()

    def close(self) -> None:
        ahead, self._ahead, self.url = self._ahead, None, ""
        if ahead is not None:
            ahead.discard()


def pages_ahead(http, feedback, pages_of):
    """The pages of ``pages_of(ahead)`` (a generator given a :class:`PageAhead`: the next page is
    asked for while the caller writes this one); what was sent ahead is abandoned when the
    pages end, fail or are no longer wanted."""
    ahead = PageAhead(http, feedback)
    try:
        yield from pages_of(ahead)
    finally:
        ahead.close()
