"""Contact blocks: people, functions, organisations, emails (also obfuscated), phones and postal addresses."""

from __future__ import annotations

import re

from importers.textutils import fold, squash
from practices.records import ContactRecord

EMAIL = re.compile(
    r"[\w.+-]{1,64}\s*(?:@|\s?[\[(]\s?(?:at|ät|@)\s?[\])]\s?|\s+at\s+(?=[\w-]+\s*(?:\.|\[dot\]|\(dot\))))\s*"
    r"[\w-]{1,63}(?:\s*(?:\.|\[dot\]|\(dot\))\s*[\w-]{1,63}){0,4}\s*(?:\.|\[dot\]|\(dot\))\s*[a-zA-Z]{2,12}\b"
)
PHONE = re.compile(
    r"(?:(?:Tel(?:efon)?|Phone|Fon|Tel\.?\s*/\s*Fax|Mobil|Mobile|Handy)\.?\s*:?\s*)"
    r"(\+?\s?\(?\d[\d ()/.-]{5,24}\d(?:\s*-\s*\d{1,5})?)"
    r"|(\+\s?\d{2,3}\s?(?:\(0\)\s?)?\d[\d ()/.-]{5,22}\d(?:\s*-\s*\d{1,5})?)"
    r"|(?<![\d/])(0\d{2,5}\s?/\s?\d[\d ]{2,14}\d(?:\s*-\s*\d{1,5})?)"
)
FAX = re.compile(r"\bFax\.?\s*:?\s*[+\d][\d ()/.-]{5,24}\d", re.I)
_STREET = re.compile(
    r"[A-ZÄÖÜ][\wäöüß.-]*(?:str\.|straße|strasse|platz|weg|allee|ring|gasse|damm|ufer|markt|wall|hof|steig)"
    r"\s*\d+\s?[a-z]?(?:\s*[-–]\s*\d+)?|\b\d{1,4}\s+[A-Z][\w ]{2,30}\s(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane)\b"
    r"|[A-ZÄÖÜ][\wäöüß-]+(?:\s[A-ZÄÖÜ][\wäöüß-]+)?\s(?:Straße|Strasse|Platz|Weg|Allee|Ring|Gasse|Wall)\s\d+\s?[a-z]?"
)
_BARE_STREET = re.compile(r"[A-ZÄÖÜ][\wäöüß.-]+(?:\s[A-ZÄÖÜ][\wäöüß.-]+){0,2}\s\d{1,4}\s?[a-z]?")
_POSTCODE = re.compile(r"\b(?:D[- ]?)?\d{5}\s+[A-ZÄÖÜ][\wäöüß.-]+(?:\s(?:am|an\s+der|im)\s[A-ZÄÖÜ][\w.-]+)?")
_TITLE = r"(?:(?:Dr|Prof|Dipl\.-\w+)\.?\s+|(?:Frau|Herr|Ms\.?|Mr\.?|Mrs\.?)\s+)*"
_NAME_WORD = r"[A-ZÄÖÜ][a-zäöüßéèáàíóúç]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóúç]+)?"
PERSON = re.compile(rf"\b{_TITLE}({_NAME_WORD}(?:\s+(?:von|van|de|der|zu)\s+|\s+){_NAME_WORD}(?:\s+{_NAME_WORD})?)\b")
_ORG_HINT = re.compile(
    r"\b(gGmbH|GmbH|e\.\s?V\.|eV|AG|Stadt|City\s+of|Verein|Institut|Agentur|Jobcenter|University|Universität|"
    r"Foundation|Stiftung|Network|Netzwerk|Landesnetzwerk|Integrationsprojekte|Fachbereich|Koordinationsstelle|"
    r"Department|Office|Amt|Referat|Ministry|Ministerium|Diakonie|Caritas|Verband|Association|Centre|Center|Zentrum|"
    r"Landesarbeitsgemeinschaft|Arbeit\s+und\s+Leben|Kammer|Council|Union|Agency|Service|Bildungswerk|Forum|Stichting|"
    r"Administration|Government|Trust|Charity|Partnership|Local\s+\d+)"
    r"(?!\w)"
)
_FUNCTION_WORDS = (
    r"coordinator|co-ordinator|manager|director|head|leader|officer|adviser|advisor|counsellor|consultant|"
    r"president|chair|founder|referent(?:in)?|koordinator(?:in)?|leiter(?:in)?|projektleitung|"
    r"geschäftsführer(?:in)?|berater(?:in)?|ansprechpartner(?:in)?|mitarbeiter(?:in)?"
)
_FUNCTION = re.compile(
    rf"\b(?:[\w'’-]+\s+){{0,3}}(?:{_FUNCTION_WORDS})s?\b(?:\s+(?:of|in|for|at)\s+[^,.;]{{2,60}})?", re.I
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:one\s+)?of\s+the\s+(?:two|three|four|five|\d+)\s+|the\s+|an?\s+|der\s+|die\s+)", re.I
)
_NOT_NAMES = {
    "tel", "email", "e-mail", "fax", "contact", "kontakt", "link", "see", "further", "more", "project", "imprint",
    "the", "for", "this", "offer", "version", "layout", "editor", "authors", "photos", "good", "idea", "equal",
    "transnational", "partnership", "database", "description", "network", "germany", "deutschland", "recent",
    "main", "details", "person", "protected", "head", "unit",
}  # fmt: skip


