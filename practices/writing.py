"""The one writer: turns a ``PracticeRecord`` into a practice page, its revisions and its translations.

Every path that writes practices goes through :class:`PracticeWriter`: the importers, the demo loader,
the search benchmark (``bulk_create``) and the test factories. What it guarantees on every path:

- addresses that come from outside (sources, resources, organisation websites) are stored only when they
  are http(s); anything else is left out with a warning;
- an organisation's name never holds an e-mail address, phone number or web address;
- contacts stay unpublished unless the record says otherwise (imports never do);
- imported text is plain text, escaped into paragraphs; only records with ``markup="html"`` carry HTML.

Three ways to write a record onto a page:

- ``create``: a new page under a practice index, as a draft submitted to moderation or published;
- ``update``: a new revision that overwrites the facts the record brings (optionally only ``fields``);
- ``merge``: a new revision that only fills what is empty and adds what is missing.

Lists (places, organisations, contacts, sources...) are only ever added to, never removed from.
Translations go through wagtail-localize (``practices.localize.translate_page``), so the translation
editor can sync them later.
"""

from __future__ import annotations

import datetime
import html
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Revision

from practices import changes
from practices.blocks import PREREQUISITE_KINDS
from practices.choices import Status
from practices.localize import translate_page
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeAward,
    PracticeContact,
    PracticeIndexPage,
    PracticeOrganisation,
    PracticePage,
    PracticePlace,
    PracticeSource,
    Programme,
    ReplicationPlace,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.records import (
    MARKUP_HTML,
    OrganisationRecord,
    PracticeRecord,
    SourceRecord,
    TransferRecord,
    TranslationRecord,
)
from practices.validators import is_http_url, organisation_name_problem, validate_country_code

# The page fields a record can overwrite (lists are only added to).
SCALAR_FIELDS = ("title", "short_name", "summary", "status", "start_year", "end_year", "last_verified")
PROSE_FIELDS = ("challenge", "approach", "results", "lessons", "transfer_conditions", "outcomes", "voices", "resources")
TRANSFER_FIELDS = (
    "cost_amount",
    "cost_currency",
    "cost_period",
    "cost_covers",
    "funding_months",
    "staff_fte",
    "staff_roles",
    "participants",
    "participants_period",
    "population",
    "setting",
    "prerequisites",
)
OVERWRITABLE_FIELDS = SCALAR_FIELDS + PROSE_FIELDS + TRANSFER_FIELDS
TERM_FIELDS = (("themes", Theme), ("target_groups", TargetGroup), ("transfer_audiences", TransferAudience))

FindOrganisation = Callable[[OrganisationRecord], "Organisation | None"]


class RecordError(ValueError):
    """A record refers to something that does not exist (strict writers only) or cannot be written."""


@dataclass
class WriteResult:
    page: PracticePage
    revision: Revision | None
    created: bool = False
    fields: list[str] = field(default_factory=list)  # the overwritable fields this write set
    warnings: list[str] = field(default_factory=list)


