"""Grid clusters on the Z-order curve, and the distance filter, against a brute-force count."""

import math
import random

import pytest

from search.geo import LEVELS, GeoIndex, _mercator, _point, haversine_km, parse_near


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
    """A geo index over ``points`` without the database: practice i is at bit i, with id 1000 + i."""
    return GeoIndex.from_points(
        [_point(1000 + position, position, lat, lon) for position, (lat, lon) in enumerate(points)], len(points)
    )


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


def near_reference(points, latitude, longitude, km) -> set[int]:
    """Every place checked one by one with the scalar distance: the answer the index must give."""
    return {i for i, (lat, lon) in enumerate(points) if haversine_km(latitude, longitude, lat, lon) <= km}


def clusters_reference(points, bits, zoom, south, west, north, east):
    """Cells (by their centre's count, mean position and single practice) computed point by point."""
    level = min(LEVELS, zoom + 2)
    cells = 1 << level
    x0, y1 = _mercator(south, west)
    x1, y0 = _mercator(north, east)
    if west > east:
        x0, x1 = 0.0, 1 - 1e-12
    found: dict = {}
    for position, (lat, lon) in enumerate(points):
        if not (bits >> position) & 1:
            continue
        x, y = _mercator(lat, lon)
        cx, cy = int(x * cells), int(y * cells)
        if int(x0 * cells) <= cx <= int(x1 * cells) and int(y0 * cells) <= cy <= int(y1 * cells):
            found.setdefault((cx, cy), []).append(position)
    return sorted(
        (len(members), 1000 + members[0] if len(members) == 1 else None, sorted(members)) for members in found.values()
    )


def random_points(rng, count):
    """Places all over the world, with clumps at the antimeridian, the poles and Web Mercator's limit."""
    points = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            points.append((rng.uniform(-90, 90), rng.uniform(-180, 180)))
        elif kind < 0.55:
            points.append((rng.uniform(-60, 70), rng.choice([-1, 1]) * rng.uniform(178.5, 180)))
        elif kind < 0.7:
            points.append((rng.choice([-1, 1]) * rng.uniform(84, 90), rng.uniform(-180, 180)))
        else:
            points.append((rng.uniform(51.0, 51.7), rng.uniform(12.0, 12.8)))  # a dense city
    points += [(90.0, 0.0), (-90.0, 45.0), (0.0, 180.0), (0.0, -180.0), (85.05112878, 10.0)]
    return points


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_near_matches_checking_every_place(seed):
    rng = random.Random(seed)
    points = random_points(rng, 1500)
    index = index_of(points)
    centres = [
        (51.34, 12.37),
        (0.0, 179.9),  # the antimeridian: places at -179.x are near
        (-33.0, -179.95),
        (89.9, 0.0),  # a pole inside the circle: every longitude
        (-89.5, 120.0),
        (86.0, -170.0),  # beyond Web Mercator's limit, near the antimeridian
        (0.0, 0.0),
    ] + [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(20)]
    for latitude, longitude in centres:
        for km in (5, 25, 50, 250, 2000):
            expected = near_reference(points, latitude, longitude, km)
            assert index.near(latitude, longitude, km) == expected, (latitude, longitude, km)
            bits = index.near_bits(latitude, longitude, km)
            assert {i for i in range(len(points)) if (bits >> i) & 1} == expected


def test_near_across_the_antimeridian_and_over_a_pole():
    east, west, pole_a, pole_b = (10.0, 179.8), (10.0, -179.8), (89.8, 0.0), (89.8, 180.0)
    index = index_of([east, west, pole_a, pole_b])
    assert index.near(*east, 50) == {0, 1}  # 44 km apart across the date line
    assert index.near(*pole_a, 50) == {2, 3}  # 44 km apart across the pole


def test_near_counts_a_place_exactly_on_the_radius():
    centre = (51.34, 12.37)
    rng = random.Random(11)
    points = [(rng.uniform(50.8, 51.9), rng.uniform(11.6, 13.2)) for _ in range(400)]
    index = index_of(points)
    for lat, lon in points[:60]:
        distance = haversine_km(*centre, lat, lon)
        # The radius is the place's own distance, a hair below it and a hair above it.
        for km in (distance, math.nextafter(distance, 0), math.nextafter(distance, 1e9)):
            assert index.near(*centre, km) == near_reference(points, *centre, km)


@pytest.mark.parametrize("seed", [4, 5])
def test_clusters_match_a_point_by_point_count_everywhere(seed):
    rng = random.Random(seed)
    points = random_points(rng, 2000)
    # Some practices with two places in the same spot: a cell of one practice is a marker.
    points[1::97] = points[0::97][: len(points[1::97])]
    index = index_of(points)
    bits = sum(1 << i for i in range(len(points)) if rng.random() < 0.6)
    boxes = [
        (0, (-85, -180, 85, 180)),
        (2, (-90, -180, 90, 180)),
        (3, (-60, 170, 60, -170)),  # crossing the antimeridian
        (5, (80, -180, 90, 180)),  # the polar row
        (9, (51.0, 12.0, 51.7, 12.8)),
        (12, (51.2, 12.2, 51.4, 12.5)),
        (18, (51.30, 12.30, 51.32, 12.33)),
    ]
    for zoom, box in boxes:
        clusters = index.clusters(bits, zoom, *box)
        expected = clusters_reference(points, bits, zoom, *box)
        got = sorted((c.count, c.practice_id if c.count == 1 else None) for c in clusters)
        assert got == [(count, single) for count, single, _members in expected], (zoom, box)
        by_count = {}
        for count, _single, members in expected:
            by_count.setdefault(count, []).append(members)
        for cluster in clusters:
            # The centre is the mean of the cell's matching places (one of the cells with that count).
            centres = [
                (sum(points[m][0] for m in ms) / len(ms), sum(points[m][1] for m in ms) / len(ms))
                for ms in by_count[cluster.count]
            ]
            assert any(
                math.isclose(cluster.latitude, lat, abs_tol=1e-9) and math.isclose(cluster.longitude, lon, abs_tol=1e-9)
                for lat, lon in centres
            ), (zoom, cluster)


def test_a_huge_box_at_the_closest_zoom_is_answered_from_the_points_in_it():
    index = index_of([(51.34, 12.37), (48.21, 16.37), (-33.9, 151.2)])
    clusters = index.clusters(0b111, 18, -85, -180, 85, 180)  # 2^20 x 2^20 cells in view
    assert sorted(c.practice_id for c in clusters) == [1000, 1001, 1002]
