"""The demo content: loads, renders every page type with its key facts, and loads idempotently."""

import pytest
import yaml

from practices.demo.loader import DEMO_FILE, DemoDataError, load_demo
from practices.models import Organisation, PracticePage, PracticeSource

pytestmark = pytest.mark.django_db

DEMO = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
FOUNDING = {
    "partizipation-network-wuppertal",
    "migranet-augsburg",
    "regional-workshop-iq-saxony",
    "album-hannover",
}


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """Load the demo file once for this module; the data is removed again afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        report = load_demo()
        yield report
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_demo_file_has_the_founding_practices_and_thirty_more():
    slugs = {item["slug"] for item in DEMO["practices"]}
    assert slugs >= FOUNDING, FOUNDING - slugs
    assert len(slugs) >= 34
    assert len({place["country"] for item in DEMO["practices"] for place in item["places"]}) >= 8


def test_every_demo_practice_renders_with_its_key_facts(client, demo_loaded):
    assert demo_loaded.created == len(DEMO["practices"])
    for item in DEMO["practices"]:
        page = PracticePage.objects.get(slug=item["slug"], locale__language_code="en")
        response = client.get(page.url)
        assert response.status_code == 200, item["slug"]
        html = response.content.decode()
        assert page.title.replace("&", "&amp;").replace("'", "&#x27;") in html
        first_place = item["places"][0]
        assert (first_place.get("city") or first_place["country"]) in html
        if item.get("start_year"):
            assert str(item["start_year"]) in html
        for contact in item.get("contacts") or []:
            if not contact.get("publish"):
                assert f"<strong>{contact['name']}</strong>" not in html, (item["slug"], contact["name"])
            if contact.get("email"):
                assert contact["email"] not in html


def test_home_and_index_render_with_demo_content(client, demo_loaded):
    for url in ("/en/", "/de/", "/en/practices/", "/de/practices/"):
        assert client.get(url).status_code == 200, url
    home = client.get("/en/").content.decode()
    assert home.count('<article class="practice-card') == 6


def test_migranet_is_one_practice_with_two_sources(demo_loaded):
    page = PracticePage.objects.get(slug="migranet-augsburg", locale__language_code="en")
    assert sorted(page.sources.values_list("kind", flat=True)) == ["cities_of_migration", "equal"]
    assert all(len(source.sha256) == 64 for source in PracticeSource.objects.filter(page=page))


def test_founding_practices_exist_in_german(client, demo_loaded):
    for slug in FOUNDING:
        german = PracticePage.objects.get(slug=slug, locale__language_code="de")
        english = PracticePage.objects.get(slug=slug, locale__language_code="en")
        assert german.translation_key == english.translation_key
        assert german.title != english.title or slug == "album-hannover"
        assert client.get(german.url).status_code == 200


def test_loading_again_creates_no_duplicates(demo_loaded):
    pages, organisations = PracticePage.objects.count(), Organisation.objects.count()
    report = load_demo()
    assert report.created == 0 and report.translated == 0 and report.organisations == 0
    assert report.kept == len(DEMO["practices"])
    assert (PracticePage.objects.count(), Organisation.objects.count()) == (pages, organisations)


def test_a_broken_demo_file_is_a_clear_error(tmp_path, site_tree):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "practices:\n  - slug: x\n    title: X\n    summary: s\n    places: [{country: DE}]\n"
        "    themes: [no-such-theme]\n"
    )
    with pytest.raises(DemoDataError, match="no-such-theme"):
        load_demo(broken)
    assert not PracticePage.objects.filter(slug="x").exists()


def test_founding_translations_are_managed_by_wagtail_localize(demo_loaded):
    from wagtail_localize.models import Translation

    for slug in FOUNDING:
        english = PracticePage.objects.get(slug=slug, locale__language_code="en")
        translation = Translation.objects.get(
            source__object_id=english.translation_key, target_locale__language_code="de"
        )
        total, translated = translation.get_progress()
        assert translated >= 3, (slug, total, translated)  # at least title, summary and the story are recorded


def test_german_compare_and_check_pages_show_the_german_transfer_texts(client, demo_loaded):
    """The transfer texts of a translated demo practice (staff roles, conditions, notes) read in German."""
    slug = "regional-workshop-iq-saxony"
    german = PracticePage.objects.get(slug=slug, locale__language_code="de")
    assert german.staff_roles == "Je Werkstatt zwei Trainerinnen oder Trainer"
    assert [item["note"] for item in german.prerequisite_items][0] == (
        "Die Teilnehmenden der Werkstätten sind seine Beschäftigten."
    )
    # The facts stay the source's: the same kinds, the same partner, the same essential flags.
    english = PracticePage.objects.get(slug=slug, locale__language_code="en")
    facts = [(i["kind"], i["essential"]) for i in english.prerequisite_items]
    assert [(i["kind"], i["essential"]) for i in german.prerequisite_items] == facts
    assert german.prerequisite_items[0]["condition"] == english.prerequisite_items[0]["condition"]

    compare = client.get("/de/compare/", {"p": slug}).content.decode()
    check = client.get(f"/de/check/{slug}/").content.decode()
    answered = client.get(f"/de/check/{slug}/", {"answered": "1"}).content.decode()
    for html in (compare, check, answered):
        assert "Trainerinnen und Trainer mit Erfahrung in interkulturellen Schulungen" in html
        assert "Trainers experienced in intercultural training" not in html
    assert "Je Werkstatt zwei Trainerinnen oder Trainer" in compare and "Two trainers per workshop" not in compare
    for html in (check, answered):
        assert "Die Teilnehmenden der Werkstätten sind seine Beschäftigten." in html
        assert "Its staff are the workshop" not in html
    english_check = client.get(f"/en/check/{slug}/").content.decode()
    assert "Its staff are the workshop" in english_check


def test_every_german_demo_translation_has_german_prerequisites(demo_loaded):
    for item in DEMO["practices"]:
        texts = (item.get("translations") or {}).get("de")
        if not texts:
            continue
        german = PracticePage.objects.get(slug=item["slug"], locale__language_code="de")
        english = PracticePage.objects.get(slug=item["slug"], locale__language_code="en")
        source = english.prerequisite_items
        assert len(texts.get("prerequisites") or []) == len(source), item["slug"]
        for de, en in zip(german.prerequisite_items, source, strict=True):
            assert (de["kind"], de["essential"]) == (en["kind"], en["essential"])
            assert de["note"] != en["note"] or not en["note"], item["slug"]
            assert de["condition"] != en["condition"] or en["kind"] == "partner", item["slug"]