class PracticeWriter:
    """Writes records as ``user``.

    ``find_organisation`` recognises an existing organisation for a record (the importers pass their
    fuzzy name matcher); by default an organisation is the one with the same name or acronym. A
    ``strict`` writer refuses records naming unknown vocabulary terms or organisation types instead of
    leaving them out with a warning (the demo file must be right).
    """

    def __init__(
        self,
        *,
        user: AbstractBaseUser | None = None,
        find_organisation: FindOrganisation | None = None,
        strict: bool = False,
    ) -> None:
        self.user = user if getattr(user, "pk", None) else None
        self.find_organisation = find_organisation or _same_name_organisation
        self.strict = strict

    # Pages ----------------------------------------------------------------------------------------

    def create(self, record: PracticeRecord, parent: PracticeIndexPage, *, publish: bool = False) -> WriteResult:
        """A new practice under ``parent``: published, or a draft submitted to moderation."""
        warnings: list[str] = []
        with transaction.atomic():  # a record that fails validation leaves nothing behind
            page = PracticePage(locale=parent.locale, live=False)
            page.slug = record.slug or _unique_slug(parent, record.short_name or record.title)
            written = self._apply(page, record, overwrite=True, only=None, warnings=warnings)
            parent.add_child(instance=page)
            revision = page.save_revision(user=self.user, log_action=True)
            self.finish(page, revision, publish=publish)
        return WriteResult(page, revision, True, written, warnings)

    def update(
        self, page: PracticePage, record: PracticeRecord, *, publish: bool = False, fields: Iterable[str] | None = None
    ) -> WriteResult:
        """A new revision on top of the latest one, overwriting the record's facts (only ``fields`` if given)."""
        return self._revise(
            page, record, overwrite=True, only=set(fields) if fields is not None else None, publish=publish
        )

    def merge(self, page: PracticePage, record: PracticeRecord, *, publish: bool = False) -> WriteResult:
        """A new revision on top of the latest one that fills gaps only: nothing already there changes."""
        return self._revise(page, record, overwrite=False, only=None, publish=publish)

    def _revise(
        self, page: PracticePage, record: PracticeRecord, *, overwrite: bool, only: set[str] | None, publish: bool
    ) -> WriteResult:
        draft = page.get_latest_revision_as_object()
        warnings: list[str] = []
        with transaction.atomic():
            written = self._apply(draft, record, overwrite=overwrite, only=only, warnings=warnings)
            revision = draft.save_revision(user=self.user, log_action=True)
            self.finish(draft, revision, publish=publish)
        return WriteResult(draft, revision, False, written, warnings)

    def finish(self, page: Page, revision: Revision, *, publish: bool) -> None:
        """Publish the revision, or submit the page to its moderation workflow (if it has one)."""
        if publish:
            revision.publish(user=self.user)
            page.refresh_from_db()
            return
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, self.user)

    # Translations -------------------------------------------------------------------------------

    def translate(
        self,
        page: PracticePage,
        locale: Locale,
        texts: TranslationRecord,
        *,
        publish: bool = False,
        exact: bool = True,
        keep_existing: bool = False,
        sources: list[SourceRecord] | None = None,
    ) -> WriteResult:
        """The translation of ``page`` into ``locale`` with ``texts``, through wagtail-localize.

        ``exact`` texts have the source's shape (as many paragraphs, list items, outcomes...) and are
        recorded string by string; otherwise (an imported text in another language) the fields whose
        shape differs are written onto the translated page as they are. ``keep_existing`` leaves a
        translation that already exists as it is (an editor may have worked on it).
        """
        warnings: list[str] = []

        def write(instance: Page) -> None:
            _apply_texts(instance, texts)

        existed = page.get_translation_or_none(locale) is not None
        target, created = translate_page(page, locale, write, strict=exact, keep_existing=keep_existing, publish=False)
        if existed and keep_existing:
            return WriteResult(target, None, created, [], warnings)
        draft = target.get_latest_revision_as_object()
        if not exact:
            _apply_texts(draft, texts)
        if sources:
            self._add_sources(draft, sources, warnings)
        if not exact or sources or draft.latest_revision_id is None:
            revision = draft.save_revision(user=self.user, log_action=True)
        else:
            revision = draft.latest_revision
        self.finish(draft, revision, publish=publish)
        return WriteResult(draft, revision, created, [], warnings)

    def write_translations(self, page: PracticePage, record: PracticeRecord, *, publish: bool = True) -> int:
        """Every translation the record brings (``record.translations``); returns how many were created."""
        created = 0
        for code, texts in record.translations.items():
            locale = Locale.objects.get_or_create(language_code=code)[0]
            created += self.translate(page, locale, texts, publish=publish, keep_existing=True).created
        return created

    # Many pages at once ---------------------------------------------------------------------------

    def bulk_create(self, records: list[PracticeRecord], parent: PracticeIndexPage) -> list[PracticePage]:
        """Published practices under ``parent`` in bulk, without revisions or signals (benchmarks, large loads).

        The same mapping as ``create``; organisations, programmes and terms must exist already (they are
        looked up by name and slug; unknown ones are left out). Pages and their rows are inserted a batch
        of rows per statement; the change feed notes the new practices, and the search documents are left
        to the caller (``search.documents.rebuild``), which writes them in bulk.
        """
        parent = Page.objects.get(pk=parent.pk)
        now = timezone.now()
        content_type = ContentType.objects.get_for_model(PracticePage)
        pages = []
        for offset, record in enumerate(records):
            number = parent.numchild + offset + 1
            page = _new_page(record, parent.locale)
            page.slug = record.slug or f"{slugify(record.title)[:60] or 'practice'}-{number}"
            page.draft_title = page.title
            page.content_type = content_type
            page.translation_key = uuid.uuid4()
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = now - datetime.timedelta(minutes=number)
            page.last_published_at = now
            page.path = PracticePage._get_path(parent.path, parent.depth + 1, number)
            page.depth, page.numchild = parent.depth + 1, 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.evidence_level = page.best_evidence_level()
            pages.append(page)
        with transaction.atomic():
            # Multi-table inheritance: the page rows in bulk, then each practice row (raw: no parents, no signals).
            base_rows = Page.objects.bulk_create(
                Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"})
                for p in pages
            )
            for page, base in zip(pages, base_rows, strict=True):
                page.pk = page.page_ptr_id = page.id = base.pk
            _insert_practice_rows(pages)
            Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
            _bulk_children(list(zip(pages, records, strict=True)))
            changes.record(page.pk for page in pages)  # more than a few: one "everything changed"
        return pages

    # Organisations --------------------------------------------------------------------------------

    def organisation(self, item: OrganisationRecord, warnings: list[str] | None = None) -> Organisation | None:
        """The organisation a record names, created if it is new; None if its name cannot be one."""
        warnings = warnings if warnings is not None else []
        name = " ".join(item.name.split())[:255]
        problem = organisation_name_problem(name)
        if not name or problem:
            warnings.append(f"organisation “{name}” left out: the name holds {problem or 'nothing'}")
            return None
        found = self.find_organisation(OrganisationRecord(**{**item.__dict__, "name": name}))
        if found is not None:
            return found
        org_type = None
        if item.type:
            org_type = OrganisationType.objects.filter(slug=item.type, locale=Locale.get_default()).first()
            if org_type is None:
                self._unknown(f"organisation {name}: unknown type {item.type}", warnings)
        organisation = Organisation(
            name=name,
            short_name=item.short_name[:60],
            organisation_type=org_type,
            website=self._http(item.website, f"website of {name}", warnings),
            city=item.city[:120],
            country=item.country if _valid_country(item.country) else "",
        )
        organisation.full_clean()
        organisation.save()
        return organisation

    # Mapping --------------------------------------------------------------------------------------

    def _apply(
        self, page: PracticePage, record: PracticeRecord, *, overwrite: bool, only: set[str] | None, warnings: list[str]
    ) -> list[str]:
        written: list[str] = []
        self._check_transfer(record, warnings)
        for name, value in _field_values(record).items():
            if value in (None, "", []):
                continue
            allowed = overwrite and (only is None or name in only)
            if allowed or not getattr(page, name):
                setattr(page, name, value)
                written.append(name)
        for item in record.resources:
            self._http(item.url, f"resource “{item.title}”", warnings)
        self._add_terms(page, record, warnings)
        self._add_programmes(page, record)
        self._add_places(page, record, warnings)
        self._add_organisations(page, record, warnings)
        self._add_contacts(page, record)
        self._add_awards(page, record)
        self._add_sources(page, record.sources, warnings)
        return written

    def _check_transfer(self, record: PracticeRecord, warnings: list[str]) -> None:
        """Leave out prerequisites of an unknown kind or naming an unknown organisation type."""
        kept = []
        types = None
        for item in record.transfer.prerequisites:
            if item.kind not in PREREQUISITE_KINDS:
                self._unknown(f"unknown prerequisite kind {item.kind}", warnings)
                continue
            if item.kind == "partner":
                if types is None:
                    types = set(
                        OrganisationType.objects.filter(locale=Locale.get_default()).values_list("slug", flat=True)
                    )
                if item.condition not in types:
                    self._unknown(f"prerequisite: unknown organisation type {item.condition}", warnings)
                    continue
            if not item.condition.strip():
                continue
            kept.append(item)
        record.transfer.prerequisites = kept

    def _http(self, url: str, what: str, warnings: list[str]) -> str:
        url = (url or "").strip()
        if url and not is_http_url(url):
            warnings.append(f"{what}: “{url[:80]}” is not an http(s) address and was left out")
            return ""
        return url

    def _unknown(self, message: str, warnings: list[str]) -> None:
        if self.strict:
            raise RecordError(message)
        warnings.append(message)

    def _add_terms(self, page: PracticePage, record: PracticeRecord, warnings: list[str]) -> None:
        default = Locale.get_default()
        for field_name, model in TERM_FIELDS:
            slugs = getattr(record, field_name)
            if not slugs:
                continue
            current = list(getattr(page, field_name).all())
            found = {term.slug: term for term in model.objects.filter(locale=default, slug__in=slugs)}
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                self._unknown(f"unknown {model._meta.verbose_name} {', '.join(missing)}", warnings)
            have = {term.slug for term in current}
            new = [found[slug] for slug in dict.fromkeys(slugs) if slug in found and slug not in have]
            if new:
                setattr(page, field_name, current + new)

    def _add_programmes(self, page: PracticePage, record: PracticeRecord) -> None:
        if not record.programmes:
            return
        current = list(page.programmes.all())
        for name in record.programmes:
            programme = _programme(name)
            if programme not in current:
                current.append(programme)
        page.programmes = current

    def _add_places(self, page: PracticePage, record: PracticeRecord, warnings: list[str]) -> None:
        current = list(page.places.all())
        for place in record.places:
            if not _valid_country(place.country):
                warnings.append(f"place “{place.city or place.region}” has no country and was left out")
                continue
            if any(p.country == place.country and p.city.casefold() == place.city.casefold() for p in current):
                continue
            current.append(
                PracticePlace(
                    city=place.city[:120],
                    region=place.region[:120],
                    country=place.country,
                    latitude=place.latitude,
                    longitude=place.longitude,
                )
            )
        page.places = current
        if not current:
            warnings.append("no place found: add at least one before publishing")
        replications = list(page.replicated_in.all())
        for place in record.replications:
            if not _valid_country(place.country):
                warnings.append(f"replicated in “{place.city}”: no country, left out")
                continue
            if any(r.city.casefold() == place.city.casefold() for r in replications):
                continue
            replications.append(
                ReplicationPlace(
                    city=place.city[:120], region=place.region[:120], country=place.country, year=place.year
                )
            )
        page.replicated_in = replications

    def _add_organisations(self, page: PracticePage, record: PracticeRecord, warnings: list[str]) -> None:
        if not record.organisations:
            return
        links = list(page.organisation_roles.all())
        for item in record.organisations:
            organisation = self.organisation(item, warnings)
            if organisation is None:
                continue
            if any(link.organisation_id == organisation.pk and link.role == item.role for link in links):
                continue
            links.append(
                PracticeOrganisation(
                    organisation=organisation, role=item.role, since_year=item.since_year, note=item.note[:255]
                )
            )
        page.organisation_roles = links

    def _add_contacts(self, page: PracticePage, record: PracticeRecord) -> None:
        if not record.contacts:
            return
        contacts = list(page.contacts.all())
        for item in record.contacts:
            if not item.name or any(c.name == item.name for c in contacts):
                continue
            contacts.append(
                PracticeContact(
                    name=item.name[:160],
                    function=item.function[:160],
                    organisation=item.organisation[:255],
                    email=item.email[:254],
                    phone=item.phone[:60],
                    postal_address=item.address,
                    publish=item.publish,
                )
            )
        page.contacts = contacts

    def _add_awards(self, page: PracticePage, record: PracticeRecord) -> None:
        if not record.awards:
            return
        awards = list(page.awards.all())
        for item in record.awards:
            if not any(a.name == item.name and a.year == item.year for a in awards):
                awards.append(
                    PracticeAward(name=item.name[:255], year=item.year, awarding_body=item.awarding_body[:255])
                )
        page.awards = awards

    def _add_sources(self, page: PracticePage, items: list[SourceRecord], warnings: list[str]) -> None:
        if not items:
            return
        sources = list(page.sources.all())
        for item in items:
            url = self._http(item.url, f"source {item.file or item.title}", warnings)
            # A changed text from the same address replaces the old one; the import log keeps the history.
            sources = [s for s in sources if not (url and s.url == url and s.sha256 != item.sha256)]
            if any(_source_key(s.sha256, s.kind, s.url, s.title) == _source_key(item.sha256, item.kind, url, item.title)
                   for s in sources):  # fmt: skip
                continue
            sources.append(_source(item, url))
        page.sources = sources


