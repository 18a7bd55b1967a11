"""Synthetic practices for the search benchmark: realistic sizes, random but reproducible (seeded).

Each practice: ~400 words of story text over four sections, 2–5 themes, 1–3 target groups, 0–3
transfer audiences, 1–2 places, 2–6 organisations (one implementing, usually one funder), 1–2 sources,
a status, a start year and an evidence level (from an outcome). Each practice is a ``PracticeRecord``,
written by ``PracticeWriter.bulk_create`` (Wagtail's ``add_child`` runs at ~50 pages/s), then indexed
in bulk (``search.documents.rebuild``) and given its similar practices (``search.similar.refresh_all``).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable

from wagtail.models import Locale

from practices.choices import EvidenceLevel, Role, SourceKind, Status
from practices.demo.loader import ensure_site_structure
from practices.models import (
    Organisation,
    OrganisationType,
    PracticePage,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.records import (
    OrganisationRecord,
    OutcomeRecord,
    PlaceRecord,
    PracticeRecord,
    SourceRecord,
    TransferRecord,
)
from practices.writing import PracticeWriter

DOMAIN_WORDS = [
    "refugees",
    "migrants",
    "employers",
    "coaching",
    "placement",
    "training",
    "qualification",
    "language",
    "recognition",
    "mentoring",
    "outreach",
    "networking",
    "counselling",
    "advice",
    "apprenticeship",
    "internship",
    "jobcentre",
    "municipality",
    "chamber",
    "union",
    "women",
    "young",
    "parents",
    "families",
    "qualifications",
    "skills",
    "assessment",
    "competence",
    "portfolio",
    "workshop",
    "interview",
    "integration",
    "labour",
    "market",
    "employment",
    "unemployed",
    "entrepreneurs",
    "business",
    "startup",
    "diversity",
    "discrimination",
    "intercultural",
    "staff",
    "institutions",
    "partners",
    "network",
    "funding",
    "programme",
    "pilot",
    "evaluation",
    "results",
    "participants",
    "volunteers",
    "mentors",
    "companies",
    "crafts",
    "nursing",
    "care",
    "hospitality",
    "logistics",
    "construction",
    "engineering",
    "teachers",
    "doctors",
    "recognition",
    "certificates",
    "vocational",
    "german",
    "english",
    "courses",
    "childcare",
    "transport",
    "housing",
    "health",
    "region",
    "city",
    "district",
    "rural",
    "urban",
    "cooperation",
    "agreement",
    "contract",
    "transition",
    "pathway",
    "guidance",
    "profiling",
]
PLACES = [
    ("Leipzig", "Saxony", "DE"),
    ("Dresden", "Saxony", "DE"),
    ("Chemnitz", "Saxony", "DE"),
    ("Augsburg", "Bavaria", "DE"),
    ("Munich", "Bavaria", "DE"),
    ("Nuremberg", "Bavaria", "DE"),
    ("Hannover", "Lower Saxony", "DE"),
    ("Wuppertal", "North Rhine-Westphalia", "DE"),
    ("Cologne", "North Rhine-Westphalia", "DE"),
    ("Berlin", "Berlin", "DE"),
    ("Hamburg", "Hamburg", "DE"),
    ("Vienna", "Vienna", "AT"),
    ("Graz", "Styria", "AT"),
    ("Zurich", "Zurich", "CH"),
    ("Amsterdam", "North Holland", "NL"),
    ("Toronto", "Ontario", "CA"),
    ("Malmö", "Skåne", "SE"),
]


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "ra", "tu", "ve", "sa", "di", "po", "ge", "an", "er", "in", "ur", "ste"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return DOMAIN_WORDS + sorted(words)


class TextMaker:
    """Words drawn with a Zipf-like distribution: a few words are very common, most are rare."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = _vocabulary(rng)
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.words))]

    def words_(self, count: int) -> list[str]:
        return self.rng.choices(self.words, weights=self.weights, k=count)

    def paragraph(self, count: int) -> str:
        words = self.words_(count)
        sentences, position = [], 0
        while position < len(words):
            length = self.rng.randint(8, 18)
            sentence = " ".join(words[position : position + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            position += length
        return " ".join(sentences)


def _sample(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, rng.randint(low, min(high, len(items))))


def create_practices(
    count: int, seed: int = 42, batch: int = 2000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Add synthetic practices under the English practice index until there are ``count``. Returns how many."""
    rng = random.Random(seed)
    text = TextMaker(rng)
    _home, index = ensure_site_structure()
    existing = PracticePage.objects.count()
    if existing >= count:
        return 0
    default = Locale.get_default()
    vocabulary = {
        "themes": list(Theme.objects.filter(locale=default).values_list("slug", flat=True)),
        "target_groups": list(TargetGroup.objects.filter(locale=default).values_list("slug", flat=True)),
        "transfer_audiences": list(TransferAudience.objects.filter(locale=default).values_list("slug", flat=True)),
    }
    types = list(OrganisationType.objects.filter(locale=default))
    programmes = [
        Programme.objects.get_or_create(slug=f"bench-programme-{n}", defaults={"name": f"Bench programme {n}"})[0].name
        for n in range(20)
    ]
    if not Organisation.objects.filter(name__startswith="Bench organisation").exists():
        Organisation.objects.bulk_create(
            Organisation(name=f"Bench organisation {n}", organisation_type=rng.choice(types), country="DE")
            for n in range(3000)
        )
    organisations = list(
        Organisation.objects.filter(name__startswith="Bench organisation").values_list("name", flat=True)
    )
    writer = PracticeWriter()
    created = 0
    while existing + created < count:
        size = min(batch, count - existing - created)
        records = [_record(rng, text, vocabulary, programmes, organisations) for _ in range(size)]
        created += len(writer.bulk_create(records, index))
        if progress:
            progress(created, count - existing)
    return created


# Where the cities are, for the map; each practice's place is scattered around its city (about ±40 km).
CITY_POINTS = {
    "Leipzig": (51.34, 12.37),
    "Dresden": (51.05, 13.74),
    "Chemnitz": (50.83, 12.92),
    "Augsburg": (48.37, 10.90),
    "Munich": (48.14, 11.58),
    "Nuremberg": (49.45, 11.08),
    "Hannover": (52.37, 9.73),
    "Wuppertal": (51.26, 7.15),
    "Cologne": (50.94, 6.96),
    "Berlin": (52.52, 13.40),
    "Hamburg": (53.55, 9.99),
    "Vienna": (48.21, 16.37),
    "Graz": (47.07, 15.44),
    "Zurich": (47.37, 8.54),
    "Amsterdam": (52.37, 4.90),
    "Toronto": (43.65, -79.38),
    "Malmö": (55.60, 13.00),
}


def _place(extra: random.Random, city: str, region: str, country: str) -> PlaceRecord:
    latitude, longitude = CITY_POINTS[city]
    latitude, longitude = latitude + extra.uniform(-0.35, 0.35), longitude + extra.uniform(-0.5, 0.5)
    return PlaceRecord(city, region, country, round(latitude, 5), round(longitude, 5))


def _transfer(extra: random.Random) -> TransferRecord:
    return TransferRecord(
        cost_amount=extra.choice([None, 20_000, 80_000, 300_000, 900_000]),
        cost_period="per_year",
        population=extra.choice([None, 3_000, 12_000, 45_000, 250_000, 900_000]),
        setting=extra.choice(["", "urban", "rural", "region_wide", "national"]),
    )


def _record(
    rng: random.Random, text: TextMaker, vocabulary: dict, programmes: list, organisations: list
) -> PracticeRecord:
    start = rng.randint(1995, 2024)
    orgs = _sample(rng, organisations, 2, 6)
    roles = [OrganisationRecord(orgs[0], role=Role.IMPLEMENTING)]
    roles += [OrganisationRecord(name, role=Role.PARTNER) for name in orgs[1:]]
    if rng.random() < 0.85:
        roles.append(OrganisationRecord(rng.choice(organisations[:40]), role=Role.FUNDER))
    evidence = rng.choice(["", *EvidenceLevel.values])
    title = " ".join(w.capitalize() for w in text.words_(rng.randint(3, 6)))
    extra = random.Random(title)  # coordinates and transfer facts, without changing the main sequence
    return PracticeRecord(
        title=title,
        slug=f"bench-{uuid.uuid4().hex[:12]}",
        summary=text.paragraph(40)[:590],
        status=rng.choice(Status.values),
        start_year=start,
        end_year=start + rng.randint(1, 6) if rng.random() < 0.5 else None,
        challenge=text.paragraph(100),
        approach=text.paragraph(120),
        results=text.paragraph(100),
        lessons=[text.paragraph(80)],
        outcomes=[OutcomeRecord(text.paragraph(12), evidence)] if evidence else [],
        places=[_place(extra, city, region, country) for city, region, country in _sample(rng, PLACES, 1, 2)],
        transfer=_transfer(extra),
        organisations=roles,
        sources=[
            SourceRecord(kind=rng.choice(SourceKind.values), title="Synthetic source") for _ in range(rng.randint(1, 2))
        ],
        themes=_sample(rng, vocabulary["themes"], 2, 5),
        target_groups=_sample(rng, vocabulary["target_groups"], 1, 3),
        transfer_audiences=_sample(rng, vocabulary["transfer_audiences"], 0, 3),
        programmes=[rng.choice(programmes)] if rng.random() < 0.4 else [],
    )
