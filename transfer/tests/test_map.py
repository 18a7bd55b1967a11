"""The map of a search: server-side clusters as JSON, with the search's facets, query and distance filter."""

import pytest

from transfer.tests.factories import mapped_practice

pytestmark = pytest.mark.django_db

URL = "/en/map/clusters/"
EUROPE = {"bbox": "-20,35,40,65", "zoom": "4"}


@pytest.fixture
def mapped(site_tree):
    return {
        "leipzig": mapped_practice(
            site_tree.index, "Leipzig Coaching", [("Leipzig", "DE", 51.34, 12.37)], themes=["mentoring"]
        ),
        "halle": mapped_practice(
            site_tree.index, "Halle Mentors", [("Halle", "DE", 51.48, 11.97)], themes=["language-for-work"]
        ),
        "vienna": mapped_practice(
            site_tree.index,
            "Vienna Desk",
            [("Vienna", "AT", 48.21, 16.37), ("Graz", "AT", 47.07, 15.44)],
            themes=["mentoring"],
            summary="Advice on recognition in two cities.",
        ),
    }


def test_clusters_and_markers_follow_the_zoom(client, mapped):
    far = client.get(URL, {"bbox": "-20,35,40,65", "zoom": "2"}).json()
    assert far["count"] == 3
    assert sum(c["count"] for c in far["clusters"]) + len(far["markers"]) == 4  # four places
    near = client.get(URL, {"bbox": "5,45,20,55", "zoom": "8"}).json()
    assert near["clusters"] == []
    markers = {m["title"]: m for m in near["markers"]}
    assert set(markers) == {"Leipzig Coaching", "Halle Mentors", "Vienna Desk"}
    vienna = [m for m in near["markers"] if m["title"] == "Vienna Desk"]
    assert len(vienna) == 2  # one marker per place
    card = markers["Leipzig Coaching"]
    assert card["url"] == mapped["leipzig"].url and card["place"] == "Leipzig, Germany"
    assert (card["lat"], card["lon"]) == (51.34, 12.37)


def test_the_map_follows_the_search_facets_and_query(client, mapped):
    data = client.get(URL, {**EUROPE, "theme": "language-for-work"}).json()
    assert data["count"] == 1 and sum(c["count"] for c in data["clusters"]) + len(data["markers"]) == 1
    data = client.get(URL, {"bbox": "5,45,20,55", "zoom": "8", "q": "recognition"}).json()
    assert {m["title"] for m in data["markers"]} == {"Vienna Desk"}


def test_near_a_place_filters_map_and_list(client, mapped, site_tree):
    data = client.get(URL, {**EUROPE, "near": "Leipzig", "within": "50"}).json()
    assert data["count"] == 2 and data["near"]["label"] == "Leipzig, DE"
    html = client.get(site_tree.index.url, {"near": "Leipzig", "within": "50"}).content.decode()
    assert "Leipzig Coaching" in html and "Halle Mentors" in html and "Vienna Desk" not in html
    assert "within 50 km of Leipzig, DE" in html  # the chip
    html = client.get(site_tree.index.url, {"near": "51.34,12.37", "within": "10"}).content.decode()
    assert "Leipzig Coaching" in html and "Halle Mentors" not in html
    api = client.get("/api/search/", {"near": "Graz, AT", "within": "25"}).json()
    assert [r["title"] for r in api["results"]] == ["Vienna Desk"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"bbox": "-20,35,40,65"}, "zoom"),
        ({"bbox": "-20,35,40,65", "zoom": "30"}, "zoom"),
        ({"bbox": "a,b,c,d", "zoom": "3"}, "bbox"),
        ({"bbox": "-20,65,40,35", "zoom": "3"}, "bbox"),
        ({"bbox": "nan,1,2,3", "zoom": "3"}, "bbox"),
        ({**EUROPE, "near": "Leipzig", "within": "7"}, "within"),
        ({**EUROPE, "page_size": "0"}, "page_size"),
    ],
)
def test_invalid_parameters_answer_400_naming_them(client, site_tree, params, parameter):
    response = client.get(URL, params)
    assert response.status_code == 400 and response.json()["parameter"] == parameter


def test_unknown_place_is_ignored_and_said(client, mapped, site_tree):
    html = client.get(site_tree.index.url, {"near": "Nowhere-on-Earth"}).content.decode()
    assert "Nowhere-on-Earth" in html and "Leipzig Coaching" in html
    data = client.get(URL, {**EUROPE, "near": "Nowhere-on-Earth"}).json()
    assert data["count"] == 3 and data["ignored"] == {"near": ["Nowhere-on-Earth"]}


def test_search_page_carries_the_map_as_an_enhancement(client, mapped, site_tree):
    html = client.get(site_tree.index.url).content.decode()
    assert 'id="practice-map-section"' in html and "hidden" in html.split('id="practice-map-section"')[1][:200]
    assert "transfer/leaflet/leaflet.js" in html and "transfer/map.js" in html
    assert 'data-tiles-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "OpenStreetMap" in html
    assert "<script>" not in html  # static files only


def test_tile_server_is_a_setting(client, mapped, site_tree, settings):
    settings.PRAXIS_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PRAXIS_MAP_ATTRIBUTION = "Tiles by Example"
    html = client.get(site_tree.index.url).content.decode()
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html and "Tiles by Example" in html
