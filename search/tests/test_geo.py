"""Grid clusters on the Z-order curve, and the distance filter, against a brute-force count."""

import random

from search.geo import LEVELS, GeoIndex, _mercator, haversine_km, parse_near, quadkey


def brute_force(points, bits, zoom, south, west, north, east):
    level = min(LEVELS, zoom + 2)
    cells = {}
    for position, (lat, lon) in enumerate(points):
        if not (bits >> position) & 1:
            continue
        x, y = _mercator(lat, lon)
        x0, y1 = _mercator(south, west)
        x1, y0 = _mercator(north, east)
        cx, cy = int(x * (1 << level)), int(y * (1 << level))
        if int(x0 * (1 << level)) <= cx <= int(x1 * (1 << level)) and int(y0 * (1 << level)) <= cy <= int(
            y1 * (1 << level)
        ):
            cells[(cx, cy)] = cells.get((cx, cy), 0) + 1
    return sorted(cells.values())


def index_of(points) -> GeoIndex:
    """A geo index over ``points`` without the database: practice i is at bit i."""
    scale = 1 << LEVELS
    rows = []
    for position, (lat, lon) in enumerate(points):
        x, y = _mercator(lat, lon)
        rows.append((quadkey(int(x * scale), int(y * scale)), position, lat, lon, 1000 + position))
    rows.sort()
    index = GeoIndex(practices=len(points))
    index.keys, index.positions, index.latitudes, index.longitudes, index.practice_ids = (
        list(column) for column in zip(*rows, strict=True)
    )
    from operator import itemgetter

    index._gather = itemgetter(*index.positions)
    index._prefix_sums()
    return index


def test_clusters_match_a_brute_force_grid_count_at_every_zoom():
    rng = random.Random(3)
    points = [(rng.uniform(35, 65), rng.uniform(-10, 30)) for _ in range(2000)]
    index = index_of(points)
    bits = sum(1 << i for i in range(len(points)) if rng.random() < 0.4)
    for zoom, box in [(2, (30, -20, 70, 40)), (5, (45, 5, 55, 15)), (9, (50, 8, 51, 9.5)), (14, (50, 8, 50.2, 8.3))]:
        clusters = index.clusters(bits, zoom, *box)
        assert sorted(c.count for c in clusters) == brute_force(points, bits, zoom, *box), zoom
        for cluster in clusters:
            if cluster.count == 1:
                assert cluster.practice_id is not None and cluster.bounds is None
            else:
                south, west, north, east = cluster.bounds
                assert south <= cluster.latitude <= north and west <= cluster.longitude <= east


def test_large_clusters_sit_inside_their_cell():
    rng = random.Random(5)
    points = [(rng.uniform(51.0, 51.6), rng.uniform(12.0, 12.8)) for _ in range(3000)]
    index = index_of(points)
    every_other = sum(1 << i for i in range(0, len(points), 2))
    clusters = index.clusters(every_other, 3, 40, 0, 60, 30)
    assert sum(c.count for c in clusters) == 1500 and max(c.count for c in clusters) > 64
    for cluster in clusters:
        south, west, north, east = cluster.bounds
        assert south <= cluster.latitude <= north and west <= cluster.longitude <= east


def test_a_single_practice_is_a_marker_at_its_own_place():
    index = index_of([(51.34, 12.37), (48.21, 16.37)])
    clusters = index.clusters(0b10, 6, 40, 0, 60, 30)
    assert [(c.count, c.practice_id, c.latitude, c.longitude) for c in clusters] == [(1, 1001, 48.21, 16.37)]
    assert index.clusters(0, 6, 40, 0, 60, 30) == []


def test_near_finds_places_within_the_distance_only():
    leipzig, halle, dresden, vienna = (51.34, 12.37), (51.48, 11.97), (51.05, 13.74), (48.21, 16.37)
    index = index_of([leipzig, halle, dresden, vienna])
    assert round(haversine_km(*leipzig, *dresden)) == 101
    assert index.near(*leipzig, 50) == {0, 1}
    assert index.near(*leipzig, 110) == {0, 1, 2}
    assert index.near(*vienna, 5) == {3}


def test_near_accepts_coordinates_or_a_known_place():
    assert parse_near("51.3401,12.3701", 25).label == "51.3401,12.3701"
    assert parse_near("Leipzig", 10).km == 10 and parse_near("Leipzig", 10).label == "Leipzig, DE"
    assert parse_near("wien, at", 25).label == "Vienna, AT"
    assert parse_near("91,0", 25) is None and parse_near("nan,nan", 25) is None
    assert parse_near("Nowhere-on-Earth", 25) is None
