"""Translating practices with wagtail-localize: editor API, sync from the source, PO files, labels by locale."""

import datetime

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from practices.localize import TranslationMismatchError, sync_translations, translate_page
from practices.models import PracticePlace, TargetGroup, Theme
from practices.tests.factories import PracticePageFactory, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def german():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def practice(site_tree):
    page = PracticePageFactory(
        parent=site_tree.index,
        title="Bridge to Work",
        summary="Coaching that leads newcomers into jobs.",
        challenge="<p>Few contacts with employers.</p><ul><li>No network</li><li>No references</li></ul>",
        start_year=2015,
        last_verified=datetime.date(2015, 5, 17),
    )
    page.places.all().delete()
    PracticePlace.objects.create(page=page, city="München", region="Bavaria", country="DE")
    page.outcomes = [("outcome", {"text": "120 people placed", "evidence_level": "monitored", "indicator": "120"})]
    page.save_revision().publish()
    return page


def _translate_segments(source, locale, translations: dict[str, str]) -> None:
    """What the translation editor does when a translator types into a segment and saves it."""
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = translations.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )


GERMAN_TEXTS = {
    "Bridge to Work": "Brücke in Arbeit",
    "Coaching that leads newcomers into jobs.": "Coaching, das Neuzugewanderte in Arbeit bringt.",
    "Few contacts with employers.": "Kaum Kontakte zu Arbeitgebern.",
    "No network": "Kein Netzwerk",
    "No references": "Keine Referenzen",
    "120 people placed": "120 Menschen vermittelt",
}


def _start_translation(page, locale) -> Translation:
    source, created = TranslationSource.get_or_create_from_instance(page)
    assert created
    return Translation.objects.create(source=source, target_locale=locale)


def test_an_editor_translates_a_practice_and_publishes_it(practice, german, django_capture_on_commit_callbacks):
    translation = _start_translation(practice, german)
    paths = set(StringSegment.objects.filter(source=translation.source).values_list("context__path", flat=True))
    # Prose is offered for translation; facts (years, places, taxonomy links) are not.
    assert {"title", "summary", "challenge"} <= paths
    assert not paths & {"start_year", "places", "themes", "short_name"}

    _translate_segments(translation.source, german, GERMAN_TEXTS)
    assert translation.get_progress() == (8, 6)  # the approach and the indicator are still to do
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    page_de = practice.get_translation(german).specific
    assert page_de.live
    assert page_de.url == "/de/practices/bridge-to-work/"
    assert page_de.title == "Brücke in Arbeit"
    assert page_de.challenge == (
        "<p>Kaum Kontakte zu Arbeitgebern.</p><ul><li>Kein Netzwerk</li><li>Keine Referenzen</li></ul>"
    )
    assert page_de.outcomes[0].value["text"] == "120 Menschen vermittelt"
    assert page_de.outcomes[0].value["evidence_level"] == "monitored"
    assert page_de.approach == practice.approach  # untranslated segments fall back to the source text
    # Facts are synchronised, taxonomy links point at the default-locale terms.
    assert page_de.start_year == 2015
    assert [place.city for place in page_de.places.all()] == ["München"]
    assert list(page_de.themes.all()) == [term(Theme, "mentoring")]
    assert list(page_de.target_groups.all()) == [term(TargetGroup, "refugees")]


def test_updating_the_source_and_syncing_brings_the_change_into_the_translation(practice, german):
    target, created = translate_page(practice, german, lambda page: setattr(page, "title", "Brücke in Arbeit"))
    assert created and target.live

    practice.start_year = 2016
    practice.summary = "Coaching and job fairs that lead newcomers into jobs."
    practice.save_revision().publish()
    practice.themes.add(term(Theme, "employer-engagement"))
    practice.save_revision().publish()
    assert sync_translations(practice) == 1

    target = practice.get_translation(german).specific
    assert target.start_year == 2016
    assert target.summary == "Coaching and job fairs that lead newcomers into jobs."  # new text, not translated yet
    assert target.title == "Brücke in Arbeit"  # the translation survives the sync
    assert {theme.slug for theme in target.themes.all()} == {"mentoring", "employer-engagement"}
    translation = Translation.objects.get(source__object_id=practice.translation_key, target_locale=german)
    total, done = translation.get_progress()
    assert done < total  # the changed summary waits for a translator


