"""An organisation's name in every language finds the practices that name it."""

import pytest

from practices.choices import Role
from practices.records import OrganisationRecord
from practices.tests.factories import OrganisationFactory, PracticePageFactory
from search.engine import run_search
from search.tests.utils import params

pytestmark = pytest.mark.django_db


def test_the_german_name_is_found_by_search(site_tree):
    agency = OrganisationFactory(
        name="Federal Employment Agency", short_name="BA", names={"de": "Bundesagentur für Arbeit"}
    )
    practice = PracticePageFactory(
        parent=site_tree.index,
        title="Bridge to Work",
        organisations=[OrganisationRecord(name=agency.name, role=Role.IMPLEMENTING)],
    )
    assert [page.pk for page in run_search(params(q="Bundesagentur")).results] == [practice.pk]
    # renaming an organisation re-indexes the practices that name it
    agency.names = {"de": "Bundesanstalt für Beschäftigung"}
    agency.save()
    assert [page.pk for page in run_search(params(q="Bundesanstalt")).results] == [practice.pk]
    assert not run_search(params(q="Bundesagentur")).results
