"""Score the importer on the fixture corpus: facts found of facts stated, and facts invented.

The corpus (``importers/tests/corpus/<kind>/``) holds pages written in the layouts of each source, and
next to each page ``<file>.facts.json``: the facts the page states, written by hand from the page, and
the facts that must not be extracted (sidebar items, publication dates, footnote names). About a third
of the pages are marked ``"split": "heldout"``: written before the parser was changed for them, and
reported apart. The seeds (``../shared/seeds``) are scored from ``corpus/seeds/<prefix>.facts.json``.

Run ``make accuracy`` (``python -m importers.accuracy``): a table per source kind and per fact type,
then the time taken on hostile documents of 2 MiB.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from importers.errors import ImporterError
from importers.extract.organisations import same_organisation
from importers.parsers import parse_document
from importers.textutils import fold
from practices.records import PracticeRecord

CORPUS = pathlib.Path(__file__).parent / "tests" / "corpus"
SEEDS = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FACT_TYPES = (
    "title", "source_kind", "country", "city", "region", "start_year", "end_year", "organisation", "funder",
    "programme", "contact", "email",
)  # fmt: skip


@dataclass
class Score:
    stated: int = 0
    found: int = 0
    invented: int = 0
    missed: list[str] = field(default_factory=list)
    inventions: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.stated += other.stated
        self.found += other.found
        self.invented += other.invented
        self.missed += other.missed
        self.inventions += other.inventions

    @property
    def share(self) -> float:
        return self.found / self.stated if self.stated else 1.0


@dataclass
class Case:
    path: pathlib.Path
    facts: dict
    kind: str
    split: str


def cases(include_seeds: bool = True) -> list[Case]:
    found = []
    for facts_path in sorted(CORPUS.glob("*/*.facts.json")):
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        if facts_path.parent.name == "seeds":
            if not include_seeds:
                continue
            prefix = facts_path.name.split(".")[0]
            matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
            if not matches:
                continue
            found.append(Case(matches[0], facts, facts["kind"], "seed"))
            continue
        document = facts_path.with_name(facts_path.name.removesuffix(".facts.json"))
        found.append(Case(document, facts, facts["kind"], facts.get("split", "dev")))
    return found


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(text)).strip()


def _org_matches(expected: str, name: str, short_name: str) -> bool:
    acronym = re.search(r"\(([^()]+)\)\s*$", expected)
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", expected)
    if same_organisation(bare, name) or _norm(bare) == _norm(name):
        return True
    if acronym and acronym.group(1) in (short_name, name):
        return True
    return bool(short_name) and _norm(bare) == _norm(short_name)


def expected_facts(facts: dict) -> list[tuple[str, object]]:
    stated: list[tuple[str, object]] = [("title", facts["title"]), ("source_kind", facts["kind"])]
    stated += [("country", c) for c in facts.get("countries", [])]
    stated += [("city", c) for c in facts.get("cities", [])]
    stated += [("region", r) for r in facts.get("regions", [])]
    for key in ("start_year", "end_year"):
        if facts.get(key):
            stated.append((key, facts[key]))
    for org in facts.get("organisations", []):
        stated.append(("funder" if org["role"] == "funder" else "organisation", org))
    stated += [("programme", p) for p in facts.get("programmes", [])]
    for contact in facts.get("contacts", []):
        if contact.get("name"):
            stated.append(("contact", contact["name"]))
        if contact.get("email"):
            stated.append(("email", contact["email"]))
    return stated


def is_found(record: PracticeRecord, fact_type: str, value: object) -> bool:
    if fact_type == "title":
        return _norm(record.title) == _norm(str(value))
    if fact_type == "source_kind":
        return record.source_kind == value
    if fact_type == "country":
        return any(p.country == value for p in record.places)
    if fact_type == "city":
        want = _norm(str(value))
        return any(p.city and (_norm(p.city) == want or want.startswith(_norm(p.city) + " ")) for p in record.places)
    if fact_type == "region":
        return any(p.region == value for p in record.places)
    if fact_type in ("start_year", "end_year"):
        return getattr(record, fact_type) == value
    if fact_type in ("organisation", "funder"):
        assert isinstance(value, dict)  # noqa: S101 - the corpus format
        return any(
            _org_matches(value["name"], o.name, o.short_name) and o.role == value["role"] for o in record.organisations
        )
    if fact_type == "programme":
        return value in record.programmes
    if fact_type == "contact":
        return any(_norm(c.name) == _norm(str(value)) for c in record.contacts)
    if fact_type == "email":
        return any(c.email == value for c in record.contacts)
    raise ValueError(fact_type)


_PHONE_LIKE = re.compile(r"\d[\d ()/.-]{5,}\d")


def inventions(record: PracticeRecord, facts: dict) -> list[str]:
    """Facts the record states that the page does not: unlisted countries or years, must-not values."""
    found: list[str] = []
    countries = set(facts.get("countries", []))
    found += [f"country {p.country}" for p in record.places if p.country and p.country not in countries]
    for key in ("start_year", "end_year"):
        value = getattr(record, key)
        if value is not None and value != facts.get(key):
            found.append(f"{key} {value}")
    texts = [record.title, *(o.name for o in record.organisations), *(c.name for c in record.contacts)]
    texts += [t for p in record.places for t in (p.city, p.region)] + list(record.programmes)
    for absent in facts.get("absent", []):
        if re.fullmatch(r"[A-Z]{2}", absent):
            continue  # a country code: checked above against the stated countries
        if re.fullmatch(r"\d{4}", absent):
            continue  # a year: checked above against the stated years
        if any(absent.lower() in (t or "").lower() for t in texts):
            found.append(f"must-not {absent!r}")
    for org in record.organisations:
        if "@" in org.name or _PHONE_LIKE.search(org.name) or len(org.name) > 120:
            found.append(f"organisation {org.name!r}")
        people = [c["name"] for c in facts.get("contacts", []) if c.get("name")]
        if any(person and person in org.name for person in people):
            found.append(f"organisation named after a person {org.name!r}")
    for contact in record.contacts:
        if "@" in contact.name or _PHONE_LIKE.search(contact.name):
            found.append(f"contact {contact.name!r}")
    return list(dict.fromkeys(found))


def score_case(case: Case) -> tuple[dict[str, Score], Score]:
    """Per fact type and in total."""
    by_type: dict[str, Score] = defaultdict(Score)
    total = Score()
    try:
        record = parse_document(case.path.read_bytes(), filename=case.path.name)
    except ImporterError as error:
        record = PracticeRecord()
        total.missed.append(f"{case.path.name}: refused: {error}")
    for fact_type, value in expected_facts(case.facts):
        score = by_type[fact_type]
        score.stated += 1
        if is_found(record, fact_type, value):
            score.found += 1
        else:
            score.missed.append(f"{case.path.name}: {fact_type} {value}")
    invented = inventions(record, case.facts)
    by_type["invented"].invented += len(invented)
    by_type["invented"].inventions += [f"{case.path.name}: {i}" for i in invented]
    for score in by_type.values():
        total.add(score)
    return by_type, total


def score_corpus(selected: Iterable[Case]) -> dict[str, dict[str, Score]]:
    """{"kind": {kind: Score}, "type": {fact type: Score}, "split": {split: Score}}."""
    result: dict[str, dict[str, Score]] = {"kind": defaultdict(Score), "type": defaultdict(Score),
                                           "split": defaultdict(Score)}  # fmt: skip
    for case in selected:
        by_type, total = score_case(case)
        result["kind"][case.kind if case.split != "seed" else "seeds"].add(total)
        result["split"][case.split].add(total)
        for fact_type, score in by_type.items():
            if fact_type != "invented":
                result["type"][fact_type].add(score)
    return result


def _table(title: str, rows: dict[str, Score]) -> list[str]:
    lines = [f"{title:<22} {'found':>6} {'stated':>6} {'share':>7} {'invented':>9}"]
    total = Score()
    for name, score in sorted(rows.items()):
        total.add(score)
        lines.append(f"{name:<22} {score.found:>6} {score.stated:>6} {score.share:>7.0%} {score.invented:>9}")
    lines.append(f"{'all':<22} {total.found:>6} {total.stated:>6} {total.share:>7.0%} {total.invented:>9}")
    return lines


def hostile_documents() -> dict[str, bytes]:
    """Documents of about 2 MiB in shapes that once made the importer slow, or crash."""
    size = 2 * 1024 * 1024 - 4096
    paragraphs = "\n\n".join(
        f"Paragraph {i}: the city of Example{i} trained {i} newcomers in cooperation with Partner {i} e.V."
        for i in range(30000)
    )
    nested = "<html><body>" + "<div>" * 100_000 + "text" + "</div>" * 100_000 + "</body></html>"
    sentence = "The City of Bremen and the Jobcenter Bremen trained 20 refugees since 2010, funded by the ESF. "
    return {
        "distinct paragraphs": paragraphs.encode()[:size],
        "100,000 nested elements": nested.encode()[:size],
        "one long line of prose": (sentence * (size // len(sentence))).encode()[:size],
        "contact lines": "".join(
            f"Contact: Anna Example{i}, coordinator, Example{i} e.V., a{i}@example.org, +49 30 {i:07d}\n"
            for i in range(30000)
        ).encode()[:size],
        "labelled fields": ("Partners: City of Example and Example Verein e.V.\nStart date: 2010\n" * 40000).encode()[
            :size
        ],
        "printable garbage": bytes(33 + (i * 7919) % 94 if i % 9 else 32 for i in range(size)),
    }


def bench() -> list[str]:
    # Warm the place and vocabulary caches first: they are built once per process, not once per file.
    parse_document(b"Job fair in Bonn\n\nSince 2015 the City of Bonn, Germany, has run a job fair for refugees.")
    lines = [f"{'hostile document (2 MiB)':<28} {'seconds':>8}  result"]
    for name, raw in hostile_documents().items():
        started = time.perf_counter()
        try:
            record = parse_document(raw, filename=name)
            outcome = f"parsed ({record.source_kind})"
        except ImporterError as error:
            outcome = f"refused: {str(error)[:60]}"
        lines.append(f"{name:<28} {time.perf_counter() - started:>8.2f}  {outcome}")
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    selected = cases()
    result = score_corpus(selected)
    out = _table("source kind", result["kind"]) + [""] + _table("fact type", result["type"]) + [""]
    out += _table("split", result["split"])
    if not SEEDS.is_dir():
        out.append(f"(seeds skipped: {SEEDS} not found)")
    if "--verbose" in argv or "-v" in argv:
        for score in result["split"].values():
            out += ["", *(f"missed: {m}" for m in score.missed), *(f"invented: {i}" for i in score.inventions)]
    if "--no-bench" not in argv:
        out += ["", *bench()]
    print("\n".join(out))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
