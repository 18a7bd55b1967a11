"""Practices with chosen facts for search tests, written as records through the one writer."""

from __future__ import annotations

from django.test import TestCase

from practices.choices import Role
from practices.models import PracticePage, Programme
from practices.records import OrganisationRecord, OutcomeRecord, PlaceRecord, SourceRecord, TransferRecord
from practices.tests.factories import PracticePageFactory, ProgrammeFactory


def make_practice(
    parent,
    title: str,
    *,
    summary: str = "Helps newcomers find work.",
    approach: str = "",
    themes: tuple[str, ...] = ("mentoring",),
    target_groups: tuple[str, ...] = ("refugees",),
    audiences: tuple[str, ...] = (),
    places: tuple[tuple[str, str, str], ...] = (("Leipzig", "Saxony", "DE"),),
    funders: tuple[str, ...] = (),
    implementer_type: str = "welfare-ngo",
    programmes: tuple[str, ...] = (),
    status: str = "running",
    start_year: int | None = 2015,
    evidence: str = "",
    sources: tuple[str, ...] = (),
    transfer: TransferRecord | None = None,
    **record_fields,
) -> PracticePage:
    """A published practice; ``transfer`` its transfer facts, ``record_fields`` other record fields."""
    organisations = [OrganisationRecord(name=f"{title} implementer", role=Role.IMPLEMENTING, type=implementer_type)]
    organisations += [OrganisationRecord(name=name, role=Role.FUNDER, type="welfare-ngo") for name in funders]
    with TestCase.captureOnCommitCallbacks(execute=True):  # the background tasks run, as after a real commit
        page = PracticePageFactory(
            parent=parent,
            with_facts=False,
            title=title,
            summary=summary,
            challenge="",
            approach=approach or "<p>Coaches met each participant weekly.</p>",
            status=status,
            start_year=start_year,
            places=[PlaceRecord(city=city, region=region, country=country) for city, region, country in places],
            organisations=organisations,
            themes=list(themes),
            target_groups=list(target_groups),
            transfer_audiences=list(audiences),
            programmes=[ProgrammeFactory(slug=slug, name=slug.upper()).name for slug in programmes],
            outcomes=[OutcomeRecord("People found work.", evidence)] if evidence else [],
            sources=[SourceRecord(kind=kind, title=f"{title} source") for kind in sources],
            transfer=transfer or TransferRecord(),
            **record_fields,
        )
    return PracticePage.objects.get(pk=page.pk)


__all__ = ["Programme", "make_practice"]
