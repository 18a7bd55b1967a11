"""What the admin review screen shows of a parsed practice: human labels instead of codes, the evidence
of each fact, and a warning when the page's language is not the language the editor chose."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from importers.documents import Group
from practices.records import PracticeRecord

SOURCE_KIND_LABELS = {
    "ilo": "ILO good-practices database",
    "cities_of_migration": "Cities of Migration",
    "equal": "EU EQUAL database",
    "iq_good_practice": "IQ Good Practice",
    "ewsi": "European Website on Integration",
    "un_migration_hub": "UN Migration Network Hub",
    "generic": "Other (unknown source)",
}
ROLE_LABELS = {
    "implementing": "Implementing organisation",
    "coordinator": "Coordinator",
    "partner": "Partner",
    "funder": "Funder",
    "network": "Network or programme member",
}
FACT_LABELS = {
    "title": "Title", "city": "City", "region": "Region", "country": "Country", "start_year": "Start year",
    "end_year": "End year", "organisation": "Organisation", "funder": "Funder", "contact": "Contact",
}  # fmt: skip
MIN_LANGUAGE_TEXT = 200


@lru_cache(maxsize=1)
def _term_labels() -> dict[str, str]:
    from practices.vocabularies import VOCABULARIES

    return {term.slug: term.en for terms in VOCABULARIES.values() for term in terms}


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code


def detect_language(text: str) -> str:
    """The language of a text (ISO 639-1), or '' when it is too short to tell."""
    if len(text) < MIN_LANGUAGE_TEXT:
        return ""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # the same answer for the same text
    try:
        return detect(text[:5000])
    except LangDetectException:
        return ""


def _role_label(value: str) -> str:
    """'Name (funder)' as 'Name (Funder)': evidence of an organisation carries its role."""
    return re.sub(r"\((\w+)\)$", lambda m: f"({ROLE_LABELS.get(m.group(1), m.group(1))})", value)


def review(group: Group, locale: str) -> dict:
    record: PracticeRecord = group.record
    labels = _term_labels()
    language = detect_language(record.description) or record.language
    warning = ""
    if language and locale and language != locale.split("-")[0]:
        warning = f"The text seems to be in {language.upper()}, but you chose {locale.upper()} as its language."
    return {
        "record": record,
        "files": group.files,
        "matches": group.matches,
        "source_kinds": [SOURCE_KIND_LABELS.get(s.kind, s.kind) for s in record.sources],
        "places": [", ".join(x for x in (p.city, p.region, country_name(p.country)) if x) for p in record.places],
        "organisations": [f"{o.name} ({ROLE_LABELS.get(o.role, o.role)})" for o in record.organisations],
        "target_groups": [labels.get(s, s) for s in record.target_groups],
        "themes": [labels.get(s, s) for s in record.themes],
        "transfer_audiences": [labels.get(s, s) for s in record.transfer_audiences],
        "evidence": [
            {
                "fact": FACT_LABELS.get(e.fact, e.fact),
                "value": _role_label(e.value),
                "snippet": e.snippet,
                "confidence": e.confidence,
                "uncertain": e.uncertain,
            }
            for e in record.evidence
        ],
        "language_warning": warning,
    }
