"""The passage of a practice that matches the query, with the matching words marked."""

from __future__ import annotations

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

TEXT_FIELDS = ("summary", "challenge", "approach", "results", "lessons")
WINDOW_WORDS = 40


def _text(practice, name: str) -> str:
    return " ".join(strip_tags(str(getattr(practice, name, "") or "")).split())


def highlight(practice, terms: list[str]) -> SafeString:
    """About ``WINDOW_WORDS`` words around the first match in the practice's text, terms in ``<mark>``.

    Words match at their start (``mentor`` marks "mentoring"), case-insensitively. Without a match in
    the text (the hit was on an organisation or place), the summary is shown.
    """
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE)
    passage = ""
    for name in TEXT_FIELDS:
        text = _text(practice, name)
        found = pattern.search(text)
        if found:
            words_before = text[: found.start()].split()
            start_words = (
                words_before[-(WINDOW_WORDS // 4) :] if len(words_before) > WINDOW_WORDS // 4 else words_before
            )
            rest = text[found.start() :].split()
            passage = " ".join(start_words + rest[: WINDOW_WORDS - len(start_words)])
            prefix = "… " if len(start_words) < len(words_before) else ""
            suffix = " …" if len(rest) > WINDOW_WORDS - len(start_words) else ""
            passage = f"{prefix}{passage}{suffix}"
            break
    if not passage:
        words = _text(practice, "summary").split()
        passage = " ".join(words[:WINDOW_WORDS]) + (" …" if len(words) > WINDOW_WORDS else "")
    marked, position = [], 0
    for found in pattern.finditer(passage):
        marked.append(escape(passage[position : found.start()]))
        marked.append(f"<mark>{escape(found.group(0))}</mark>")
        position = found.end()
    marked.append(escape(passage[position:]))
    return mark_safe("".join(marked))  # noqa: S308 - every piece of text is escaped above
