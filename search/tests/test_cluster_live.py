"""Against a real Elasticsearch 9 / OpenSearch 3 cluster: runs only when ELASTICSEARCH_URL or OPENSEARCH_URL is set."""

import os

import pytest
from django.core.management import call_command
from django.test import override_settings

URL = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not URL, reason="no ELASTICSEARCH_URL or OPENSEARCH_URL set: no cluster to test against"),
]

BACKEND = {
    "default": {
        "BACKEND": "modelsearch.backends.opensearch3"
        if os.environ.get("OPENSEARCH_URL")
        else "modelsearch.backends.elasticsearch9",
        "URLS": [URL],
        "INDEX_PREFIX": "praxis_test_",
    }
}


@override_settings(WAGTAILSEARCH_BACKENDS=BACKEND)
def test_search_and_facets_on_the_cluster(client, corpus):
    call_command("refresh_search", verbosity=0)
    from modelsearch.backends import get_search_backend

    get_search_backend().refresh_indexes()
    data = client.get("/api/search/", {"q": "internships"}).json()
    assert [r["title"] for r in data["results"]] == ["Bridge to Work"]
    filtered = client.get("/api/search/", {"q": "refugees", "theme": "mentoring"}).json()
    assert [r["title"] for r in filtered["results"]] == ["Mentors for Women"]
