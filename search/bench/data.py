"""Synthetic practices for the search benchmark: realistic sizes, random but reproducible (seeded).

Each practice: ~400 words of story text over four sections, 2–5 themes, 1–3 target groups, 0–3
transfer audiences, 1–2 places, 2–6 organisations (one implementing, usually one funder), 1–2 sources,
a status, a start year and an evidence level. Pages are inserted in bulk (Wagtail's ``add_child`` runs at
~50 pages/s), then indexed with ``update_index``.
"""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from practices.choices import EvidenceLevel, Role, SourceKind, Status
from practices.demo.loader import ensure_site_structure
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeOrganisation,
    PracticePage,
    PracticePlace,
    PracticeSource,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)

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
    ("Leipzig", "Saxony", "DE", 51.34, 12.37),
    ("Dresden", "Saxony", "DE", 51.05, 13.74),
    ("Chemnitz", "Saxony", "DE", 50.83, 12.92),
    ("Augsburg", "Bavaria", "DE", 48.37, 10.90),
    ("Munich", "Bavaria", "DE", 48.14, 11.58),
    ("Nuremberg", "Bavaria", "DE", 49.45, 11.08),
    ("Hannover", "Lower Saxony", "DE", 52.37, 9.73),
    ("Wuppertal", "North Rhine-Westphalia", "DE", 51.26, 7.15),
    ("Cologne", "North Rhine-Westphalia", "DE", 50.94, 6.96),
    ("Berlin", "Berlin", "DE", 52.52, 13.40),
    ("Hamburg", "Hamburg", "DE", 53.55, 9.99),
    ("Vienna", "Vienna", "AT", 48.21, 16.37),
    ("Graz", "Styria", "AT", 47.07, 15.44),
    ("Zurich", "Zurich", "CH", 47.37, 8.54),
    ("Amsterdam", "North Holland", "NL", 52.37, 4.90),
    ("Toronto", "Ontario", "CA", 43.65, -79.38),
    ("Malmö", "Skåne", "SE", 55.60, 13.00),
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


def create_practices(count: int, seed: int = 42, batch: int = 500) -> int:
    """Add synthetic practices under the English practice index until there are ``count``. Returns how many."""
    rng = random.Random(seed)
    text = TextMaker(rng)
    _home, index = ensure_site_structure()
    existing = PracticePage.objects.count()
    if existing >= count:
        return 0
    default = Locale.get_default()
    themes = list(Theme.objects.filter(locale=default))
    groups = list(TargetGroup.objects.filter(locale=default))
    audiences = list(TransferAudience.objects.filter(locale=default))
    types = list(OrganisationType.objects.filter(locale=default))
    programmes = [
        Programme.objects.get_or_create(slug=f"bench-programme-{n}", defaults={"name": f"Bench programme {n}"})[0]
        for n in range(20)
    ]
    organisations = list(Organisation.objects.filter(name__startswith="Bench organisation"))
    if not organisations:
        Organisation.objects.bulk_create(
            Organisation(name=f"Bench organisation {n}", organisation_type=rng.choice(types), country="DE")
            for n in range(3000)
        )
        organisations = list(Organisation.objects.filter(name__startswith="Bench organisation"))
    funders = organisations[:40]
    content_type = ContentType.objects.get_for_model(PracticePage)
    created = 0
    while existing + created < count:
        size = min(batch, count - existing - created)
        with transaction.atomic():
            created += _create_batch(
                rng,
                text,
                index,
                size,
                content_type,
                default,
                themes,
                groups,
                audiences,
                programmes,
                organisations,
                funders,
            )
    return created


