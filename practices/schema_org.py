"""schema.org description of a practice page (a CreativeWork about a project, with places and funders)."""

from __future__ import annotations

from typing import Any

from practices.locales import language_code


def practice_json_ld(page) -> dict[str, Any]:
    language = language_code(page.locale_id)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": page.title,
        "headline": page.title,
        "description": page.summary,
        "url": page.full_url,
        "inLanguage": language,
        "keywords": [theme.localized.name for theme in page.themes.all()],
        "spatialCoverage": [
            {
                "@type": "Place",
                "name": str(place),
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": place.city,
                    "addressRegion": place.region,
                    "addressCountry": place.country,
                },
            }
            for place in page.places.all()
        ],
        "funder": [{"@type": "Organization", "name": org.name_in(language)} for org in page.funders],
        "contributor": [
            {"@type": "Organization", "name": org.name_in(language)} for org in page.implementing_organisations
        ],
        "isBasedOn": [source.url for source in page.sources.all() if source.url],
    }
    if page.short_name:
        data["alternateName"] = page.short_name
    if page.start_year:
        data["temporalCoverage"] = f"{page.start_year}/{page.end_year or '..'}"
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.last_verified:
        data["lastReviewed"] = page.last_verified.isoformat()
    return data
