import pytest

from search.tests.factories import make_practice


@pytest.fixture
def corpus(site_tree):
    """Five practices with known facts, published in English."""
    index = site_tree.index
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