# Helpers shared by create and bulk_create -------------------------------------------------------------


def _field_values(record: PracticeRecord) -> dict[str, object]:
    """The overwritable page fields as the record gives them (empty: the record does not say)."""
    return {
        "title": record.title[:255],
        "short_name": record.short_name[:80],
        "summary": record.summary.strip(),
        "status": record.status,
        "start_year": record.start_year,
        "end_year": record.end_year,
        "last_verified": _date(record.last_verified),
        "challenge": _rich(record.challenge, record.markup),
        "approach": _rich(record.approach or record.description, record.markup),
        "results": _rich(record.results, record.markup),
        "lessons": _rich_list(record.lessons, record.markup),
        "transfer_conditions": _rich(record.transfer_conditions, record.markup),
        "outcomes": [
            ("outcome", {"text": o.text, "evidence_level": o.evidence_level, "indicator": o.indicator})
            for o in record.outcomes
        ],
        "voices": [("quote", {"quote": q.quote, "attribution": q.attribution}) for q in record.quotes],
        "resources": [
            ("resource", {"title": r.title, "description": r.description, "url": r.url if is_http_url(r.url) else ""})
            for r in record.resources
        ],
        **_transfer_values(record.transfer),
    }


def _transfer_values(transfer: TransferRecord) -> dict[str, object]:
    def decimal(value) -> Decimal | None:
        return Decimal(str(value)) if value is not None else None

    return {
        "cost_amount": decimal(transfer.cost_amount),
        "cost_currency": transfer.cost_currency,
        "cost_period": transfer.cost_period,
        "cost_covers": transfer.cost_covers[:255],
        "funding_months": transfer.funding_months,
        "staff_fte": decimal(transfer.staff_fte),
        "staff_roles": transfer.staff_roles[:255],
        "participants": transfer.participants,
        "participants_period": transfer.participants_period,
        "population": transfer.population,
        "setting": transfer.setting,
        "prerequisites": [
            (
                item.kind,
                {
                    "kind" if item.kind == "partner" else "condition": item.condition[:255],
                    "essential": item.essential,
                    "note": item.note,
                },
            )
            for item in transfer.prerequisites
            if item.kind in PREREQUISITE_KINDS
        ],
    }


