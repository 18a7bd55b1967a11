"""PostgreSQL: a table of weighted ``tsvector`` documents (A title, B labels, C body) with a GIN index.

Next to each document a small ``head`` (title and labels only, with its own GIN index) serves the first
ranking tiers: checking a title match needs the stems' weights, which no GIN index holds, so PostgreSQL
re-reads every candidate row; reading the short head instead of the whole (toasted) document keeps that
cheap when a word is in nearly every practice.

The stems come pre-analysed from ``search.analysis`` and are stored with the ``simple`` configuration,
which only lower-cases: the same stems as on SQLite, so the same query finds the same practices. The
query is built as a ``tsquery`` of quoted stems (letters and digits only), never from the person's text.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection, transaction

from search.analysis import Phrase, Query, Term

TABLE = "practice_search_document"
# ts_rank weights for {D, C, B, A}: body, labels, title far apart (see the SQLite backend).
WEIGHTS = "{0.0, 0.05, 0.25, 1.0}"
CREATE = (  # as migrations 0002 and 0003 leave it
    f"CREATE TABLE IF NOT EXISTS {TABLE} (page_id bigint PRIMARY KEY, document tsvector NOT NULL, "
    "head tsvector NOT NULL DEFAULT ''::tsvector);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_gin ON {TABLE} USING gin (document);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_head_gin ON {TABLE} USING gin (head)"
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


def _fetch_ids(sql: str, params: list) -> list[int]:
    """The first column of ``sql``'s rows, read through the GIN indexes.

    The planner prices ``@@`` as cheap and picks a sequential scan when a word is in most practices; but
    that scan reads and matches every (toasted) document: 55–100 ms at 10,000 practices, against 5–8 ms
    for the index, which answers an unweighted match without rechecking a row.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class PostgresBackend:
    def _ids(self, expression: str, ranked: bool) -> list[int]:
        sql = f"SELECT page_id FROM {TABLE} WHERE document @@ to_tsquery('simple', %s)"
        params = [expression]
        if ranked:
            sql += f" ORDER BY ts_rank('{WEIGHTS}', document, to_tsquery('simple', %s)) DESC, page_id"
            params.append(expression)
        return _fetch_ids(sql, params)

    def matched_ids(self, query: Query) -> list[int]:
        return self._ids(tsquery(query), ranked=False) if query else []

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]:
        """Every word in the title, then in title or labels (both by ts_rank of the head), then anywhere (by
        ts_rank of the whole document).

        The title tier is ranked alone; the next two only when a page reaches past it, since ranking every
        match costs most of a search when a word is in nearly every practice.
        """
        if not query:
            return
        expression = tsquery(query)
        title = tsquery(query, weights="A")
        yield self._tier("head", title, None, expression)
        yield self._tier("head", expression, title, expression)
        yield self._tier("document", expression, expression, expression)

    def _tier(self, column: str, match: str, excluded: str | None, ranking: str) -> list[int]:
        """Ids whose ``column`` matches ``match`` and whose head does not match ``excluded``, by ts_rank of
        ``ranking`` on that column."""
        sql = f"SELECT page_id FROM {TABLE} WHERE {column} @@ to_tsquery('simple', %s) "
        params = [match]
        if excluded is not None:
            sql += "AND NOT head @@ to_tsquery('simple', %s) "
            params.append(excluded)
        sql += f"ORDER BY ts_rank('{WEIGHTS}', {column}, to_tsquery('simple', %s)) DESC, page_id"
        return _fetch_ids(sql, [*params, ranking])

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
                f"INSERT INTO {TABLE} (page_id, head, document) SELECT page_id, head, "
                "head || setweight(to_tsvector('simple', body), 'C') FROM (SELECT %s::bigint AS page_id, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') AS head, "
                "%s::text AS body) AS analysed "
                "ON CONFLICT (page_id) DO UPDATE SET head = EXCLUDED.head, document = EXCLUDED.document",
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
