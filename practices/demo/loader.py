"""Load the demo practices from ``practices.yaml`` into a fresh or existing site.

YAML → ``PracticeRecord`` → ``PracticeWriter``: the same writer as the importers. Idempotent by design:
pages are matched on slug and locale, organisations on name, programmes on slug. Existing pages are never
overwritten (an editor may have changed them since the last load); missing translations are added.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from practices.localize import TranslationMismatchError, translate_page
from practices.models import HomePage, Organisation, PracticeIndexPage, PracticePage, Programme
from practices.records import (
    MARKUP_HTML,
    AwardRecord,
    ContactRecord,
    OrganisationRecord,
    OutcomeRecord,
    PlaceRecord,
    PracticeRecord,
    PrerequisiteRecord,
    PrerequisiteText,
    QuoteRecord,
    ReplicationRecord,
    ResourceRecord,
    SourceRecord,
    TransferRecord,
    TranslationRecord,
)
from practices.writing import TRANSFER_FIELDS, PracticeWriter, RecordError

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


def _date(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return datetime.date.fromisoformat(str(value)).isoformat()


def _load_organisations(data: dict, writer: PracticeWriter) -> tuple[dict[str, OrganisationRecord], int]:
    """The file's organisations, created through the writer where they are new; records by key."""
    before = Organisation.objects.count()
    organisations = {}
    for item in data.get("organisations", []):
        organisation = OrganisationRecord(
            name=item["name"],
            short_name=item.get("short_name") or "",
            type=item.get("type") or "",
            website=item.get("website") or "",
            city=item.get("city") or "",
            country=item.get("country") or "",
        )
        try:
            if writer.organisation(organisation) is None:
                raise RecordError(f"its name “{item['name']}” cannot be an organisation's name")
        except (RecordError, ValidationError) as error:
            raise DemoDataError(f"organisation {item['key']}: {error}") from error
        organisations[item["key"]] = organisation
        if item.get("names"):
            # an editor's names win: only an organisation without names of its own gets the file's
            Organisation.objects.filter(name=organisation.name, names={}).update(names=dict(item["names"]))
    return organisations, Organisation.objects.count() - before


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


def practice_record(item: dict, organisations: dict[str, OrganisationRecord], programmes: dict) -> PracticeRecord:
    """One practice of the demo file as a record; its story texts are HTML written for this project."""
    where = f"practice {item.get('slug')}"
    try:
        return PracticeRecord(
            markup=MARKUP_HTML,
            slug=item["slug"],
            title=item["title"],
            short_name=item.get("short_name") or "",
            summary=item["summary"].strip(),
            status=item.get("status") or "running",
            start_year=item.get("start_year"),
            end_year=item.get("end_year"),
            last_verified=_date(item.get("last_verified")),
            **_texts(item),
            themes=list(item.get("themes") or []),
            target_groups=list(item.get("target_groups") or []),
            transfer_audiences=list(item.get("transfer_audiences") or []),
            programmes=[programmes[key].name for key in item.get("programmes") or []],
            places=[
                PlaceRecord(
                    city=p.get("city") or "",
                    region=p.get("region") or "",
                    country=p["country"],
                    latitude=p.get("latitude"),
                    longitude=p.get("longitude"),
                )
                for p in item["places"]
            ],
            replications=[
                ReplicationRecord(
                    city=p.get("city") or "",
                    region=p.get("region") or "",
                    country=p.get("country") or "",
                    year=p.get("year"),
                )
                for p in item.get("replicated_in") or []
            ],  # fmt: skip
            organisations=[
                replace(
                    organisations[o["org"]], role=o["role"], since_year=o.get("since_year"), note=o.get("note") or ""
                )
                for o in item.get("organisations") or []
            ],
            awards=[
                AwardRecord(a["name"], a.get("year"), a.get("awarding_body") or "") for a in item.get("awards") or []
            ],
            contacts=[
                ContactRecord(
                    name=c["name"],
                    function=c.get("function") or "",
                    organisation=c.get("organisation") or "",
                    email=c.get("email") or "",
                    phone=str(c.get("phone") or ""),
                    address=c.get("address") or "",
                    publish=bool(c.get("publish", False)),
                )
                for c in item.get("contacts") or []
            ],
            sources=[
                SourceRecord(
                    kind=s.get("kind") or "other",
                    title=s.get("title") or "",
                    url=s.get("url") or "",
                    publisher=s.get("publisher") or "",
                    date=_date(s.get("date")),
                    last_updated=_date(s.get("last_updated")),
                    contributed_by=s.get("contributed_by") or "",
                    retrieved_at=_date(s.get("retrieved_at")),
                    raw_text=s.get("raw_text") or "",
                )
                for s in item.get("sources") or []
            ],
            translations={code: _translation(fields) for code, fields in (item.get("translations") or {}).items()},
            transfer=_transfer(item.get("transfer") or {}, where),
        )
    except KeyError as error:
        raise DemoDataError(f"{where}: missing or unknown {error}") from error


