"""Transfer facts in the JSON outputs: the search API and the full practice record."""

import pytest

from transfer.tests.factories import transfer_practice

pytestmark = pytest.mark.django_db


def test_transfer_facts_in_the_full_record_and_the_search(client, site_tree):
    page = transfer_practice(site_tree.index)
    record = client.get(f"/api/practices/{page.pk}/").json()
    transfer = record["transfer"]
    assert transfer["cost"] == {
        "amount": 120000,
        "currency": "EUR",
        "period": "per_year",
        "covers": "Two coaches and workshop rent",
        "yearly_eur": 120000,
        "band": "100k_500k",
    }
    assert (transfer["place_size"], transfer["setting"], transfer["funding_months"]) == ("small_town", "rural", 36)
    assert transfer["staff"] == {"fte": 2.5, "roles": "Two coaches, a coordinator"}
    assert transfer["prerequisites"][0] == {
        "kind": "partner",
        "condition": "public-employment-service",
        "essential": True,
        "note": "Refers participants.",
    }
    search = client.get("/api/search/", {"place_size": "small_town", "cost": "100k_500k", "setting": "rural"}).json()
    assert [result["id"] for result in search["results"]] == [page.pk]
    assert search["results"][0]["transfer"] == transfer