def clean_email(raw: str) -> str:
    email = re.sub(r"\s*(?:[\[(]\s?(?:at|ät|@)\s?[\])]|\s+at\s+)\s*", "@", raw.strip())
    email = re.sub(r"\s*(?:\[dot\]|\(dot\))\s*", ".", email)
    return re.sub(r"\s+", "", email).strip(".").lower() if "@" in email else ""


def clean_phone(raw: str) -> str:
    phone = squash(raw).strip(" /.-")
    phone = re.sub(r"^\+\s+", "+", phone)
    phone = re.sub(r"\(0\)\s+", "(0)", phone)
    phone = re.sub(r"\s*-\s*(\d)", r"-\1", phone)
    return phone


def find_emails(text: str) -> list[str]:
    return list(dict.fromkeys(e for e in (clean_email(m.group(0)) for m in EMAIL.finditer(text)) if e))


def find_phones(text: str) -> list[str]:
    text = FAX.sub(" ", text)
    phones = []
    for m in PHONE.finditer(text):
        raw = next(g for g in m.groups() if g)
        if len(re.sub(r"\D", "", raw)) >= 6:
            phones.append(clean_phone(raw))
    return list(dict.fromkeys(phones))


def find_address(text: str) -> str:
    street = _STREET.search(text)
    postcode = _POSTCODE.search(text)
    parts = [squash(m.group(0)) for m in (street, postcode) if m]
    return ", ".join(parts)


def person_name(line: str) -> str:
    """The person a short contact line names, or ''."""
    line = squash(line).strip(" ,;:/")
    if _ORG_HINT.search(line) and not re.match(rf"{_TITLE}{_NAME_WORD}\s+{_NAME_WORD}\s*(?:,|/|$)", line):
        return ""
    m = PERSON.match(line)
    if not m:
        return ""
    words = [fold(w) for w in re.split(r"[\s-]+", m.group(1))]
    if any(w in _NOT_NAMES for w in words):
        return ""
    rest = line[m.end() :].strip()
    if rest and not re.match(r"[,/(]|[–-]\s|$", rest):
        return ""
    return m.group(1)


