"""Small text helpers shared by the extractors: folding, paragraphs, sentences, headings."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "‘": "'", "–": "-", "—": "-"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”“'»]?\s+(?=[\"„“‘«]?[A-ZÄÖÜ0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(e\.V|z\.B|u\.a|ca|Dr|Prof|St|Nr|Tel|Fax|Str|bzw|vgl|e\.g|i\.e|Mr|Ms|Mrs|No|etc|Inc|Ltd)\.$"
)
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "januar": 1, "februar": 2, "märz": 3,
    "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case with German umlauts spelled out, so 'Flüchtlinge' and 'Fluechtlinge' compare equal."""
    text = text.lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    return [squash(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(text: str) -> list[str]:
    result: list[str] = []
    for para in paragraphs(text):
        pieces = _SENTENCE_END.split(para)
        buffer = ""
        for piece in pieces:
            buffer = f"{buffer} {piece}".strip() if buffer else piece
            if _ABBREVIATIONS.search(buffer[-12:]):  # the tail only: a buffer can grow long
                continue
            result.append(buffer)
            buffer = ""
        if buffer:
            result.append(buffer)
    return result


def is_heading(line: str) -> bool:
    """A short line without closing sentence punctuation, starting with a capital: a (sub)heading."""
    line = line.strip()
    if not line or len(line) > 90 or line[0] in "•*-–>":
        return False
    if line.endswith((".", ",", ";")) or "@" in line or re.search(r"https?://|www\.", line):
        return False
    return line[0].isupper() and len(line.split()) <= 12


def strip_punct(text: str) -> str:
    return text.strip(" \t\n,;:.–-()[]\"'“”„")
