"""PostgreSQL: a table of weighted ``tsvector`` documents (A title, B labels, C body) with a GIN index.

The stems come pre-analysed from ``search.analysis`` and are stored with the ``simple`` configuration,
which only lower-cases: the same stems as on SQLite, so the same query finds the same practices. The
query is built as a ``tsquery`` of quoted stems (letters and digits only), never from the person's text.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from search.analysis import Phrase, Query, Term

TABLE = "practice_search_document"
# ts_rank weights for {D, C, B, A}: body, labels, title far apart (see the SQLite backend).
WEIGHTS = "{0.0, 0.05, 0.25, 1.0}"
CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (page_id bigint PRIMARY KEY, document tsvector NOT NULL);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_gin ON {TABLE} USING gin (document)"
)


def _lexeme(stem: str, weights: str = "") -> str:
    quoted = "'" + stem.replace("'", "").replace("\\", "") + "'"
    return f"{quoted}:{weights}" if weights else quoted


def clause_tsquery(clause: Term | Phrase, weights: str = "") -> str:
    if isinstance(clause, Phrase):
        options = ["(" + " <-> ".join(_lexeme(s, weights) for s in sequence) + ")" for sequence in clause.sequences]
    else:
        options = [_lexeme(stem, weights) for stem in clause.stems]
        if clause.parts:
            parts = ("(" + " | ".join(_lexeme(s, weights) for s in part) + ")" for part in clause.parts)
            options.append("(" + " & ".join(parts) + ")")
    return "(" + " | ".join(options) + ")"


def tsquery(query: Query, *, require_all: bool = True, weights: str = "") -> str:
    """Quoted stems only; ``weights`` ("A", "AB") restricts every stem to those fields."""
    joiner = " & " if require_all else " | "
    return joiner.join(clause_tsquery(clause, weights) for clause in query.clauses)


class PostgresBackend:
    def _ids(self, expression: str, ranked: bool) -> list[int]:
        sql = f"SELECT page_id FROM {TABLE} WHERE document @@ to_tsquery('simple', %s)"
        params = [expression]
        if ranked:
            sql += f" ORDER BY ts_rank('{WEIGHTS}', document, to_tsquery('simple', %s)) DESC, page_id"
            params.append(expression)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def matched_ids(self, query: Query) -> list[int]:
        return self._ids(tsquery(query), ranked=False) if query else []

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]:
        """Every word in the title, then in title or labels, then anywhere; by ts_rank within each.

        The title tier is ranked alone; the rest (one pass for both of its tiers) only when a page reaches
        past it, since ranking every match costs most of a search when a word is in nearly every practice.
        """
        if not query:
            return
        expression = tsquery(query)
        title, title_or_labels = (tsquery(query, weights=weights) for weights in ("A", "AB"))
        rank = f"ts_rank('{WEIGHTS}', document, to_tsquery('simple', %s)) DESC, page_id"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id FROM {TABLE} WHERE document @@ to_tsquery('simple', %s) ORDER BY {rank}",
                [title, expression],
            )
            yield [row[0] for row in cursor.fetchall()]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, document @@ to_tsquery('simple', %s) FROM {TABLE} "
                "WHERE document @@ to_tsquery('simple', %s) AND NOT document @@ to_tsquery('simple', %s) "
                f"ORDER BY 2 DESC, {rank}",
                [title_or_labels, expression, title, expression],
            )
            rest = cursor.fetchall()
        yield [pk for pk, in_labels in rest if in_labels]
        yield [pk for pk, in_labels in rest if not in_labels]

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]:
        """All matches best first: the tiers joined (``require_all``), else by ts_rank of any word."""
        if not query:
            return []
        if require_all:
            return [pk for tier in self.ranked_tiers(query) for pk in tier]
        return self._ids(tsquery(query, require_all=False), ranked=True)

    def clause_ids(self, query: Query) -> list[set[int]]:
        return [set(self._ids(clause_tsquery(clause), ranked=False)) for clause in query.clauses]

    def index(self, documents: list) -> None:
        if not documents:
            return
        with connection.cursor() as cursor:
            cursor.execute(CREATE)
            cursor.executemany(
                f"INSERT INTO {TABLE} (page_id, document) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
                "|| setweight(to_tsvector('simple', %s), 'C')) "
                "ON CONFLICT (page_id) DO UPDATE SET document = EXCLUDED.document",
                [(d.page_id, d.title, d.labels, d.body) for d in documents],
            )

    def remove(self, ids: list[int]) -> None:
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")


SearchBackend = PostgresBackend
