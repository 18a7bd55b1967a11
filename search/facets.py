"""The facets of the practice search.

Each facet says which value(s) each practice has (``pairs()``); ``search.facet_index`` turns that into
one bit set per value and filters and counts with them (the search backend only ranks). A facet value is a stable code
that is the same in every language: a vocabulary term's ``slug``, an ISO country code, a region name as
recorded (places are synchronised facts), an organisation's primary key (funders), a programme's slug,
a status or evidence-level code, a decade (``2010``) or a source kind. Labels are given in the active
language.

Taxonomy links of every practice point to the default-locale term (see ``practices.models``), so a facet
filters and counts on that term and looks up the label of its translation.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable

import pycountry
from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from practices.choices import EvidenceLevel, Role, SourceKind, Status
from practices.locales import active_locale, default_locale
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeOrganisation,
    PracticePage,
    PracticePlace,
    PracticeSource,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.params import ascii_int
from practices.transfer_facts import CostBand, PlaceSize, Setting, cost_band, place_size, yearly_cost_eur
from practices.validators import country_name
from practices.vocabularies import region_name

IMPLEMENTING_ROLES = (Role.IMPLEMENTING, Role.COORDINATOR)


def term_labels(model, terms: Iterable) -> dict[int, str]:
    """Labels of default-locale vocabulary terms in the active language: one query for the translations."""
    terms = list(terms)
    labels = {term.pk: term.name for term in terms}
    active = active_locale()
    if terms and active.pk != terms[0].locale_id:
        by_key = {term.translation_key: term.pk for term in terms}
        for key, name in model.objects.filter(translation_key__in=by_key, locale=active).values_list(
            "translation_key", "name"
        ):
            labels[by_key[key]] = name
    return labels


class Facet:
    """A facet: a URL/API parameter, a label, and how to filter, count and name its values."""

    name: str
    label: Promise
    ordered_by_value = False  # decades and statuses keep their natural order; others go by count

    def pairs(self, page_ids: list[int] | None = None) -> Iterable[tuple[int, str]]:
        """(practice id, value) for every practice page (or those of ``page_ids``), live or not (the facet
        index intersects), in no order (``order_by()``: the models' default sort by path or sort order costs
        more than the read itself)."""
        raise NotImplementedError

    def normalise(self, value: str) -> str:
        """A requested value in the form the index keeps (whether it is known, the index says)."""
        return value

    def labels(self, values: Iterable[str]) -> dict[str, str]:
        """Labels of values that public practices have (the engine asks for no others)."""
        raise NotImplementedError

    def value_order(self, value: str):
        return value


class TermFacet(Facet):
    """A many-to-many link to a vocabulary term or programme, filtered by slug."""

    def __init__(self, name: str, label: Promise, field: str, model, translatable: bool = True):
        self.name, self.label, self.model, self.translatable = name, label, model, translatable
        self.through = PracticePage._meta.get_field(field).remote_field.through
        self.term_field = model._meta.model_name  # the through model's link to the term
        self.term_column = f"{self.term_field}_id"

    def _terms(self) -> QuerySet:
        terms = self.model.objects.all()
        return terms.filter(locale=default_locale()) if self.translatable else terms

    def pairs(self, page_ids=None):
        slugs = dict(self._terms().values_list("pk", "slug"))
        links = self.through.objects.all().order_by()
        if page_ids is not None:
            links = links.filter(practicepage_id__in=page_ids)
        for page_id, term_id in links.values_list("practicepage_id", self.term_column):
            if term_id in slugs:
                yield page_id, slugs[term_id]

    def labels(self, values):
        terms = list(self._terms().filter(slug__in=list(values)))
        if not self.translatable:
            return {term.slug: str(term) for term in terms}  # full names: short ones collide with funders
        names = term_labels(self.model, terms)
        return {term.slug: names[term.pk] for term in terms}


class PlaceFacet(Facet):
    """Country (ISO code) or region (name as recorded) of any of a practice's places."""

    def __init__(self, name: str, label: Promise, column: str):
        self.name, self.label, self.column = name, label, column

    def normalise(self, value):
        return value.strip().upper() if self.column == "country" else value

    def pairs(self, page_ids=None):
        places = PracticePlace.objects.exclude(**{self.column: ""}).order_by()
        if page_ids is not None:
            places = places.filter(page_id__in=page_ids)
        return places.values_list("page_id", self.column)

    def labels(self, values):
        if self.column != "country":
            return {value: region_name(value) for value in values}
        return {value: localised_country_name(value) for value in values}


def localised_country_name(code: str) -> str:
    name = country_name(code)
    language = (translation.get_language() or "en").split("-")[0]
    if language == "en":
        return name
    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return name
    country = pycountry.countries.get(alpha_2=code)
    return catalogue.gettext(getattr(country, "common_name", None) or country.name) if country else name


