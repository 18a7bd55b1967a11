"""The demo loader makes German translations through wagtail-localize, idempotently."""

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from practices.demo.loader import DemoDataError, load_demo
from practices.localize import sync_translations
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

DEMO = """
organisations:
  - {key: werk, name: Werkstatt Leipzig e.V., type: welfare-ngo, city: Leipzig, country: DE}
practices:
  - slug: bridge-to-work
    title: Bridge to Work
    summary: Coaching that leads newcomers into jobs.
    status: ended
    start_year: 2016
    end_year: 2019
    themes: [mentoring]
    target_groups: [refugees]
    places: [{city: Leipzig, region: Saxony, country: DE}]
    organisations: [{org: werk, role: implementing}]
    challenge: <p>Few contacts with employers.</p><p>No references.</p>
    outcomes:
      - {text: 120 people placed, evidence_level: monitored, indicator: "120"}
    translations:
      de:
        title: Brücke in Arbeit
        summary: Coaching, das Neuzugewanderte in Arbeit bringt.
        challenge: <p>Kaum Kontakte zu Arbeitgebern.</p><p>Keine Referenzen.</p>
        outcomes:
          - {text: 120 Menschen vermittelt}
"""


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(DEMO, encoding="utf-8")
    return path


def _german_page() -> PracticePage:
    return PracticePage.objects.get(slug="bridge-to-work", locale__language_code="de")


def test_loader_creates_german_translations_through_wagtail_localize(client, demo_file):
    report = load_demo(demo_file)
    assert (report.created, report.translated) == (1, 1)

    english = PracticePage.objects.get(slug="bridge-to-work", locale__language_code="en")
    german = _german_page()
    assert german.live and german.translation_key == english.translation_key
    assert german.title == "Brücke in Arbeit"
    assert german.challenge == "<p>Kaum Kontakte zu Arbeitgebern.</p><p>Keine Referenzen.</p>"
    assert german.outcomes[0].value["text"] == "120 Menschen vermittelt"
    assert german.outcomes[0].value["indicator"] == "120"

    # A real translation in the editor: the German strings are recorded, only "approach" is empty here.
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale__language_code="de")
    assert translation.get_progress() == (6, 5)  # the indicator "120" is the same in German
    # Site structure too: the German home and index are managed translations.
    for page in Page.objects.filter(depth__in=(2, 3), locale__language_code="en"):
        assert Translation.objects.filter(source__object_id=page.translation_key).exists(), page

    html = client.get(german.url).content.decode()
    assert "Brücke in Arbeit" in html and "Abgeschlossen" in html


def test_loading_twice_creates_nothing_and_keeps_editor_changes(demo_file):
    load_demo(demo_file)
    german = _german_page()
    german.title = "Brücke in Arbeit (überarbeitet)"
    german.save_revision().publish()
    counts = (Page.objects.count(), Translation.objects.count())

    report = load_demo(demo_file)
    assert (report.created, report.kept, report.translated) == (0, 1, 0)
    assert (Page.objects.count(), Translation.objects.count()) == counts
    assert _german_page().title == "Brücke in Arbeit (überarbeitet)"


def test_loaded_translation_syncs_with_later_source_changes(demo_file):
    load_demo(demo_file)
    english = PracticePage.objects.get(slug="bridge-to-work", locale__language_code="en")
    english.end_year = 2020
    english.save_revision().publish()
    assert sync_translations(english) == 1
    german = _german_page()
    assert german.end_year == 2020
    assert german.title == "Brücke in Arbeit"


def test_an_earlier_plain_copy_is_adopted_as_the_translation(demo_file):
    # Databases loaded before the loader used wagtail-localize hold plain copies: they are registered, not duplicated.
    data = DEMO.replace("    translations:", "    no_translations:")
    plain = demo_file.with_name("plain.yaml")
    plain.write_text(data, encoding="utf-8")
    load_demo(plain)
    english = PracticePage.objects.get(slug="bridge-to-work", locale__language_code="en")
    copy = english.copy_for_translation(Locale.objects.get(language_code="de"))
    copy.title = "Brücke (alte Kopie)"
    copy.save_revision().publish()

    report = load_demo(demo_file)
    assert report.translated == 1
    assert PracticePage.objects.filter(slug="bridge-to-work").count() == 2
    assert _german_page().title == "Brücke (alte Kopie)"
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale__language_code="de")
    assert translation.export_po().find("Bridge to Work", by="msgid").msgstr == "Brücke (alte Kopie)"


def test_a_translation_of_another_shape_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(DEMO.replace("<p>Kaum Kontakte zu Arbeitgebern.</p><p>Keine Referenzen.</p>", "<p>Nur eins.</p>"))
    with pytest.raises(DemoDataError, match="bridge-to-work.*'challenge' has 2 text part"):
        load_demo(broken)
