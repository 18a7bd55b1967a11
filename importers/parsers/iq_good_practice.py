"""IQ Network "IQ Good Practice" sheets (PDF text or web page), in English or German.

Layout: title and subtitle, "IQ GOOD PRACTICE to the point" / "auf den Punkt", labelled fields
("Addressees for transfer:", "<Name> format:", "Project:", "Implementing organisation:", "Project
Contact:", "Offer:"), sections "Starting position/challenge", "Implementation of the format", "Summary",
an interview ("Three questions to ..."), "Imprint" with authors and funders.
"""

from __future__ import annotations

import re

from importers.cleaning import clean
from importers.extract import story
from importers.parsers.base import Parts, assemble, choose_title
from importers.textutils import paragraphs
from importers.vocabulary import Vocabulary
from practices.records import ROLE_IMPLEMENTING, PracticeRecord, SourceRecord

KIND = "iq_good_practice"
PUBLISHER = "Network IQ (Integration through Qualification)"
_MARKERS = (
    (r"IQ\s+GOOD\s+PRACTICE", 0.5),
    (r"Addressees\s+for\s+transfer|Transferadressat", 0.3),
    (r"Implementing\s+organi[sz]ation\s*:|Umsetzende\s+Organisation\s*:|Projektträger\s*:", 0.15),
    (r"Starting\s+position|Ausgangslage", 0.15),
    (r"Network\s+IQ|Netzwerk\s+IQ|IQ\s+Netzwerk|netzwerk-iq\.de", 0.1),
    (r"(?:Three|Drei)\s+(?:questions|Fragen)\s+(?:to|an)", 0.1),
)
# field key -> label pattern (a line of its own ending with a colon, or a section heading line)
_FIELDS = {
    "transfer": r"Addressees\s+for\s+transfer|Transferadressat(?:en|innen|\*innen)?",
    "format": r"[\w -]{2,60}?\s(?:format|Format)|Format\s*[\w -]{0,40}",
    "project": r"Project|Projekt",
    "implementing": r"Implementing\s+organi[sz]ation|Umsetzende\s+Organisation|Durchführende\s+Organisation|(?:Projekt)?[Tt]räger",  # noqa: E501
    "contact": r"Project\s+[Cc]ontact|Projektkontakt|Ansprechpartner(?:in)?|Kontakt",
    "offer": r"Offer|Angebot",
    "target": r"Target\s+groups?|Zielgruppen?",
}
_SECTIONS = {
    "challenge": r"Starting\s+position(?:\s*/\s*challenge)?|Ausgangslage(?:\s*/\s*Herausforderung)?"
    r"|Challenge|Herausforderung",
    "approach": r"Implementation(?:\s+of\s+the\s+format)?|Umsetzung(?:\s+des\s+Formats)?|Approach|Vorgehen",
    "results": r"Summary|Zusammenfassung|Fazit|Results|Ergebnisse",
    "interview": r"(?:Three|Four|Two|Drei|Vier|Zwei)\s+(?:questions|Fragen)\s+(?:to|an)\s+.+"
    r"|Interview\s+(?:with|mit)\s+.+",
    "imprint": r"Imprint|Impressum",
    "network": r"Network\s+IQ|Netzwerk\s+IQ|Das\s+Förderprogramm.*",
}
_LINE = re.compile(
    "^(?:" + "|".join(f"(?P<f_{k}>(?:{v})\\s*:)" for k, v in _FIELDS.items())
    + "|" + "|".join(f"(?P<s_{k}>(?:{v}))" for k, v in _SECTIONS.items()) + r")\s*$",
    re.M,
)  # fmt: skip


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.I)))


def _split(text: str) -> tuple[str, dict[str, str]]:
    """(the text before the first field, {field or section key: its text})."""
    found: dict[str, str] = {}
    marks = [
        (m.start(), m.end(), next(k for k, v in m.groupdict().items() if v), m.group(0)) for m in _LINE.finditer(text)
    ]
    preamble = text[: marks[0][0]] if marks else text
    for i, (_start, end, key, heading) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        value = text[end:stop].strip()
        if key == "s_interview":
            value = heading.strip() + "\n\n" + value
        found[key[2:]] = (found.get(key[2:], "") + "\n\n" + value).strip()
    return preamble, found


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    parts = Parts(kind=KIND, detection=detect(text))
    preamble, fields = _split(cleaned.text)
    preamble, _kicker, after = (
        *re.split(r"^IQ\s+GOOD\s+PRACTICE.*$", preamble, maxsplit=1, flags=re.M | re.I),
        "",
        "",
    )[:3]
    lines = [line.strip() for line in preamble.split("\n") if line.strip()]
    if 0 < len(lines) <= 3 and not re.search(r"[>|›]", preamble):
        parts.title, subtitle = lines[0], " ".join(lines[1:])  # a sheet: title and subtitle
    else:
        parts.title = choose_title(preamble) or choose_title(after)
        head = [p for p in paragraphs(after) if len(p) >= 60]
        subtitle = head[0] if head else ""
    parts.summary = subtitle or fields.get("format", "")
    parts.challenge = "\n\n".join(paragraphs(fields.get("challenge", "")))
    parts.approach = "\n\n".join(paragraphs(fields.get("approach", "")))
    parts.results = "\n\n".join(paragraphs(fields.get("results", "")))
    parts.body = "\n\n".join(
        x for x in (subtitle, fields.get("format", ""), fields.get("target", ""), fields.get("challenge", ""),
                    fields.get("approach", ""), fields.get("results", ""), fields.get("interview", "")) if x
    )  # fmt: skip
    parts.extra = "\n\n".join(filter(None, (fields.get(k, "") for k in ("offer", "imprint", "network"))))
    if fields.get("offer"):
        parts.body += "\n\n" + fields["offer"]
    parts.place_hints.append(("", "Germany"))  # Network IQ is a German federal programme
    parts.contact_text = fields.get("contact", "")
    parts.transfer_text = fields.get("transfer", "")
    parts.target_text = fields.get("target", "")
    if fields.get("implementing"):
        from importers.extract.organisations import split_organisations

        for org in split_organisations(fields["implementing"].split("\n")[0]):
            org.role = ROLE_IMPLEMENTING
            parts.organisations.append(org)
    version = re.search(r"^(?:Version|Stand|Date|Datum)\s*:\s*(.+)$", fields.get("imprint", ""), re.M | re.I)
    parts.source = SourceRecord(kind=KIND, title=parts.title, publisher=PUBLISHER,
                                date=version.group(1).strip() if version else "")  # fmt: skip
    record = assemble(parts, vocabulary, cleaned.text)
    record.interview = story.interview(fields.get("interview", ""))
    implementing = next((o.name for o in record.organisations if o.role == ROLE_IMPLEMENTING), "")
    for contact in record.contacts:
        contact.organisation = contact.organisation or implementing
    return record
