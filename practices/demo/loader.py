"""Load the demo practices from ``practices.yaml`` into a fresh or existing site.

Idempotent by design: pages are matched on slug and locale, organisations on name, programmes on slug.
Existing records are never overwritten (an editor may have changed them since the last load).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from practices.localize import TranslationMismatchError, translate_page
from practices.models import (
    HomePage,
    Organisation,
    OrganisationType,
    PracticeIndexPage,
    PracticePage,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.models.related import (
    PracticeAward,
    PracticeContact,
    PracticeOrganisation,
    PracticePlace,
    PracticeSource,
    ReplicationPlace,
)

DEMO_FILE = Path(__file__).with_name("practices.yaml")

SITE_TEXT = {
    "en": {
        "home_title": "Good practices for labour-market integration",
        "home_intro": (
            "Praxis collects practices that helped migrants and refugees into work, described as structured "
            "records so that job centres, municipalities, employers and NGOs can find what they could adopt."
        ),
        "index_title": "Practices",
        "index_intro": "Browse and filter practices by place, theme, target group and more.",
    },
    "de": {
        "home_title": "Gute Praxis für die Arbeitsmarktintegration",
        "home_intro": (
            "Praxis sammelt Ansätze, die Zugewanderten und Geflüchteten den Weg in Arbeit geebnet haben, als "
            "strukturierte Datensätze, damit Jobcenter, Kommunen, Arbeitgeber und NGOs Übertragbares finden."
        ),
        "index_title": "Praxisbeispiele",
        "index_intro": "Praxisbeispiele nach Ort, Thema, Zielgruppe und mehr durchsuchen und filtern.",
    },
}

TRANSLATABLE_TEXT_FIELDS = ("title", "summary", "challenge", "approach", "results", "lessons", "transfer_conditions")


class DemoDataError(Exception):
    """The demo file is missing or refers to something that does not exist."""


@dataclass
class LoadReport:
    created: int = 0
    kept: int = 0
    translated: int = 0
    organisations: int = 0


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def ensure_site_structure() -> tuple[HomePage, PracticeIndexPage]:
    """Home page and practice index in the default locale (plus German translations), wired to the site."""
    english = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page if it is still untouched.
        placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if placeholder is not None:
            placeholder.delete()
            root.refresh_from_db()
        text = SITE_TEXT["en"]
        home = root.add_child(
            instance=HomePage(title=text["home_title"], slug="home", intro=text["home_intro"], locale=english)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = _site_address()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Praxis")
    elif site.root_page_id != home.pk or (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's initial site is localhost:80; canonical and hreflang links need the real address.
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.site_name = site.site_name or "Praxis"
        site.save()

    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        text = SITE_TEXT["en"]
        index = home.add_child(
            instance=PracticeIndexPage(title=text["index_title"], slug="practices", intro=text["index_intro"])
        )
        index.save_revision().publish()

    for code, text in SITE_TEXT.items():
        if code == english.language_code:
            continue
        locale = _locale(code)
        _ensure_translation(home, locale, {"title": text["home_title"], "intro": text["home_intro"]})
        _ensure_translation(index, locale, {"title": text["index_title"], "intro": text["index_intro"]})
    return home, index


def _site_address() -> tuple[str, int]:
    """Host and port of the site, from ``WAGTAILADMIN_BASE_URL`` (http://127.0.0.1:8000 in development)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)


def _ensure_translation(page: Page, locale: Locale, fields: dict[str, Any]) -> Page:
    def write(translation: Page) -> None:
        for name, value in fields.items():
            setattr(translation, name, value)

    return translate_page(page, locale, write)[0]


def _terms(model, slugs: list[str], where: str) -> list:
    default = Locale.get_default()
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs, locale=default)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise DemoDataError(f"{where}: unknown {model._meta.verbose_name} {', '.join(missing)}")
    return [found[slug] for slug in slugs]


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _datetime(value) -> datetime.datetime | None:
    day = _date(value)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC) if day else None


def _load_organisations(data: dict) -> tuple[dict[str, Organisation], int]:
    default = Locale.get_default()
    types = {term.slug: term for term in OrganisationType.objects.filter(locale=default)}
    organisations, created_count = {}, 0
    for item in data.get("organisations", []):
        org_type = types.get(item.get("type") or "")
        if item.get("type") and org_type is None:
            raise DemoDataError(f"organisation {item['key']}: unknown type {item['type']}")
        organisation, created = Organisation.objects.get_or_create(
            name=item["name"],
            defaults={
                "short_name": item.get("short_name") or "",
                "organisation_type": org_type,
                "website": item.get("website") or "",
                "city": item.get("city") or "",
                "country": item.get("country") or "",
            },
        )
        organisations[item["key"]] = organisation
        created_count += created
    return organisations, created_count


def _load_programmes(data: dict) -> dict[str, Programme]:
    programmes = {}
    for item in data.get("programmes", []):
        programme, _ = Programme.objects.get_or_create(
            slug=slugify(item["key"]),
            defaults={
                "name": item["name"],
                "short_name": item.get("short_name") or "",
                "kind": item.get("kind") or "programme",
                "website": item.get("website") or "",
            },
        )
        programmes[item["key"]] = programme
    return programmes


