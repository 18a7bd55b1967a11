"""What all parsers share: the parts a format yields, and their assembly into a ``PracticeRecord``.

A format parser only knows its layout (where the title, body, contact block and metadata stand); the
facts inside those parts are extracted the same way for every source kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.extract import contacts as contact_extract
from importers.extract import dates, fields, names, organisations, places, programmes, story
from importers.textutils import fold, paragraphs, sentences, squash
from importers.vocabulary import TARGET_GROUPS, THEMES, TRANSFER_AUDIENCES, Vocabulary
from practices.records import (
    ROLE_COORDINATOR,
    ROLE_FUNDER,
    ROLE_IMPLEMENTING,
    ROLE_PARTNER,
    ContactRecord,
    OrganisationRecord,
    OutcomeRecord,
    PracticeRecord,
    SourceRecord,
)

CONTACT_HEADING = re.compile(
    r"^(?:contacts?|kontakt|ansprechpartner(?:in)?(?:nen)?|ansprechpersonen?|project\s+contact|projektkontakt|"
    r"for\s+this\s+good\s+idea\s+contact|for\s+more\s+information,?\s+contact|contact\s+person|contact\s+details"
    r"|main\s+contact)\s*:?\s*(.*)$",
    re.I | re.M,
)
_BLOCK_END = re.compile(
    r"^(?:link\s+to|see\s+also|siehe\s+auch|[¹²³⁴⁵⁶⁷⁸⁹]|\[\d\]|recent\s+good|imprint|impressum|offer\s*:|angebot\s*:|"
    r"starting\s+position|ausgangslage|summary|zusammenfassung|further\s+information|weitere\s+informationen)",
    re.I,
)
LABELS: dict[str, str] = {
    "funders": r"gefördert\s+(?:durch|von)|funded\s+by|financed\s+by|förderer|funding",
    "implementing": r"implementing\s+organi[sz]ation|(?:umsetzende|durchführende)\s+organisation"
    r"|(?:projekt)?träger(?:in)?",
    "partners": r"(?:kooperations|strategic\s+|project\s+)?partners?|in\s+(?:cooperation|kooperation)\s+(?:with|mit)",
    "target_groups": r"target\s+groups?|zielgruppen?",
    "transfer": r"addressees\s+for\s+transfer|transferadressat(?:en|innen)|transfer\s+audiences?",
}  # fmt: skip
_LABEL_LINE = re.compile(
    r"^(" + "|".join(f"(?P<{k}>{v})" for k, v in LABELS.items()) + r")\s*:\s*(?P<value>.*)$", re.I | re.M
)
_SELF_WORDS = re.compile(
    r"^(?:It|Es)\s|\b(?:this|the|our|its)\s+(?:[\w-]+\s+){0,2}?(?:pilot\s+)?(?:project|programme|program|initiative|network|partnership|practice|"
    r"scheme|service|pilot|DP|development\s+partnership|format|workshop)\b|\bthe\s+DP\b|\b(?:das|dieses|unser)\s+"
    r"(?:projekt|programm|netzwerk|angebot)\b",
    re.I,
)
_GENERIC_TITLE_WORDS = {
    "network", "project", "programme", "program", "integration", "migrants", "migrant", "labour", "labor", "market",
    "initiative", "with", "from", "into", "through", "work", "plan", "action", "netzwerk", "projekt", "for", "the",
}  # fmt: skip
_DE_WORDS = re.compile(r"\b(der|die|das|und|mit|für|von|ist|nicht|eine|wird|auf|sich|werden)\b", re.I)
_EN_WORDS = re.compile(r"\b(the|and|with|for|from|is|not|are|this|which|of|to)\b", re.I)
_MUNICIPAL_DOMAIN = re.compile(r"@(?:[\w-]+\.)*?(?:stadt-?([a-zäöü]+)|([a-zäöü]+)-?stadt)\.de\b", re.I)


@dataclass
class Parts:
    kind: str
    detection: float
    title: str = ""
    short_name_hints: tuple[str, ...] = ()
    summary: str = ""
    body: str = ""
    extra: str = ""  # read for organisations and programmes only (imprint, offer, footnotes)
    contact_text: str = ""
    place_hints: list[tuple[str, str]] = field(default_factory=list)  # (city, country name)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    transfer_text: str = ""
    target_text: str = ""
    challenge: str = ""
    approach: str = ""
    results: str = ""
    lessons: list[str] = field(default_factory=list)
    source: SourceRecord | None = None
    warnings: list[str] = field(default_factory=list)


_CHROME_TITLE = re.compile(
    r"[|›»>©]|^(?:posted|published|veröffentlicht|zuletzt|beitrag\s+vom|skip\s+to|home\b|startseite|last\s+updated"
    r"|integration\s+practice|iq\s+good\s+practice|good\s+practices?\s+database|european\s+commission\b"
    r"|tags?:|search|suche)",
    re.I,
)


def choose_title(text: str) -> str:
    """The title of a text rendering whose navigation may be interleaved with the heading: the longest
    heading-like line before the first prose paragraph or labelled field, leaving out navigation runs
    (three or more short lines in a row), breadcrumbs, datelines and kickers."""
    lines = [line.strip() for line in text.split("\n")[:80]]
    short = [bool(line) and len(line.split()) <= 3 for line in lines]
    candidates: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if len(line) >= 160 or (len(line.split()) > 16 and line.endswith(".")):
            break
        if fields.is_label_line(line):
            if candidates:
                break
            continue
        if index and fields.is_label_line(lines[index - 1]) and not lines[index - 1].endswith(":"):
            continue  # the value of a bare label
        run = sum(1 for j in range(max(0, index - 2), min(len(lines), index + 3)) if short[j])
        if short[index] and run >= 3:
            continue
        if _CHROME_TITLE.search(line) or line[0].isdigit() or ";" in line or line.endswith((".", ":")):
            continue
        if dates.dateline(line) or len(line.split()) < 2:
            continue
        candidates.append(line)
    return max(candidates, key=lambda c: len(c.split()), default="")


def language(text: str) -> str:
    de, en = len(_DE_WORDS.findall(text)), len(_EN_WORDS.findall(text))
    if not de and not en:
        return ""
    return "de" if de > en else "en"


def contact_blocks(text: str) -> tuple[str, str]:
    """(text without contact blocks, the contact blocks)."""
    lines = text.split("\n")
    kept: list[str] = []
    blocks: list[str] = []
    inside = False
    for line in lines:
        m = CONTACT_HEADING.match(line)
        if m:
            inside = True
            if m.group(1):
                blocks.append(m.group(1))
            continue
        if inside and _BLOCK_END.match(line):
            inside = False
        (blocks if inside else kept).append(line)
    return "\n".join(kept), "\n".join(blocks)


def labelled_values(text: str) -> dict[str, str]:
    """Values of 'Label: value' lines (or a label line and the paragraph under it)."""
    values: dict[str, str] = {}
    for m in _LABEL_LINE.finditer(text):
        key = next(k for k in LABELS if m.group(k))
        value = m.group("value").strip()
        if not value:
            after = text[m.end() :].lstrip("\n")
            para = re.split(r"\n\s*\n", after, maxsplit=1)[0]
            value = "" if re.match(r"^[^\n]{1,60}:\s*$", para) else para
        if value:
            values[key] = (values.get(key, "") + "\n" + value).strip()
    return values


def self_matcher(title: str, short_name: str, aliases: tuple[str, ...] = ()):  # noqa: ANN201
    words = [w for w in re.findall(r"[A-ZÄÖÜ][\wäöüß-]{3,}", title) if fold(w) not in _GENERIC_TITLE_WORDS]
    keys = [fold(k) for k in (short_name, *aliases, *words) if k and len(k) > 2]

    def is_self(text: str) -> bool:
        folded = fold(text)
        return bool(_SELF_WORDS.search(text)) or any(re.search(rf"(?<!\w){re.escape(k)}", folded) for k in keys)

    return is_self


def assemble(parts: Parts, vocabulary: Vocabulary, full_text: str) -> PracticeRecord:
    body = parts.body
    record = PracticeRecord(source_kind=parts.kind, title=squash(parts.title), summary=squash(parts.summary))
    record.language = language(body or full_text)
    record.short_name = names.short_name(record.title, body + "\n" + parts.extra, parts.short_name_hints)
    if record.short_name:
        expansion, translation = names.footnote_expansion(full_text, record.short_name)
        record.short_name_expansion = expansion or names.inline_expansion(full_text, record.short_name)
        record.short_name_translation = translation
    is_self = self_matcher(record.title, record.short_name)
    body_sentences = sentences(_label_paragraphs(body))
    all_sentences = body_sentences + sentences(_label_paragraphs(parts.extra))

    found_fields = fields.read_fields(full_text)
    _field_places(parts, found_fields)
    country = _country(parts, body, full_text)
    record.replicated_in = story.replications(body_sentences, country)
    record.places = _places(parts, body, country, record.replicated_in)

    orgs = list(parts.organisations) + _field_organisations(found_fields)
    for sentence in all_sentences:
        orgs.extend(organisations.from_sentence(sentence))
        orgs.extend(organisations.named_in(sentence))
        orgs.extend(organisations.described_in(sentence))
    labels = labelled_values(body + "\n\n" + parts.extra)
    for key, role in (("funders", ROLE_FUNDER), ("implementing", ROLE_IMPLEMENTING), ("partners", ROLE_PARTNER)):
        if key in labels:
            for org in organisations.split_organisations(labels[key].replace("\n", ", ")):
                org.role = role
                orgs.append(org)
    contact_text = parts.contact_text
    for item in fields.values(found_fields, "contact"):
        if item.value not in contact_text:
            contact_text += "\n\n" + item.value
    people = contact_extract.parse_contact_block(contact_text) if contact_text.strip() else []
    parts.contact_text = contact_text
    orgs.extend(_contact_organisations(parts.contact_text, people))
    own = {fold(record.short_name), fold(record.title)} - {""}
    person_names = {fold(p.name) for p in people if p.name}
    orgs = [
        o for o in orgs
        if fold(o.name) not in own and fold(o.name.split(" - ")[0]) not in own
        and _plausible_organisation(o, person_names) and not _names_itself(o.name, record.short_name)
    ]  # fmt: skip
    record.organisations = organisations.merge_organisations(orgs, vocabulary)
    record.programmes = programmes.find_programmes("\n".join((record.title, body, parts.extra)))

    headline = f"{record.title}\n{record.summary}"
    record.target_groups = vocabulary.match(TARGET_GROUPS, parts.target_text or labels.get("target_groups", body),
                                            headline=headline)  # fmt: skip
    record.themes = vocabulary.match(THEMES, body, headline=headline)
    transfer = parts.transfer_text or labels.get("transfer", "")
    record.transfer_audiences = vocabulary.match(TRANSFER_AUDIENCES, transfer, min_score=1) if transfer else []

    record.contacts = _finish_contacts(people, body, record.organisations)
    field_start, field_end = dates.field_years(found_fields)
    record.start_year = field_start or dates.start_year(body_sentences, is_self)
    record.end_year = field_end or dates.end_year(body_sentences, is_self)
    if record.end_year and record.start_year and record.end_year < record.start_year:
        record.end_year = None
    record.events = dates.events(body_sentences)
    _link_event_organisations(record)
    record.awards = story.awards(body_sentences)
    names_known = [c.name for c in record.contacts] + _people_in(body)
    record.quotes = story.quotes(body, names_known)
    record.outcomes = [OutcomeRecord(text) for text in story.outcomes(sentences(parts.results) or body_sentences)]
    record.lessons = parts.lessons
    record.description = "\n\n".join(paragraphs(body))
    record.challenge, record.approach, record.results = parts.challenge, parts.approach, parts.results
    if parts.source is not None:
        record.sources.append(parts.source)
    record.warnings = list(parts.warnings)
    record.confidence = confidence(record, parts.detection)
    if not record.title:
        record.warnings.append("no title found")
    return record


_FIELD_ROLES = {"coordinator": ROLE_COORDINATOR, "implementing": ROLE_IMPLEMENTING, "partners": ROLE_PARTNER,
                "funders": ROLE_FUNDER}  # fmt: skip
_NOT_AN_ORGANISATION = re.compile(
    r"^(?:(?:national|private|public|municipal|eu|european|regional|own|state|federal|local)\s+)*(?:funds?|funding|budget)"
    r"|^(?:eu|national|private)$|^(?:ongoing|none|n/?a|-)$",
    re.I,
)


def _field_organisations(found: list[fields.Field]) -> list[OrganisationRecord]:
    """Organisations of the labelled fields (managing organisation, partners, funding), each with its role."""
    result: list[OrganisationRecord] = []
    for item in found:
        role = _FIELD_ROLES.get(item.key)
        if role is None or not item.value:
            continue
        value = item.value
        pieces = re.split(r"\s*[;\n]\s*", value) if re.search(r"[;\n]", value) else [value]
        for piece in pieces:
            piece = piece.strip(" .,")
            if not piece or "@" in piece:
                continue
            records: list[OrganisationRecord] = []
            for part in re.split(r",\s+(?![^()]*\))", piece) if role == ROLE_FUNDER else [piece]:
                known = organisations.known_organisation(part)
                if known is not None:
                    records.append(known)
                elif not _NOT_AN_ORGANISATION.match(part.strip()):
                    records.extend(organisations.split_organisations(part))
            if not records and len(piece) <= 80 and not _NOT_AN_ORGANISATION.match(piece):
                records = [OrganisationRecord(name=piece)]
            for org in records:
                org.role = role
                result.append(org)
    return result


def _names_itself(name: str, short_name: str) -> bool:
    """'The German KOMPASS Development Partnership': the practice, not one of its organisations."""
    if re.search(r"\b(?:Development\s+Partnership|DP)$", name):
        return True
    return (
        bool(short_name)
        and bool(re.search(rf"\b{re.escape(short_name)}\b", name, re.I))
        and bool(re.search(r"\b(?:Partnership|Project|Projekt|Programme|Network|Netzwerk|Initiative)\b", name))
    )


def _plausible_organisation(org: OrganisationRecord, person_names: set[str]) -> bool:
    """No e-mail, phone number or person's name ever becomes an organisation."""
    name = org.name
    if "@" in name or re.search(r"\d[\d ()/.-]{5,}\d", name) or len(name) > 120 or len(name) < 2:
        return False
    if fold(name) in person_names or any(p and p in fold(name) for p in person_names):
        return False
    if places.country_code(name) or re.fullmatch(r"(?:19|20)\d\d", name):
        return False
    return not _NOT_AN_ORGANISATION.match(name)


