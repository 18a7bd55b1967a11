"""Spelling suggestions ("Did you mean …?") from the index's own vocabulary, in the active language first.

A query word is corrected only when it matches no practice at all. The correction is the closest word of
``SearchWord`` (optimal string alignment distance: a swapped pair of letters is one edit), at most one
edit for short words and two for longer ones (three from ten letters), the more frequent word on a tie.
The vocabulary of the active language is tried first, then the other languages.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis import LANGUAGES, Query, fold
from search.models import SearchWord

_cache: dict = {}
_lock = threading.Lock()


def max_edits(word: str) -> int:
    if len(word) <= 4:
        return 1
    return 2 if len(word) < 10 else 3


def lexicon(language: str) -> dict[str, int]:
    """Word -> number of practices, for one language (reloaded when the vocabulary changes)."""
    state = SearchWord.objects.aggregate(last=Max("pk"), count=Count("pk"))
    key = (state["last"], state["count"])
    with _lock:
        if _cache.get("key") != key:
            _cache.clear()
            _cache["key"] = key
        if language not in _cache:
            _cache[language] = dict(
                SearchWord.objects.filter(language=language).values_list("word", "documents").iterator()
            )
        return _cache[language]


def _folded(language: str) -> set[str]:
    words = lexicon(language)
    with _lock:
        key = ("folded", language)
        if key not in _cache:
            _cache[key] = {fold(word) for word in words}
        return _cache[key]


def closest(word: str, language: str) -> str | None:
    word = word.lower()
    order = (language, *[other for other in LANGUAGES if other != language])
    if any(fold(word) in _folded(each) for each in order):
        return None
    for each in order:
        words = lexicon(each)
        limit = max_edits(word)
        choices = [w for w in words if abs(len(w) - len(word)) <= limit and w[:1].isalnum()]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=20)
        if found:
            best = min(found, key=lambda item: (item[1], -words[item[0]], item[0]))
            return best[0]
    return None


def corrected_query(query: Query, clause_hits: list[set[int]]) -> str | None:
    """The query text with every word that matches nothing replaced by its closest known word."""
    text = query.text
    changed = False
    for term, hits in zip(query.terms, clause_hits[: len(query.terms)], strict=False):
        if hits:
            continue
        replacement = closest(term.word, query.language)
        if replacement and replacement != term.word:
            text = _replace_word(text, term.word, replacement)
            changed = True
    return text if changed else None


def _replace_word(text: str, word: str, replacement: str) -> str:
    import re

    pattern = re.compile(r"(?<![^\W_])" + r"[-'’]?".join(re.escape(char) for char in word) + r"(?![^\W_])", re.I)
    found = pattern.search(text)
    if not found:
        return f"{text} {replacement}"
    return text[: found.start()] + replacement + text[found.end() :]
