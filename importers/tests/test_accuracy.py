"""The importer on the fixture corpus (importers/tests/corpus): floors for facts found, none invented."""

from __future__ import annotations

import pytest

from importers import accuracy

FLOOR = 0.90
HELDOUT_FLOOR = 0.85


@pytest.fixture(scope="module")
def result():
    return accuracy.score_corpus(accuracy.cases())


def test_the_corpus_covers_every_source_kind_with_a_third_held_out():
    cases = list(accuracy.cases(include_seeds=False))
    assert len(cases) >= 40
    kinds = {c.kind for c in cases}
    assert kinds == {"ilo", "cities_of_migration", "equal", "iq_good_practice", "ewsi", "un_migration_hub", "generic"}
    for kind in kinds:
        of_kind = [c for c in cases if c.kind == kind]
        assert len(of_kind) >= 6, kind
        assert {c.path.suffix for c in of_kind} == {".html", ".txt"}, kind
    assert len([c for c in cases if c.split == "heldout"]) >= len(cases) // 3


@pytest.mark.parametrize(
    "kind", ["ilo", "cities_of_migration", "equal", "iq_good_practice", "ewsi", "un_migration_hub"]
)
def test_each_source_kind_reaches_the_floor(result, kind):
    score = result["kind"][kind]
    assert score.share >= FLOOR, score.missed


def test_unknown_sources_get_a_fair_share(result):
    assert result["kind"]["generic"].share >= 0.80, result["kind"]["generic"].missed


def test_held_out_pages_reach_their_floor(result):
    assert result["split"]["heldout"].share >= HELDOUT_FLOOR, result["split"]["heldout"].missed


def test_nothing_is_invented(result):
    inventions = [i for score in result["split"].values() for i in score.inventions]
    assert inventions == []


def test_seeds_are_complete(result):
    if not accuracy.SEEDS.is_dir():
        pytest.skip(f"seed folder {accuracy.SEEDS} not found: the seed score needs ../shared/seeds")
    assert result["split"]["seed"].share == 1.0, result["split"]["seed"].missed


def test_the_scorer_counts_misses_and_inventions():
    from practices.records import OrganisationRecord, PlaceRecord, PracticeRecord

    facts = {"kind": "ilo", "title": "A", "countries": ["DE"], "cities": [], "start_year": 2008, "absent": ["Lyon"],
             "organisations": [{"name": "City of Bonn", "role": "implementing"}], "contacts": []}  # fmt: skip
    record = PracticeRecord(
        title="A", source_kind="ilo", start_year=2009, places=[PlaceRecord(city="Lyon", country="FR")]
    )
    record.organisations = [OrganisationRecord(name="City of Bonn", role="partner")]
    stated = accuracy.expected_facts(facts)
    assert [accuracy.is_found(record, t, v) for t, v in stated] == [True, True, False, False, False]
    assert set(accuracy.inventions(record, facts)) == {"country FR", "start_year 2009", "must-not 'Lyon'"}
