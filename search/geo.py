"""Where the practices are: grid clusters of a search for a map, and the "near a place" filter.

The coordinates of every place of the practices in the facet index are read once per index build (like
the facets) into NumPy arrays sorted along a Z-order curve (quadkeys of a 2^20 x 2^20 Web Mercator grid).
On that curve the points of every square cell of every zoom level are contiguous, in the same order at
every level. A map request needs no query: the matching practices' bit set becomes a boolean mask over the
points (one unpack and one gather), the points in view are selected with a few vectorised comparisons,
and since they stay sorted by cell, each cell's count, centre and practices are reductions over runs
(``reduceat``): a few milliseconds at 100,000 practices, where a loop over the points in Python is not.

The "near a place" filter is vectorised the same way: a bounding box that is exact for a spherical cap
(including the antimeridian and the poles) selects candidates, the haversine distance decides, and
distances within a hair of the radius are decided again with the scalar ``haversine_km`` so that the
answer is the same, to the last bit, as checking every place one by one.

When the facet index is updated incrementally, its geo index is updated with it (the changed practices'
points removed, their current places added) instead of being read again from the database.

Clusters are the cells of a grid of ``CELL_PIXELS`` at the requested zoom: never more than the points in
view, whatever the size of the box. A cell with a single practice is a marker with its card.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from practices.models import PracticePlace

LEVELS = 20  # quadkey depth: cells of ~38 m at the equator, finer than any recorded coordinate needs
CELL_PIXELS = 64  # grid size of the clusters on screen (a 256-pixel tile holds 4 x 4 cells)
MAX_ZOOM = 18
MAX_LATITUDE = 85.05112878  # Web Mercator's limit
EARTH_RADIUS_KM = 6371.0088


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


NEAR_CACHE_SIZE = 64  # near filters remembered per geo index (a map pans and zooms with the same one)
DISTANCE_TIE_KM = 1e-6  # distances this close to the radius are decided by the scalar haversine_km


def _bits_to_mask(bits: int, size: int) -> np.ndarray:
    """A bit set (bit i: item i) as a boolean array of ``size`` items."""
    if bits <= 0:
        return np.full(size, bits < 0, dtype=bool)  # -1: every item
    length = (max(size, bits.bit_length()) + 7) // 8
    raw = np.frombuffer(bits.to_bytes(length, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little", count=size).view(bool)


def _mask_to_bits(mask: np.ndarray) -> int:
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def _point(page_id: int, position: int, latitude: float, longitude: float) -> tuple:
    scale = 1 << LEVELS
    x, y = _mercator(latitude, longitude)
    x_cell, y_cell = int(x * scale), int(y * scale)
    return quadkey(x_cell, y_cell), position, x_cell, y_cell, latitude, longitude, page_id


def _place_points(bit: dict[int, int], page_ids=None) -> list[tuple]:
    places = PracticePlace.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if page_ids is not None:
        places = places.filter(page_id__in=page_ids)
    points = []
    for page_id, latitude, longitude in places.values_list("page_id", "latitude", "longitude"):
        position = bit.get(page_id)
        if position is not None:
            points.append(_point(page_id, position, float(latitude), float(longitude)))
    return points


def _cap_box(latitude: float, longitude: float, km: float) -> tuple[float, float, float | None]:
    """South, north and the largest longitude difference (None: all) of the points within ``km``.

    Exact for a spherical cap (the widest longitude is not on the centre's latitude), widened by a hair:
    it only preselects, the distance decides.
    """
    angle = km / EARTH_RADIUS_KM
    margin = 1e-6  # degrees, about 0.1 m
    south = latitude - math.degrees(angle) - margin
    north = latitude + math.degrees(angle) + margin
    if north >= 90 or south <= -90 or angle >= math.pi / 2:
        return max(south, -90.0), min(north, 90.0), None  # a pole is inside: every longitude
    spread = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(latitude)))))
    return south, north, spread + margin


@dataclass
class GeoIndex:
    """The places with coordinates, sorted by quadkey; positions refer to the facet index's bits."""

    practices: int = 0  # bits in the facet index
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))  # ascending
    positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # facet-index bit
    x_cells: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # at level LEVELS
    y_cells: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    latitudes: np.ndarray = field(default_factory=lambda: np.zeros(0))
    longitudes: np.ndarray = field(default_factory=lambda: np.zeros(0))
    practice_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _near: dict = field(default_factory=dict)

    @classmethod
    def build(cls, ids: list[int], bit: dict[int, int]) -> GeoIndex:
        return cls.from_points(_place_points(bit), practices=len(ids))

    @classmethod
    def from_points(cls, points: list[tuple], practices: int) -> GeoIndex:
        """From ``_point`` tuples, in any order."""
        index = cls(practices=practices)
        if points:
            keys, positions, x_cells, y_cells, latitudes, longitudes, page_ids = zip(*points, strict=True)
            index._set(
                np.array(keys, dtype=np.uint64),
                np.array(positions, dtype=np.int64),
                np.array(x_cells, dtype=np.int64),
                np.array(y_cells, dtype=np.int64),
                np.array(latitudes, dtype=np.float64),
                np.array(longitudes, dtype=np.float64),
                np.array(page_ids, dtype=np.int64),
            )
        return index

    def _set(self, keys, positions, x_cells, y_cells, latitudes, longitudes, page_ids) -> None:
        order = np.lexsort((positions, keys))  # by quadkey, then facet-index bit: the same after any update
        self.keys, self.positions = keys[order], positions[order]
        self.x_cells, self.y_cells = x_cells[order], y_cells[order]
        self.latitudes, self.longitudes, self.practice_ids = latitudes[order], longitudes[order], page_ids[order]

    def updated(self, removed: list[int], added: dict[int, int], practices: int) -> GeoIndex:
        """A copy without the points of the facet-index bits ``removed``, with the places of ``added``
        (practice id -> its new bit) read from the database."""
        keep = ~np.isin(self.positions, np.array(removed, dtype=np.int64))
        new = _place_points(added, list(added)) if added else []
        fresh = GeoIndex.from_points(new, practices)
        index = GeoIndex(practices=practices)
        columns = ("keys", "positions", "x_cells", "y_cells", "latitudes", "longitudes", "practice_ids")
        index._set(*(np.concatenate([getattr(self, name)[keep], getattr(fresh, name)]) for name in columns))
        return index

    def point_mask(self, practice_bits: int) -> np.ndarray:
        """Which points belong to the matching practices (bit set over the facet index's positions)."""
        return _bits_to_mask(practice_bits, self.practices)[self.positions]

    def clusters(
        self, practice_bits: int, zoom: int, south: float, west: float, north: float, east: float
    ) -> list[Cluster]:
        """Grid clusters of the matching practices' places within the box, at ``zoom``."""
        if not len(self.keys) or not practice_bits:
            return []
        level = min(LEVELS, zoom + int(math.log2(256 // CELL_PIXELS)))
        cells = 1 << level
        x0, y1 = _mercator(south, west)
        x1, y0 = _mercator(north, east)
        if west > east:  # the box crosses the antimeridian: take the whole width
            x0, x1 = 0.0, 1 - 1e-12
        shift = LEVELS - level
        low_x, high_x, low_y, high_y = int(x0 * cells), int(x1 * cells), int(y0 * cells), int(y1 * cells)
        # On the Z-order curve a box's points lie between its top-left and bottom-right corners' keys.
        first = int(np.searchsorted(self.keys, np.uint64(quadkey(low_x, low_y) << (2 * shift))))
        last = int(np.searchsorted(self.keys, np.uint64((quadkey(high_x, high_y) + 1) << (2 * shift))))
        x_cells = self.x_cells[first:last] >> shift
        y_cells = self.y_cells[first:last] >> shift
        chosen = (x_cells >= low_x) & (x_cells <= high_x) & (y_cells >= low_y) & (y_cells <= high_y)
        chosen &= _bits_to_mask(practice_bits, self.practices)[self.positions[first:last]]
        points = np.flatnonzero(chosen) + first
        if not len(points):
            return []
        cell_keys = self.keys[points] >> np.uint64(2 * shift)  # still ascending: runs of equal cells
        starts = np.flatnonzero(np.concatenate(([True], cell_keys[1:] != cell_keys[:-1])))
        counts = np.diff(np.append(starts, len(points)))
        latitudes = np.add.reduceat(self.latitudes[points], starts) / counts
        longitudes = np.add.reduceat(self.longitudes[points], starts) / counts
        practice_ids = self.practice_ids[points]
        lowest, highest = np.minimum.reduceat(practice_ids, starts), np.maximum.reduceat(practice_ids, starts)
        corners = points[starts]
        found = []
        for i, count in enumerate(counts.tolist()):
            single = int(lowest[i]) if lowest[i] == highest[i] else None
            if count == 1:
                point = int(corners[i])
                found.append(Cluster(float(self.latitudes[point]), float(self.longitudes[point]), 1, single))
                continue
            bounds = _cell_bounds(level, int(x_cells[corners[i] - first]), int(y_cells[corners[i] - first]))
            found.append(Cluster(float(latitudes[i]), float(longitudes[i]), count, single, bounds))
        return found

    def near_mask(self, latitude: float, longitude: float, km: float) -> np.ndarray:
        """Which points lie within ``km`` of the point (great-circle distance, ``haversine_km``)."""
        south, north, spread = _cap_box(latitude, longitude, km)
        inside = (self.latitudes >= south) & (self.latitudes <= north)
        if spread is not None:
            difference = np.abs((self.longitudes - longitude + 180.0) % 360.0 - 180.0)
            inside &= difference <= spread
        candidates = np.flatnonzero(inside)
        lat, lon = self.latitudes[candidates], self.longitudes[candidates]
        phi1, phi2 = math.radians(latitude), np.radians(lat)
        a = (
            np.sin((phi2 - phi1) / 2) ** 2
            + math.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lon - longitude) / 2) ** 2
        )
        distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        within = distances <= km
        for i in np.flatnonzero(np.abs(distances - km) <= DISTANCE_TIE_KM).tolist():
            within[i] = haversine_km(latitude, longitude, float(lat[i]), float(lon[i])) <= km
        mask = np.zeros(len(self.keys), dtype=bool)
        mask[candidates[within]] = True
        return mask

    def near_bits(self, latitude: float, longitude: float, km: float) -> int:
        """The facet-index bit set of the practices with a place within ``km`` of the point."""
        key = (latitude, longitude, km)
        bits = self._near.get(key)
        if bits is None:
            practices = np.zeros(self.practices, dtype=bool)
            practices[self.positions[self.near_mask(latitude, longitude, km)]] = True
            bits = _mask_to_bits(practices)
            if len(self._near) >= NEAR_CACHE_SIZE:
                self._near.clear()
            self._near[key] = bits
        return bits

    def near(self, latitude: float, longitude: float, km: float) -> set[int]:
        """Facet-index bits of the practices with a place within ``km`` of the point."""
        return set(self.positions[self.near_mask(latitude, longitude, km)].tolist())


def geo_index(index) -> GeoIndex:
    """The geo index of a facet index (``search.facet_index.FacetIndex``), built on first use."""
    geo = index._geo
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