def test_po_export_edit_import_round_trip(practice, german, django_capture_on_commit_callbacks):
    translation = _start_translation(practice, german)
    po = translation.export_po()
    entries = {entry.msgctxt: entry for entry in po}
    assert entries["title"].msgid == "Bridge to Work"
    assert entries["title"].msgstr == ""

    # A translator edits the file in a PO editor and sends it back.
    entries["title"].msgstr = "Brücke in Arbeit"
    entries["summary"].msgstr = "Coaching, das Neuzugewanderte in Arbeit bringt."
    edited = polib.pofile(str(po))
    warnings = translation.import_po(edited)
    assert warnings == []
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    page_de = practice.get_translation(german).specific
    assert page_de.live
    assert page_de.title == "Brücke in Arbeit"
    assert page_de.summary == "Coaching, das Neuzugewanderte in Arbeit bringt."
    # Exporting again carries the imported translations.
    again = {entry.msgctxt: entry.msgstr for entry in translation.export_po()}
    assert again["title"] == "Brücke in Arbeit"


def test_po_import_for_another_translation_is_ignored(practice, german):
    translation = _start_translation(practice, german)
    po = translation.export_po()
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    for entry in po:
        entry.msgstr = "falsch"
    assert translation.import_po(po) == []
    assert not StringTranslation.objects.filter(locale=german, context__object_id=practice.translation_key).exists()


def test_translate_page_records_strings_so_the_editor_shows_them_translated(practice, german):
    def write(page):
        page.title = "Brücke in Arbeit"
        page.summary = "Coaching, das Neuzugewanderte in Arbeit bringt."
        page.challenge = "<p>Kaum Kontakte.</p><ul><li>Kein Netzwerk</li><li>Keine Referenzen</li></ul>"

    target, created = translate_page(practice, german, write)
    assert created
    assert target.title == "Brücke in Arbeit"
    assert target.live and target.locale == german
    translation = Translation.objects.get(source__object_id=practice.translation_key, target_locale=german)
    assert translation.get_progress() == (8, 5)  # approach and the outcome are left for a translator
    assert translate_page(practice, german, write) == (target, False)  # idempotent


def test_translate_page_refuses_text_of_another_shape(practice, german):
    def write(page):
        page.challenge = "<p>Nur ein Absatz.</p>"

    with pytest.raises(TranslationMismatchError, match="'challenge' has 3 text part"):
        translate_page(practice, german, write)
    assert practice.get_translation_or_none(german) is None


def test_german_page_shows_german_labels_for_source_locale_terms(client, practice, german):
    translate_page(practice, german, lambda page: setattr(page, "title", "Brücke in Arbeit"))
    page_de = practice.get_translation(german).specific
    assert page_de.target_groups.get().locale == Locale.get_default()

    html_de = client.get(page_de.url).content.decode()
    assert "Geflüchtete und Schutzberechtigte" in html_de
    assert "Refugees and beneficiaries of protection" not in html_de
    html_en = client.get(practice.url).content.decode()
    assert "Refugees and beneficiaries of protection" in html_en
    assert "Geflüchtete und Schutzberechtigte" not in html_en


def test_german_page_has_german_interface_dates_and_country_names(client, practice, german):
    translate_page(practice, german, lambda page: setattr(page, "title", "Brücke in Arbeit"))
    html = client.get("/de/practices/bridge-to-work/").content.decode()
    assert '<html lang="de">' in html
    expected = ("Eckdaten", "Ausgangslage und Herausforderung", "Laufend", "seit 2015", "am 17. Mai 2015.")
    for text in expected:
        assert text in html, text
    assert "München, Bayern, Deutschland" in html
    english = client.get(practice.url).content.decode()
    assert "Last verified on May 17, 2015." in english
    assert "München, Bavaria, Germany" in english


def test_german_catalogue_is_complete_and_keeps_placeholders():
    import re
    from pathlib import Path

    from django.conf import settings

    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    placeholders = re.compile(r"%\(\w+\)s")
    for entry in po.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(placeholders.findall(text)) == set(placeholders.findall(entry.msgid)), entry.msgid
