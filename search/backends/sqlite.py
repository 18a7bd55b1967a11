"""SQLite: our own FTS5 table of pre-analysed documents, rowid = practice id, ranked by ``bm25()``.

The columns hold stems separated by spaces (``search.analysis``), so FTS5's tokenizer only splits on
spaces and never stems or folds again. Every stem reaches FTS5 inside double quotes: user text is never
FTS5 syntax. Ranking asks FTS5 for ids only (no join), which keeps common words fast at 10,000
practices.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from search.analysis import Phrase, Query, Term

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

    def matched_ids(self, query: Query) -> list[int]:
        return self._ids(match_expression(query), ranked=False) if query else []

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]:
        """Every word in the title, then in title or labels, then anywhere; by bm25 within each.

        bm25 costs most of a search when a word is in nearly every practice, so each tier is its own
        FTS5 query, asked only when a page reaches it: a word in every body is ranked in full only for
        the page that gets past the title and label tiers. Each tier's score is FTS5's bm25 of its whole
        expression (the tier's columns plus the whole match).
        """
        if not query:
            return
        everywhere = match_expression(query)
        title = match_expression(query, columns=TIERS[0])
        head = match_expression(query, columns=TIERS[1])
        yield self._ids(f"({title}) AND ({everywhere})", ranked=True)
        yield self._ids(f"({head}) AND ({everywhere}) NOT ({title})", ranked=True)
        yield self._ids(f"({everywhere}) NOT ({head})", ranked=True)

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]:
        """All matches best first: the tiers joined (``require_all``), else by bm25 of any word."""
        if not query:
            return []
        if require_all:
            return [pk for tier in self.ranked_tiers(query) for pk in tier]
        return self._ids(match_expression(query, require_all=False), ranked=True)

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
