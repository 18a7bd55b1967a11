"""The map of a search: server-side clusters as JSON, with the search's facets, query and distance filter."""

import random
from decimal import Decimal

import pytest

from practices.models import PracticePlace
from search.engine import matching_ids
from search.facet_index import WorkerFacetIndex
from search.geo import LEVELS, GeoIndex, _mercator, geo_index, haversine_km
from search.tests.utils import params
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


# Against a point-by-point reference on a small random set ------------------------------------------


def _reference_points() -> list[tuple[int, float, float]]:
    return [
        (page_id, float(lat), float(lon))
        for page_id, lat, lon in PracticePlace.objects.filter(page__live=True).values_list(
            "page_id", "latitude", "longitude"
        )
    ]


def _reference_cells(points, practice_ids, zoom, south, west, north, east) -> list[tuple[int, int | None]]:
    """(count, the single practice of a one-place cell) of each cell in view, checking every place."""
    cells = 1 << min(LEVELS, zoom + 2)
    x0, y1 = _mercator(south, west)
    x1, y0 = _mercator(north, east)
    if west > east:
        x0, x1 = 0.0, 1 - 1e-12
    found: dict = {}
    for page_id, lat, lon in points:
        x, y = _mercator(lat, lon)
        cx, cy = int(x * cells), int(y * cells)
        inside = int(x0 * cells) <= cx <= int(x1 * cells) and int(y0 * cells) <= cy <= int(y1 * cells)
        if page_id in practice_ids and inside:
            found.setdefault((cx, cy), []).append(page_id)
    return sorted((len(ids), ids[0] if len(ids) == 1 else None) for ids in found.values())


@pytest.fixture
def scattered(site_tree):
    """Twenty practices with one to three places: a dense city, the antimeridian, the far north."""
    rng = random.Random(17)
    pages = []
    for number in range(20):
        points = []
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.5:
                lat, lon = rng.uniform(51.0, 51.7), rng.uniform(11.8, 12.9)
            elif kind < 0.75:
                lat, lon = rng.uniform(-20, 20), rng.choice([-1, 1]) * rng.uniform(179.0, 180.0)
            else:
                lat, lon = rng.uniform(60, 89), rng.uniform(-180, 180)
            points.append(("Somewhere", "DE", round(lat, 6), round(lon, 6)))
        theme = "mentoring" if number % 3 else "language-for-work"
        pages.append(mapped_practice(site_tree.index, f"Scattered practice {number}", points, themes=[theme]))
    return pages


def test_map_and_near_filter_match_a_reference_computation(client, scattered, site_tree):
    points = _reference_points()
    everything = {page.pk for page in scattered}
    language = {page.pk for number, page in enumerate(scattered) if number % 3 == 0}
    views = [
        ("-180,-85,180,85", 0),
        ("-25,34,45,66", 4),
        ("170,-30,-170,30", 3),  # across the antimeridian
        ("11.8,51.0,12.9,51.7", 9),
        ("12.0,51.2,12.6,51.5", 12),
    ]
    for theme, practice_ids in ((None, everything), ("language-for-work", language)):
        for bbox, zoom in views:
            extra = {"theme": theme} if theme else {}
            data = client.get(URL, {"bbox": bbox, "zoom": zoom, **extra}).json()
            west, south, east, north = (float(v) for v in bbox.split(","))
            got = sorted(
                [(c["count"], None) for c in data["clusters"]] + [(m["count"], m["id"]) for m in data["markers"]]
            )
            expected = _reference_cells(points, practice_ids, zoom, south, west, north, east)
            # A cell of several places of one practice is a marker too: compare counts, then singles.
            assert sorted(count for count, _ in got) == sorted(count for count, _ in expected), (theme, bbox)
            assert {pk for count, pk in got if count == 1} == {pk for count, pk in expected if count == 1}
            assert data["count"] == len(practice_ids)

    for latitude, longitude, km in ((51.34, 12.37, 25), (0.0, 179.9, 250), (80.0, 0.0, 250), (51.3, 12.3, 5)):
        expected = {pk for pk, lat, lon in points if haversine_km(latitude, longitude, lat, lon) <= km}
        near = {"near": f"{latitude},{longitude}", "within": str(km)}
        ids = set(matching_ids(params(**near)))
        assert ids == expected, (latitude, longitude, km)
        data = client.get(URL, {"bbox": "-180,-85,180,85", "zoom": 0, **near}).json()
        assert data["count"] == len(expected)
        html = client.get(site_tree.index.url, {**near, "page_size": 50}).content.decode()
        shown = {page.pk for page in scattered if f'">{page.title}</a>' in html}
        assert shown == expected, (latitude, longitude, km)


def test_the_geo_index_is_updated_with_the_facet_index_not_rebuilt(mapped, site_tree):
    other = WorkerFacetIndex()  # a worker of its own
    geo_index(other.get())
    builds = other.builds
    leipzig = mapped["leipzig"].get_latest_revision_as_object()
    places = list(leipzig.places.all())
    places[0].latitude, places[0].longitude = Decimal("48.1351"), Decimal("11.5820")  # moved to Munich
    leipzig.places = places
    leipzig.save_revision().publish()
    mapped["halle"].unpublish()
    added = mapped_practice(site_tree.index, "Dresden Desk", [("Dresden", "DE", 51.05, 13.74)])

    index = other.get()
    assert other.builds == builds and other.updates >= 1
    assert index._geo is not None  # carried over and updated, not thrown away
    fresh = GeoIndex.build(index.ids, index.bit)
    for name in ("keys", "positions", "latitudes", "longitudes", "practice_ids"):
        assert getattr(index._geo, name).tolist() == getattr(fresh, name).tolist(), name
    assert index._geo.practices == len(index.ids)
    munich = index._geo.near_bits(48.14, 11.58, 5)
    assert {index.ids[i] for i in range(len(index.ids)) if (munich >> i) & 1} == {leipzig.pk}
    assert added.pk in index._geo.practice_ids.tolist() and mapped["halle"].pk not in index._geo.practice_ids
