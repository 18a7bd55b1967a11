"""Transfer facts: bands, yearly cost, the gazetteer's population, the page, the editor and the demo values."""

from decimal import Decimal

import pytest
import yaml

from practices.demo.loader import DEMO_FILE, _transfer
from practices.models import PracticePage
from practices.records import PlaceRecord, PracticeRecord, PrerequisiteRecord, TransferRecord
from practices.tests.factories import PracticePageFactory, transfer_facts
from practices.transfer_facts import cost_band, gazetteer_population, place_size, yearly_cost_eur
from practices.writing import TRANSFER_FIELDS, PracticeWriter, RecordError, _transfer_values


@pytest.mark.parametrize(
    ("population", "band"),
    [(None, ""), (0, ""), (4_999, "village"), (5_000, "small_town"), (19_999, "small_town"), (20_000, "medium_town")]
    + [(99_999, "medium_town"), (100_000, "city"), (499_999, "city"), (500_000, "large_city")],
)
def test_place_size_bands(population, band):
    assert place_size(population) == band


@pytest.mark.parametrize(
    ("args", "kwargs", "yearly"),
    [
        ((60_000, "EUR", "per_year"), {}, Decimal(60_000)),
        ((2_000, "EUR", "per_month"), {}, Decimal(24_000)),
        ((900_000, "EUR", "total"), {"funding_months": 36}, Decimal(300_000)),
        ((50_000, "EUR", "total"), {"funding_months": 6}, Decimal(50_000)),  # a short project: its whole budget
        ((900_000, "EUR", "total"), {}, None),  # no duration: no yearly figure
        ((1_000, "EUR", "per_participant"), {"participants": 40, "reach_period": "per_year"}, Decimal(40_000)),
        ((1_000, "EUR", "per_participant"), {"participants": 40, "reach_period": "total"}, None),
        ((100_000, "CHF", "per_year"), {}, Decimal(105_000)),
        ((100_000, "XYZ", "per_year"), {}, None),
        ((None, "EUR", "per_year"), {}, None),
        ((100, "EUR", ""), {}, None),
    ],
)
def test_yearly_cost_in_euros(args, kwargs, yearly):
    assert yearly_cost_eur(*args, **kwargs) == yearly


def test_cost_bands():
    assert [cost_band(v) for v in (None, Decimal(24_999), Decimal(25_000), Decimal(500_000))] == [
        "",
        "under_25k",
        "25k_100k",
        "over_500k",
    ]


def test_gazetteer_knows_main_and_other_names():
    assert gazetteer_population("Wuppertal", "DE") > 300_000
    assert gazetteer_population("Hanover", "DE") == gazetteer_population("Hannover", "DE")
    assert gazetteer_population("wien", "at") == gazetteer_population("Vienna", "AT")
    assert gazetteer_population("Wuppertal", "AT") is None
    assert gazetteer_population("Nowhere-on-Earth", "DE") is None
    assert gazetteer_population("", "DE") is None


@pytest.mark.django_db
def test_population_comes_from_the_gazetteer_unless_an_editor_set_it(site_tree):
    assert PracticePageFactory(parent=site_tree.index, with_facts=False).population is None
    page = PracticePageFactory(parent=site_tree.index, places=[PlaceRecord("Wuppertal", "", "DE")])
    assert page.population == gazetteer_population("Wuppertal", "DE") and page.place_size == "city"
    page.population = 14_000  # the rural district it serves
    page.save()
    page.refresh_from_db()
    assert page.population == 14_000 and page.place_size == "small_town"


