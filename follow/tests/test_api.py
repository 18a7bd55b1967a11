"""``/api/practices/``: full records, cursor pagination, JSON-LD, documented in the OpenAPI schema."""

import json

import pytest

from practices.records import PracticeRecord, SourceRecord
from practices.tests.factories import ContactFactory, add_to_practice
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_full_record_has_outcomes_transfer_sources_and_only_public_contact_names(client, corpus):
    bridge = corpus["bridge"]
    ContactFactory(page=bridge, name="Ada Public", function="Coordinator", email="ada@example.org", publish=True)
    ContactFactory(page=bridge, name="Bob Private", email="bob@example.org", publish=False)
    bridge = add_to_practice(
        bridge,
        PracticeRecord(sources=[SourceRecord(kind="other", title="Publisher", raw_text="Raw words of the publisher.")]),
    )
    bridge.transfer_conditions = "<p>A coach per 20 participants.</p>"
    bridge.save_revision().publish()

    response = client.get(f"/api/practices/{bridge.pk}/")
    assert response.status_code == 200
    record = response.json()
    assert record["title"] == "Bridge to Work" and record["language"] == "en"
    assert record["outcomes"] == [{"text": "People found work.", "evidence_level": "monitored", "indicator": ""}]
    assert record["transfer_conditions"] == "<p>A coach per 20 participants.</p>"
    assert {source["kind"] for source in record["sources"]} == {"iq_good_practice", "other"}
    assert record["contacts"] == [{"name": "Ada Public", "function": "Coordinator", "organisation": ""}]
    assert {"role": "funder", "name": "European Social Fund"}.items() <= record["organisations"][1].items()
    text = response.content.decode()
    for secret in ("@example.org", "+49", "Bob Private", "Raw words"):
        assert secret not in text


def test_unpublished_practices_are_404(client, site_tree):
    draft = make_practice(site_tree.index, "Draft Practice")
    draft.unpublish()
    assert client.get(f"/api/practices/{draft.pk}/").status_code == 404
    assert client.get(f"/api/practices/{draft.pk}/jsonld").status_code == 404
    assert client.get("/api/practices/999999/").json()["parameter"] == "practice_id"
    assert client.get(f"/api/practices/{2**64}/").status_code == 404


def test_cursor_pagination_walks_every_practice_once(client, corpus):
    seen, url, pages = [], "/api/practices/?limit=2", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [record["id"] for record in body["results"]]
        url = body["next"]
        pages += 1
        if url:
            assert body["next_cursor"] in url
            url = url.replace("http://testserver", "")
    assert pages == 3
    assert seen == sorted(page.pk for page in corpus.values())
    assert client.get("/api/practices/?lang=de").json()["results"] == []


@pytest.mark.parametrize("query", ["cursor=nonsense!", "cursor=eyJhZnRlciI6IC0xfQ", "limit=0", "limit=501", "lang=fr"])
def test_bad_list_parameters_are_400(client, corpus, query):
    response = client.get(f"/api/practices/?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] in {"cursor", "limit", "lang"}


def test_json_ld_is_a_creative_work_about_a_project_with_places_and_funders(client, corpus):
    bridge = corpus["bridge"]
    response = client.get(f"/api/practices/{bridge.pk}/jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    data = json.loads(response.content)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["@id"] == f"http://testserver/api/practices/{bridge.pk}/jsonld"
    assert data["url"] == bridge.full_url and data["url"].endswith("/en/practices/bridge-to-work/")
    project = data["about"]
    assert project["@type"] == "Project" and project["foundingDate"] == "2016"
    assert project["funder"] == [{"@type": "Organization", "name": "European Social Fund"}]
    assert project["location"][0]["address"]["addressLocality"] == "Leipzig"
    assert project["member"][0]["roleName"] == "implementing"


def test_openapi_documents_the_practice_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/practices/", "/api/practices/{practice_id}/", "/api/practices/{practice_id}/jsonld"} <= set(
        schema["paths"]
    )
    record = schema["components"]["schemas"]["PracticeRecord"]["properties"]
    assert "email" not in json.dumps(record) and "contacts" in record
