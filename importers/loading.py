"""Write parsed practice records into Wagtail, with their provenance: matching and choosing, not writing.

The page itself is written by ``practices.writing.PracticeWriter`` (the one writer). Here: which
practice a record describes, and what to do with it. Every practice is loaded in its own transaction.

Matching uses only evidence an editor can see in the import log:

- the same source text (SHA-256) or the same file, imported into that practice before: the same source;
- the same source address, registered by a previous import of that practice, *and* the documented
  name/organisation/place match: the same source. An address alone is what a document asserts about
  itself; without the rest it is reported for ``review``, never applied;
- the documented name, acronym, organisation and place match (``importers.merge.same_practice``): another
  source of the same practice.

What happens then:

- every source text was imported before: ``unchanged``;
- no practice matches: a new draft submitted to moderation (or published with ``publish=True``): ``created``;
- the same source, changed: a new draft revision that overwrites only the fields this source wrote last
  time and fills empty ones: ``updated``. If a person saved the page since the last import of *this*
  source, nothing is written: ``conflict``. If the change would rename the practice: ``review``;
- another source of a known practice: the source is added and only empty fields are filled: ``merged``;
- in another locale than the default, a match in the default locale becomes the translation of that
  practice (through wagtail-localize) instead of a second practice.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale, Page

from importers.extract.organisations import normalise_name, same_organisation
from importers.extract.places import lookup_city
from importers.merge import same_practice, same_practice_in_another_language
from importers.models import ImportRecord
from importers.vocabulary import Vocabulary
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeIndexPage,
    PracticePage,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.records import ContactRecord, PlaceRecord, PracticeRecord, ReplicationRecord
from practices.records import OrganisationRecord as OrgRecord
from practices.validators import FIRST_YEAR, is_http_url
from practices.writing import OVERWRITABLE_FIELDS, PracticeWriter, WriteResult

SUMMARY_LIMIT = 600
VOCABULARY_MODELS = {
    "target_groups": TargetGroup,
    "themes": Theme,
    "transfer_audiences": TransferAudience,
    "organisation_types": OrganisationType,
}
SAME_TEXT, SAME_FILE, SAME_ADDRESS, SAME_PRACTICE = "same source text", "same file", "same address", "same practice"
# Import records that are evidence of a source belonging to a practice (a review is not).
EVIDENCE = ~Q(status=ImportRecord.Status.REVIEW)


@dataclass
class LoadResult:
    status: str  # created | updated | merged | unchanged | conflict | review
    page: Page | None
    message: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Match:
    page: PracticePage
    how: str  # one of SAME_TEXT, SAME_FILE, SAME_ADDRESS, SAME_PRACTICE
    reason: str = ""
    corroborated: bool = True  # for SAME_ADDRESS: the name/organisation/place match agrees


class LoadError(Exception):
    """A record could not be written; nothing of it was saved."""


def vocabulary_from_database() -> Vocabulary:
    """The vocabularies as editors keep them: labels in every locale plus synonyms, per stable slug."""
    terms: dict[str, list[tuple[str, list[str]]]] = {}
    for name, model in VOCABULARY_MODELS.items():
        phrases: dict[str, list[str]] = {}
        for term in model.objects.all().order_by("locale_id", "pk"):
            phrases.setdefault(term.slug, []).extend([term.name, *term.synonym_list()])
        terms[name] = [(slug, sorted(set(words))) for slug, words in phrases.items()]
    return Vocabulary(terms)


def practice_index(locale: Locale) -> PracticeIndexPage:
    index = PracticeIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise LoadError(f"There is no practice index in locale '{locale.language_code}'; run `manage.py load_demo`.")
    return index


def load_record(
    record: PracticeRecord,
    *,
    locale: Locale | None = None,
    publish: bool = False,
    user: AbstractBaseUser | None = None,
) -> LoadResult:
    """Write one (merged) practice record. Atomic: on any error nothing of it is saved."""
    locale = locale or Locale.get_default()
    writer = PracticeWriter(user=user, find_organisation=find_organisation)
    with transaction.atomic():
        hashes = {source.sha256 for source in record.sources if source.sha256}
        known = ImportRecord.objects.filter(EVIDENCE, sha256__in=hashes, page__locale=locale).exclude(
            status=ImportRecord.Status.CONFLICT
        )
        if hashes and set(known.values_list("sha256", flat=True)) >= hashes:
            return LoadResult("unchanged", known.first().page.specific, "every source was imported before")

        record, warnings = prepare(record)
        match = find_practice(record, locale)
        if match is None and locale != Locale.get_default():
            original = find_practice(
                record, Locale.get_default(), matcher=same_practice_in_another_language, by_source=False
            )
            if original is not None:
                return _translate(writer, record, original, locale, publish, warnings)
        if match is None:
            result = writer.create(record, practice_index(locale), publish=publish)
            _log(result, record, ImportRecord.Status.CREATED, writer)
            return LoadResult("created", result.page, f"created “{result.page.title}”", warnings + result.warnings)
        if match.how == SAME_ADDRESS and not match.corroborated:
            return _not_applied(
                ImportRecord.Status.REVIEW,
                match.page,
                record,
                writer,
                f"the document gives the address of “{match.page.title}” as its own, but its name, organisations "
                "and places do not match that practice; nothing was written. Check the source and import it again "
                "or add it by hand.",
                warnings,
            )
        if match.how == SAME_PRACTICE:
            result = writer.merge(match.page, record, publish=publish)
            _log(result, record, ImportRecord.Status.MERGED, writer)
            message = f"added a source to “{match.page.title}”: {match.reason}"
            return LoadResult("merged", result.page, message, warnings + result.warnings)
        return _update(writer, record, match, publish, warnings)


def prepare(record: PracticeRecord) -> tuple[PracticeRecord, list[str]]:
    """The record as it is written: a summary that fits a card, plausible years, replications resolved."""
    record = copy.deepcopy(record)
    warnings: list[str] = []
    record.summary = _summary(record, warnings)
    record.start_year, record.end_year = _years(record, warnings)
    for organisation in record.organisations:
        organisation.name = normalise_name(organisation.name)
    home_country = next((p.country for p in record.places if p.country), "")
    known = {r.city.casefold() for r in record.replications}
    for name in record.replicated_in:
        if name.casefold() in known:
            continue
        city = lookup_city(name, home_country) or lookup_city(name)
        if city is None:
            warnings.append(f"replicated in “{name}”: place not recognised, left out")
            continue
        record.replications.append(ReplicationRecord(city=name, country=city.country))
        known.add(name.casefold())
    return record, warnings


def find_practice(
    record: PracticeRecord, locale: Locale, matcher: Callable = same_practice, *, by_source: bool = True
) -> Match | None:
    """The practice a record describes, and the evidence: its source imported before, or its facts."""
    if by_source:
        hashes = {s.sha256 for s in record.sources if s.sha256}
        files = {s.file for s in record.sources if s.file}
        addresses = {s.url for s in record.sources if s.url}
        previous = ImportRecord.objects.filter(EVIDENCE, page__locale=locale)
        for how, condition in (
            (SAME_TEXT, Q(sha256__in=hashes)),
            (SAME_FILE, Q(file_name__in=files)),
            (SAME_ADDRESS, Q(source_url__in=addresses)),
        ):
            found = previous.filter(condition).select_related("page").first()
            if found is None:
                continue
            page = found.page.specific
            if how != SAME_ADDRESS:
                return Match(page, how)
            matched, score, reason = matcher(record, _record_of(page.get_latest_revision_as_object()))
            return Match(page, how, reason, corroborated=matched)
    # Only practices sharing an acronym, a city or an organisation can match; score just those.
    shared = Q(short_name__iexact=record.short_name) if record.short_name else Q(pk__in=[])
    cities = [p.city for p in record.places if p.city]
    organisations = [o.name for o in record.organisations if o.role not in ("funder", "network")]
    if cities:
        shared |= Q(places__city__in=cities)
    if organisations:
        shared |= Q(organisation_roles__organisation__name__in=organisations)
    candidates = PracticePage.objects.filter(locale=locale).filter(shared).distinct()
    best: tuple[float, Match | None] = (0.0, None)
    for page in candidates:
        matched, score, reason = matcher(record, _record_of(page.get_latest_revision_as_object()))
        if matched and score > best[0]:
            best = (score, Match(page, SAME_PRACTICE, f"matched “{page.title}” ({reason}, score {score:.2f})"))
    return best[1]


def _record_of(page: PracticePage) -> PracticeRecord:
    return PracticeRecord(
        title=page.title,
        short_name=page.short_name,
        start_year=page.start_year,
        contacts=[ContactRecord(name=c.name) for c in page.contacts.all()],
        places=[PlaceRecord(city=p.city, region=p.region, country=p.country) for p in page.places.all()],
        organisations=[
            OrgRecord(name=link.organisation.name, short_name=link.organisation.short_name, role=link.role)
            for link in page.organisation_roles.all()
        ],
    )


def find_organisation(item: OrgRecord) -> Organisation | None:
    """An existing organisation by normalised name or acronym (the writer creates it otherwise)."""
    for organisation in Organisation.objects.all():
        if same_organisation(organisation.name, item.name) or (
            item.short_name and item.short_name in (organisation.short_name, organisation.name)
        ):
            return organisation
    return None


# Updating a known source -------------------------------------------------------------------------------


def _update(writer: PracticeWriter, record: PracticeRecord, match: Match, publish: bool, warnings) -> LoadResult:
    page = match.page
    last_import = _last_import_of_source(page, record)
    if last_import is None or _edited_since(page, last_import):
        message = (
            f"“{page.title}” was edited after the last import of this source (revision {page.latest_revision_id}); "
            "the changed source was not applied. Compare the source with the page and update it by hand."
        )
        return _not_applied(ImportRecord.Status.CONFLICT, page, record, writer, message, warnings)
    owned = _owned_fields(last_import)
    draft = page.get_latest_revision_as_object()
    new_title = record.title[:255]
    if "title" in owned and new_title and new_title != draft.title:
        message = (
            f"the changed source would rename “{draft.title}” to “{new_title}”; nothing was written. "
            "Rename the practice by hand if the source is right."
        )
        return _not_applied(ImportRecord.Status.REVIEW, page, record, writer, message, warnings)
    result = writer.update(page, record, publish=publish, fields=owned)
    _log(result, record, ImportRecord.Status.UPDATED, writer)
    message = f"new draft revision of “{page.title}” from the changed source"
    return LoadResult("updated", result.page, message, warnings + result.warnings)


def _not_applied(
    status: str, page: PracticePage, record: PracticeRecord, writer: PracticeWriter, message: str, warnings: list[str]
) -> LoadResult:
    """Nothing is written; the import log and the report say why."""
    _log_only(page, record, status, writer)
    return LoadResult(str(status), page, message, warnings)


def _source_condition(record: PracticeRecord) -> Q:
    files = {s.file for s in record.sources if s.file}
    addresses = {s.url for s in record.sources if s.url}
    hashes = {s.sha256 for s in record.sources if s.sha256}
    condition = Q(pk__in=[])
    if files:
        condition |= Q(file_name__in=files)
    if addresses:
        condition |= Q(source_url__in=addresses)
    if hashes:
        condition |= Q(sha256__in=hashes)
    return condition


def _last_import_of_source(page: PracticePage, record: PracticeRecord) -> ImportRecord | None:
    """The newest import of this record's own source(s) that wrote a revision of the page."""
    return (
        page.import_records.filter(_source_condition(record))
        .exclude(status__in=[ImportRecord.Status.CONFLICT, ImportRecord.Status.REVIEW])
        .first()
    )