def _new_page(record: PracticeRecord, locale: Locale) -> PracticePage:
    values = {name: value for name, value in _field_values(record).items() if value not in (None, "", [])}
    values.setdefault("status", Status.RUNNING)
    return PracticePage(locale=locale, **values)


def _apply_texts(page: PracticePage, texts: TranslationRecord) -> None:
    """Put translated texts onto a copy of the source page; lists item by item, in the source's order."""
    values = {
        "title": texts.title.strip(),
        "summary": texts.summary.strip(),
        "challenge": _rich(texts.challenge, texts.markup),
        "approach": _rich(texts.approach, texts.markup),
        "results": _rich(texts.results, texts.markup),
        "lessons": _rich_list(texts.lessons, texts.markup),
        "transfer_conditions": _rich(texts.transfer_conditions, texts.markup),
        "cost_covers": texts.cost_covers.strip(),
        "staff_roles": texts.staff_roles.strip(),
    }
    for name, value in values.items():
        if value:
            setattr(page, name, value)
    streams = (
        (page.outcomes, [{"text": o.text, "indicator": o.indicator} for o in texts.outcomes]),
        (page.voices, [{"quote": q.quote, "attribution": q.attribution} for q in texts.quotes]),
        (page.resources, [{"title": r.title, "description": r.description} for r in texts.resources]),
        (page.prerequisites, [{"condition": p.condition, "note": p.note} for p in texts.prerequisites]),
    )
    for stream, translated in streams:
        for block, fields in zip(stream, translated, strict=False):
            for name, value in fields.items():
                if value and name in block.value:
                    block.value[name] = value