def _field_places(parts: Parts, found: list[fields.Field]) -> None:
    """Country and city fields become place hints, ahead of what the narrative names."""
    countries = [f for f in found if f.key == "country" and f.value]
    cities = [f.value for f in found if f.key == "city" and f.value]
    for item in countries:
        for piece in re.split(r"\s*[,;/\n]\s*", item.value):
            if places.country_code(piece):
                city = cities[0] if cities else ""
                parts.place_hints.append((city, piece))
                cities = cities[1:]


def _label_paragraphs(text: str) -> str:
    """A "Label: value" line starts a paragraph of its own, so that names do not run across fields."""
    return re.sub(r"\n(?=[^\n:]{1,50}:)", "\n\n", text)


def _country(parts: Parts, body: str, full_text: str) -> str:
    for _city, country_name in parts.place_hints:
        code = places.country_code(country_name)
        if code:
            return code
    for text in (body, parts.contact_text, full_text):
        found = places.find_countries(text)
        if found:
            return found[0]
    if re.search(r"\+\s?49\b|\bD[- ]\d{5}\b", full_text) or places.postcode_cities(full_text, "DE"):
        return "DE"
    if places.find_regions(f"{parts.title}\n{body}", "DE"):
        return "DE"  # a German Land is named
    if language(full_text) == "de":
        return "DE"  # a German text that names no country is, in these sources, about Germany
    return ""


