"""Organisations and their roles, from the sentence cues real texts use and from known names.

Known funders and welfare associations are data (``KNOWN_ORGANISATIONS``), recognised by name, German name
or acronym and written under one canonical name so that records from several sources line up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.textutils import fold, squash
from importers.vocabulary import ORGANISATION_TYPES, Vocabulary
from practices.records import (
    ROLE_COORDINATOR,
    ROLE_FUNDER,
    ROLE_IMPLEMENTING,
    ROLE_PARTNER,
    ROLE_PRIORITY,
    OrganisationRecord,
)


@dataclass(frozen=True)
class KnownOrganisation:
    name: str
    short_name: str
    type: str
    pattern: str  # regex, matched case-sensitively where it holds an acronym
    local: bool = False  # local branches carry the place: "Diakonie Wuppertal"


KNOWN_ORGANISATIONS: tuple[KnownOrganisation, ...] = (
    KnownOrganisation(
        "Federal Ministry of Labour and Social Affairs", "BMAS", "national-ministry",
        r"(?:(?:German|Federal|the)\s+){0,3}Ministry\s+of\s+Labou?r(?:\s+and\s+Social\s+Affairs)?(?:\s*\(BMAS\))?"
        r"|Bundesministerium\s+f(?:ü|ue)r\s+Arbeit\s+und\s+Soziales(?:\s*\(BMAS\))?|\bBMAS\b",
    ),
    KnownOrganisation(
        "Federal Ministry of Education and Research", "BMBF", "national-ministry",
        r"(?:(?:German|Federal|the)\s+){0,3}Ministry\s+of\s+Education\s+and\s+Research(?:\s*\(BMBF\))?"
        r"|Bundesministerium\s+f(?:ü|ue)r\s+Bildung\s+und\s+Forschung(?:\s*\(BMBF\))?|\bBMBF\b",
    ),
    KnownOrganisation(
        "Federal Employment Agency", "BA", "public-employment-service",
        r"(?:German\s+)?Federal\s+Employment\s+Agency(?:\s*\(BA\))?|Bundesagentur\s+f(?:ü|ue)r\s+Arbeit(?:\s*\(BA\))?"
        r"|\(BA\)",
    ),
    KnownOrganisation(
        "European Social Fund", "ESF", "eu-programme-fund",
        r"European\s+Social\s+Fund(?:\s+Plus)?(?:\s*\(ESF\+?\))?|Europäische[nr]?\s+Sozialfonds?(?:\s*\(ESF\+?\))?"
        r"|\bESF\b\+?",
    ),
    KnownOrganisation(
        "Asylum, Migration and Integration Fund", "AMIF", "eu-programme-fund",
        r"Asylum,?\s+Migration\s+and\s+Integration\s+Fund(?:\s*\(AMIF\))?|Asyl-,?\s+Migrations-\s+und\s+"
        r"Integrationsfonds?(?:\s*\(AMIF\))?|\bAMIF\b",
    ),
    KnownOrganisation(
        "Federal Office for Migration and Refugees", "BAMF", "national-ministry",
        r"(?:(?:German|the)\s+)?Federal\s+Office\s+for\s+Migration\s+and\s+Refugees(?:\s*\(BAMF\))?"
        r"|Bundesamt\s+f(?:ü|ue)r\s+Migration\s+und\s+Fl(?:ü|ue)chtlinge(?:\s*\(BAMF\))?|\bBAMF\b",
    ),
    KnownOrganisation(
        "Sozialdienst katholischer Frauen", "SkF", "welfare-ngo",
        r"(?:Catholic\s+Women'?s\s+Social\s+Services?|Sozialdienst\s+katholischer\s+Frauen)(?:\s*\(S[Kk]F\))?"
        r"|\bS[Kk]F\b",
        local=True,
    ),
    KnownOrganisation("Diakonie", "", "welfare-ngo", r"\bDiakoni(?:e|a|sches\s+Werk)\b", local=True),
    KnownOrganisation("Caritas", "", "welfare-ngo", r"\bCaritas(?:verband)?\b", local=True),
    KnownOrganisation("AWO", "AWO", "welfare-ngo", r"\bArbeiterwohlfahrt\b(?:\s*\(AWO\))?|\bAWO\b", local=True),
    KnownOrganisation(
        "German Red Cross", "DRK", "welfare-ngo", r"(?:German\s+Red\s+Cross|Deutsches\s+Rotes\s+Kreuz)|\bDRK\b",
        local=True,
    ),
)  # fmt: skip
_KNOWN_RE = [(k, re.compile(k.pattern)) for k in KNOWN_ORGANISATIONS]
_PLACE_WORD = r"(?:[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
_JOBCENTRE = re.compile(rf"\bJob\s?[Cc]ent(?:er|re)\s+({_PLACE_WORD})")
_LEGAL = r"(?:e\.\s?V\.|eV|gGmbH|GmbH|gUG|mbH|AG|KG|Ltd\.?|Inc\.?|ASBL|asbl|gem\.\s?e\.\s?V\.)"
_CONNECTORS = {
    "of", "for", "and", "für", "an", "der", "die", "des", "und", "de", "du", "la", "&", "-", "–", "in", "am", "zu",
}  # fmt: skip
_ORG_TOKEN = re.compile(rf"\(([^()]{{1,60}})\)|{_LEGAL}(?!\w)|[\w'’.&/-]+")
_GENERIC_WORDS = {
    "the", "community", "partners", "partner", "other", "these", "this", "they", "it", "we", "our", "its", "all",
    "both", "local", "new", "many", "several", "two", "three", "some", "project", "programme", "network", "city",
    "in", "with", "since", "and", "also", "employers", "companies", "mit", "der", "die", "das",
}  # fmt: skip

# cue regex -> role; the organisations follow the cue.
_CUES_AFTER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), role)
    for p, role in (
        (r"\b(?:with|through)\s+(?:the\s+)?(?:financial\s+)?(?:funding|financing|grants?|support|funds)\s+(?:from|of|by)\b",
         ROLE_FUNDER),
        (r"\b(?:co-?)?(?:funded|financed|sponsored|financially\s+supported)\s+(?:\w+\s+){0,2}?by\b", ROLE_FUNDER),
        (r"\b(?:gefördert|finanziert|kofinanziert)\s+(?:durch|von|aus\s+Mitteln)\b", ROLE_FUNDER),
        (r"\bFörderung\s+(?:durch|von)\b|\bmit\s+(?:Mitteln|finanzieller\s+Unterstützung)\s+(?:des|der|von)\b",
         ROLE_FUNDER),
        (r"\b(?:financially\s+)?supported\s+by\b|\bfunding\s+comes\s+from\b|\bwith\s+money\s+from\b"
         r"|\b(?:grants?|loans?|costs?)\s+(?:are|were|is|was)\s+(?:paid|covered|guaranteed)\s+by\b"
         r"|\bguaranteed\s+by\b|\bpaid\s+for\s+by\b", ROLE_FUNDER),
        (r"\b(?:wird|werden|wurde|wurden)\s+(?:durch|von)\b(?=[^.]*\bgefördert\b)", ROLE_FUNDER),
        (r"\b(?:launched|founded|initiated|set\s+up|created|established|developed|started)\s+(?:in\s+\d{4}\s+)?by\b",
         ROLE_IMPLEMENTING),
        (r"\b(?:overall\s+)?coordination\s+(?:is|was)\s+(?:ensured|provided|done|undertaken)\s+by\b", ROLE_COORDINATOR),
        (r"\b(?:is|are|was|were)\s+coordinated\s+by\b|\bkoordiniert\s+(?:durch|von)\b", ROLE_COORDINATOR),
        (r"\bimplementing\s+organi[sz]ation\s*:?|\b(?:umsetzende|durchführende)\s+organisation\s*:?"
         r"|\b(?:projekt)?träger(?:in)?\s*:", ROLE_IMPLEMENTING),
        (r"\b(?:is|was|are|were)\s+(?:implemented|run|carried\s+out|managed|delivered|led|operated|organi[sz]ed)"
         r"\s+by\b|\bTräger\s+(?:ist|sind|war)\b|\b(?:led|run)\s+by\b"
         r"|\bdurchgeführt\s+(?:von|durch)\b", ROLE_IMPLEMENTING),
        (r"\bin\s+(?:close\s+)?(?:cooperation|co-operation|collaboration|partnership)\s+with\b|\bin\s+Kooperation\s+mit\b"
         r"|\btogether\s+with\b|\bgemeinsam\s+mit\b", ROLE_PARTNER),
        (r"\bstrategic\s+partners?\b[^.:]{0,60}?\b(?:are|is|include|were)\b|\bpartners\s+(?:include|are|were)\b"
         r"|\bnew\s+partners?,|\bpartners\s+such\s+as\b|\bkooperationspartner(?:innen)?\s*:|\bpartners?\s*:"
         r"|\bsuch\s+as\b|\b(?:is|was)\s+run\s+with\b|\bdesigned\s+together\s+with\b|\bworks?\s+with\b"
         r"|\bbrings\s+together\b|,\s+with\b|\bwith\s+the\b(?=[^.]{0,120}\bas\s+(?:\w+\s+)?partners\b)",
         ROLE_PARTNER),
    )
)  # fmt: skip
_CUE_JOINED = re.compile(r"\b(joined|came\s+on\s+board|became\s+a\s+partner|kam\s+hinzu)\b", re.IGNORECASE)
_SUBJECT_VERBS = re.compile(
    r"^(?:[Tt]he\s+)?(.{3,80}?)\s+(?:established|launched|introduced|initiated|set\s+up|founded|runs|developed|"
    r"responded|created|started)\b"
)


def known_organisation(text: str) -> OrganisationRecord | None:
    for known, pattern in _KNOWN_RE:
        m = pattern.search(text)
        if m:
            return _known_record(known, text[m.end() :])
    return None


def _known_record(known: KnownOrganisation, after: str) -> OrganisationRecord:
    name = known.name
    if known.local:
        m = re.match(rf"\s+({_PLACE_WORD})\b", after)
        if m and m.group(1).lower() not in _GENERIC_WORDS and not m.group(1).islower():
            name = f"{known.name} {m.group(1)}"
    return OrganisationRecord(name=name, short_name=known.short_name, type=known.type)


def split_organisations(span: str) -> list[OrganisationRecord]:
    """The organisations listed in a span such as 'the BMAS and the European Social Fund, the project ...'."""
    found: list[OrganisationRecord] = []
    rest = span
    # Known names first, so the "and" inside "Ministry of Labour and Social Affairs" does not split it.
    placeholders: dict[str, OrganisationRecord] = {}
    for known, pattern in _KNOWN_RE:

        def _replace(m: re.Match[str], known: KnownOrganisation = known) -> str:
            key = f"KNOWNORG{len(placeholders)}X"
            placeholders[key] = _known_record(known, m.string[m.end() :])
            return key

        rest = pattern.sub(_replace, rest)
    for key, record in placeholders.items():
        if record.name != record.short_name and " " in record.name and KNOWN_BY_NAME[record.name.split(" ")[0]]:
            rest = re.sub(rf"{key}\s+{re.escape(record.name.split(' ', 1)[1])}\b", key, rest)
    rest = re.sub(
        r"\b(Arbeit|Soziales|Wirtschaft|Labour|Education|Training) (und|and) ([A-ZÄÖÜ]\w+)",
        "\\1\u00a0\\2\u00a0\\3",
        rest,
    )
    parts = re.split(
        r"(,\s*(?:and\s+|und\s+|as\s+well\s+as\s+)?|(?<!-)\s+(?:and|und|as\s+well\s+as|sowie)\s+|;|/)", rest
    )
    # "Citizenship and Immigration Canada": a lone common word before "and" belongs to the next name
    for index in range(0, len(parts) - 2, 2):
        word = parts[index].strip()
        if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", word) and re.fullmatch(r"\s+(?:and|und)\s+", parts[index + 1]):
            parts[index + 2] = f"{word}{parts[index + 1]}{parts[index + 2].lstrip()}"
            parts[index] = parts[index + 1] = ""
    separator = ""
    for index, item in enumerate(parts):
        if index % 2:
            separator = item or separator
            continue
        item = item.strip()
        if not item:
            continue
        if found and re.match(r"(?:a|an|ein|eine)\s", item, re.IGNORECASE):
            break  # an apposition: "Tür an Tür, an NGO committed to ..."
        chunk = _leading_name(item)
        if not chunk:
            if found:
                break
            continue
        listed = index == 0 or bool(re.search(r"and|und|as well as|sowie", separator))
        bare = re.sub(r"^(?:the|a|an|die|der|dem|den|des|das|its|their)\s+", "", item, flags=re.I).strip(" .:")
        if chunk != bare and not listed and found:
            break  # "Together with X, MigraNet produced ...": the main clause starts here
        if chunk in placeholders:
            found.append(placeholders[chunk])
            continue
        record = _record_from_chunk(chunk)
        if record:
            found.append(record)
        if chunk != bare and not chunk.startswith("KNOWNORG"):
            break  # the item goes on with a clause ("X together with Y", "X branches in Leeds"): the list ends
    return found


KNOWN_BY_NAME = {k.name.split(" ")[0]: k.local for k in KNOWN_ORGANISATIONS}


_NATIONALITIES = {"Flemish", "German", "Swedish", "British", "Dutch", "French", "Italian", "Austrian", "Greek"}
_DESCRIPTOR = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}?(?:union|confederation|charity|cooperative|co-operative|council|association|service|company"
    r"|foundation|agency|organi[sz]ation|NGO|network|firm|Verein|Stiftung|Träger|Verband)\s+(?=[A-ZÄÖÜ])"
)


def _leading_name(item: str) -> str:
    item = re.sub(r"^(?:the|a|an|die|der|dem|den|des|das|its|their)\s+", "", item.strip(' :"“”„'), flags=re.I)
    descriptor = _DESCRIPTOR.match(item)
    if descriptor and (not re.match(r"[A-ZÄÖÜ]", item) or descriptor.group(0).split()[0] in _NATIONALITIES):
        item = item[descriptor.end() :]
    if not re.search(rf"{_LEGAL}$", item):
        item = item.rstrip(".")
    tokens: list[str] = []
    for m in _ORG_TOKEN.finditer(item):
        token = m.group(0)
        if m.group(1) is not None:  # a parenthesis: keep an acronym, drop a gloss
            if tokens and re.fullmatch(r"[A-ZÄÖÜ][\w&.+-]{1,24}(?: [A-ZÄÖÜ][\w&.+-]{1,12})?", m.group(1).strip()):
                tokens.append(f"({m.group(1).strip()})")
                continue
            if tokens:
                continue
            break
        if token.startswith("KNOWNORG"):
            if tokens:
                break
            return token
        starts_upper = token[0].isupper() or token[0].isdigit()
        if starts_upper or re.fullmatch(_LEGAL, token) or (tokens and token.lower() in _CONNECTORS):
            tokens.append(token)
            continue
        break
    while tokens and tokens[-1].lower() in _CONNECTORS:
        tokens.pop()
    return " ".join(tokens).strip()


def _record_from_chunk(chunk: str) -> OrganisationRecord | None:
    short = ""
    m = re.search(r"\s*\(([^()]+)\)$", chunk)
    if m:
        short = m.group(1)
        chunk = chunk[: m.start()].strip()
    words = [w for w in chunk.split() if w.lower() not in _CONNECTORS]
    if not words or len(chunk) < 2:
        return None
    if len(words) == 1 and (words[0].lower() in _GENERIC_WORDS or re.fullmatch(r"\d+", words[0])):
        return None
    if words[0].lower() in _GENERIC_WORDS and len(words) <= 2 and not re.match(r"(City|Town) of ", chunk):
        return None
    return OrganisationRecord(name=normalise_name(chunk), short_name=short)


def normalise_name(name: str) -> str:
    name = squash(name.replace("\u00a0", " ")).strip(" ,.;:")
    name = re.sub(r"\beV\b", "e.V.", name)
    name = re.sub(r"\be\.\s?V\b\.?", "e.V.", name)
    name = _JOBCENTRE.sub(r"Jobcenter \1", name)
    return name


def from_sentence(sentence: str) -> list[OrganisationRecord]:
    """Organisations a sentence names with a role cue; joined partners are marked by ``joined_year``."""
    found: list[OrganisationRecord] = []
    for cue, role in _CUES_AFTER:
        for m in cue.finditer(sentence):
            for record in split_organisations(sentence[m.end() :]):
                record.role = role
                found.append(record)
    # "X provided operational support" / "X joined in 2010": the organisations come before the cue.
    for m in re.finditer(r"\bprovided?s?\s+(operational|financial|logistical)?\s*support\b", sentence):
        before = sentence[: m.start()]
        before = re.split(r"\bsuch\s+as\b|:|\bpartners\b", before)[-1]
        role = ROLE_FUNDER if m.group(1) == "financial" else ROLE_PARTNER
        for record in split_organisations(before):
            record.role = role
            found.append(record)
    for m in _CUE_JOINED.finditer(sentence):
        before = re.split(r"[,;:]\s", sentence[: m.start()])[-1]
        before = re.sub(r"^(?:In|Since|Seit)\s+\d{4}\s*", "", before.strip())
        for record in split_organisations(before)[-1:]:
            record.role = ROLE_PARTNER
            found.append(record)
    m = _SUBJECT_VERBS.match(sentence)
    if m and re.match(r"(?:City|Town|Municipality)\s+of\s+[A-Z]|Stadt\s+[A-Z]|Landeshauptstadt\s", m.group(1)):
        record = _record_from_chunk(_leading_name(m.group(1)))
        if record:
            record.role = ROLE_IMPLEMENTING
            found.append(record)
    return [r for r in found if r.name]


def guess_type(name: str, vocabulary: Vocabulary) -> str:
    rules = (
        (r"\b(City|Town|Municipality|Stadt|Landeshauptstadt|Gemeinde|Landkreis|District)\b", "municipality"),
        (r"\bJob\s?cent(er|re)|Agentur\s+für\s+Arbeit|Employment\s+Agency|Arbeitsagentur", "public-employment-service"),
        (r"\b(Ministry|Ministerium)\b", "national-ministry"),
        (r"\b(Chamber|Kammer|IHK|HWK)\b", "chamber"),
        (r"\b(University|Universität|Hochschule|Research|Institut)", "university-research"),
        (r"Volkshochschule|Bildungswerk|Akademie|Academy|College|School|Schule|Bildungs", "education-provider"),
        (r"\b(Stiftung|Foundation)\b", "foundation"),
        (r"\b(e\.V\.|Diakonie|Caritas|SkF|AWO|Red Cross|gGmbH|NGO|Verein)", "welfare-ngo"),
        (r"\b(Union|Gewerkschaft|DGB|ver\.di)\b", "trade-union"),
    )
    for pattern, slug in rules:
        if re.search(pattern, name):
            return slug
    return vocabulary.best(ORGANISATION_TYPES, name)


def same_organisation(a: str, b: str) -> bool:
    fa, fb = _key(a), _key(b)
    if not fa or not fb:
        return False
    return fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " ")


def _key(name: str) -> str:
    name = re.sub(rf"\s*{_LEGAL}$", "", name)
    name = re.sub(r"\([^)]*\)", " ", name)
    return re.sub(r"[\W_]+", " ", fold(name)).strip()


MAX_ORGANISATIONS = 200  # a practice names a few dozen at most; past this a page is a directory or noise


def merge_organisations(records: list[OrganisationRecord], vocabulary: Vocabulary) -> list[OrganisationRecord]:
    result: list[OrganisationRecord] = []
    keys: list[str] = []  # _key of each result, computed once
    for record in records:
        record.name = normalise_name(record.name)
        key = _key(record.name)
        match = next(
            (r for r, k in zip(result, keys, strict=True)
             if (key and k and (k == key or k.startswith(key + " ") or key.startswith(k + " ")))
             or (record.short_name and record.short_name in (r.short_name, r.name))
             or (r.short_name and r.short_name == record.name)),
            None,
        )  # fmt: skip
        if match is None and len(result) >= MAX_ORGANISATIONS:
            continue
        if match is None:
            result.append(record)
            keys.append(key)
            continue
        if len(record.name) > len(match.name) and not (match.short_name and record.short_name != match.short_name):
            match.name = record.name
            keys[result.index(match)] = _key(match.name)
        match.short_name = match.short_name or record.short_name
        match.type = match.type or record.type
        if ROLE_PRIORITY.get(record.role, 9) < ROLE_PRIORITY.get(match.role, 9):
            match.role = record.role
    for record in result:
        record.type = record.type or guess_type(record.name, vocabulary)
    return result


_HEAD = (
    r"Ministry|Ministerium|Agency|Agentur|Council|Congress|Confederation|Union|Local\s+\d+|Association|Centre|Center"
    r"|Foundation|Fund|Fonds|University|Universität|College|Partnership|Municipality|Jobcenter|Landkreis|Verband"
    r"|Verein|Stiftung|Chamber|Kammer|\w+kammer|Institute|Trust|Alliance|Administration|Bank|Group|Department"
    r"|Commission|Service|Office|Government|Senatsverwaltung|Forum|Bildungswerk|Stichting|Fonds|Region\s+of|City\s+of"
    r"|[\w-]+(?:stiftung|kammer|verband|verein|werk)"
)
_ACTS = re.compile(
    r"^(?:,[^,]{0,90},)?\s+(?:has\s+|have\s+|had\s+|hat\s+|haben\s+)?(?:also\s+)?(?P<verb>run|runs|ran|offers?|offered"
    r"|operates|operated|launched|created|established|set\s+up|started|developed|opened|trains|trained|organises"
    r"|organizes|bietet|begleitet|entwickelte|entwickelt|betreibt|gründete|financed|funded|funds|finances|finanziert"
    r"|fördert|paid|pays)\b"
)
_FUNDS = {"financed", "funded", "funds", "finances", "finanziert", "fördert", "paid", "pays"}
_NAME_WORD = r"(?:[A-ZÄÖÜ][\w'’&.-]*|\d+)"
_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|for|and|für|der|des|und|zu|de|the|in)\s+)?{_NAME_WORD}){{0,8}}"
    rf"(?:\s*{_LEGAL})?(?:\s*\([A-ZÄÖÜ][\w&.+-]{{1,24}}\))?"
)
_HEAD_RE = re.compile(rf"(?<![\w-])(?:{_HEAD})(?![\w-])|\b(?:e\.\s?V\.|gGmbH|GmbH)|[\w-]+(?:stiftung|kammer|verband)\b")
_SELF_NAMES = {"development", "partnership", "equal", "the", "project", "programme", "network", "dp", "initiative"}
_SENTENCE_START_WORDS = {"The", "In", "Since", "For", "A", "An", "This", "It", "Its", "Der", "Die", "Das", "Seit", "Im"}


def named_in(sentence: str) -> list[OrganisationRecord]:
    """Organisations named anywhere in a sentence by their head word ("... the Trades Union Congress (TUC) ..."),
    with the role of the nearest cue before them, or partner."""
    found: list[OrganisationRecord] = []
    for m in _RUN.finditer(sentence):
        text = m.group(0).strip()
        words = text.split()
        while words and (words[0] in _SENTENCE_START_WORDS or words[0].isdigit() or words[0].lower() == "the"):
            words = words[1:]
        text = " ".join(words)
        while text and (text.split()[-1].lower() in _CONNECTORS | {"the"} or text.split()[-1] in _SENTENCE_START_WORDS):
            text = text.rsplit(" ", 1)[0] if " " in text else ""
        if not text or all(w.lower() in _SELF_NAMES for w in text.split()):
            continue
        if not text or not _HEAD_RE.search(text) or len(text.split()) < 2 and not re.search(_LEGAL, text):
            continue
        if re.fullmatch(rf"(?:{_HEAD})", text):
            continue
        record = _record_from_chunk(text)
        if record is None:
            continue
        record.role = _role_before(sentence[: m.start()])
        acts = _ACTS.match(sentence[m.end() :])
        if acts:  # the organisation is the subject: it runs (or pays for) the practice
            record.role = ROLE_FUNDER if acts.group("verb") in _FUNDS else ROLE_IMPLEMENTING
        if re.match(r"Verein\s+\S.*e\.\s?V\.$", record.name):
            record.name = record.name[len("Verein ") :]
        found.append(record)
    return found


_DESCRIBED = re.compile(
    r"\b(?:trade\s+union|union|confederation|charity|cooperative|co-operative|council|association|employment\s+service"
    r"|company|foundation|agency|NGO|non-profit|social\s+enterprise|Verein|Träger)\s+"
    rf"({_NAME_WORD}(?:\s+(?:of|for|and|für|de|in)?\s*{_NAME_WORD}){{0,5}}(?:\s*{_LEGAL})?)"
)


def described_in(sentence: str) -> list[OrganisationRecord]:
    """Organisations introduced by what they are: "the teachers' union Lärarförbundet"."""
    found = []
    for m in _DESCRIBED.finditer(sentence):
        record = _record_from_chunk(m.group(1).strip())
        if record and not re.fullmatch(r"(?:of|for|in|and)\b.*", record.name):
            record.role = _role_before(sentence[: m.start()])
            found.append(record)
    return found


def _role_before(before: str) -> str:
    best, position = ROLE_PARTNER, -1
    for cue, role in _CUES_AFTER:
        for m in cue.finditer(before):
            if m.end() > position:
                best, position = role, m.end()
    return best