@pytest.mark.django_db
def test_practice_page_shows_transfer_facts_and_prerequisites(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, transfer=transfer_facts())
    html = client.get(page.url).content.decode()
    facts = html[html.index('id="key-facts-heading"') : html.index("</aside>")]
    assert "120,000 EUR per year" in facts and "Two coaches and workshop rent" in facts
    assert "36 months" in facts
    assert "2.5 full-time equivalents: Two coaches, a coordinator" in facts
    assert "40 per year" in facts
    assert "Small municipality (5,000–20,000)" in facts and "15,000 inhabitants" in facts
    assert "Rural" in facts
    transfer = html[html.index('id="transfer"') :]
    assert "A partner of a kind:</strong> Public employment service or job centre" in transfer
    assert "A legal basis:</strong> Access to vocational training for refugees" in transfer
    assert "helpful, not essential" in transfer
    assert f"/en/check/{page.slug}/" in transfer and f"/en/compare/?p={page.slug}" in transfer


@pytest.mark.django_db
def test_a_practice_without_transfer_facts_shows_none(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, with_facts=False)
    html = client.get(page.url).content.decode()
    assert "Prerequisites" not in html and "Size of place" not in html and "Cost" not in html


@pytest.mark.django_db
def test_editor_sees_the_transfer_facts_in_the_transfer_tab(client, site_tree, django_user_model):
    page = PracticePageFactory(parent=site_tree.index, transfer=transfer_facts())
    client.force_login(django_user_model.objects.create_superuser("editor-in-chief", "chief@example.org", "x"))
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    transfer_tab = html[html.index('id="tab-transfer"') :]
    for name in ("cost_amount", "cost_period", "cost_covers", "funding_months", "staff_fte", "participants"):
        assert f'name="{name}"' in transfer_tab, name
    for name in ("population", "setting"):
        assert f'name="{name}"' in transfer_tab, name
    assert "A partner of a kind" in transfer_tab and "A language offer" in transfer_tab  # the stream's blocks
    assert "Filled from the GeoNames gazetteer" in transfer_tab


DEMO = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_every_demo_practice_has_valid_transfer_facts():
    with_costs = 0
    for item in DEMO["practices"]:
        transfer = _transfer(item["transfer"], item["slug"])
        assert not transfer.is_empty(), item["slug"]
        values = {name: value for name, value in _transfer_values(transfer).items() if value not in (None, "", [])}
        page = PracticePage(title=item["title"], slug=item["slug"], summary="x", **values)
        page.clean_fields(exclude=[f.name for f in PracticePage._meta.fields if f.name not in TRANSFER_FIELDS])
        page.prerequisites.stream_block.clean(page.prerequisites)
        with_costs += page.yearly_cost_eur is not None
        assert page.setting, item["slug"]
    assert with_costs >= 30
    sizes = [place_size(item["transfer"].get("population")) for item in DEMO["practices"]]
    assert "small_town" in sizes  # "small municipality" finds something


@pytest.mark.django_db
def test_the_writer_writes_transfer_facts_and_refuses_unknown_partner_kinds(site_tree):
    record = PracticeRecord(
        title="Record Practice",
        summary="From a record.",
        places=[PlaceRecord("Smallville", "", "DE")],
        transfer=TransferRecord(
            cost_amount=30_000,
            cost_period="per_year",
            staff_fte=0.5,
            setting="rural",
            population=4_000,
            prerequisites=[
                PrerequisiteRecord("partner", "municipality"),
                PrerequisiteRecord("staff_skills", "Coaching"),
            ],
        ),
    )
    page = PracticeWriter().create(record, site_tree.index, publish=True).page
    page = PracticePage.objects.get(pk=page.pk)
    assert (page.cost_band, page.place_size, page.setting, page.staff_fte) == (
        "25k_100k",
        "village",
        "rural",
        Decimal("0.5"),
    )
    assert [item["label"] for item in page.prerequisite_items] == ["Municipality", "Coaching"]
    record.transfer.prerequisites = [PrerequisiteRecord("partner", "no-such-type")]
    with pytest.raises(RecordError):
        PracticeWriter(strict=True).create(record, site_tree.index)
    result = PracticeWriter().update(page, PracticeRecord(transfer=TransferRecord(setting="urban")), publish=True)
    assert PracticePage.objects.get(pk=page.pk).setting == "urban" and "setting" in result.fields
    assert "transfer" not in PracticeRecord(title="x").to_json_dict()  # the importers' JSON contract is unchanged
