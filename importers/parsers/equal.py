"""EU EQUAL database descriptions and EQUAL "Portraits of Experience".

Layout: upper-case title, narrative, "Contact" block (names, phones, emails, addresses, web links),
"Link to EQUAL database description", footnotes that expand acronyms.
"""

from __future__ import annotations

import re

from importers.cleaning import clean
from importers.extract.names import smart_case
from importers.parsers.base import Parts, assemble, choose_title, contact_blocks
from importers.textutils import paragraphs
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord, SourceRecord

KIND = "equal"
PUBLISHER = "European Commission, EQUAL Community Initiative"
_MARKERS = (
    (r"Link\s+to\s+(?:the\s+)?EQUAL\s+database\s+description", 0.45),
    (r"Portraits\s+of\s+Experience", 0.3),
    (r"Development\s+Partnership|\b[A-Z]\w+\s+DP\b|\bthe\s+DP\b", 0.2),
    (r"Transnational\s+Partnership", 0.15),
    (r"\bEQUAL\b", 0.1),
    (r"^\s*Managing\s+organi[sz]ation\b|^\s*DP\s+(?:identifier|name)\b", 0.2),
    (r"\A\s*[A-Z0-9][A-Z0-9 ,:;'’&()/–-]{15,}\s*$", 0.1),
)
_NOTE = re.compile(r"^\[?(?:Extract\s+from|See\s+also|Link\s+to|Transnational\s+Partnership)", re.I)
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹]")


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.M)))


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    parts = Parts(kind=KIND, detection=detect(text))
    text_wo_contacts, contacts = contact_blocks(cleaned.text)
    paras = paragraphs(text_wo_contacts)
    title = choose_title(text_wo_contacts) or (paras[0] if paras and len(paras[0]) < 200 else "")
    if title:
        at = next((i for i, p in enumerate(paras) if title in p), -1)
        paras = paras[at + 1 :] if at >= 0 else paras
    narrative, extra = [], []
    for para in paras:
        if _NOTE.match(para) or _FOOTNOTE.match(para) or re.match(r"^(?:https?://|www\.)\S+$", para):
            extra.append(para)
        else:
            narrative.append(para)
    body = "\n\n".join(narrative)
    parts.title = smart_case(title, body)
    parts.short_name_hints = (parts.title,) if re.match(r"^\S+\s+[-–]\s", parts.title) else ()
    parts.body, parts.contact_text, parts.extra = body, contacts, "\n\n".join(extra)
    parts.summary = paragraphs(body)[0] if paragraphs(body) else ""
    portrait = re.search(r"Portraits\s+of\s+Experience", text)
    source_title = f"{parts.title} (Portraits of Experience)" if portrait else parts.title
    parts.source = SourceRecord(kind=KIND, title=source_title, publisher=PUBLISHER)
    return assemble(parts, vocabulary, cleaned.text)