def _transfer(facts: dict, where: str) -> TransferRecord:
    """The ``transfer:`` block of a practice. The founding cases carry only what their sources say (setting,
    partners, group size); the figures of the fictional practices are invented but plausible."""
    names = {f.name for f in dataclasses.fields(TransferRecord)}
    unknown = set(facts) - names
    if unknown:
        raise DemoDataError(f"{where}: unknown transfer facts {', '.join(sorted(unknown))}")
    prerequisites = [
        PrerequisiteRecord(
            kind=p["kind"], condition=p["condition"], essential=bool(p.get("essential", True)), note=p.get("note") or ""
        )
        for p in facts.get("prerequisites") or []
    ]
    return TransferRecord(**{**facts, "prerequisites": prerequisites})


def _outcome(item: dict) -> OutcomeRecord:
    return OutcomeRecord(
        item.get("text") or "", item.get("evidence_level") or "described", str(item.get("indicator") or "")
    )


def _resource(item: dict) -> ResourceRecord:
    return ResourceRecord(item.get("title") or "", item.get("description") or "", item.get("url") or "")


def _texts(fields: dict) -> dict:
    """The story texts of a practice or of its translation (HTML written for this project)."""
    return {
        "challenge": fields.get("challenge") or "",
        "approach": fields.get("approach") or "",
        "results": fields.get("results") or "",
        "lessons": [fields["lessons"]] if fields.get("lessons") else [],
        "transfer_conditions": fields.get("transfer_conditions") or "",
        "outcomes": [_outcome(o) for o in fields.get("outcomes") or []],
        "quotes": [QuoteRecord(q.get("quote") or "", q.get("attribution") or "") for q in fields.get("quotes") or []],
        "resources": [_resource(r) for r in fields.get("resources") or []],
    }


def _translation(fields: dict) -> TranslationRecord:
    """A ``translations.<code>`` block: what it leaves out stays in the source language, "to translate"."""
    return TranslationRecord(
        markup=MARKUP_HTML,
        title=(fields.get("title") or "").strip(),
        summary=(fields.get("summary") or "").strip(),
        **_texts(fields),
        cost_covers=(fields.get("cost_covers") or "").strip(),
        staff_roles=(fields.get("staff_roles") or "").strip(),
        prerequisites=[
            PrerequisiteText(condition=p.get("condition") or "", note=p.get("note") or "")
            for p in fields.get("prerequisites") or []
        ],
    )


def _complete_transfer_facts(writer: PracticeWriter, page: PracticePage, record: PracticeRecord) -> None:
    """A demo practice loaded before transfer facts existed gets them, unless an editor has a draft."""
    if record.transfer.is_empty() or page.has_transfer_facts or page.has_unpublished_changes:
        return
    writer.update(page, PracticeRecord(transfer=record.transfer), publish=True, fields=TRANSFER_FIELDS)


def load_demo(path: Path = DEMO_FILE, log: Callable[[str], Any] | None = None) -> LoadReport:
    if not path.exists():
        raise DemoDataError(f"Demo file not found: {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    report = LoadReport()
    writer = PracticeWriter(strict=True)
    with transaction.atomic():
        home, index = ensure_site_structure()
        organisations, report.organisations = _load_organisations(data, writer)
        programmes = _load_programmes(data)
        for item in data.get("practices", []):
            record = practice_record(item, organisations, programmes)
            page = PracticePage.objects.child_of(index).filter(slug=record.slug).first()
            try:
                if page is None:
                    page = writer.create(record, index, publish=True).page
                    report.created += 1
                else:
                    report.kept += 1
                    _complete_transfer_facts(writer, page, record)
                report.translated += writer.write_translations(page, record)
            except (RecordError, TranslationMismatchError, ValidationError) as error:
                raise DemoDataError(f"practice {record.slug}: {error}") from error
    if log:
        log(f"Site: {home.title} → {index.url_path}")
    return report
