"""GET /api/search/: shape, stable values across languages, 400s that name the parameter, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

API = "/api/search/"


def test_response_shape(client, shared_corpus):
    ContactFactory(page=shared_corpus["bridge"], email="lead@example.org", publish=True)
    data = client.get(API, {"q": "Leipzig employers", "theme": "employer-engagement"}).json()
    assert (data["count"], data["page"], data["pages"]) == (1, 1, 1)
    result = data["results"][0]
    assert set(result) == {
        "id",
        "title",
        "url",
        "summary",
        "language",
        "places",
        "start_year",
        "end_year",
        "themes",
        "target_groups",
        "funders",
        "transfer",
    }
    assert result["transfer"] == {
        "cost": {
            "amount": 60000,
            "currency": "EUR",
            "period": "per_year",
            "covers": "",
            "yearly_eur": 60000,
            "band": "25k_100k",
        },
        "funding_months": None,
        "staff": {"fte": None, "roles": ""},
        "participants": {"number": None, "period": ""},
        "population": 12000,
        "place_size": "small_town",
        "setting": "rural",
        "prerequisites": [],
    }
    assert result["title"] == "Bridge to Work" and result["url"].endswith("/en/practices/bridge-to-work/")
    assert result["places"] == [{"city": "Leipzig", "region": "Saxony", "country": "DE"}]
    assert {"value": "employer-engagement", "label": "Employer engagement"} in result["themes"]
    assert result["funders"][0]["label"] == "European Social Fund"
    theme = {item["value"]: item for item in data["facets"]["theme"]}
    assert theme["employer-engagement"] == {
        "value": "employer-engagement",
        "label": "Employer engagement",
        "count": 1,
        "selected": True,
    }
    assert set(data["facets"]) == {
        "theme",
        "target_group",
        "audience",
        "country",
        "region",
        "funder",
        "org_type",
        "programme",
        "status",
        "decade",
        "evidence",
        "place_size",
        "setting",
        "cost",
        "source",
    }
    assert "lead@example.org" not in str(data)


def test_values_are_the_same_in_every_language(client, shared_corpus, site_tree):
    english = client.get(API, {"lang": "en", "target_group": "refugees"}).json()
    german = client.get(API, {"lang": "de", "target_group": "refugees"}).json()
    assert english["count"] == german["count"] == 3  # no German translations: the English practices
    values = {item["value"]: item["label"] for item in german["facets"]["target_group"]}
    assert values["refugees"] == "Geflüchtete und Schutzberechtigte"
    assert {i["value"] for i in english["facets"]["theme"]} == {i["value"] for i in german["facets"]["theme"]}
    assert german["results"][0]["language"] == "en"


def test_unknown_facet_values_are_ignored_and_reported(client, shared_corpus):
    data = client.get(API, {"theme": ["mentoring", "flying"], "country": "ZZ"}).json()
    assert data["count"] == 1
    assert data["ignored"] == {"theme": ["flying"], "country": ["ZZ"]}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"sort": "random"}, "sort"),
        ({"lang": "fr"}, "lang"),
        ({"q": "x" * 10_001}, "q"),
        ({"page": ["1", "2"]}, "page"),
        ({"lang": ["en", "de"]}, "lang"),
    ],
)
def test_invalid_parameters_give_400_naming_the_parameter(client, shared_corpus, query, parameter):
    response = client.get(API, query)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter and response.json()["error"]


def test_page_past_the_end_is_empty_and_page_size_is_respected(client, shared_corpus):
    assert client.get(API, {"page": "99999"}).json()["results"] == []
    data = client.get(API, {"page_size": "2", "page": "2", "sort": "title"}).json()
    assert (data["pages"], [r["title"] for r in data["results"]]) == (
        3,
        ["Local Integration Network", "Mentors for Women"],
    )


def test_openapi_schema_documents_the_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "sort", "page", "page_size", "lang", "theme", "funder", "decade", "source"} <= names
    assert client.get("/api/docs").status_code == 200


def test_only_live_practices_are_exposed(client, shared_corpus):
    shared_corpus["bridge"].unpublish()
    assert "Bridge to Work" not in [r["title"] for r in client.get(API, {"page_size": 100}).json()["results"]]


PARAMETER_NAMES = ["q", "page", "page_size", "sort", "lang", "theme", "country", "funder", "decade", "status", "x"]
TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            '"',
            "*",
            "NEAR(",
            "AND",
            "OR",
            "-",
            "(",
            '"unbalanced',
            "🙂",
            "-1",
            "0",
            "99999",
            "abc",
            "",
            "mentoring",
            "DE",
            "2010",
            "refugees employers",
            "x" * 10_001,
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(PARAMETER_NAMES), TEXT), max_size=6))
def test_api_never_fails_on_any_input(client, shared_corpus, pairs):
    query = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value.replace("\x00", ""))
    response = client.get(API, query)
    assert response.status_code in (200, 400), response.content[:300]
    data = response.json()
    if response.status_code == 200:
        assert data["count"] >= 0 and len(data["results"]) <= 100
    else:
        assert data["parameter"] in PARAMETER_NAMES
