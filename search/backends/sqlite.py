"""SQLite: our own FTS5 table of pre-analysed documents, rowid = practice id, ranked by ``bm25()``.

The columns hold stems separated by spaces (``search.analysis``), so FTS5's tokenizer only splits on
spaces and never stems or folds again. Every stem reaches FTS5 inside double quotes: user text is never
FTS5 syntax. Ranking asks FTS5 for ids only (no join), which keeps common words fast at 10,000
practices.
"""

from __future__ import annotations

from django.db import connection

from search.analysis import Phrase, Query, Term
from search.backends import by_tier

TABLE = "practice_search_fts"
# bm25() weights by column (title, labels, body); lower bm25 ranks higher. Tiers come first: practices
# with every word in the title, then in title or labels, then the rest (bm25 alone would let a label
# with many synonyms outrank a title).
WEIGHTS = (20.0, 5.0, 1.0)
TIERS = (("title",), ("title", "labels"))
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
    "USING fts5(title, labels, body, tokenize='unicode61 remove_diacritics 0')"
)


def _quoted(stem: str) -> str:
    return '"' + stem.replace('"', "") + '"'


def clause_expression(clause: Term | Phrase) -> str:
    if isinstance(clause, Phrase):
        options = [_quoted(" ".join(sequence)) for sequence in clause.sequences]
    else:
        options = [_quoted(stem) for stem in clause.stems]
        if clause.parts:  # a compound also matches when all of its parts are there
            parts = ("(" + " OR ".join(_quoted(stem) for stem in part) + ")" for part in clause.parts)
            options.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(options) + ")"


def match_expression(query: Query, *, require_all: bool = True, columns: tuple[str, ...] = ()) -> str:
    """An FTS5 MATCH expression of quoted stems only, optionally within ``columns``."""
    joiner = " AND " if require_all else " OR "
    expression = joiner.join(clause_expression(clause) for clause in query.clauses)
    return f"{{{' '.join(columns)}}} : ({expression})" if columns else expression


class SQLiteBackend:
    def _ids(self, expression: str, ranked: bool) -> list[int]:
        order = f" ORDER BY bm25({TABLE}, {', '.join(map(str, WEIGHTS))})" if ranked else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s{order}", [expression])
            return [row[0] for row in cursor.fetchall()]

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]:
        """Best first: every word in the title, then in title or labels, then anywhere; by bm25 within each."""
        if not query:
            return []
        ids = self._ids(match_expression(query, require_all=require_all), ranked=True)
        if not require_all or len(ids) < 2:
            return ids
        tiers = [set(self._ids(match_expression(query, columns=columns), ranked=False)) for columns in TIERS]
        return by_tier(ids, tiers)

    def clause_ids(self, query: Query) -> list[set[int]]:
        return [set(self._ids(clause_expression(clause), ranked=False)) for clause in query.clauses]

    def index(self, documents: list) -> None:
        if not documents:
            return
        with connection.cursor() as cursor:
            cursor.execute(CREATE)
            self.remove([document.page_id for document in documents])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, labels, body) VALUES (%s, %s, %s, %s)",
                [(d.page_id, d.title, d.labels, d.body) for d in documents],
            )

    def remove(self, ids: list[int]) -> None:
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join('%s' for _ in ids)})", ids)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")


SearchBackend = SQLiteBackend
