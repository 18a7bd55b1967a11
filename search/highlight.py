"""The passage of a practice that matches the query, with the matching words marked.

A word matches as the search matched it: by its stem in either language, folded (``employers`` marks
"Employer", ``Gefluechtete`` marks "Geflüchtete"), or by a part of a compound. When no passage of the
text matches (the practice was found through a label, an organisation or a place), the labels that
matched are shown, marked, after the start of the summary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from search.analysis import WORD, Query, word_matches

TEXT_FIELDS = ("summary", "challenge", "approach", "results", "lessons")
WINDOW_WORDS = 40
LABEL_SOURCES = ("themes", "target_groups", "transfer_audiences")


def _text(practice, name: str) -> str:
    value = str(getattr(practice, name, "") or "")
    return " ".join((strip_tags(value) if "<" in value else value).split())


def _marked(text: str, stems: set[str], language: str) -> tuple[str, bool]:
    out, position, found = [], 0, False
    for match in WORD.finditer(text):
        if word_matches(match.group(0), stems, language):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position, found = match.end(), True
    out.append(escape(text[position:]))
    return "".join(out), found


class _WordMatcher:
    """Finds a query's words in texts; each distinct written word is stemmed and checked once per page."""

    def __init__(self, query: Query) -> None:
        self.stems = query.all_stems()
        self.language = query.language
        self.checked: set[str] = set()
        self.hits: set[str] = set()

    def first(self, text: str) -> re.Match | None:
        words = set(WORD.findall(text))
        for word in words - self.checked:
            if word_matches(word, self.stems, self.language):
                self.hits.add(word)
        self.checked |= words
        matching = words & self.hits
        if not matching:
            return None
        return next(match for match in WORD.finditer(text) if match.group(0) in matching)


@lru_cache(maxsize=4096)
def _label_matches(label: str, stems: frozenset[str], language: str) -> bool:
    """Whether a vocabulary label or synonym has a word of the query (a page of results repeats them)."""
    return any(word_matches(word, stems, language) for word in WORD.findall(label))


def practice_labels(practices: list, language: str) -> dict[int, list[tuple[str, list[str]]]]:
    """For each practice: its vocabulary labels as (label in ``language``, the label in every language and
    the synonyms the search matches), and its cities.

    Two queries per vocabulary for the whole list (the practice–term links, then the terms' labels).
    """
    from collections import defaultdict

    from practices.models import PracticePage

    labels: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    page_ids = [practice.pk for practice in practices]
    for name in LABEL_SOURCES:
        field = PracticePage._meta.get_field(name)
        through = field.remote_field.through
        page_column, term_column = field.m2m_field_name(), field.m2m_reverse_field_name()
        pages_of: dict[int, list[int]] = defaultdict(list)
        for page_id, term_id in through.objects.filter(**{f"{page_column}__in": page_ids}).values_list(
            page_column, term_column
        ):
            pages_of[term_id].append(page_id)
        if not pages_of:
            continue
        model = field.related_model
        key_of = dict(model.objects.filter(pk__in=list(pages_of)).values_list("pk", "translation_key"))
        names: dict = defaultdict(dict)
        synonyms: dict = defaultdict(list)
        for key, code, label, synonym_lines in model.objects.filter(
            translation_key__in=set(key_of.values())
        ).values_list("translation_key", "locale__language_code", "name", "synonyms"):
            names[key][code] = label
            synonyms[key] += synonym_lines.splitlines()
        for pk, pages in pages_of.items():
            every = names.get(key_of.get(pk), {})
            display = every.get(language) or next(iter(every.values()), "")
            for page_id in pages:
                labels[page_id].append((display, [*every.values(), *synonyms.get(key_of.get(pk), [])]))
    for practice in practices:
        labels[practice.pk] += [(place.city, [place.city]) for place in practice.places.all() if place.city]
    return labels


def mark_results(practices: list, query: Query | None) -> None:
    """Set ``search_highlight`` on each practice of a page of results.

    Most practices have the query's words in their text; the labels (a few queries) are looked up only for
    those found through a label, an organisation or a place.
    """
    if not query:
        for practice in practices:
            practice.search_highlight = ""
        return
    without_passage = []
    matcher = _WordMatcher(query)
    for practice in practices:
        practice.search_highlight = passage(practice, query, matcher)
        if not practice.search_highlight:
            without_passage.append(practice)
    if without_passage:
        labels = practice_labels(without_passage, query.language)
        for practice in without_passage:
            practice.search_highlight = labels_highlight(practice, query, labels.get(practice.pk, []))


def passage(practice, query: Query, matcher: _WordMatcher | None = None) -> SafeString:
    """About ``WINDOW_WORDS`` words around the first match in the practice's text, matches in ``<mark>``;
    empty when no text of the practice has a word of the query."""
    matcher = matcher or _WordMatcher(query)
    stems, language = matcher.stems, matcher.language
    for name in TEXT_FIELDS:
        text = _text(practice, name)
        found = matcher.first(text)
        if found:
            words_before = text[: found.start()].split()
            keep = WINDOW_WORDS // 4
            start_words = words_before[-keep:] if len(words_before) > keep else words_before
            rest = text[found.start() :].split()
            window = " ".join(start_words + rest[: WINDOW_WORDS - len(start_words)])
            prefix = "… " if len(start_words) < len(words_before) else ""
            suffix = " …" if len(rest) > WINDOW_WORDS - len(start_words) else ""
            marked, _ = _marked(f"{prefix}{window}{suffix}", stems, language)
            return mark_safe(marked)  # noqa: S308 - every piece of text is escaped in _marked
    return mark_safe("")


def highlight(practice, query: Query, labels: list[tuple[str, list[str]]] = ()) -> SafeString:
    """The matching passage (``passage``); without one, the start of the summary and the labels that matched."""
    return passage(practice, query) or labels_highlight(practice, query, labels)


def labels_highlight(practice, query: Query, labels: list[tuple[str, list[str]]] = ()) -> SafeString:
    """The start of the summary and the labels that matched (for a practice with no matching passage)."""
    stems = frozenset(query.all_stems())
    language = query.language
    words = _text(practice, "summary").split()
    start = escape(" ".join(words[: WINDOW_WORDS // 2]) + (" …" if len(words) > WINDOW_WORDS // 2 else ""))
    matched = []
    for display, every in labels:
        if any(_label_matches(name, stems, language) for name in every):
            marked = f"<mark>{escape(display)}</mark>"
            if marked not in matched:
                matched.append(marked)
    if matched:
        return mark_safe(f"{start} <span class='search-result__labels'>({'; '.join(matched)})</span>")  # noqa: S308
    return mark_safe(start)  # noqa: S308 - escaped above
