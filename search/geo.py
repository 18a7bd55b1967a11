"""Where the practices are: grid clusters of a search for a map, and the "near a place" filter.

The coordinates of every place of the practices in the facet index are read once per index build (like
the facets) and sorted along a Z-order curve (quadkeys of a 2^20 x 2^20 Web Mercator grid). On that
curve every square cell of every zoom level is one contiguous range, found with two binary searches. A
map request then needs no query: the matching practices' bit set is turned into a bit set over the
sorted points (one gather), and each cell in view is counted with one shift, mask and popcount. That
stays in the low milliseconds at 100,000 practices, where a loop over the points in Python would not.

Clusters are the cells of a grid of ``CELL_PIXELS`` at the requested zoom: never more than the cells in
view, whatever the number of practices. A cell with a single practice is a marker with its card.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter

from practices.models import PracticePlace

LEVELS = 20  # quadkey depth: cells of ~38 m at the equator, finer than any recorded coordinate needs
CELL_PIXELS = 64  # grid size of the clusters on screen (a 256-pixel tile holds 4 x 4 cells)
MAX_ZOOM = 18
MAX_LATITUDE = 85.05112878  # Web Mercator's limit
EARTH_RADIUS_KM = 6371.0088
CENTROID_EXACT_UP_TO = 64  # cells with at most this many matching points get their exact centre


def _mercator(latitude: float, longitude: float) -> tuple[float, float]:
    """Web Mercator position in [0, 1) x [0, 1), x eastwards, y southwards."""
    latitude = max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude))
    x = (longitude + 180.0) / 360.0
    sine = math.sin(math.radians(latitude))
    y = 0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)
    return min(max(x, 0.0), 1 - 1e-12), min(max(y, 0.0), 1 - 1e-12)


def _spread_slow(value: int) -> int:
    result = 0
    for bit in range(8):
        result |= ((value >> bit) & 1) << (2 * bit)
    return result


_SPREAD_BYTE = [_spread_slow(value) for value in range(256)]


def _spread(value: int) -> int:
    """The bits of a 20-bit number spaced out to every other bit (for Z-order interleaving)."""
    table = _SPREAD_BYTE
    return table[value & 255] | (table[(value >> 8) & 255] << 16) | (table[(value >> 16) & 255] << 32)


def quadkey(x_cell: int, y_cell: int) -> int:
    return _spread(x_cell) | (_spread(y_cell) << 1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


NEAR_KM = (5, 10, 25, 50, 100, 250)
DEFAULT_NEAR_KM = 25


@dataclass(frozen=True)
class Near:
    """The "near a place" filter: practices with a place within ``km`` of a point."""

    latitude: float
    longitude: float
    km: int
    label: str  # the place as named, or the coordinates

    @property
    def point(self) -> tuple[float, float, float]:
        return self.latitude, self.longitude, float(self.km)

    @property
    def value(self) -> str:
        """The ``near`` parameter that gives this filter again."""
        return self.label


def parse_near(text: str, km: int) -> Near | None:
    """``near``: "latitude,longitude" (as a browser's location gives it) or a place's name ("Leipzig", "Graz, AT")."""
    from practices.transfer_facts import gazetteer_place

    text = text.strip()
    first, _comma, second = text.partition(",")
    try:
        latitude, longitude = float(first), float(second)
    except ValueError:
        place = gazetteer_place(text)
        return Near(place[0], place[1], km, place[2]) if place else None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or math.isnan(latitude + longitude):
        return None
    return Near(round(latitude, 4), round(longitude, 4), km, f"{round(latitude, 4)},{round(longitude, 4)}")


@dataclass
class Cluster:
    latitude: float
    longitude: float
    count: int
    practice_id: int | None = None  # a single practice: its marker
    bounds: tuple[float, float, float, float] | None = None  # south, west, north, east of the cell


@dataclass
class GeoIndex:
    """The places with coordinates, sorted by quadkey; positions refer to the facet index's bits."""

    practices: int = 0  # bits in the facet index
    keys: list[int] = field(default_factory=list)  # quadkey of each point, ascending
    positions: list[int] = field(default_factory=list)  # facet-index bit of each point's practice
    latitudes: list[float] = field(default_factory=list)
    longitudes: list[float] = field(default_factory=list)
    practice_ids: list[int] = field(default_factory=list)
    _gather: itemgetter | None = None
    _latitude_sums: list[float] = field(default_factory=lambda: [0.0])  # prefix sums, for cluster centres
    _longitude_sums: list[float] = field(default_factory=lambda: [0.0])

    @classmethod
    def build(cls, ids: list[int], bit: dict[int, int]) -> GeoIndex:
        rows = PracticePlace.objects.filter(latitude__isnull=False, longitude__isnull=False).values_list(
            "page_id", "latitude", "longitude"
        )
        scale = 1 << LEVELS
        points = []
        for page_id, latitude, longitude in rows:
            position = bit.get(page_id)
            if position is None:
                continue
            latitude, longitude = float(latitude), float(longitude)
            x, y = _mercator(latitude, longitude)
            points.append((quadkey(int(x * scale), int(y * scale)), position, latitude, longitude, page_id))
        points.sort()
        index = cls(practices=max(bit.values(), default=-1) + 1)
        if points:
            index.keys, index.positions, index.latitudes, index.longitudes, index.practice_ids = (
                list(column) for column in zip(*points, strict=True)
            )
        index._prefix_sums()
        if len(points) > 1:
            index._gather = itemgetter(*index.positions)
        return index

    def _prefix_sums(self) -> None:
        self._latitude_sums, self._longitude_sums = [0.0], [0.0]
        for latitude, longitude in zip(self.latitudes, self.longitudes, strict=True):
            self._latitude_sums.append(self._latitude_sums[-1] + latitude)
            self._longitude_sums.append(self._longitude_sums[-1] + longitude)

    def point_bits(self, practice_bits: int) -> int:
        """The matching practices' bit set turned into a bit set over the sorted points."""
        if not self.keys:
            return 0
        digits = format(practice_bits, "b")[::-1].ljust(self.practices, "0")  # digit i: practice bit i
        chosen = digits[self.positions[0]] if self._gather is None else "".join(self._gather(digits))
        return int(chosen[::-1], 2)

    def _range(self, level: int, x_cell: int, y_cell: int) -> tuple[int, int]:
        shift = 2 * (LEVELS - level)
        prefix = quadkey(x_cell, y_cell)
        return bisect_left(self.keys, prefix << shift), bisect_left(self.keys, (prefix + 1) << shift)

    def clusters(
        self, practice_bits: int, zoom: int, south: float, west: float, north: float, east: float
    ) -> list[Cluster]:
        """Grid clusters of the matching practices' places within the box, at ``zoom``."""
        if not self.keys or not practice_bits:
            return []
        level = min(LEVELS, zoom + int(math.log2(256 // CELL_PIXELS)))
        cells = 1 << level
        x0, y1 = _mercator(south, west)
        x1, y0 = _mercator(north, east)
        if west > east:  # the box crosses the antimeridian: take the whole width
            x0, x1 = 0.0, 1 - 1e-12
        bits = self.point_bits(practice_bits)
        found = []
        for x_cell in range(int(x0 * cells), int(x1 * cells) + 1):
            for y_cell in range(int(y0 * cells), int(y1 * cells) + 1):
                low, high = self._range(level, x_cell, y_cell)
                if low == high:
                    continue
                members = (bits >> low) & ((1 << (high - low)) - 1)
                count = members.bit_count()
                if count:
                    found.append(self._cluster(level, x_cell, y_cell, low, members, count))
        return found

    def _cluster(self, level: int, x_cell: int, y_cell: int, low: int, members: int, count: int) -> Cluster:
        if count == 1:
            point = low + (members & -members).bit_length() - 1
            return Cluster(self.latitudes[point], self.longitudes[point], 1, practice_id=self.practice_ids[point])
        if count > CENTROID_EXACT_UP_TO:  # many: the centre of all the cell's places (prefix sums), not only these
            high = low + members.bit_length()
            points = high - low
            latitude = (self._latitude_sums[high] - self._latitude_sums[low]) / points
            longitude = (self._longitude_sums[high] - self._longitude_sums[low]) / points
            return Cluster(latitude, longitude, count, bounds=_cell_bounds(level, x_cell, y_cell))
        points = []
        while members:
            lowest = members & -members
            points.append(low + lowest.bit_length() - 1)
            members ^= lowest
        latitude = sum(self.latitudes[p] for p in points) / len(points)
        longitude = sum(self.longitudes[p] for p in points) / len(points)
        practices = {self.practice_ids[p] for p in points}
        single = next(iter(practices)) if len(practices) == 1 else None
        return Cluster(latitude, longitude, count, practice_id=single, bounds=_cell_bounds(level, x_cell, y_cell))

    def near(self, latitude: float, longitude: float, km: float) -> set[int]:
        """Facet-index bits of the practices with a place within ``km`` of the point."""
        if not self.keys:
            return set()
        degrees_lat = km / 111.0
        degrees_lon = km / max(1e-6, 111.0 * math.cos(math.radians(min(89.0, abs(latitude)))))
        south, north = max(-MAX_LATITUDE, latitude - degrees_lat), min(MAX_LATITUDE, latitude + degrees_lat)
        west, east = max(-180.0, longitude - degrees_lon), min(180.0, longitude + degrees_lon)
        # A level whose cells are about as large as the circle: a few ranges to scan.
        level = max(0, min(LEVELS, int(math.log2(360.0 / max(east - west, 1e-6)))))
        cells = 1 << level
        x0, y1 = _mercator(south, west)
        x1, y0 = _mercator(north, east)
        found = set()
        for x_cell in range(int(x0 * cells), int(x1 * cells) + 1):
            for y_cell in range(int(y0 * cells), int(y1 * cells) + 1):
                low, high = self._range(level, x_cell, y_cell)
                for point in range(low, high):
                    if self.positions[point] in found:
                        continue
                    lat, lon = self.latitudes[point], self.longitudes[point]
                    if south <= lat <= north and haversine_km(latitude, longitude, lat, lon) <= km:
                        found.add(self.positions[point])
        return found


def geo_index(index) -> GeoIndex:
    """The geo index of a facet index (``search.facet_index.FacetIndex``), built on first use."""
    geo = getattr(index, "_geo", None)
    if geo is None:
        geo = GeoIndex.build(index.ids, index.bit)
        index._geo = geo
    return geo


def _cell_bounds(level: int, x_cell: int, y_cell: int) -> tuple[float, float, float, float]:
    cells = 1 << level

    def latitude(y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))

    west, east = x_cell / cells * 360.0 - 180.0, (x_cell + 1) / cells * 360.0 - 180.0
    return latitude((y_cell + 1) / cells), west, latitude(y_cell / cells), east
