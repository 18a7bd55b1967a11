"""Test data, written the way every practice is written: a ``PracticeRecord`` through ``PracticeWriter``."""

from __future__ import annotations

import datetime
import itertools

import factory
from wagtail.models import Locale

from practices.choices import Role, Status
from practices.models import Organisation, OrganisationType, PracticeContact, PracticePage, PracticeSource, Programme
from practices.records import (
    MARKUP_HTML,
    ContactRecord,
    OrganisationRecord,
    PlaceRecord,
    PracticeRecord,
    PrerequisiteRecord,
    SourceRecord,
    TransferRecord,
    TranslationRecord,
)
from practices.writing import PracticeWriter


def term(model, slug: str):
    """A seeded vocabulary term in the default locale."""
    return model.objects.get(slug=slug, locale=Locale.get_default())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    city = "Berlin"
    country = "DE"
    organisation_type = factory.LazyFunction(lambda: term(OrganisationType, "welfare-ngo"))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")


_numbers = itertools.count()


def practice_record(*, with_facts: bool = True, **fields) -> PracticeRecord:
    """A record of a running practice; with its facts: a place, a theme, a target group and an implementer."""
    number = next(_numbers)
    values = {
        "title": f"Practice {number}",
        "summary": "Helps newcomers find work through coaching and employer contacts.",
        "status": Status.RUNNING,
        "start_year": 2015,
        "challenge": "<p>Many newcomers had no contact with local employers.</p>",
        "approach": "<p>Coaches met each participant weekly.</p>",
        "markup": MARKUP_HTML,
    }
    if with_facts:
        values |= {
            "places": [PlaceRecord(city="Leipzig", region="Saxony", country="DE")],
            "organisations": [
                OrganisationRecord(name=OrganisationFactory().name, role=Role.IMPLEMENTING, type="welfare-ngo")
            ],
            "themes": ["mentoring"],
            "target_groups": ["refugees"],
        }
    values |= fields
    if isinstance(values.get("last_verified"), datetime.date):
        values["last_verified"] = values["last_verified"].isoformat()
    return PracticeRecord(**values)


def PracticePageFactory(*, parent, publish: bool = True, with_facts: bool = True, **fields) -> PracticePage:  # noqa: N802
    """A live practice under ``parent`` (``site_tree.index``), written from ``practice_record(**fields)``.

    Record fields (``places=[PlaceRecord(...)]``, ``themes=[...]``...) replace the default facts; page
    fields that are not part of a record can be changed on the returned page.
    """
    record = practice_record(with_facts=with_facts, **fields)
    page = PracticeWriter().create(record, parent, publish=publish).page
    return PracticePage.objects.get(pk=page.pk)


def add_to_practice(page: PracticePage, record: PracticeRecord, *, publish: bool = True) -> PracticePage:
    """Add what ``record`` brings to ``page`` (a merge: nothing already there changes) and publish it."""
    PracticeWriter().merge(page, record, publish=publish)
    return PracticePage.objects.get(pk=page.pk)


_contact_numbers = itertools.count()


def ContactFactory(*, page: PracticePage, **fields) -> PracticeContact:  # noqa: N802
    """A contact person added to ``page`` (unpublished unless ``publish=True``)."""
    number = next(_contact_numbers)
    values = {
        "name": f"Contact Person {number}",
        "function": "Project lead",
        "email": f"person{number}@example.org",
        "phone": "+49 30 0000 0000",
        "publish": False,
    } | fields
    contact = ContactRecord(**values)
    page = add_to_practice(page, PracticeRecord(contacts=[contact]))
    return page.contacts.get(name=contact.name)


def SourceFactory(*, page: PracticePage, **fields) -> PracticeSource:  # noqa: N802
    """A source added to ``page``."""
    values = {"kind": "other", "title": "A source", "url": "https://example.org/source"} | fields
    values.setdefault("raw_text", "The text as it was received.")
    source = SourceRecord(**values)
    page = add_to_practice(page, PracticeRecord(sources=[source]))
    return page.sources.filter(kind=source.kind, title=source.title).last()


def translate_practice(page: PracticePage, language_code: str = "de", **texts) -> PracticePage:
    """The published translation of ``page``, made through wagtail-localize with ``texts`` (title, summary...)."""
    locale = Locale.objects.get(language_code=language_code)
    result = PracticeWriter().translate(page, locale, TranslationRecord(markup=MARKUP_HTML, **texts), publish=True)
    return PracticePage.objects.get(pk=result.page.pk)


def transfer_facts() -> TransferRecord:
    """Full transfer facts: 120,000 EUR a year, 2.5 staff, 40 participants a year, a small municipality,
    rural, and four prerequisites (two partners, one of them helpful; a legal basis; a helpful language offer)."""
    return TransferRecord(
        cost_amount=120_000,
        cost_currency="EUR",
        cost_period="per_year",
        cost_covers="Two coaches and workshop rent",
        funding_months=36,
        staff_fte=2.5,
        staff_roles="Two coaches, a coordinator",
        participants=40,
        participants_period="per_year",
        population=15_000,
        setting="rural",
        prerequisites=[
            PrerequisiteRecord("partner", "public-employment-service", True, "Refers participants."),
            PrerequisiteRecord("partner", "chamber", False),
            PrerequisiteRecord("legal_basis", "Access to vocational training for refugees"),
            PrerequisiteRecord("language_offer", "Job-related German at A2", False, "Can be replaced."),
        ],
    )
