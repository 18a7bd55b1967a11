"""Labelled fields in any layout: "Label: value" lines, a label line with its value under it, and the
"Label: value" lines that reading makes of tables and definition lists. English and German labels.

A label with nothing after it (or with another label right under it) has an empty value: the field is
known to be empty, nothing is read from the next field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# key -> label pattern (the whole label, case-insensitive)
LABELS: dict[str, str] = {
    "country": r"countr(?:y|ies)|member\s+state|location|land|staat|ort|mitgliedstaat",
    "city": r"city|town|stadt|municipality|kommune",
    "region": r"region|bundesland|geographical\s+area|geografischer\s+bereich",
    "start": r"start(?:\s+date)?|beginn|projektbeginn|year\s+of\s+implementation|launched|started",
    "end": r"end(?:\s+date)?|ende|projektende",
    "period": r"duration(?:\s+of\s+the\s+dp)?|period(?:\s+of\s+implementation)?|time\s?frame|laufzeit|projektlaufzeit"
    r"|dauer|zeitraum|förderzeitraum",
    "coordinator": r"managing\s+organi[sz]ation|coordinating\s+organi[sz]ation|koordination|koordinierende\s+stelle",
    "implementing": r"implementing\s+organi[sz]ation|lead\s+organi[sz]ation|organi[sz]ation|submitted\s+by"
    r"|umsetzende\s+organisation|durchführende\s+organisation|(?:projekt)?träger(?:in)?",
    "partners": r"(?:national\s+|implementing\s+|key\s+|strategic\s+|project\s+|transnational\s+)?partners?(?:\(s\))?"
    r"|partner\s+organi[sz]ations?|kooperationspartner(?:innen|\*innen)?|projektpartner(?:innen)?",
    "funders": r"funding|funded\s+by|funders?|financial\s+support|financed\s+by|financing|gefördert\s+(?:durch|von)"
    r"|förderer|finanzierung|fördermittelgeber(?:in)?|geldgeber",
    "contact": r"contact(?:\s+details|\s+person)?|main\s+contact|project\s+contact|kontakt|ansprechpartner(?:in)?"
    r"|ansprechperson(?:en)?|projektkontakt",
    "project": r"project|projekt|dp\s+name|name\s+of\s+the\s+practice",
    "theme": r"themes?|policy\s+area|thema|themen|type\s+of\s+practice|gcm\s+objectives",
    "target_groups": r"target\s+groups?|zielgruppen?",
    "transfer": r"addressees\s+for\s+transfer|transferadressat(?:en|innen|\*innen)?|transfer\s+audiences?",
    "website": r"website|web|internet|homepage|url",
}  # fmt: skip
_LABEL = "|".join(f"(?P<{key}>{pattern})" for key, pattern in LABELS.items())
_INLINE = re.compile(rf"^\s*(?:{_LABEL})\s*:\s*(?P<value>.*)$", re.I)
_ALONE = re.compile(rf"^\s*(?:{_LABEL})\s*:?\s*$", re.I)
MAX_VALUE_LINES = 8
MAX_FIELDS = 150  # a practice page has a few dozen; a page with thousands is a list, not a practice


@dataclass
class Field:
    key: str
    label: str
    value: str
    line: str  # the text the value was read from, for the editor


def _key(m: re.Match[str]) -> str:
    return next(k for k in LABELS if m.group(k))


def read_fields(text: str) -> list[Field]:
    """The labelled fields of a text, in order."""
    lines = text.split("\n")
    fields: list[Field] = []
    index = 0
    while index < len(lines) and len(fields) < MAX_FIELDS:
        line = lines[index].strip()
        index += 1
        if len(line) > 400:
            continue
        inline = _INLINE.match(line)
        if inline and inline.group("value").strip():
            fields.append(Field(_key(inline), line.split(":", 1)[0].strip(), inline.group("value").strip(), line))
            continue
        alone = _ALONE.match(line) if len(line) <= 50 else None
        if not alone:
            continue
        has_colon = line.rstrip().endswith(":")
        values: list[str] = []
        while index < len(lines) and len(values) < MAX_VALUE_LINES:
            nxt = lines[index].strip()
            if not nxt:
                if values:
                    break
                index += 1
                continue
            if _ALONE.match(nxt) or _INLINE.match(nxt):
                break
            values.append(nxt)
            index += 1
            if not has_colon:
                break  # a bare label takes one line only: a heading word must not swallow a paragraph
        value = "\n".join(values).strip()
        if not has_colon and (value.endswith(".") or len(value) > 150):
            index -= len(values)
            continue  # a heading followed by prose, not a field
        fields.append(Field(_key(alone), line.rstrip(":").strip(), value, f"{line.rstrip(':')}: {value}"))
    return fields


def values(fields: list[Field], key: str) -> list[Field]:
    return [f for f in fields if f.key == key and f.value]


def is_label_line(line: str) -> bool:
    line = line.strip()
    return bool((_INLINE.match(line) and len(line) <= 400) or (len(line) <= 50 and _ALONE.match(line)))
