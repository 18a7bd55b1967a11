"""Conformance on the real seed texts in ../shared/seeds (skipped when that folder is not there)."""

from __future__ import annotations

import pytest

from importers.merge import merge, same_practice
from importers.parsers import parse_document
from importers.tests.conftest import SEEDS


def _seed(prefix: str):
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not found: the conformance test needs ../shared/seeds")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return parse_document(matches[0].read_bytes(), filename=matches[0].name)


def _org(record, fragment):
    return next((o for o in record.organisations if fragment in o.name or fragment == o.short_name), None)


def _contact(record, name):
    return next((c for c in record.contacts if c.name == name), None)


def test_wuppertal():
    record = _seed("000")
    assert record.source_kind == "ilo"
    assert any(p.city == "Wuppertal" and p.country == "DE" for p in record.places)
    assert record.start_year == 2008
    funders = {o.short_name for o in record.organisations if o.role == "funder"}
    assert {"BMAS", "ESF"} <= funders
    assert "European Social Fund" in record.funders
    for partner in ("Diakonie Wuppertal", "SkF", "Gefährdetenhilfe Wuppertal"):
        org = _org(record, partner)
        assert org is not None and org.role == "partner", partner
    jobcenter = _org(record, "Jobcenter Wuppertal")
    assert jobcenter is not None and jobcenter.role == "partner"
    assert any(e.year == 2010 and e.organisation == "Jobcenter Wuppertal" for e in record.events)
    assert record.replicated_in == ["Remscheid", "Solingen"]
    assert not any(p.city in ("Remscheid", "Solingen", "Toronto") for p in record.places)
    source = record.sources[0]
    assert source.contributed_by == "Cities of Migration"
    assert source.last_updated == "2015-05-17"


def test_migranet_sources_merge_into_one_practice():
    equal, com = _seed("001"), _seed("003")
    matched, score, reason = same_practice(equal, com)
    assert matched, reason
    assert score >= 0.6
    record = merge(equal, com)
    assert sorted(s.kind for s in record.sources) == ["cities_of_migration", "equal"]
    assert record.short_name == "MigraNet"
    assert any(p.city == "Augsburg" and p.region == "Bavaria" and p.country == "DE" for p in record.places)
    coordinator = _org(record, "Tür an Tür")
    assert coordinator is not None and coordinator.role == "coordinator"
    fruechtl, gueller = _contact(record, "Martina Früchtl"), _contact(record, "Anne Güller-Frey")
    assert fruechtl and fruechtl.email == "martina.fruechtl@tuerantuer.de" and "90799-20" in fruechtl.phone
    assert gueller and gueller.email == "anne.gueller-frey@tuerantuer.de" and "90799-19" in gueller.phone
    assert {"skills-assessment", "recognition-qualifications"} <= set(record.themes)
    prize = [a for a in record.awards if "Integration Prize" in a.name and "Bavarian" in a.name]
    assert prize and prize[0].year == 2013
    assert record.start_year != 2013
    assert any("IQ" in p for p in record.programmes)
    assert "MEET" in record.programmes
    assert not any(p.city in ("Leamington", "Brandon", "Halifax", "Toronto", "Kuopio") for p in record.places)


def test_iq_saxony():
    record = _seed("002")
    assert record.source_kind == "iq_good_practice"
    implementing = [o for o in record.organisations if o.role == "implementing"]
    assert implementing and implementing[0].short_name == "IST" and "Dresden" in implementing[0].name
    stephan = _contact(record, "Anja Stephan")
    assert stephan and stephan.email == "stephan@prozesskette-sachsen.de" and stephan.phone.startswith("+49")
    assert set(record.transfer_audiences) == {"employment-agencies-job-centres", "statutory-institutions"}
    assert {"refugees", "recent-immigrants"} <= set(record.target_groups)
    assert {p.region for p in record.places} == {"Saxony"}
    assert {"Leipzig", "Dresden", "Meißen", "Crimmitschau"} <= {p.city for p in record.places}
    assert {"BMAS", "ESF"} <= {o.short_name for o in record.organisations if o.role == "funder"}
    assert record.interview is not None and record.interview.person == "Sandra Scheibe"


def test_album_hannover():
    record = _seed("004")
    assert record.source_kind == "equal"
    assert any(p.city == "Hannover" and p.region == "Lower Saxony" for p in record.places)
    assert record.start_year == 2004
    assert record.short_name == "ALBuM"
    assert record.short_name_expansion.startswith("Arbeitsprozessorientiertes Lernen und Beraten")
    assert "Employment-oriented" in record.short_name_translation
    city = _org(record, "City of Hannover")
    assert city is not None and city.role == "coordinator" and city.type == "municipality"
    boetzel = _contact(record, "Christina Bötzel")
    assert boetzel and "coordinator" in boetzel.function and boetzel.organisation == "City of Hannover"
    assert "EQUAL" in record.programmes


def test_seeds_do_not_merge_across_practices():
    records = [_seed(p) for p in ("000", "001", "002", "004")]
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            assert not same_practice(a, b)[0], (a.title, b.title)