def parse_contact_block(block: str) -> list[ContactRecord]:
    """People in a contact block; organisation, address, phones and emails go to the person they follow."""
    lines = [squash(x).strip(" /") for x in re.split(r"\n|\s/\s(?!\d)|\s\|\s", block) if squash(x).strip(" /")]
    lines = [piece for line in lines for piece in _pieces(line)]
    contacts: list[ContactRecord] = []
    organisation, address_lines = "", []
    current: ContactRecord | None = None
    for line in lines:
        emails, phones = find_emails(line), find_phones(line)
        name = "" if emails or phones else person_name(line)
        if name:
            current = ContactRecord(name=name)
            contacts.append(current)
            rest = line[line.find(name) + len(name) :].strip(" ,/")
            if rest and _ORG_HINT.search(rest):
                current.organisation = rest
            elif rest and re.search(_FUNCTION_WORDS, rest, re.I):
                current.function = rest
            continue
        if emails or phones:
            target = current or _shared(contacts)
            if target is None:
                continue
            target.email = target.email or (emails[0] if emails else "")
            target.phone = target.phone or (phones[0] if phones else "")
            continue
        if _STREET.search(line) or _POSTCODE.search(line) or _BARE_STREET.fullmatch(line):
            address_lines.append(line.rstrip(","))
            continue
        if address_lines and re.fullmatch(r"[A-ZÄÖÜ][\wäöüß .-]{1,40},\s*[A-Z][\w .]{2,40},?", line):
            address_lines.append(line.rstrip(","))
            continue
        if re.match(r"(https?://|www\.)", line):
            continue
        if _ORG_HINT.search(line) and len(line) < 120:
            if (
                current
                and not current.organisation
                and not re.match(r"(Fachbereich|Koordinationsstelle|Department|Referat|Abteilung)\b", line)
            ):  # noqa: E501
                current.organisation = line.rstrip(",")
            elif current is None and not organisation:
                organisation = line.rstrip(",")
            elif current and re.match(r"(Fachbereich|Koordinationsstelle|Department|Referat|Abteilung)\b", line):
                current.function = current.function or line
            continue
        if current and not current.function and re.search(_FUNCTION_WORDS, line, re.I) and len(line) < 80:
            current.function = line
    address = ", ".join(dict.fromkeys(address_lines))
    for contact in contacts:
        contact.organisation = contact.organisation or organisation
        contact.address = contact.address or address
    return contacts


def _pieces(line: str) -> list[str]:
    """'Name, Function, Organisation e.V., email, phone' on one line: its parts, one per line."""
    parts = [p.strip() for p in re.split(r",\s+(?![^()]*\))", line) if p.strip()]
    if len(parts) < 2 or not (find_emails(line) or find_phones(line) or person_name(parts[0])):
        return [line]
    if _STREET.search(line) and not person_name(parts[0]):
        return [line]
    merged: list[str] = []
    for part in parts:
        # "Kiel, Tel. 0431 ..." and postcodes stay apart; a lone city after a street joins it
        if (
            merged
            and _POSTCODE.fullmatch(part) is None
            and re.fullmatch(r"[A-ZÄÖÜ][\w.-]+", part)
            and _STREET.search(merged[-1])
        ):
            merged[-1] += f", {part}"
        else:
            merged.append(part)
    return merged


def _shared(contacts: list[ContactRecord]) -> ContactRecord | None:
    return contacts[-1] if contacts else None


def functions_from_text(text: str, names: list[str]) -> dict[str, str]:
    """Functions the narrative gives named people: 'Anne Example, the network's transnational coordinator'."""
    found: dict[str, str] = {}
    for name in names:
        for m in re.finditer(re.escape(name) + r"\s*,\s*([^,.;“”\"]{3,90})", text):
            fm = _FUNCTION.search(m.group(1))
            if fm:
                function = _LEADING_FILLER.sub("", fm.group(0).strip(" ¹²³"))
                function = function.rstrip("¹²³⁴⁵⁶⁷⁸⁹ ")
                found.setdefault(name, re.sub(r"(?<=\w)s\b(?=\s+of|\s*$)", "", function).strip())
        m = re.search(rf"\b(?:the\s+)?([\w'’ -]{{0,40}}(?:{_FUNCTION_WORDS}))\s*,?\s+{re.escape(name)}\b", text, re.I)
        if m and name not in found:
            found[name] = m.group(1).strip()
    return found
