"""A practice page's queries do not grow with its organisations, themes or places, and lookups that cannot
change within a request are made once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from practices.choices import Role
from practices.memo import memo
from practices.models import PracticePage
from practices.records import OrganisationRecord, PlaceRecord
from practices.tests.factories import OrganisationFactory, PracticePageFactory
from practices.visibility import public


def _queries(client, page) -> list[str]:
    client.get(page.url)  # warm: site root, templates
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _practice(site_tree, size: int) -> PracticePage:
    roles = [Role.IMPLEMENTING, Role.PARTNER, Role.FUNDER]
    return PracticePageFactory(
        parent=site_tree.index,
        organisations=[
            OrganisationRecord(name=OrganisationFactory().name, role=roles[n % 3], type="welfare-ngo")
            for n in range(size)
        ],
        places=[PlaceRecord(city=city, country="DE") for city in ["Leipzig", "Dresden", "Halle", "Jena"][:size]],
        themes=["mentoring", "employer-engagement", "language-learning", "recognition"][:size],
    )


def test_a_practice_page_costs_the_same_queries_with_one_or_four_of_everything(site_tree, client):
    small_page, large_page = _practice(site_tree, 1), _practice(site_tree, 4)
    small, large = _queries(client, small_page), _queries(client, large_page)
    assert len(large) == len(small), "\n".join(large)


def test_a_practice_page_looks_locales_up_once(site_tree, client):
    queries = _queries(client, _practice(site_tree, 3))
    lookups = [sql for sql in queries if 'FROM "wagtailcore_locale"' in sql]
    # all locales once (active, default and every id), and Wagtail's routing, which asks on its own
    assert len(lookups) <= 2, "\n".join(lookups)


def test_a_restriction_added_within_a_memo_applies_at_once(site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    with memo():
        assert public(PracticePage.objects.filter(pk=page.pk)).exists()
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        assert not public(PracticePage.objects.filter(pk=page.pk)).exists()
        PageViewRestriction.objects.filter(page=page).delete()
        assert public(PracticePage.objects.filter(pk=page.pk)).exists()


def test_routing_reads_each_level_of_a_practice_url_once(site_tree, client, rf):
    page = _practice(site_tree, 1)
    client.get(page.url)  # warm
    with CaptureQueriesContext(connection) as captured:
        # as Wagtail's serve view gets it: the path below the language prefix (/en/)
        route = Page.route_for_request(rf.get(page.url), page.url.split("/", 2)[2])
    assert type(route.page) is PracticePage and route.page.pk == page.pk
    assert route.page.get_parent().pk == site_tree.index.pk
    queries = [query["sql"] for query in captured.captured_queries]
    reads = [sql for sql in queries if sql.startswith('SELECT "wagtailcore_page"')]
    # the home page as its type (Wagtail; the site brought it as a plain page), the practice index, the practice
    assert len(reads) == 3, "\n".join(reads)


def test_a_practice_page_reads_its_themes_and_embeddability_once(site_tree, client):
    queries = _queries(client, _practice(site_tree, 3))
    themes = [sql for sql in queries if 'FROM "practices_theme"' in sql]
    embeddable = [sql for sql in queries if sql.startswith('SELECT 1 AS "a" FROM "practices_practicepage"')]
    assert len(themes) == 1, "\n".join(themes)
    assert len(embeddable) == 1, "\n".join(embeddable)


def test_with_no_restriction_anywhere_serving_a_page_asks_once_whether_there_is_any(site_tree, client):
    queries = _queries(client, _practice(site_tree, 1))
    asked = [sql for sql in queries if 'FROM "wagtailcore_pageviewrestriction"' in sql]
    assert len(asked) == 1 and "LIMIT 1" in asked[0], "\n".join(asked)


def test_a_restriction_on_the_practice_index_still_guards_its_practices(site_tree, client):
    page = _practice(site_tree, 1)
    PageViewRestriction.objects.create(page=site_tree.index, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert list(page.get_view_restrictions()) == list(PageViewRestriction.objects.filter(page=site_tree.index))