def _create_batch(
    rng, text, index, size, content_type, locale, themes, groups, audiences, programmes, organisations, funders
) -> int:
    index = Page.objects.get(pk=index.pk)
    now = timezone.now()
    pages = []
    for offset in range(size):
        number = index.numchild + offset + 1
        title = " ".join(w.capitalize() for w in text.words_(rng.randint(3, 6)))
        slug = f"bench-{number}-{uuid.uuid4().hex[:6]}"
        start = rng.randint(1995, 2024)
        page = PracticePage(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            locale=locale,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now - datetime.timedelta(minutes=number),
            last_published_at=now,
            path=PracticePage._get_path(index.path, index.depth + 1, number),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            summary=text.paragraph(40)[:590],
            status=rng.choice(Status.values),
            start_year=start,
            end_year=start + rng.randint(1, 6) if rng.random() < 0.5 else None,
            challenge=f"<p>{text.paragraph(100)}</p>",
            approach=f"<p>{text.paragraph(120)}</p>",
            results=f"<p>{text.paragraph(100)}</p>",
            lessons=f"<p>{text.paragraph(80)}</p>",
            evidence_level=rng.choice(["", *EvidenceLevel.values]),
            population=rng.choice([None, 3_000, 12_000, 45_000, 250_000, 900_000]),
            setting=rng.choice(["", "urban", "rural", "region_wide", "national"]),
            cost_amount=rng.choice([None, Decimal(20_000), Decimal(80_000), Decimal(300_000), Decimal(900_000)]),
            cost_period="per_year",
        )
        pages.append(page)
    # Multi-table inheritance: the page rows in bulk, then each practice row on its own (raw: no parents, no signals).
    base_rows = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"})
            for p in pages
        ]
    )
    for page, base in zip(pages, base_rows, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page.id = base.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + size)

    places, roles, sources = [], [], []
    theme_links, group_links, audience_links, programme_links = [], [], [], []
    through = {
        name: PracticePage._meta.get_field(name).remote_field.through
        for name in ("themes", "target_groups", "transfer_audiences", "programmes")
    }
    for page in pages:
        for city, region, country, latitude, longitude in _sample(rng, PLACES, 1, 2):
            # Scattered around the city (about ±40 km), so that the map has something to cluster at every zoom.
            latitude, longitude = latitude + rng.uniform(-0.35, 0.35), longitude + rng.uniform(-0.5, 0.5)
            places.append(
                PracticePlace(
                    page_id=page.pk,
                    city=city,
                    region=region,
                    country=country,
                    latitude=round(Decimal(latitude), 6),
                    longitude=round(Decimal(longitude), 6),
                )
            )
        orgs = _sample(rng, organisations, 2, 6)
        roles.append(PracticeOrganisation(page_id=page.pk, organisation=orgs[0], role=Role.IMPLEMENTING))
        for org in orgs[1:]:
            roles.append(PracticeOrganisation(page_id=page.pk, organisation=org, role=Role.PARTNER))
        if rng.random() < 0.85:
            roles.append(PracticeOrganisation(page_id=page.pk, organisation=rng.choice(funders), role=Role.FUNDER))
        for _ in range(rng.randint(1, 2)):
            sources.append(
                PracticeSource(page_id=page.pk, kind=rng.choice(SourceKind.values), title="Synthetic source")
            )
        theme_links += [through["themes"](practicepage_id=page.pk, theme=t) for t in _sample(rng, themes, 2, 5)]
        group_links += [
            through["target_groups"](practicepage_id=page.pk, targetgroup=g) for g in _sample(rng, groups, 1, 3)
        ]
        audience_links += [
            through["transfer_audiences"](practicepage_id=page.pk, transferaudience=a)
            for a in _sample(rng, audiences, 0, 3)
        ]
        if rng.random() < 0.4:
            programme_links.append(through["programmes"](practicepage_id=page.pk, programme=rng.choice(programmes)))
    PracticePlace.objects.bulk_create(places)
    PracticeOrganisation.objects.bulk_create(roles)
    PracticeSource.objects.bulk_create(sources)
    for model, links in zip(through.values(), (theme_links, group_links, audience_links, programme_links), strict=True):
        model.objects.bulk_create(links)
    return len(pages)