def _places(parts: Parts, body: str, country: str, replicated: list[str]):  # noqa: ANN202
    found = []
    for city_name, _country_name in parts.place_hints:
        city = places.lookup_city(city_name, country)
        if city:
            found.append(places.place_for(places.display_name(city, city_name), city))
    narrative = "\n".join(
        [parts.title] + [s for s in sentences(body) if not re.search(r"contributed\s+by|see\s+more", s, re.I)]
    )
    if country:
        for name, city in places.find_cities(narrative, country):
            if name not in replicated:
                found.append(places.place_for(name, city))
        regions = [r for r in places.find_regions(narrative, country) if r not in replicated]
        found.extend(places.PlaceRecord(region=r, country=country) for r in regions)
        if not any(p.city for p in found):
            for name, city in places.postcode_cities(parts.contact_text, country):
                found.append(places.place_for(name, city))
        if not found:
            found.append(places.PlaceRecord(country=country))
    return places.merge_places(found)


def _contact_organisations(contact_text: str, people: list[ContactRecord]) -> list[OrganisationRecord]:
    found: list[OrganisationRecord] = []
    coordinating = bool(re.search(r"koordination|coordinat", contact_text, re.I))
    for line in contact_text.split("\n"):
        line = squash(line).rstrip(",")
        if re.search(r"\b(gGmbH|GmbH|e\.\s?V\.|eV)(?!\w)|^(?:City|Town)\s+of\s|^Stadt\s", line) and len(line) < 100:
            name = re.sub(r"\s+-\s+", " ", line)
            found.append(OrganisationRecord(name=name, role=ROLE_COORDINATOR if coordinating else ROLE_PARTNER))
    for m in _MUNICIPAL_DOMAIN.finditer(contact_text):
        city = places.lookup_city(m.group(1) or m.group(2), "DE")
        if city:
            org = OrganisationRecord(name=f"City of {city.name}", type="municipality")
            org.role = ROLE_COORDINATOR if coordinating else ROLE_PARTNER
            found.append(org)
            for person in people:
                if person.email.endswith(m.group(0)[1:].lower()) and not person.organisation:
                    person.organisation = org.name
    return found


