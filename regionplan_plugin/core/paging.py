"""Transitional shim: the paging guard lives in ``core/sources/paging.py`` (issue 12)."""

from .sources.paging import PagingGuard, error_detail, number_matched, page_cap  # noqa: F401
