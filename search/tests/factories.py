"""Practices with chosen facts for search tests."""

from __future__ import annotations

from practices.choices import Role
from practices.models import (
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
from practices.tests.factories import OrganisationFactory, PracticePageFactory, ProgrammeFactory, term


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
    transfer: dict | None = None,
) -> PracticePage:
    """A published practice; ``transfer`` sets transfer facts (cost_amount, population, setting...)."""
    page = PracticePageFactory(
        parent=parent,
        title=title,
        summary=summary,
        challenge="",
        approach=approach or "<p>Coaches met each participant weekly.</p>",
        status=status,
        start_year=start_year,
        with_facts=False,
    )
    for city, region, country in places:
        PracticePlace.objects.create(page=page, city=city, region=region, country=country)
    implementer = OrganisationFactory(
        name=f"{title} implementer", organisation_type=term(OrganisationType, implementer_type)
    )
    PracticeOrganisation.objects.create(page=page, organisation=implementer, role=Role.IMPLEMENTING)
    for name in funders:
        PracticeOrganisation.objects.create(page=page, organisation=OrganisationFactory(name=name), role=Role.FUNDER)
    for kind in sources:
        PracticeSource.objects.create(page=page, kind=kind, title=f"{title} source")
    page.themes.set([term(Theme, slug) for slug in themes])
    page.target_groups.set([term(TargetGroup, slug) for slug in target_groups])
    page.transfer_audiences.set([term(TransferAudience, slug) for slug in audiences])
    page.programmes.set([ProgrammeFactory(slug=slug, name=slug.upper()) for slug in programmes])
    for name, value in (transfer or {}).items():
        setattr(page, name, value)
    if evidence:
        page.outcomes = [("outcome", {"text": "People found work.", "evidence_level": evidence})]
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


__all__ = ["Programme", "make_practice"]
