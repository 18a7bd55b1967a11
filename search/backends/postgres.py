"""PostgreSQL: a table of weighted ``tsvector`` documents (A title, B labels, C body) with a GIN index.

Next to each document its ``title`` and its ``head`` (title and labels), each with its own GIN index,
serve the first ranking tiers: a tier is a plain match on its own column, which the GIN index answers
without rechecking rows (a weighted query, such as "in the title" on the whole document, makes PostgreSQL
re-read every candidate), and the title and label tiers rank the short head instead of the whole
(toasted) document.

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
CREATE = (  # as migrations 0002 to 0004 leave it
    f"CREATE TABLE IF NOT EXISTS {TABLE} (page_id bigint PRIMARY KEY, document tsvector NOT NULL, "
    "head tsvector NOT NULL DEFAULT ''::tsvector, title tsvector NOT NULL DEFAULT ''::tsvector);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_gin ON {TABLE} USING gin (document);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_head_gin ON {TABLE} USING gin (head);"
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_gin ON {TABLE} USING gin (title)"
)


# The query is parsed once per statement: written inline, ``to_tsquery`` runs again for every row that
# is ranked or rechecked (ranking 10,000 documents: 85 ms inline, 45 ms parsed once).
WITH_QUERY = "WITH query AS MATERIALIZED (SELECT to_tsquery('simple', %s) AS q)"


def _lexeme(stem: str) -> str:
    return "'" + stem.replace("'", "").replace("\\", "") + "'"


def clause_tsquery(clause: Term | Phrase) -> str:
    if isinstance(clause, Phrase):
        options = ["(" + " <-> ".join(_lexeme(s) for s in sequence) + ")" for sequence in clause.sequences]
    else:
        options = [_lexeme(stem) for stem in clause.stems]
        if clause.parts:
            parts = ("(" + " | ".join(_lexeme(s) for s in part) + ")" for part in clause.parts)
            options.append("(" + " & ".join(parts) + ")")
    return "(" + " | ".join(options) + ")"


def tsquery(query: Query, *, require_all: bool = True) -> str:
    """Quoted stems only."""
    joiner = " & " if require_all else " | "
    return joiner.join(clause_tsquery(clause) for clause in query.clauses)


def _fetch_ids(sql: str, params: list) -> list[int]:
    """The first column of ``sql``'s rows, read through the GIN indexes.

    The planner prices ``@@`` as cheap and picks a sequential scan when a word is in most practices; but
    that scan reads and matches every (toasted) document: 55–100 ms at 10,000 practices, against 5–8 ms
    for the index, which answers an unweighted match without rechecking a row.
    """
    inside_transaction = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
        if inside_transaction:  # SET LOCAL would last until the caller's transaction ends
            cursor.execute("RESET enable_seqscan")
        return ids


class PostgresBackend:
    def _ids(self, expression: str, ranked: bool) -> list[int]:
        sql = f"{WITH_QUERY} SELECT page_id FROM {TABLE}, query WHERE document @@ query.q"
        if ranked:
            sql += f" ORDER BY ts_rank('{WEIGHTS}', document, query.q) DESC, page_id"
        return _fetch_ids(sql, [expression])

    def matched_ids(self, query: Query) -> list[int]:
        return self._ids(tsquery(query), ranked=False) if query else []

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]:
        """Every word in the title, then in title or labels (both by ts_rank of the head), then anywhere (by
        ts_rank of the whole document).

        Each tier is its own query, asked only when a page reaches it: ranking every match costs most of a
        search when a word is in nearly every practice.
        """
        if not query:
            return
        expression = tsquery(query)
        yield self._tier(expression, matched_in="title", excluded_by=None, ranked_on="head")
        yield self._tier(expression, matched_in="head", excluded_by="title", ranked_on="head")
        yield self._tier(expression, matched_in="document", excluded_by="head", ranked_on="document")

    def _tier(self, expression: str, *, matched_in: str, excluded_by: str | None, ranked_on: str) -> list[int]:
        """Ids whose ``matched_in`` column matches and whose ``excluded_by`` column does not (the tiers
        before), by ts_rank on ``ranked_on``."""
        sql = f"{WITH_QUERY} SELECT page_id FROM {TABLE}, query WHERE {matched_in} @@ query.q "
        if excluded_by:
            sql += f"AND NOT {excluded_by} @@ query.q "
        sql += f"ORDER BY ts_rank('{WEIGHTS}', {ranked_on}, query.q) DESC, page_id"
        return _fetch_ids(sql, [expression])

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
                f"INSERT INTO {TABLE} (page_id, title, head, document) SELECT page_id, title, title || labels, "
                "title || labels || setweight(to_tsvector('simple', body), 'C') FROM (SELECT %s::bigint AS page_id, "
                "setweight(to_tsvector('simple', %s), 'A') AS title, setweight(to_tsvector('simple', %s), 'B') "
                "AS labels, %s::text AS body) AS analysed ON CONFLICT (page_id) DO UPDATE "
                "SET title = EXCLUDED.title, head = EXCLUDED.head, document = EXCLUDED.document",
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
