"""What the search adds to pages of the practice record: the search page and the home page's numbers.

The page models know nothing of search (dependencies run one way: search builds on practices); the
pages are served as usual and ``search.wagtail_hooks`` adds this context to their response.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Page

from practices.models import HomePage, PracticeIndexPage
from search.engine import SearchParams, run_search
from search.page import search_context


def search_page_context(page: Page, request: HttpRequest) -> dict:
    """The search's context for ``page``: the search itself on the practice index, numbers on the home page."""
    if isinstance(page, PracticeIndexPage):
        return search_context(request, page.get_url(request), page.page_size)
    if isinstance(page, HomePage):
        # The same numbers as the practice index: its count and its theme facet (untranslated practices
        # included, shown there in the language they exist in).
        outcome = run_search(SearchParams(page_size=1))
        return {
            "practice_count": outcome.count,
            "theme_counts": next((facet.values for facet in outcome.facets if facet.name == "theme"), []),
        }
    return {}