def _insert_practice_rows(pages: list[PracticePage]) -> None:
    """The ``practices_practicepage`` rows of pages whose ``wagtailcore_page`` rows exist (multi-table
    inheritance, which ``bulk_create`` refuses): a batch per INSERT, no ``save()``, no signals."""
    fields = PracticePage._meta.local_concrete_fields
    manager = PracticePage._base_manager
    batch = max(1, connections[manager.db].ops.bulk_batch_size(fields, pages))
    for start in range(0, len(pages), batch):
        manager._insert(pages[start : start + batch], fields=fields, raw=True)


def _bulk_children(pairs: list[tuple[PracticePage, PracticeRecord]]) -> None:
    default = Locale.get_default()
    organisations = {o.name: o for o in Organisation.objects.all()}
    programmes = {p.name: p for p in Programme.objects.all()}
    terms = {name: {t.slug: t for t in model.objects.filter(locale=default)} for name, model in TERM_FIELDS}
    through = {
        name: PracticePage._meta.get_field(name).remote_field.through
        for name in ("themes", "target_groups", "transfer_audiences", "programmes")
    }
    rows: dict[type, list] = {model: [] for model in (PracticePlace, PracticeOrganisation, PracticeSource)}
    links: dict[str, list] = {name: [] for name in through}
    for page, record in pairs:
        rows[PracticePlace] += [
            PracticePlace(
                page_id=page.pk,
                city=p.city,
                region=p.region,
                country=p.country,
                latitude=_coordinate(p.latitude),
                longitude=_coordinate(p.longitude),
            )
            for p in record.places
        ]
        rows[PracticeOrganisation] += [
            PracticeOrganisation(page_id=page.pk, organisation=organisations[o.name], role=o.role)
            for o in record.organisations
            if o.name in organisations
        ]
        rows[PracticeSource] += [
            _source(s, s.url if is_http_url(s.url) else "", page_id=page.pk) for s in record.sources
        ]
        for name, model in TERM_FIELDS:
            key = model._meta.model_name
            links[name] += [
                through[name](practicepage_id=page.pk, **{key: terms[name][slug]})
                for slug in getattr(record, name)
                if slug in terms[name]
            ]
        links["programmes"] += [
            through["programmes"](practicepage_id=page.pk, programme=programmes[name])
            for name in record.programmes
            if name in programmes
        ]
    for model, objects in rows.items():
        model.objects.bulk_create(objects)
    for name, objects in links.items():
        through[name].objects.bulk_create(objects)


