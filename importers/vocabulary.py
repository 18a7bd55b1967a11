"""Controlled vocabularies as the parsers see them: per vocabulary, slugs with the phrases that mean them.

Data-driven so the loader can build one from the taxonomy snippets in the database; ``default()`` uses the
starting vocabularies in ``practices/vocabularies.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from importers.textutils import fold

TARGET_GROUPS = "target_groups"
THEMES = "themes"
ORGANISATION_TYPES = "organisation_types"
TRANSFER_AUDIENCES = "transfer_audiences"


@dataclass
class Vocabulary:
    terms: dict[str, list[tuple[str, list[str]]]]
    _patterns: dict[str, list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def default(cls) -> Vocabulary:
        from practices.vocabularies import VOCABULARIES

        return cls({name: [(t.slug, [t.en, t.de, *t.synonyms]) for t in terms] for name, terms in VOCABULARIES.items()})

    def slugs(self, vocabulary: str) -> list[str]:
        return [slug for slug, _ in self.terms.get(vocabulary, [])]

    def _compiled(self, vocabulary: str) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
        if vocabulary not in self._patterns:
            compiled = []
            for slug, phrases in self.terms.get(vocabulary, []):
                multi = sorted({_phrase_regex(p) for p in phrases if _is_multiword(p)}, key=len, reverse=True)
                single = sorted({_phrase_regex(p) for p in phrases if not _is_multiword(p)}, key=len, reverse=True)
                multi_re = re.compile("|".join(multi)) if multi else re.compile(r"(?!x)x")
                single_re = re.compile("|".join(single)) if single else None
                compiled.append((slug, multi_re, single_re))
            self._patterns[vocabulary] = compiled
        return self._patterns[vocabulary]

    def match(self, vocabulary: str, text: str, *, headline: str = "", min_score: int = 2) -> list[str]:
        """Slugs whose labels or synonyms the text uses, word-bounded, case- and umlaut-insensitive.

        A multi-word phrase counts 2, a single word 1, a hit in the headline (title, summary) 1 more:
        a term needs ``min_score`` so that one passing use of a broad word ("training") is not enough.
        """
        body, head = fold(text), fold(headline)
        scores: Counter[str] = Counter()
        for slug, multi_re, single_re in self._compiled(vocabulary):
            scores[slug] += 2 * len(multi_re.findall(body)) + 2 * len(multi_re.findall(head))
            if single_re is not None:
                scores[slug] += len(single_re.findall(body)) + len(single_re.findall(head))
        return [slug for slug in self.slugs(vocabulary) if scores[slug] >= min_score]

    def best(self, vocabulary: str, text: str) -> str:
        """The one slug whose phrase appears earliest-longest in a short text (an organisation's name)."""
        body = fold(text)
        best_slug, best_len = "", 0
        for slug, multi_re, single_re in self._compiled(vocabulary):
            for pattern in (multi_re, single_re):
                if pattern is None:
                    continue
                for m in pattern.finditer(body):
                    if len(m.group(0)) > best_len:
                        best_slug, best_len = slug, len(m.group(0))
        return best_slug


def _is_multiword(phrase: str) -> bool:
    return bool(re.search(r"[\s-]", phrase.strip()))


def _phrase_regex(phrase: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s-]+", fold(phrase).strip()) if w]
    body = r"[\s-]*".join(words) if len(words) == 1 else r"[\s-]+".join(words)
    # Plural and inflected endings in English and German ("job centres", "Geflüchteten").
    return rf"(?<![\w]){body}(?:s|es|n|en|e|er)?(?![\w])"
