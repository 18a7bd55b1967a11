"""The benchmark's synthetic practices are written by the one writer's bulk path, with every fact a page has."""

import pytest

from practices.models import PracticePage
from search.bench.data import create_practices

pytestmark = pytest.mark.django_db


def test_bulk_practices_are_live_pages_with_their_facts(site_tree):
    assert create_practices(12, batch=5) == 12
    assert create_practices(12) == 0  # already there
    pages = PracticePage.objects.live().filter(locale=site_tree.index.locale)
    assert pages.count() == 12
    for page in pages:
        assert page.url_path.startswith(site_tree.index.url_path) and page.get_parent().pk == site_tree.index.pk
        assert page.places.exists() and page.themes.count() >= 2 and page.target_groups.exists()
        assert page.organisation_roles.filter(role="implementing").count() == 1
        assert page.sources.exists() and page.approach.startswith("<p>")
        assert page.evidence_level == page.best_evidence_level()
    site_tree.index.refresh_from_db()
    assert site_tree.index.numchild == 12 and site_tree.index.get_children().count() == 12