def _edited_since(page: PracticePage, last_import: ImportRecord) -> bool:
    """Whether anyone but an import saved a revision of the page after ``last_import`` wrote its own."""
    if last_import.revision_id is None:
        return True  # its revision is gone: nothing to compare with, so assume the page was edited
    imported = ImportRecord.objects.filter(page=page, revision__isnull=False).values("revision_id")
    return page.revisions.filter(pk__gt=last_import.revision_id).exclude(pk__in=imported).exists()


def _owned_fields(last_import: ImportRecord) -> list[str]:
    """The fields the source wrote last time: the only ones a changed version of it may overwrite."""
    if last_import.fields is not None:
        return list(last_import.fields)
    # Imported before the log kept the fields: a created or updated page was the source's own.
    if last_import.status in (ImportRecord.Status.CREATED, ImportRecord.Status.UPDATED):
        return list(OVERWRITABLE_FIELDS)
    return []


# Translations ----------------------------------------------------------------------------------------


def _translate(
    writer: PracticeWriter, record: PracticeRecord, original: Match, locale: Locale, publish: bool, warnings
) -> LoadResult:
    """The record is a translation of the matched practice: made through wagtail-localize, so editors can sync it."""
    result = writer.translate(
        original.page, locale, record.texts(), publish=publish, exact=False, keep_existing=False, sources=record.sources
    )
    _log(result, record, ImportRecord.Status.CREATED, writer)
    message = f"translation ({locale.language_code}) of “{original.page.title}”: {original.reason}"
    return LoadResult("created", result.page, message, warnings + result.warnings)