class FunderFacet(Facet):
    """Organisations with the funder role, by primary key (the same row in every language), labelled by local name."""

    name, label = "funder", _("Funder")

    def pairs(self, page_ids=None):
        links = PracticeOrganisation.objects.filter(role=Role.FUNDER).order_by()
        if page_ids is not None:
            links = links.filter(page_id__in=page_ids)
        links = links.values_list("page_id", "organisation_id")
        return ((page_id, str(organisation_id)) for page_id, organisation_id in links)

    def labels(self, values):
        return {
            # the full name in the active language: "ESF" alone reads like the programme of that name
            str(org.pk): org.local_label
            for org in Organisation.objects.filter(pk__in=[pk for pk in map(ascii_int, values) if pk is not None]).only(
                "name", "names", "short_name"
            )
        }


class OrganisationTypeFacet(Facet):
    """The type of a practice's implementing organisation (or coordinator), by vocabulary slug."""

    name, label = "org_type", _("Type of implementing organisation")

    def _types(self) -> QuerySet:
        return OrganisationType.objects.filter(locale=default_locale())

    def pairs(self, page_ids=None):
        slugs = dict(self._types().values_list("pk", "slug"))
        links = PracticeOrganisation.objects.filter(role__in=IMPLEMENTING_ROLES).order_by()
        if page_ids is not None:
            links = links.filter(page_id__in=page_ids)
        links = links.values_list("page_id", "organisation__organisation_type_id")
        return ((page_id, slugs[type_id]) for page_id, type_id in links if type_id in slugs)

    def labels(self, values):
        types = list(self._types().filter(slug__in=list(values)))
        names = term_labels(OrganisationType, types)
        return {term.slug: names[term.pk] for term in types}


class ChoiceFacet(Facet):
    """A field of the practice with fixed choices (status, best evidence level)."""

    ordered_by_value = True

    def __init__(self, name: str, label: Promise, field: str, choices):
        self.name, self.label, self.field, self.choices = name, label, field, choices

    def pairs(self, page_ids=None):
        pages = PracticePage.objects.exclude(**{self.field: ""}).order_by()
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        return pages.values_list("pk", self.field)

    def labels(self, values):
        names = dict(self.choices.choices)
        return {value: str(names.get(value, value)) for value in values}

    def value_order(self, value):
        return self.choices.values.index(value) if value in self.choices.values else len(self.choices.values)


class SourceKindFacet(ChoiceFacet):
    ordered_by_value = False

    def __init__(self):
        super().__init__("source", _("Source"), "kind", SourceKind)

    def pairs(self, page_ids=None):
        sources = PracticeSource.objects.all().order_by()
        if page_ids is not None:
            sources = sources.filter(page_id__in=page_ids)
        return sources.values_list("page_id", "kind")


class DecadeFacet(Facet):
    """The decade of the start year: value ``2010`` stands for 2010–2019."""

    name, label = "decade", _("Period (start)")
    ordered_by_value = True

    def pairs(self, page_ids=None):
        years = PracticePage.objects.exclude(start_year=None).order_by()
        if page_ids is not None:
            years = years.filter(pk__in=page_ids)
        years = years.values_list("pk", "start_year")
        return ((page_id, str(year // 10 * 10)) for page_id, year in years)

    def labels(self, values):
        return {value: f"{value}–{int(value) + 9}" for value in values}

    def value_order(self, value):
        return -int(value)


class PlaceSizeFacet(ChoiceFacet):
    """The population band of the practice's place, derived from its recorded population."""

    def __init__(self):
        super().__init__("place_size", _("Size of place"), "population", PlaceSize)

    def pairs(self, page_ids=None):
        pages = PracticePage.objects.exclude(population=None).order_by()
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        return ((page_id, place_size(population)) for page_id, population in pages.values_list("pk", "population"))


class CostBandFacet(ChoiceFacet):
    """The yearly cost in euros, as a band (practices.transfer_facts.yearly_cost_eur)."""

    def __init__(self):
        super().__init__("cost", _("Cost per year"), "cost_amount", CostBand)

    def pairs(self, page_ids=None):
        pages = PracticePage.objects.exclude(cost_amount=None).order_by()
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        rows = pages.values_list(
            "pk", "cost_amount", "cost_currency", "cost_period", "funding_months", "participants", "participants_period"
        )
        for page_id, amount, currency, period, months, participants, reach in rows:
            band = cost_band(
                yearly_cost_eur(
                    amount, currency, period, funding_months=months, participants=participants, reach_period=reach
                )
            )
            if band:
                yield page_id, band


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        TermFacet("theme", _("Theme"), "themes", Theme),
        TermFacet("target_group", _("Target group"), "target_groups", TargetGroup),
        TermFacet("audience", _("Addressees for transfer"), "transfer_audiences", TransferAudience),
        PlaceFacet("country", _("Country"), "country"),
        PlaceFacet("region", _("Region"), "region"),
        FunderFacet(),
        OrganisationTypeFacet(),
        TermFacet("programme", _("Programme or network"), "programmes", Programme, translatable=False),
        ChoiceFacet("status", _("Status"), "status", Status),
        DecadeFacet(),
        ChoiceFacet("evidence", _("Evidence of outcomes"), "evidence_level", EvidenceLevel),
        PlaceSizeFacet(),
        ChoiceFacet("setting", _("Setting"), "setting", Setting),
        CostBandFacet(),
        SourceKindFacet(),
    )
}