def build_practice(item: dict, organisations: dict, programmes: dict) -> PracticePage:
    where = f"practice {item.get('slug')}"
    try:
        page = PracticePage(
            title=item["title"],
            slug=item["slug"],
            short_name=item.get("short_name") or "",
            summary=item["summary"].strip(),
            status=item.get("status") or "running",
            start_year=item.get("start_year"),
            end_year=item.get("end_year"),
            last_verified=_date(item.get("last_verified")),
            challenge=item.get("challenge") or "",
            approach=item.get("approach") or "",
            results=item.get("results") or "",
            lessons=item.get("lessons") or "",
            transfer_conditions=item.get("transfer_conditions") or "",
            outcomes=[
                (
                    "outcome",
                    {
                        "text": o["text"],
                        "evidence_level": o.get("evidence_level") or "described",
                        "indicator": o.get("indicator") or "",
                    },
                )
                for o in item.get("outcomes") or []
            ],
            voices=[
                ("quote", {"quote": q["quote"], "attribution": q.get("attribution") or ""})
                for q in item.get("quotes") or []
            ],
            resources=[
                (
                    "resource",
                    {"title": r["title"], "description": r.get("description") or "", "url": r.get("url") or ""},
                )
                for r in item.get("resources") or []
            ],
        )
        page.themes = _terms(Theme, item.get("themes") or [], where)
        page.target_groups = _terms(TargetGroup, item.get("target_groups") or [], where)
        page.transfer_audiences = _terms(TransferAudience, item.get("transfer_audiences") or [], where)
        page.programmes = [programmes[key] for key in item.get("programmes") or []]
        page.places = [
            PracticePlace(
                city=p.get("city") or "",
                region=p.get("region") or "",
                country=p["country"],
                latitude=p.get("latitude"),
                longitude=p.get("longitude"),
            )
            for p in item["places"]
        ]
        page.replicated_in = [
            ReplicationPlace(
                city=p.get("city") or "",
                region=p.get("region") or "",
                country=p.get("country") or "",
                year=p.get("year"),
            )
            for p in item.get("replicated_in") or []
        ]
        page.organisation_roles = [
            PracticeOrganisation(
                organisation=organisations[o["org"]],
                role=o["role"],
                since_year=o.get("since_year"),
                note=o.get("note") or "",
            )
            for o in item.get("organisations") or []
        ]
        page.awards = [
            PracticeAward(name=a["name"], year=a.get("year"), awarding_body=a.get("awarding_body") or "")
            for a in item.get("awards") or []
        ]
        page.contacts = [
            PracticeContact(
                name=c["name"],
                function=c.get("function") or "",
                organisation=c.get("organisation") or "",
                email=c.get("email") or "",
                phone=str(c.get("phone") or ""),
                postal_address=c.get("address") or "",
                publish=bool(c.get("publish", False)),
            )
            for c in item.get("contacts") or []
        ]
        page.sources = [
            PracticeSource(
                kind=s.get("kind") or "other",
                title=s.get("title") or "",
                url=s.get("url") or "",
                publisher=s.get("publisher") or "",
                date_on_source=_date(s.get("date")),
                source_last_updated=_date(s.get("last_updated")),
                contributed_by=s.get("contributed_by") or "",
                retrieved_at=_datetime(s.get("retrieved_at")),
                raw_text=s.get("raw_text") or "",
            )
            for s in item.get("sources") or []
        ]
    except KeyError as error:
        raise DemoDataError(f"{where}: missing or unknown {error}") from error
    return page


def _translate_practice(page: PracticePage, code: str, fields: dict) -> bool:
    """The practice's translation into ``code``, made through wagtail-localize so editors can sync it later.

    The text comes from the item's ``translations.<code>`` block; what it leaves out stays in the source
    language and shows as "to translate" in the translation editor.
    """

    def write(translation: PracticePage) -> None:
        for name in TRANSLATABLE_TEXT_FIELDS:
            if fields.get(name):
                setattr(translation, name, fields[name].strip() if name in ("title", "summary") else fields[name])
        # Lists of blocks are translated item by item, in the source's order (outcomes: text, indicator...).
        streams = {"outcomes": translation.outcomes, "quotes": translation.voices, "resources": translation.resources}
        for key, stream in streams.items():
            for block, translated in zip(stream, fields.get(key) or [], strict=False):
                for name, value in translated.items():
                    if value and name in block.value:
                        block.value[name] = value

    try:
        return translate_page(page, _locale(code), write)[1]
    except TranslationMismatchError as error:
        raise DemoDataError(f"practice {page.slug}: {error}") from error


def load_demo(path: Path = DEMO_FILE, log: Callable[[str], Any] | None = None) -> LoadReport:
    from practices.demo.transfer import apply_transfer_facts, complete_existing  # a step of its own (see there)

    if not path.exists():
        raise DemoDataError(f"Demo file not found: {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    report = LoadReport()
    with transaction.atomic():
        home, index = ensure_site_structure()
        organisations, report.organisations = _load_organisations(data)
        programmes = _load_programmes(data)
        for item in data.get("practices", []):
            existing = PracticePage.objects.child_of(index).filter(slug=item["slug"]).first()
            if existing is None:
                page = build_practice(item, organisations, programmes)
                apply_transfer_facts(page, item.get("transfer"))
                index.add_child(instance=page)
                page.save_revision().publish()
                report.created += 1
            else:
                page = existing
                report.kept += 1
                complete_existing(page, item.get("transfer"))
            for code, fields in (item.get("translations") or {}).items():
                report.translated += _translate_practice(page, code, fields)
    if log:
        log(f"Site: {home.title} → {index.url_path}")
    return report
