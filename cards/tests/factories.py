"""Practices as the embeds see them: a full card (funder, published contact) in English with a German translation."""

from __future__ import annotations

from wagtail.models import Locale

from practices.choices import Role
from practices.models import PracticeOrganisation, PracticePage
from practices.tests.factories import ContactFactory, OrganisationFactory, PracticePageFactory

__all__ = ["ContactFactory", "PracticePageFactory", "card_practice", "translate"]


def card_practice(parent, **kwargs) -> PracticePage:
    """A live practice with a funder, a period and a *published* contact that must never reach a card."""
    defaults = {
        "title": "Bridge to Work Leipzig",
        "slug": "bridge-to-work-leipzig",
        "short_name": "B2W",
        "start_year": 2016,
        "end_year": 2021,
        "status": "ended",
    }
    page = PracticePageFactory(parent=parent, **{**defaults, **kwargs})
    page.organisation_roles.update(organisation=OrganisationFactory(name="Jobcenter Leipzig"))
    PracticeOrganisation.objects.create(
        page=page,
        organisation=OrganisationFactory(name="European Social Fund", website="https://example.eu/esf"),
        role=Role.FUNDER,
    )
    ContactFactory(page=page, name="Secret Person", email="secret.person@example.org", phone="+49 1", publish=True)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: PracticePage, parent, **fields) -> PracticePage:
    """A published German translation of ``page`` under ``parent`` (the German practice index)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=False)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
