"""The one writer: records become pages, revisions and translations; outside addresses are http(s) only and
organisation names never hold contact data, whichever path writes them."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from practices.blocks import ResourceBlock
from practices.models import Organisation, PracticePage, PracticeSource, Programme
from practices.records import (
    OrganisationRecord,
    OutcomeRecord,
    PlaceRecord,
    PracticeRecord,
    ResourceRecord,
    SourceRecord,
    TranslationRecord,
)
from practices.tests.factories import PracticePageFactory, practice_record
from practices.writing import PracticeWriter, RecordError

pytestmark = pytest.mark.django_db
JAVASCRIPT = "javascript:alert(document.domain)//http://example.org/"


def test_create_publishes_a_page_with_every_fact_of_the_record(site_tree):
    record = practice_record(
        title="Bridge to Work",
        status="ended",
        last_verified="2025-03-01",
        places=[PlaceRecord("Leipzig", "Saxony", "DE", latitude=51.34, longitude=12.37)],
        outcomes=[OutcomeRecord("120 people placed", "monitored", "120")],
        resources=[ResourceRecord("Toolkit", "How to start", "https://example.org/toolkit")],
        organisations=[OrganisationRecord("Jobcenter Leipzig", role="partner", since_year=2018, note="joined later")],
    )
    result = PracticeWriter().create(record, site_tree.index, publish=True)
    page = PracticePage.objects.get(pk=result.page.pk)
    assert page.live and page.status == "ended" and str(page.last_verified) == "2025-03-01"
    assert page.evidence_level == "monitored" and page.outcomes[0].value["indicator"] == "120"
    assert float(page.places.get().latitude) == pytest.approx(51.34)
    link = page.organisation_roles.get()
    assert (link.organisation.name, link.since_year, link.note) == ("Jobcenter Leipzig", 2018, "joined later")
    assert page.resources[0].value["url"] == "https://example.org/toolkit"
    assert {"title", "summary", "challenge", "outcomes", "resources"} <= set(result.fields)


def test_imported_text_is_escaped_and_only_html_records_carry_markup(site_tree):
    page = PracticePageFactory(parent=site_tree.index, markup="text", challenge="<script>x</script>\n\nSecond")
    assert page.challenge == "<p>&lt;script&gt;x&lt;/script&gt;</p><p>Second</p>"


def test_update_overwrites_only_the_fields_it_is_given_and_merge_fills_gaps(site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Old title", summary="Old summary.", results="")
    writer = PracticeWriter()
    writer.update(page, PracticeRecord(title="New title", summary="New summary."), fields=["summary"], publish=True)
    page.refresh_from_db()
    assert (page.title, page.summary) == ("Old title", "New summary.")
    writer.merge(page, PracticeRecord(summary="Merged.", results="Now filled."), publish=True)
    page.refresh_from_db()
    assert (page.summary, page.results) == ("New summary.", "<p>Now filled.</p>")


def test_translate_goes_through_wagtail_localize(site_tree):
    from wagtail_localize.models import Translation

    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work")
    german = Locale.objects.get(language_code="de")
    result = PracticeWriter().translate(page, german, TranslationRecord(title="Brücke in Arbeit"), publish=True)
    assert result.created and result.page.live and result.page.title == "Brücke in Arbeit"
    assert Translation.objects.filter(source__object_id=page.translation_key, target_locale=german).exists()
    again = PracticeWriter().translate(page, german, TranslationRecord(title="Anders"), keep_existing=True)
    assert not again.created and PracticePage.objects.get(pk=result.page.pk).title == "Brücke in Arbeit"


def test_a_strict_writer_refuses_unknown_terms(site_tree):
    with pytest.raises(RecordError, match="no-such-theme"):
        PracticeWriter(strict=True).create(practice_record(themes=["no-such-theme"]), site_tree.index)


# Only http(s) addresses from outside ----------------------------------------------------------------------


def test_the_writer_stores_no_address_that_is_not_http(site_tree):
    record = practice_record(
        sources=[SourceRecord(kind="other", title="A source", url=JAVASCRIPT)],
        resources=[ResourceRecord("Toolkit", url="data:text/html,<script>alert(1)</script>")],
        organisations=[OrganisationRecord("Werkstatt Leipzig", role="implementing", website=" javascript:alert(1)")],
    )
    result = PracticeWriter().create(record, site_tree.index, publish=True)
    page = PracticePage.objects.get(pk=result.page.pk)
    assert page.sources.get().url == "" and page.resources[0].value["url"] == ""
    assert Organisation.objects.get(name="Werkstatt Leipzig").website == ""
    assert sum("not an http(s) address" in warning for warning in result.warnings) == 3


@pytest.mark.parametrize("address", [JAVASCRIPT, "data:text/html,x", "vbscript:msgbox", "ftp://example.org/x"])
def test_models_refuse_addresses_that_are_not_http(site_tree, address):
    page = PracticePageFactory(parent=site_tree.index)
    with pytest.raises(ValidationError):
        PracticeSource(page=page, kind="other", title="t", url=address).full_clean()
    with pytest.raises(ValidationError):
        Organisation(name="Werkstatt", website=address).full_clean()
    with pytest.raises(ValidationError):
        Programme(name="EQUAL", slug="equal", website=address).full_clean()
    with pytest.raises(ValidationError):
        ResourceBlock().clean({"title": "Toolkit", "description": "", "url": address})
    PracticeSource(page=page, kind="other", title="t", url="https://example.org/ok").full_clean()


def test_the_migration_blanks_stored_addresses_that_are_not_http(site_tree):
    page = PracticePageFactory(parent=site_tree.index, sources=[SourceRecord(kind="other", title="kept")])
    PracticeSource.objects.filter(page=page).update(url=JAVASCRIPT)
    page.resources = [("resource", {"title": "Toolkit", "description": "", "url": JAVASCRIPT})]
    page.save_revision()  # the draft revision holds both addresses too
    PracticePage.objects.filter(pk=page.pk).update(resources=page.resources)
    Organisation.objects.create(name="Old Import e.V.", website="https://ok.example.org")
    Organisation.objects.filter(name="Old Import e.V.").update(website=JAVASCRIPT)

    migration = importlib.import_module("practices.migrations.0005_blank_non_http_addresses")
    migration.blank_addresses(apps, None)

    page.refresh_from_db()
    assert page.sources.get().url == "" and page.resources[0].value["url"] == ""
    assert Organisation.objects.get(name="Old Import e.V.").website == ""
    content = page.latest_revision.content
    assert JAVASCRIPT not in str(content)


# Organisation names hold no contact data -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["info@werkstatt.example.org", "Werkstatt e.V., www.werkstatt.de", "Tel. 0341 1234567", "+49 341 123456"]
)
def test_an_organisation_name_never_holds_contact_data(site_tree, name):
    with pytest.raises(ValidationError) as error:
        Organisation(name=name).full_clean()
    assert "name" in error.value.message_dict
    warnings: list[str] = []
    assert PracticeWriter().organisation(OrganisationRecord(name, role="partner"), warnings) is None
    assert warnings and not Organisation.objects.filter(name=name).exists()


@pytest.mark.parametrize("name", ["Tür an Tür Integrationsprojekte gGmbH", "EQUAL 2004-2007", "IST Dresden"])
def test_ordinary_organisation_names_are_fine(name):
    Organisation(name=name).clean()
