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


def test_bulk_pages_are_a_sound_wagtail_tree_served_and_seen_by_the_change_feed(client, site_tree):
    from wagtail.models import Page

    from practices.models import ContentChange
    from search.documents import rebuild
    from search.facet_index import facet_index

    before = ContentChange.objects.order_by("-version").values_list("version", flat=True).first() or 0
    assert create_practices(7, batch=3) == 7
    # treebeard's own check: paths, depths and child counts agree
    assert all(not problems for problems in Page.find_problems())
    noted = set(
        ContentChange.objects.filter(version__gt=before, page_id__isnull=False).values_list("page_id", flat=True)
    )
    pages = list(PracticePage.objects.live().filter(locale=site_tree.index.locale))
    assert noted == {page.pk for page in pages}
    assert len(facet_index().ordered(facet_index().candidates(site_tree.index.locale_id), "title")) == 7
    for page in pages:
        assert page.content_type.model_class() is PracticePage and page.draft_title == page.title
        assert page.url and client.get(page.url).status_code == 200
    # a later ordinary page under the same parent gets the next path
    from search.tests.factories import make_practice

    added = make_practice(site_tree.index, "After the bulk load")
    assert added.path > max(page.path for page in pages)
    assert all(not problems for problems in Page.find_problems())
    rebuild()
    found = client.get(site_tree.index.url, {"q": pages[0].title.split()[0]})
    assert found.status_code == 200 and pages[0].title in found.content.decode()


def test_the_benchmark_reports_the_index_size_against_a_plain_index_and_leaves_no_table_behind(site_tree):
    from django.db import connection

    from search.bench.measure import PLAIN_TABLE, index_size_row
    from search.documents import rebuild

    create_practices(20, batch=10)
    rebuild()
    row = index_size_row()
    ours, plain = row.median_ms, row.p95_ms
    assert ours > 0 and plain > 0
    # stems, labels in both languages and names make our index larger than the plain text's (no upper
    # bound: PostgreSQL keeps the files earlier tests' rolled-back rows grew)
    assert plain < ours
    assert PLAIN_TABLE not in connection.introspection.table_names()


def test_the_benchmark_judges_row_a_by_the_target_of_its_size_and_database():
    from search.bench.measure import Row, query_target

    assert query_target(10_000, "sqlite") == query_target(10_000, "postgresql") == "60/150"
    assert query_target(100_000, "sqlite") == "120/250"
    assert query_target(100_000, "postgresql") == "150/300"
    assert Row("(a)", 100, 86.3, 158.5, query_target(100_000, "sqlite")).meets == "yes"
    assert Row("(a)", 100, 86.3, 158.5, query_target(10_000, "sqlite")).meets == "NO"


def test_a_missing_postgresql_benchmark_database_is_created_and_an_unreachable_server_is_named():
    from django.core.management.base import CommandError
    from django.db import connection, connections

    from search.management.commands.search_bench import create_missing_database

    if connection.vendor != "postgresql":
        assert create_missing_database("bench.sqlite3") is False  # SQLite creates its file itself
        return
    name = "praxis_bench_created_by_a_test"
    wrapper = type(connections["default"])({**connection.settings_dict, "NAME": name}, alias="bench_probe")
    try:
        assert create_missing_database(name, wrapper) is True
        assert create_missing_database(name, wrapper) is False  # now it exists
    finally:
        wrapper.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
    unreachable = type(connections["default"])(
        {**connection.settings_dict, "NAME": name, "PORT": "1"}, alias="bench_probe"
    )
    with pytest.raises(CommandError, match="Cannot connect to the benchmark database"):
        create_missing_database(name, unreachable)
