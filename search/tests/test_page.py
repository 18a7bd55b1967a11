"""The search page: plain GET form, chips, highlights, sorting, suggestions, noindex, locales."""

import re

import pytest
from wagtail.models import Locale

from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def result_titles(html: str) -> list[str]:
    return re.findall(r'practice-card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_query_finds_practices_and_marks_the_passage(client, shared_corpus, site_tree):
    response = client.get(site_tree.index.url, {"q": "follows"})
    html = response.content.decode()
    assert result_titles(html) == ["Bridge to Work"]
    assert "<mark>followed</mark>" in html  # marked by its stem
    assert 'role="status"' in html and "1 practice" in html


def test_a_label_match_ranks_below_text_and_is_marked(client, shared_corpus, site_tree):
    # "internships" is a synonym of the theme "Employer engagement": German at Work is found by its label.
    html = client.get(site_tree.index.url, {"q": "internships"}).content.decode()
    assert set(result_titles(html)) == {"Bridge to Work", "German at Work"}
    assert "<mark>internships</mark>" in html
    assert "<mark>Employer engagement</mark>" in html


def test_facets_show_counts_and_chips_remove_one_filter(client, shared_corpus, site_tree):
    html = client.get(site_tree.index.url, {"theme": "employer-engagement", "country": "DE"}).content.decode()
    assert sorted(result_titles(html)) == ["Bridge to Work", "German at Work"]
    assert re.search(r'value="mentoring">\s*<label[^>]*>Mentoring <span class="count">\(1\)</span>', html)
    assert "<legend>Theme</legend>" in html and "<fieldset" in html
    chip = re.search(r'<a class="chip" href="([^"]*)"[^>]*>Country: Germany', html)
    assert chip and chip.group(1) == f"{site_tree.index.url}?theme=employer-engagement"
    assert re.search(rf'<a class="search-chips__clear" href="{site_tree.index.url}"', html)


def test_search_and_filter_urls_are_noindex_but_the_index_is_not(client, shared_corpus, site_tree):
    plain = client.get(site_tree.index.url)
    assert "noindex" not in plain.content.decode() and "X-Robots-Tag" not in plain.headers
    filtered = client.get(site_tree.index.url, {"theme": "mentoring"})
    assert filtered["X-Robots-Tag"] == "noindex, follow"
    assert '<meta name="robots" content="noindex, follow">' in filtered.content.decode()


def test_sorts(client, shared_corpus, site_tree):
    by_title = result_titles(client.get(site_tree.index.url, {"sort": "title"}).content.decode())
    assert by_title == sorted(by_title)
    by_start = result_titles(client.get(site_tree.index.url, {"sort": "start_year"}).content.decode())
    assert by_start == [
        "German at Work",
        "Bridge to Work",
        "Recognition Desk",
        "Mentors for Women",
        "Local Integration Network",
    ]
    newest = result_titles(client.get(site_tree.index.url).content.decode())
    assert newest[0] == "Local Integration Network"  # published last


def test_zero_results_suggest_which_filter_to_drop(client, shared_corpus, site_tree):
    html = client.get(site_tree.index.url, {"theme": "mentoring", "country": "AT"}).content.decode()
    assert result_titles(html) == []
    assert "No practice matches all of these filters." in html
    assert "Without “Country: Austria”: 1 practice" in html
    assert "Without “Theme: Mentoring”: 1 practice" in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": '"unbalanced'},
        {"q": "NEAR(refugees"},
        {"q": "refugees AND OR NOT -(*"},
        {"q": "🙂 emoji"},
        {"q": "x" * 10_000},
        {"q": "word " * 3000},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": ["1", "2"]},
        {"q": ""},
        {"theme": ""},
        {"theme": "nope"},
        {"sort": "nope"},
        {"page_size": "9999"},
        {"decade": "20x0"},
        {"funder": "99999999999999999999"},
    ],
)
def test_bad_input_never_breaks_the_page(client, shared_corpus, site_tree, query):
    assert client.get(site_tree.index.url, query).status_code == 200


def test_operators_are_searched_as_words(client, shared_corpus, site_tree):
    html = client.get(site_tree.index.url, {"q": '"mentors" -women*'}).content.decode()
    assert result_titles(html) == ["Mentors for Women"]
    # OR is not an operator (a stop word, dropped): no practice has both words, so those with one of them
    # are listed under a line that says so.
    html = client.get(site_tree.index.url, {"q": "women OR bridge"}).content.decode()
    assert set(result_titles(html)) == {"Mentors for Women", "Bridge to Work"}
    assert "No practice has all of your search words" in html


def test_german_page_lists_german_practices_and_untranslated_ones_marked(client, shared_corpus, site_tree):
    german = Locale.objects.get(language_code="de")
    translated = shared_corpus["mentors"].copy_for_translation(german)
    translated.title = "Mentorinnen für Frauen"
    translated.save_revision().publish()
    html = client.get(site_tree.index_de.url).content.decode()
    titles = result_titles(html)
    assert "Mentorinnen für Frauen" in titles and "Mentors for Women" not in titles
    assert "Bridge to Work" in titles  # not translated: still findable
    chunk = next(part for part in html.split('<li class="search-result"') if "Bridge to Work" in part)
    opening_tag = chunk.split(">", 1)[0]
    assert ' lang="en"' in opening_tag and 'class="search-result__language"' in chunk
    # German labels, same values.
    assert 'value="mentoring"' in html and "Geflüchtete und Schutzberechtigte" in html
    assert "Deutschland" in html


def test_aliases_are_not_listed(client, shared_corpus, site_tree):
    alias = shared_corpus["bridge"].create_alias(
        parent=site_tree.index_de, update_locale=Locale.objects.get(language_code="de")
    )
    assert alias.live
    html = client.get(site_tree.index_de.url).content.decode()
    assert result_titles(html).count("Bridge to Work") == 1
    assert alias.url not in html


def test_new_practice_is_found_and_unpublished_one_disappears(client, site_tree):
    page = make_practice(site_tree.index, "Welcome Pilots", summary="Pilots for newcomers in harbour jobs.")
    assert result_titles(client.get(site_tree.index.url, {"q": "harbour"}).content.decode()) == ["Welcome Pilots"]
    page.unpublish()
    assert result_titles(client.get(site_tree.index.url, {"q": "harbour"}).content.decode()) == []


def test_facet_values_from_records_are_escaped(client, site_tree):
    make_practice(site_tree.index, "Escaped Region", places=(("Leipzig", '<img src=x onerror="alert(1)">', "DE"),))
    html = client.get(site_tree.index.url).content.decode()
    assert "<img src=x" not in html
    assert 'value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in html
    assert '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <span class="count">(1)</span>' in html
