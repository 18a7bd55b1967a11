import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from practices.choices import Role
from practices.models import PracticeOrganisation, PracticePage, PracticePlace, PracticeSource, TargetGroup, Theme
from practices.tests.factories import OrganisationFactory, PracticePageFactory
from practices.vocabularies import VOCABULARIES

pytestmark = pytest.mark.django_db


def test_end_year_before_start_year_is_rejected_and_nothing_saved(site_tree):
    with pytest.raises(ValidationError) as error:
        PracticePageFactory(parent=site_tree.index, start_year=2012, end_year=2010)
    assert "end_year" in error.value.message_dict
    assert not PracticePage.objects.exists()


@pytest.mark.parametrize("year", [1949, datetime.date.today().year + 2])
def test_years_outside_1950_to_next_year_are_rejected(site_tree, year):
    with pytest.raises(ValidationError) as error:
        PracticePageFactory(parent=site_tree.index, start_year=year)
    assert "start_year" in error.value.message_dict


def test_next_year_is_a_valid_start_year(site_tree):
    page = PracticePageFactory(parent=site_tree.index, start_year=datetime.date.today().year + 1, end_year=None)
    assert page.pk


@pytest.mark.parametrize("code", ["XX", "de", "DEU", "", "Germany"])
def test_place_country_must_be_iso_alpha_2(site_tree, code):
    page = PracticePageFactory(parent=site_tree.index)
    place = PracticePlace(page=page, city="Somewhere", country=code)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "country" in error.value.message_dict


def test_place_reads_as_city_region_country(site_tree):
    place = PracticePlace(city="Augsburg", region="Bavaria", country="DE")
    place.full_clean(exclude=["page"])
    assert str(place) == "Augsburg, Bavaria, Germany"


def test_source_keeps_sha256_of_its_raw_text(site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    source = PracticeSource.objects.create(page=page, kind="ilo", title="ILO entry", raw_text="Wuppertal, 2008")
    assert source.sha256 == PracticeSource.hash_text("Wuppertal, 2008")
    source.raw_text = "changed"
    source.save()
    assert source.sha256 == PracticeSource.hash_text("changed")


def test_best_evidence_level_is_derived_from_outcomes(site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    page.outcomes = [
        ("outcome", {"text": "Forty people found jobs", "evidence_level": "monitored"}),
        ("outcome", {"text": "Evaluation by a university", "evidence_level": "externally_evaluated"}),
        ("outcome", {"text": "Participants liked it", "evidence_level": "described"}),
    ]
    page.save()
    page.refresh_from_db()
    assert page.evidence_level == "externally_evaluated"


def test_all_practices_funded_by_the_esf_is_one_query(site_tree, django_assert_num_queries):
    esf = OrganisationFactory(name="European Social Fund", short_name="ESF")
    funded = PracticePageFactory(parent=site_tree.index, title="Funded")
    PracticePageFactory(parent=site_tree.index, title="Not funded")
    PracticeOrganisation.objects.create(page=funded, organisation=esf, role=Role.FUNDER)
    with django_assert_num_queries(1):
        titles = list(
            PracticePage.objects.live()
            .filter(organisation_roles__role=Role.FUNDER, organisation_roles__organisation__short_name="ESF")
            .values_list("title", flat=True)
        )
    assert titles == ["Funded"]


def test_vocabularies_are_seeded_in_english_and_german():
    english, german = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="de")
    for model, vocabulary in ((Theme, "themes"), (TargetGroup, "target_groups")):
        terms = VOCABULARIES[vocabulary]
        assert model.objects.filter(locale=english).count() == len(terms)
        assert model.objects.filter(locale=german).count() == len(terms)
    mentoring = Theme.objects.get(slug="recognition-qualifications", locale=english)
    german_term = mentoring.get_translation(german)
    assert german_term.name == "Anerkennung ausländischer Qualifikationen"
    assert "anerkennung" in german_term.synonym_list()


def test_stale_practice_flag(site_tree):
    page = PracticePageFactory(
        parent=site_tree.index, last_verified=datetime.date.today() - datetime.timedelta(days=800)
    )
    assert page.is_stale
    page.last_verified = datetime.date.today()
    assert not page.is_stale