def _finish_contacts(people: list[ContactRecord], body: str, orgs: list[OrganisationRecord]) -> list[ContactRecord]:
    functions = contact_extract.functions_from_text(body, [p.name for p in people])
    for person in people:
        narrative = functions.get(person.name, "")
        department = re.match(r"(Fachbereich|Department|Referat|Abteilung)", person.function)
        if narrative and (not person.function or department):
            person.function = narrative
        if person.organisation:
            for org in orgs:
                if organisations.same_organisation(org.name, person.organisation.replace(" - ", " ")):
                    person.organisation = org.name
    return people


def _people_in(body: str) -> list[str]:
    return [
        m.group(1)
        for m in re.finditer(
            r"(?:says|explains|according\s+to|to)\s+((?:[A-ZÄÖÜ][\wäöüß-]+\s){1,2}[A-ZÄÖÜ][\wäöüß-]+)", body
        )
    ]  # noqa: E501


def _link_event_organisations(record: PracticeRecord) -> None:
    for event in record.events:
        for org in record.organisations:
            variants = {
                org.name,
                re.sub(r"^Jobcenter ", "Job Center ", org.name),
                re.sub(r"^Jobcenter ", "Job Centre ", org.name),
            }  # noqa: E501
            if (
                org.role == ROLE_PARTNER
                and any(v in event.text for v in variants)
                and re.search(r"\bjoin|\bnew\s+partner|\bkam\s+hinzu|\bneue[rn]?\s+Partner", event.text, re.I)
            ):
                event.organisation = org.name


KEY_FIELDS = ("title", "summary", "places", "organisations", "start_year", "themes", "contacts", "target_groups")


def confidence(record: PracticeRecord, detection: float) -> float:
    found = sum(1 for name in KEY_FIELDS if getattr(record, name))
    coverage = found / len(KEY_FIELDS)
    return round(max(0.0, min(1.0, 0.4 * min(detection, 1.0) + 0.6 * coverage)), 2)
