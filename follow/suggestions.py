"""From a suggestion form to a draft practice in moderation, written by the one writer (``practices.writing``).

The submitted texts become a ``PracticeRecord`` (as a parser would produce) that ``PracticeWriter.create``
writes as a new draft submitted to the moderation workflow, never published, with the submitter as a
private contact. Always a new draft: a suggestion never revises an existing practice (editors merge
duplicates), so no visitor can change a practice by naming its source. The import log
(``importers.models.ImportRecord``, source kind ``suggestion``) keeps the provenance.
"""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale

from follow.forms import SuggestionForm
from follow.models import Suggestion
from importers.errors import ImporterError
from importers.loading import find_organisation, practice_index, prepare, vocabulary_from_database
from importers.models import ImportRecord
from importers.parsers import parse_document
from practices.choices import Role
from practices.records import ContactRecord, OrganisationRecord, PlaceRecord, PracticeRecord, SourceRecord
from practices.validators import is_http_url
from practices.writing import PracticeWriter

SOURCE_KIND = "suggestion"


def prefill_from_text(text: str) -> tuple[dict, list[str]]:
    """Initial form values read from a pasted page text by the importers' parsers, and what to check."""
    try:
        record = parse_document(text, vocabulary=vocabulary_from_database())
    except ImporterError as error:
        return {}, [str(error)]
    initial: dict = {
        "title": record.title[:255],
        "start_year": record.start_year,
        "end_year": record.end_year,
        "target_groups": record.target_groups,
        "themes": record.themes,
        "achievements": "\n\n".join(part for part in (record.results, *(o.text for o in record.outcomes)) if part)
        or record.summary
        or record.description[:2000],
        "transfer_conditions": record.transfer_conditions or "\n".join(record.lessons),
        "funders": "\n".join(record.funders),
    }
    if record.places:
        place = record.places[0]
        initial.update({"city": place.city, "region": place.region, "country": place.country})
    others = [org for org in record.organisations if org.role != Role.FUNDER]
    for index, organisation in enumerate(others[:3]):
        initial[f"organisation_{index}"] = organisation.name
        initial[f"role_{index}"] = organisation.role
    if record.sources and record.sources[0].url:
        initial["source_url"] = record.sources[0].url
    return {key: value for key, value in initial.items() if value not in (None, "", [])}, record.warnings


def _raw_text(form: SuggestionForm, submitted_at) -> str:
    data = form.cleaned_data
    lines = [f"Suggested through the public form on {submitted_at.isoformat()}.", ""]
    for name in ("title", "city", "region", "country", "start_year", "end_year", "achievements",
                 "transfer_conditions", "source_url", "funders"):  # fmt: skip
        if data.get(name):
            lines.append(f"{name}: {data[name]}")
    lines += [f"organisation: {name} ({role})" for name, role in form.organisations()]
    if data.get("page_text"):
        lines += ["", "Pasted page text:", data["page_text"]]
    return "\n".join(lines)


def record_from_form(form: SuggestionForm, language: str, submitted_at) -> PracticeRecord:
    data = form.cleaned_data
    raw = _raw_text(form, submitted_at)
    organisations = [OrganisationRecord(name=name, role=role) for name, role in form.organisations()]
    organisations += [OrganisationRecord(name=name, role=Role.FUNDER) for name in form.funder_names()]
    return PracticeRecord(
        title=data["title"],
        source_kind=SOURCE_KIND,
        language=language,
        sources=[
            SourceRecord(
                kind="other",
                url=data.get("source_url", ""),
                title=f"Suggestion: {data['title']}"[:255],
                file=f"suggestion-{uuid.uuid4()}",
                raw_text=raw,
                sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
            )
        ],
        places=[PlaceRecord(city=data["city"], region=data["region"], country=data["country"])],
        start_year=data.get("start_year"),
        end_year=data.get("end_year"),
        organisations=organisations,
        target_groups=data.get("target_groups", []),
        themes=data.get("themes", []),
        results=data["achievements"],
        transfer_conditions=data.get("transfer_conditions", ""),
        contacts=[
            ContactRecord(
                name=data["submitter_name"], function="Suggested this practice", email=data["submitter_email"]
            )
        ],
        warnings=["suggested by a visitor: check every fact against the source before publishing"],
    )


def submit_suggestion(form: SuggestionForm, locale: Locale) -> Suggestion:
    """Write the draft, its import log and the suggestion together: on any error none of them exists."""
    data = form.cleaned_data
    record, warnings = prepare(record_from_form(form, locale.language_code, timezone.now()))
    writer = PracticeWriter(find_organisation=find_organisation)
    with transaction.atomic():
        result = writer.create(record, practice_index(locale), publish=False)
        source = record.sources[0]
        log = ImportRecord.objects.create(
            page=result.page,
            revision=result.revision,
            source_kind=SOURCE_KIND,
            source_url=source.url[:500] if is_http_url(source.url) else "",
            file_name=source.file,
            sha256=source.sha256,
            status=ImportRecord.Status.CREATED,
            warnings=[*record.warnings, *warnings, *result.warnings],
            fields=result.fields,
        )
        return Suggestion.objects.create(
            page=result.page,
            import_record=log,
            outcome="created",
            title=data["title"],
            language=locale.language_code,
            submitter_name=data["submitter_name"],
            submitter_email=data["submitter_email"],
            consent_contact=data["consent_contact"],
            data={key: value for key, value in data.items() if key not in ("website", "page_text")},
        )


def moderator_emails() -> list[str]:
    """Superusers and members of the groups that may publish pages: who moderates suggestions."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(Q(is_superuser=True) | Q(groups__name__in=["Moderators", "Editors"])).distinct()
    return sorted(set(moderators.values_list("email", flat=True)))


def withdraw(suggestion: Suggestion) -> None:
    """The submitter takes the suggestion back: a draft it created is deleted; otherwise moderators are told."""
    with transaction.atomic():
        page = suggestion.page.specific if suggestion.page else None
        if page is not None and suggestion.outcome == "created" and page.first_published_at is None:
            suggestion.page = suggestion.import_record = None
            suggestion.save(update_fields=["page", "import_record"])
            page.delete()  # its revisions and workflow states go with it
        suggestion.status = Suggestion.Status.WITHDRAWN
        suggestion.withdrawn_at = timezone.now()
        suggestion.save()
