"""A practice as JSON-LD: a schema.org ``CreativeWork`` (the case study) about a ``Project`` (the practice)
with its places, organisations and funders. Built on ``practices.schema_org``, which the page embeds."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from practices.choices import Role
from practices.models import PracticePage
from practices.schema_org import practice_json_ld


def _organisation(link, language: str) -> dict[str, Any]:
    """The organisation named in the record's language; its acronym and other names as alternates."""
    organisation = link.organisation
    name = organisation.name_in(language)
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    if organisation.website:
        data["url"] = organisation.website
    names = organisation.names if isinstance(organisation.names, dict) else {}
    others = [organisation.short_name, organisation.name, *names.values()]
    alternates = [other for other in dict.fromkeys(others) if other and other != name]
    if alternates:  # one name stays a string, as schema.org examples write it
        data["alternateName"] = alternates[0] if len(alternates) == 1 else alternates
    return data


def practice_linked_data(page: PracticePage, page_url: str, record_url: str) -> dict[str, Any]:
    data = practice_json_ld(page)
    language = page.locale.language_code
    links = list(page.organisation_roles.all())
    places = data.get("spatialCoverage", [])
    data.update(
        {
            "@id": record_url,
            "url": page_url,
            "identifier": str(page.pk),
            "license": settings.PRAXIS_DATA_LICENCE_URL,
            "funder": [_organisation(link, language) for link in links if link.role == Role.FUNDER],
            "contributor": [
                _organisation(link, language) for link in links if link.role in (Role.IMPLEMENTING, Role.COORDINATOR)
            ],
        }
    )
    project: dict[str, Any] = {
        "@type": "Project",
        "name": page.title,
        "description": page.summary,
        "location": places,
        "funder": data["funder"],
        "member": [
            {"@type": "OrganizationRole", "roleName": link.role, "member": _organisation(link, language)}
            for link in links
            if link.role != Role.FUNDER
        ],
    }
    if page.short_name:
        project["alternateName"] = page.short_name
    if page.start_year:
        project["foundingDate"] = str(page.start_year)
    if page.end_year:
        project["dissolutionDate"] = str(page.end_year)
    data["about"] = project
    return data
