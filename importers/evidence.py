"""Evidence for the editor: for each extracted fact, the field or sentence of the source it came from and a
confidence. A fact read from a labelled field is surer than one read from a sentence with a cue, which is
surer than one inferred (a default role, a country guessed from the language); uncertain facts are shown
to the editor to check.
"""

from __future__ import annotations

import re

from importers.extract import fields
from importers.textutils import fold, sentences, squash
from practices.records import ROLE_PARTNER, Evidence, PracticeRecord

FROM_FIELD = 0.9
FROM_CUE = 0.75
MENTIONED = 0.55
INFERRED = 0.35
SNIPPET = 240
_ROLE_CUE = re.compile(
    r"fund|financ|förder|gefördert|paid|grant|led\s+by|run\s+by|coordinat|koordin|implement|träger|partner|cooperation"
    r"|kooperation|together|gemeinsam|launched|set\s+up|established",
    re.I,
)


def _snippet(text: str) -> str:
    text = squash(text)
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rsplit(" ", 1)[0] + "…"


class _Finder:
    def __init__(self, text: str) -> None:
        self.lines = [squash(line) for line in text.split("\n") if line.strip()]
        self.field_lines = [(fold(f.line), f.line) for f in fields.read_fields(text)]
        self.sentences = [(fold(s), s) for s in sentences(text)]

    def find(self, value: str, extra: str = "") -> tuple[str, str]:
        """('field' or 'sentence' or '', the snippet) for the first place the value is named."""
        keys = [k for k in (value, extra) if k and len(k) > 1]
        for key in keys:
            folded = fold(key)
            for folded_line, line in self.field_lines:
                if folded in folded_line:
                    return "field", line
        for key in keys:
            folded = fold(key)
            matches = [s for folded_sentence, s in self.sentences if folded in folded_sentence][:5]
            if matches:
                return "sentence", min(matches, key=len)
        return "", ""


def attach_evidence(record: PracticeRecord, text: str, *, title_from_heading: bool = False) -> None:
    finder = _Finder(text)
    found: list[Evidence] = []

    def add(fact: str, value: str, where: str, snippet: str, confidence: float) -> None:
        found.append(Evidence(fact=fact, value=value, snippet=_snippet(snippet), confidence=round(confidence, 2)))

    if record.title:
        where, snippet = finder.find(record.title)
        add("title", record.title, where, snippet or record.title, 0.9 if title_from_heading or where else 0.6)
    for place in record.places:
        for fact, value in (("city", place.city), ("region", place.region)):
            if value:
                where, snippet = finder.find(value)
                add(fact, value, where, snippet, FROM_FIELD if where == "field" else MENTIONED if where else INFERRED)
        if place.country:
            import pycountry

            country = pycountry.countries.get(alpha_2=place.country)
            name = getattr(country, "common_name", None) or getattr(country, "name", place.country)
            where, snippet = finder.find(name)
            if not where and place.city:
                where, snippet = finder.find(place.city)
            confidence = FROM_FIELD if where == "field" else FROM_CUE if where else INFERRED
            add("country", place.country, where, snippet or "(inferred: no country named in the text)", confidence)
    for fact in ("start_year", "end_year"):
        year = getattr(record, fact)
        if year:
            where, snippet = finder.find(str(year))
            add(fact, str(year), where, snippet, FROM_FIELD if where == "field" else FROM_CUE if where else INFERRED)
    for org in record.organisations:
        where, snippet = finder.find(org.name, org.short_name)
        if where == "field":
            confidence = FROM_FIELD
        elif where and (org.role != ROLE_PARTNER or _ROLE_CUE.search(snippet)):
            confidence = FROM_CUE
        else:
            confidence = MENTIONED if where else INFERRED
        add(
            "funder" if org.role == "funder" else "organisation", f"{org.name} ({org.role})", where, snippet, confidence
        )
    for contact in record.contacts:
        where, snippet = finder.find(contact.email or contact.name, contact.name)
        add("contact", contact.name or contact.email, where, snippet, 0.8 if contact.name and contact.email else 0.5)
    unique: dict[tuple[str, str], Evidence] = {}
    for item in found:
        unique.setdefault((item.fact, item.value), item)
    record.evidence = list(unique.values())
