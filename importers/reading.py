"""From bytes to text: refuse what is not a text document, decode legacy encodings, flatten HTML.

``read_document`` is the single entry point; HTML keeps its structure as paragraphs and heading lines,
breadcrumbs survive as one ``> a > b`` line (parsers read them, cleaning strips them from the body).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, Tag

from importers.errors import MAX_DOCUMENT_BYTES, BinaryDocument, EmptyDocument, NoContent, NotAPractice, TooLarge

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|h[1-6]|span|a|li|ul|br|table|section|article|body|title)\b[^>]*>", re.I)
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe", "svg", "button")
_DROP_MARKERS = re.compile(r"sidebar|related|recent|cookie|share|social|menu|skip-link|pagination", re.IGNORECASE)
_BREADCRUMB = re.compile(r"breadcrumb", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "blockquote", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "address", "figure", "figcaption", "pre",
}  # fmt: skip


@dataclass
class Document:
    """A decoded document: its text (HTML flattened) and what the markup said about itself."""

    text: str
    is_html: bool = False
    encoding: str = "utf-8"
    html_title: str = ""
    heading: str = ""  # the main heading (h1) of the main content
    url: str = ""
    warnings: list[str] = field(default_factory=list)


def read_document(raw: bytes | str) -> Document:
    if isinstance(raw, str):
        data_len = len(raw.encode("utf-8", errors="replace"))
        _check_size(data_len)
        text, encoding = raw, "utf-8"
        if "\x00" in text[:8192]:
            raise BinaryDocument("binary file: contains NUL bytes, not text")
    else:
        _check_size(len(raw))
        _check_binary(raw)
        text, encoding = decode_bytes(raw)
    if not text.strip():
        raise EmptyDocument("empty file: no text in it")
    warns = [] if encoding in ("utf-8", "utf-8-sig", "ascii") else [f"decoded as {encoding}"]
    if looks_like_html(text):
        doc = html_to_document(text)
        doc.encoding = encoding
        doc.warnings[:0] = warns
        return doc
    return Document(text=text, encoding=encoding, warnings=warns)


def _check_size(size: int) -> None:
    if size == 0:
        raise EmptyDocument("empty file: 0 bytes")
    if size > MAX_DOCUMENT_BYTES:
        raise TooLarge(f"file too large: {size} bytes, the limit is {MAX_DOCUMENT_BYTES} bytes (2 MiB)")


def _check_binary(data: bytes) -> None:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text: its NUL bytes are part of the encoding
    if head.startswith(b"%PDF-"):
        raise BinaryDocument("binary file: a PDF; extract its text first")
    if b"\x00" in head:
        raise BinaryDocument("binary file: contains NUL bytes, not text")
    sample = head.decode("latin-1")
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.05:
        raise BinaryDocument("binary file: too many control characters for text")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM, or UTF-16 with BOM) first, then the legacy Western encodings."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not re.search(r"[\x80-\x9f]", text):
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    if _HTML_START.search(head):
        return True
    return len(_HTML_TAG.findall(head)) >= 3


MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]{0,30})\b[^<>]{0,2000}?(/?)>")
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


def limit_depth(html: str) -> tuple[str, bool]:
    """Drop the tags (not the text) nested deeper than ``MAX_DEPTH``: real pages never are, and the parser
    and tree walks slow down with depth. Linear in the length of the page."""
    stack: list[bool] = []
    out: list[str] = []
    last = 0
    dropped = False
    for m in _TAG.finditer(html):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            if not stack:
                continue
            keep = stack.pop()
        else:
            keep = len(stack) < MAX_DEPTH
            stack.append(keep)
        if not keep:
            out.append(html[last : m.start()])
            out.append(" ")
            last = m.end()
            dropped = True
    if not dropped:
        return html, False
    out.append(html[last:])
    return "".join(out), True


def html_to_document(html: str) -> Document:
    html, flattened = limit_depth(html)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    url = ""
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        if "canonical" in (rel if isinstance(rel, list) else [rel]):
            url = str(link.get("href") or "")
    if not url:
        og = soup.find("meta", attrs={"property": "og:url"})
        url = str(og.get("content") or "") if isinstance(og, Tag) else ""
    crumbs = _breadcrumb_lines(soup)
    for tag in soup(["script", "style", "head", "template"]):
        tag.decompose()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or vars(tag).get("_decomposed"):  # not tag.decomposed: a find() per tag
            continue
        attrs = " ".join([tag.get("id") or "", *(tag.get("class") or [])]) if tag.attrs is not None else ""
        if attrs and _DROP_MARKERS.search(attrs) and tag.name not in ("html", "body", "main"):
            tag.decompose()
    body = soup.body or soup
    heading = _main_heading(body)
    text = _flatten(body).strip()
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if not re.search(r"\w{2,}", text):
        raise NoContent("HTML with no content: nothing left after removing markup, scripts and site chrome")
    if crumbs:
        text = "\n".join(crumbs) + "\n\n" + text
    notes = ["elements nested too deeply were read as plain text"] if flattened else []
    return Document(text=text, is_html=True, html_title=title, heading=heading, url=url, warnings=notes)


def _main_heading(body: Tag) -> str:
    """The first h1 of the main content (main, article, role=main, #content), else of the page."""
    containers = body.find_all(["main", "article"]) + body.find_all(attrs={"role": "main"})
    containers += body.find_all(id=re.compile(r"^(?:main|content|main-content)$", re.I))
    for container in [*containers, body]:
        h1 = container.find("h1")
        if isinstance(h1, Tag):
            text = h1.get_text(" ", strip=True)
            if text:
                return re.sub(r"\s+", " ", text)
    return ""


def _breadcrumb_lines(soup: BeautifulSoup) -> list[str]:
    lines = []
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None:
            continue
        attrs = " ".join([tag.get("id") or "", *(tag.get("class") or []), str(tag.get("aria-label") or "")])
        if _BREADCRUMB.search(attrs):
            parts = [p.get_text(" ", strip=True) for p in tag.find_all(["a", "li", "span"]) if not p.find(["a", "li"])]
            parts = [p for p in parts if p and p not in (">", "»", "/")]
            if not parts:
                parts = [p.strip() for p in re.split(r"\s[>»›/]\s", tag.get_text(" ", strip=True)) if p.strip()]
            if parts:
                lines.append("> " + " > ".join(dict.fromkeys(parts)))
            tag.decompose()
    return lines


def _flatten(node: Tag) -> str:
    """The text of ``node`` with block elements on lines of their own.

    Iterative, not recursive: a hostile page nests thousands of elements. Definition lists and
    two-cell table rows come out as "Label: value" lines, which the labelled-field reader reads.
    """
    out: list[str] = []
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            out.append(item[1])
            continue
        if isinstance(item, NavigableString):
            if type(item) is NavigableString:
                out.append(re.sub(r"\s+", " ", str(item)))
            continue
        if not isinstance(item, Tag):
            continue
        name = item.name
        if item is not node:
            if name == "br":
                out.append("\n")
                continue
            if name == "tr":
                cells = item.find_all(["td", "th"], recursive=False)
                if len(cells) == 2:
                    label = cells[0].get_text(" ", strip=True).rstrip(":")
                    value = cells[1].get_text(" ", strip=True)
                    out.append(f"\n{label}: {value}\n" if label else f"\n{value}\n")
                    continue
            if name == "dt":
                label = item.get_text(" ", strip=True)
                out.append(f"\n{label}{'' if label.endswith(':') else ':'} ")
                continue
        block = name in _BLOCK_TAGS and item is not node
        closing = "\n" if name in ("li", "dd", "tr") else "\n\n"
        if name == "dd":
            closing = "\n"
        stack.append(("end", closing if block else ""))
        stack.extend(reversed(list(item.children)))
        if block and name != "dd":
            out.append("\n\n" if name not in ("li", "tr") else "\n")
            if name == "li":
                out.append("• ")
    lines = [line.strip() for line in "".join(out).split("\n")]
    return "\n".join(lines)


_WORD = re.compile(r"^[\"'(„“«]?[A-Za-zÀ-ÖØ-öø-ÿĀ-žẞ][a-zà-öø-ÿā-žß'’-]*[.,;:!?)\"'”»]*$")
_FUNCTION_WORD = re.compile(
    r"^(?:the|and|of|to|in|for|with|is|are|a|an|der|die|das|und|mit|für|von|ist|in|im|ein|eine|le|la|et|de)$", re.I
)


def check_prose(text: str) -> None:
    """Refuse text that is not prose: most tokens must look like words, and some like function words."""
    tokens = text.split(maxsplit=20000)[:20000]
    if not tokens:
        raise NotAPractice("not a practice: no words in the text")
    words = sum(1 for t in tokens if _WORD.match(t))
    function_words = sum(1 for t in tokens if _FUNCTION_WORD.match(t.strip(".,;:!?\"'()")))
    if words / len(tokens) < 0.5 or (len(tokens) >= 20 and function_words / len(tokens) < 0.02):
        raise NotAPractice(f"not a practice: the text is not prose ({words} of {len(tokens)} tokens look like words)")