def _source(item: SourceRecord, url: str, **extra) -> PracticeSource:
    return PracticeSource(
        kind=item.kind or "other",
        title=item.title[:255],
        url=url[:500],
        publisher=item.publisher[:255],
        date_on_source=_date(item.date),
        source_last_updated=_date(item.last_updated),
        contributed_by=item.contributed_by[:255],
        retrieved_at=_datetime(item.retrieved_at) or timezone.now(),
        raw_text=item.raw_text,
        sha256=item.sha256,
        file_name=item.file[:255],
        **extra,
    )


def _source_key(sha256: str, kind: str, url: str, title: str) -> tuple:
    return (sha256,) if sha256 else (kind, url, title)


def _same_name_organisation(item: OrganisationRecord) -> Organisation | None:
    found = Organisation.objects.filter(name__iexact=item.name).first()
    if found is None and item.short_name:
        found = Organisation.objects.filter(short_name=item.short_name, name__iexact=item.short_name).first()
    return found


def _programme(name: str) -> Programme:
    folded = name.casefold()
    for programme in Programme.objects.all():
        if folded in (programme.name.casefold(), programme.short_name.casefold()):
            return programme
    short = name if len(name) <= 12 else ""
    slug = slugify(name)[:70] or "programme"
    while Programme.objects.filter(slug=slug).exists():
        slug = f"{slug}-x"
    return Programme.objects.create(name=name[:255], short_name=short, slug=slug)


def _coordinate(value: float | None) -> Decimal | None:
    return round(Decimal(str(value)), 6) if value is not None else None


def _valid_country(code: str) -> bool:
    try:
        validate_country_code(code)
    except ValidationError:
        return False
    return True


def _rich(text: str, markup: str) -> str:
    if markup == MARKUP_HTML:
        return (text or "").strip()
    return plain_text_to_rich_text(text)


def plain_text_to_rich_text(text: str) -> str:
    """Plain text as rich text: one escaped paragraph per blank-line-separated block."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)


def _rich_list(items: list[str], markup: str) -> str:
    items = [i.strip() for i in items if i and i.strip()]
    if markup == MARKUP_HTML:
        return "".join(items)
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>" if items else ""


def _date(value: str | datetime.date | None) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _datetime(value: str) -> datetime.datetime | None:
    day = _date(value)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC) if day else None


def _unique_slug(parent: Page, text: str) -> str:
    base = slugify(text)[:70] or "practice"
    slug, number = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
