import pytest
from django.db import transaction

from practices.records import TransferRecord
from search.tests.factories import make_practice


@pytest.fixture
def corpus(site_tree):
    """Five practices with known facts, published in English, for tests that change them."""
    return build_corpus(site_tree.index)


@pytest.fixture(scope="module")
def _module_corpus(django_db_setup, django_db_blocker):
    """The corpus built once per test module inside a transaction that is rolled back at its end.

    Each test still runs in its own (nested) transaction, so tests may read it but not depend on changes.
    """
    from practices.demo.loader import ensure_site_structure

    with django_db_blocker.unblock(), transaction.atomic():
        _home, index = ensure_site_structure()
        pages = build_corpus(index)
        yield {name: page.pk for name, page in pages.items()}
        transaction.set_rollback(True)


@pytest.fixture
def shared_corpus(_module_corpus, db):
    """The module's corpus, for tests that only read (much faster than building it per test)."""
    from practices.models import PracticePage

    return {name: PracticePage.objects.get(pk=pk) for name, pk in _module_corpus.items()}


def build_corpus(index) -> dict:
    return {
        "bridge": make_practice(
            index,
            "Bridge to Work",
            summary="Job coaching for refugees with employer contacts in Leipzig.",
            approach="<p>Coaches arranged internships with local employers and followed up weekly.</p>",
            themes=("job-coaching-placement", "employer-engagement"),
            target_groups=("refugees",),
            audiences=("employment-agencies-job-centres",),
            funders=("European Social Fund",),
            programmes=("esf",),
            status="running",
            start_year=2016,
            evidence="monitored",
            sources=("iq_good_practice",),
            transfer=TransferRecord(population=12_000, setting="rural", cost_amount=60_000, cost_period="per_year"),
        ),
        "mentors": make_practice(
            index,
            "Mentors for Women",
            summary="Volunteer mentors accompany migrant women into training.",
            themes=("mentoring",),
            target_groups=("women", "refugees"),
            places=(("Hannover", "Lower Saxony", "DE"),),
            funders=("Federal Ministry of Labour",),
            status="ended",
            start_year=2008,
            evidence="externally_evaluated",
            sources=("equal",),
            transfer=TransferRecord(setting="urban", cost_amount=2_000, cost_period="per_month"),
        ),
        "recognition": make_practice(
            index,
            "Recognition Desk",
            summary="Advice on the recognition of foreign qualifications.",
            themes=("recognition-qualifications", "one-stop-advice"),
            target_groups=("foreign-qualifications",),
            places=(("Vienna", "Vienna", "AT"),),
            funders=("European Social Fund",),
            implementer_type="municipality",
            status="mainstreamed",
            start_year=2012,
            sources=("ilo",),
            transfer=TransferRecord(cost_amount=900_000, cost_period="total", funding_months=36, setting="national"),
        ),
        "language": make_practice(
            index,
            "German at Work",
            summary="Job-related language courses in small firms.",
            themes=("language-for-work", "employer-engagement"),
            target_groups=("third-country-labour-migrants",),
            places=(("Augsburg", "Bavaria", "DE"),),
            status="pilot",
            start_year=2021,
        ),
        "network": make_practice(
            index,
            "Local Integration Network",
            summary="Job centres, chambers and NGOs meet monthly to coordinate offers for refugees.",
            themes=("networking-institutions",),
            target_groups=("refugees", "asylum-seekers"),
            places=(("Wuppertal", "North Rhine-Westphalia", "DE"),),
            implementer_type="public-employment-service",
            start_year=None,
            sources=("cities_of_migration",),
        ),
    }
