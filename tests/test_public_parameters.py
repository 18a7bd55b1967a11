"""Every public route's parameters: whatever a client sends, the answer is never a 5xx.

Runs on the configured database: SQLite by default, PostgreSQL under ``make test-postgres`` (PostgreSQL
refuses NUL characters in text and SQLite overflows past 64-bit integers, so both are worth a run).
"""

from urllib.parse import quote

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.facets import FACETS
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",
    "²⁰¹⁰",
    "٣",
    "９",
    "-1",
    "0",
    "1",
    "2010",
    "99999",
    "9223372036854775807",
    "9223372036854775808",
    "1" * 30,
    "1" * 5000,
    "1e3",
    "0x10",
    " 3 ",
    "NEAR(",
    '"unbalanced',
    "*",
    "🙂",
    "DE",
    "mentoring",
    "dark",
    "full",
    "json",
    "xml",
    "de",
    "x" * 10_001,
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
SEARCH_NAMES = ["q", "page", "page_size", "sort", "lang", *FACETS, "unknown"]
CARD_NAMES = ["lang", "theme", "variant", "max_width", "unknown"]
OEMBED_NAMES = ["url", "format", "maxwidth", "maxheight", "unknown"]


def pairs(names: list[str]):
    return st.lists(st.tuples(st.sampled_from(names), TEXT), max_size=6)


def as_query(items) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for name, value in items:
        query.setdefault(name, []).append(value)
    return query


@pytest.fixture
def practice(site_tree):
    return make_practice(
        site_tree.index,
        "Bridge to Work",
        funders=("European Social Fund",),
        places=(("Leipzig", "Saxony", "DE"),),
        start_year=2016,
    )


def assert_no_server_error(response):
    assert response.status_code < 500, (response.status_code, response.content[:500])


@HYPOTHESIS
@given(items=pairs(SEARCH_NAMES))
def test_the_search_page_never_fails(client, site_tree, practice, items):
    assert_no_server_error(client.get(site_tree.index.url, as_query(items)))


@HYPOTHESIS
@given(items=pairs(SEARCH_NAMES))
def test_the_search_api_never_fails(client, practice, items):
    response = client.get("/api/search/", as_query(items))
    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 400:
        assert response.json()["parameter"] in SEARCH_NAMES


@HYPOTHESIS
@given(
    ident=st.one_of(st.sampled_from(NASTY), st.just("bridge-to-work")).filter(lambda s: s.strip("/.")),
    items=pairs(CARD_NAMES),
)
def test_the_card_never_fails(client, practice, ident, items):
    response = client.get(f"/embed/practices/{quote(ident, safe='')}/", as_query(items))
    assert response.status_code in (200, 400, 404), response.content[:500]


@HYPOTHESIS
@given(
    ident=st.one_of(
        st.sampled_from(["0", "1", "9223372036854775807", "9223372036854775808", "1" * 40]),
        st.integers(0, 10**30).map(str),
    ),
    items=pairs(CARD_NAMES),
)
def test_the_json_card_never_fails(client, practice, ident, items):
    response = client.get(f"/api/practices/{ident}/card/", as_query(items))
    assert response.status_code in (200, 400, 404), response.content[:500]
    assert response["Content-Type"] == "application/json"


@HYPOTHESIS
@given(items=pairs(OEMBED_NAMES), real_url=st.booleans())
def test_oembed_never_fails(client, practice, items, real_url):
    query = as_query(items)
    if real_url:
        query["url"] = [practice.get_full_url() + query.get("url", [""])[-1]]
    response = client.get("/oembed/", query)
    fmt = (query.get("format") or ["json"])[-1].strip() or "json"
    if response.status_code == 501:  # oEmbed 1.0's answer to a format the provider does not offer
        assert fmt not in ("json", "xml"), response.content[:500]
    else:
        assert_no_server_error(response)


@HYPOTHESIS
@given(items=pairs(["v", "lang", "q"]))
def test_the_embed_script_never_fails(client, items):
    assert client.get("/embed.js", as_query(items)).status_code == 200


# The inputs of the security issue, one by one.


@pytest.mark.parametrize(
    "query",
    [{"funder": "²"}, {"decade": "²⁰¹⁰"}, {"page": "²"}, {"page_size": "٣"}, {"funder": "9223372036854775808"}],
)
def test_non_ascii_digits_are_no_numbers(client, site_tree, practice, query):
    api = client.get("/api/search/", query)
    assert api.status_code in (200, 400)
    if "page" in str(query):
        assert api.json()["parameter"] in query
    else:
        assert api.json()["ignored"] == {name: [value] for name, value in query.items()}
    assert client.get(site_tree.index.url, query).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/embed/practices/%C2%B2/",
        "/embed/practices/9223372036854775808/",
        "/embed/practices/99999999999999999999999999/",
        "/api/practices/9223372036854775808/card/",
        "/api/practices/9223372036854775808/",
        "/api/practices/9223372036854775808/jsonld",
        "/api/practices/%C2%B2/",
    ],
)
def test_card_ids_that_are_no_practice_are_404(client, practice, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("path", "name"),
    [("/embed/practices/bridge-to-work/", "max_width"), ("/oembed/", "maxwidth"), ("/oembed/", "maxheight")],
)
def test_superscript_widths_are_400(client, practice, path, name):
    response = client.get(path, {"url": practice.get_full_url(), name: "²"})
    assert response.status_code == 400
    assert name in response.content.decode()


TEXT_PARAMETERS = ["q", "theme", "target_group", "audience", "region", "programme", "org_type", "country", "source"]


@pytest.mark.parametrize("name", TEXT_PARAMETERS)
def test_nul_bytes_are_400_in_the_api_and_dropped_on_the_page(client, site_tree, practice, name):
    api = client.get("/api/search/", {name: "Sax\x00ony"})
    assert api.status_code == 400 and api.json()["parameter"] == name
    page = client.get(site_tree.index.url, {name: "Sax\x00ony"})
    assert page.status_code == 200, connection.vendor


def test_nul_bytes_in_card_and_oembed_parameters_are_400(client, practice):
    assert client.get("/embed/practices/bridge-to-work/", {"theme": "dark\x00"}).status_code == 400
    assert client.get("/oembed/", {"url": practice.get_full_url() + "\x00"}).status_code == 400
    assert client.get("/api/practices/1/card/", {"lang": "\x00"}).status_code == 400


def test_a_nul_byte_in_the_query_is_dropped_on_the_page_and_the_search_still_runs(client, site_tree, practice):
    html = client.get(site_tree.index.url, {"q": "Bri\x00dge"}).content.decode()
    assert "Bridge to Work" in html
