"""Facets answer only about public practices: a value only a draft or a private practice has is unknown."""

import pytest
from wagtail.models import PageViewRestriction

from practices.models import Organisation
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db

API = "/api/search/"


@pytest.fixture
def practices(site_tree):
    public = make_practice(
        site_tree.index, "Open Doors", funders=("Public Fund",), places=(("Leipzig", "Saxony", "DE"),)
    )
    draft = make_practice(
        site_tree.index,
        "Hidden Draft",
        funders=("Secret Draft Funder",),
        places=(("Atlantis", "Atlantis Region", "DE"),),
    )
    draft.unpublish()
    private = make_practice(
        site_tree.index, "Members Only", funders=("Private Club Funder",), places=(("Avalon", "Avalon Region", "AT"),)
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return public


def funder_id(name: str) -> str:
    return str(Organisation.objects.get(name=name).pk)


@pytest.mark.parametrize(
    ("name", "region"), [("Secret Draft Funder", "Atlantis Region"), ("Private Club Funder", "Avalon Region")]
)
def test_values_only_non_public_practices_have_are_ignored_without_a_label(client, site_tree, practices, name, region):
    hidden = funder_id(name)
    data = client.get(API, {"funder": hidden, "region": region}).json()
    assert data["ignored"] == {"funder": [hidden], "region": [region]}
    assert data["count"] == 1  # ignored values do not filter
    assert name not in str(data) and region not in [v["value"] for v in data["facets"]["region"]]
    assert all(not item["selected"] for facet in data["facets"].values() for item in facet)
    html = client.get(site_tree.index.url, {"funder": hidden, "region": region}).content.decode()
    assert name not in html


def test_ignored_values_look_the_same_as_values_that_exist_nowhere(client, practices):
    draft = client.get(API, {"funder": funder_id("Secret Draft Funder"), "region": "Atlantis Region"}).json()
    nowhere = client.get(API, {"funder": "987654321", "region": "Nowhere Region"}).json()
    assert draft["count"] == nowhere["count"] and draft["facets"] == nowhere["facets"]


def test_values_of_public_practices_are_labelled(client, practices):
    public = funder_id("Public Fund")
    data = client.get(API, {"funder": public, "region": "Saxony"}).json()
    assert data["ignored"] == {} and data["count"] == 1
    selected = {item["value"]: item["label"] for item in data["facets"]["funder"] if item["selected"]}
    assert selected == {public: "Public Fund"}
