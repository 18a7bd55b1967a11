"""Normalise extracted text: undo extraction noise and strip site chrome before any parsing.

``clean`` returns the body text and, apart, the chrome lines it removed (breadcrumbs, "last updated"
footers), because parsers read metadata from them even though they are not part of the practice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from importers.textutils import fold

_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\((?:#|[^()\s]{0,500})\)")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^<>\s]{1,500})>")
_BOLD = re.compile(r"\*\*([^*\n]{1,200})\*\*")
_EMPH = re.compile(r"(?<![\w*])\*([^*\n]{1,500})\*(?![\w*])")
# "sta-\n\ntus" (a word split at a line or page break) becomes "status"; "EU-\nBürger" keeps its hyphen.
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n(?:[ \t]*\n)*[ \t]*([a-zäöüß])")
_COMPOUND_BREAK = re.compile(r"([A-Za-zÄÖÜäöüß]{2,})-[ \t]*\n(?:[ \t]*\n)*[ \t]*([A-ZÄÖÜ][a-zäöüß])")
# A sentence cut by a page break: the next part starts in lower case after two or more blank lines.
_SENTENCE_BREAK = re.compile(r"([a-zäöüß0-9,])[ \t]*\n(?:[ \t]*\n){2,}[ \t]*([a-zäöüß])")
_CHROME_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^site ?map(\s*\|\s*[\w ]+)*$",
        r"^(contact us|impressum|imprint|datenschutz|privacy( policy)?)(\s*\|\s*[\w ]+)+$",
        r"^(print|share|drucken|teilen|e-?mail|tweet|facebook|twitter|linkedin|view all|read more|mehr)$",
        r"^(back to top|top|nach oben|\^\s*top)$",
        r"^go to (the )?home ?page$",
        r"^[\w-]{2,20} home$",
        r"^skip to (main )?content$",
        r"^(share|print)( this)?( page| article)?(\s*[|/]\s*\w+)*$",
        r"^.{0,40}\b(uses|use) cookies\b.*$",
        r"^(accept|akzeptieren|ok)( all)?( cookies)?$",
        r"^(©|\(c\)|copyright\b).*$",
        r"^(home|startseite)\s*[>»/|].*$",
        r"^>\s*\S.*$",
        r"^you are here:.*$",
        r"^(all rights reserved|alle rechte vorbehalten).*$",
    )
]
_SIDEBAR = re.compile(
    r"^(recent|related|more|other|latest|similar|further|popular|weitere|ähnliche|aktuelle)\s+"
    r"(good ideas|ideas|good practices?|practices?|stories|posts|articles|projects|projekte|beispiele|content|items"
    r"|news|links|pages|praktiken|beiträge|nachrichten)\s*:?$",
    re.IGNORECASE,
)
_AFTER_SIDEBAR = re.compile(r"^(for this good idea contact|contact|kontakt|ansprechpartner(in)?)\s*:?\s*$", re.I)


@dataclass
class Cleaned:
    text: str
    chrome: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)


def clean(text: str) -> Cleaned:
    text = normalise_characters(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = _BOLD.sub(r"\1", text)
    text = _EMPH.sub(r"\1", text)
    text = re.sub(r"\^\s*top\b", "", text)
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = _COMPOUND_BREAK.sub(r"\1-\2", text)
    text = _SENTENCE_BREAK.sub(r"\1 \2", text)
    lines, chrome = _drop_chrome(text.split("\n"))
    lines, cut = _cut_sidebars(lines)
    text = "\n".join(lines)
    text = _drop_repeated_paragraphs(text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return Cleaned(text=text, chrome=chrome, cut=cut)


def normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\f", "\n\n")
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _drop_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    kept, chrome = [], []
    for line in lines:
        if line and any(p.match(line) for p in _CHROME_LINES):
            chrome.append(line)
        else:
            kept.append(line)
    return kept, chrome


_SOURCES = re.compile(r"^(sources?|quellen?|references|literatur|bibliography|tags)\s*:?\s*$", re.I)


def _cut_sidebars(lines: list[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    cut: list[str] = []
    cutting = False
    citation = False
    for line in lines:
        if _SOURCES.match(line):
            citation = True
        if citation:
            cut.append(line)
            citation = not (line and not _SOURCES.match(line))
            continue
        if re.match(r"^(?:sources?|quelle|tags)\s*:\s*\S", line, re.I):
            cut.append(line)
            continue
        if not cutting and _SIDEBAR.match(line):
            cutting = True
        elif cutting and _AFTER_SIDEBAR.match(line):
            cutting = False
        (cut if cutting else kept).append(line)
    return kept, cut


_ECHO_WINDOW = 40  # extractors echo a paragraph close to where it first stood


def _drop_repeated_paragraphs(text: str) -> str:
    """Extractors repeat paragraphs, whole or as a tail; keep the first and drop the echo.

    Exact repeats are found through a set; partial and near repeats only among the last
    ``_ECHO_WINDOW`` paragraphs, so a document of many distinct paragraphs stays linear.
    """
    seen: set[str] = set()
    recent: list[str] = []
    kept: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        key = re.sub(r"\W+", " ", fold(para)).strip()
        if len(key) >= 40 and (key in seen or _echoes(key, recent)):
            continue
        if key:
            seen.add(key)
            recent.append(key)
            del recent[:-_ECHO_WINDOW]
        kept.append(para)
    return "\n\n".join(kept)


def _echoes(key: str, recent: list[str]) -> bool:
    for old in recent:
        if key in old:
            return True
        near = len(key) > 80 and abs(len(key) - len(old)) <= len(key) // 10 and fuzz.ratio(key, old) > 95
        if near and re.findall(r"\d+", key) == re.findall(r"\d+", old):  # paragraphs that differ in figures differ
            return True
    return False