# Provenance ------------------------------------------------------------------------------------------


def _log(result: WriteResult, record: PracticeRecord, status: str, writer: PracticeWriter) -> None:
    _log_only(
        result.page, record, status, writer, revision=result.revision, fields=result.fields, extra=result.warnings
    )


def _log_only(
    page: Page,
    record: PracticeRecord,
    status: str,
    writer: PracticeWriter,
    *,
    revision=None,  # noqa: ANN001
    fields: list[str] | None = None,
    extra: list[str] | None = None,
) -> None:
    for source in record.sources:
        ImportRecord.objects.create(
            page=page,
            revision=revision,
            source_kind=source.kind,
            source_url=source.url[:500] if is_http_url(source.url) else "",
            file_name=source.file[:255],
            sha256=source.sha256,
            status=status,
            confidence=record.confidence,
            warnings=[*record.warnings, *(extra or [])],
            fields=fields if revision is not None else None,
            evidence=record.to_json_dict().get("evidence", []),
            imported_by=writer.user,
        )


# Preparing the record ----------------------------------------------------------------------------------


def _summary(record: PracticeRecord, warnings: list[str]) -> str:
    if record.summary:
        return _cut(record.summary)
    for text in (record.description, record.challenge, record.approach, record.results):
        first = next((p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()), "")
        if first:
            warnings.append("no summary in the source: the first paragraph stands in for it; please shorten it")
            return _cut(first)
    warnings.append("no summary in the source: the title stands in for it")
    return record.title[:SUMMARY_LIMIT]


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LIMIT:
        return text
    return text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _years(record: PracticeRecord, warnings: list[str]) -> tuple[int | None, int | None]:
    last = datetime.date.today().year + 1

    def valid(year: int | None, label: str) -> int | None:
        if year is None or FIRST_YEAR <= year <= last:
            return year
        warnings.append(f"{label} {year} is outside {FIRST_YEAR}–{last} and was left empty")
        return None

    start, end = valid(record.start_year, "start year"), valid(record.end_year, "end year")
    if start and end and end < start:
        warnings.append(f"end year {end} is before start year {start} and was left empty")
        end = None
    return start, end
