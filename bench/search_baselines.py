"""The two PostgreSQL baselines of bench/search.py: `simple` on the raw text and Polish ispell (Debian hunspell-pl).

Both index subject + text with GIN and rank the OR of the query's words by ts_rank, as a council would get from
PostgreSQL's own full-text search without our lemmas.
"""

import re
import time


def baseline_setup(cursor, docs: list[tuple[str, str, str]]) -> dict[str, float]:
    """PostgreSQL baselines over raw text: `simple` and Polish ispell (hunspell-pl), GIN each; build docs/s."""
    cursor.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'pl_ispell') THEN"
        " CREATE TEXT SEARCH DICTIONARY pl_ispell (TEMPLATE = ispell, DictFile = pl_pl, AffFile = pl_pl);"
        " CREATE TEXT SEARCH CONFIGURATION polish_ispell (COPY = simple);"
        " ALTER TEXT SEARCH CONFIGURATION polish_ispell ALTER MAPPING FOR asciiword, asciihword, hword_asciipart,"
        " word, hword, hword_part WITH pl_ispell, simple; END IF; END $$"
    )
    cursor.execute("DROP TABLE IF EXISTS bench_raw")
    cursor.execute(
        "CREATE TABLE bench_raw (id serial PRIMARY KEY, number text, body text, simple tsvector,"
        " ispell tsvector)"
    )
    with cursor.copy("COPY bench_raw (number, body) FROM STDIN") as copy:
        for number, subject, text in docs:
            copy.write_row((number, subject + "\n" + text))
    build = {}
    for config, column in (("simple", "simple"), ("polish_ispell", "ispell")):
        started = time.perf_counter()
        cursor.execute(f"UPDATE bench_raw SET {column} = to_tsvector('{config}', body)")
        cursor.execute(f"CREATE INDEX ON bench_raw USING gin ({column})")
        build[column] = round(len(docs) / (time.perf_counter() - started))
    cursor.execute("ANALYZE bench_raw")
    return build


def baseline_query(cursor, column: str, q: str) -> list[str]:
    config = "simple" if column == "simple" else "polish_ispell"
    words = re.findall(r"[^\W_]+", q)
    if not words:
        return []
    tsq = " || ".join(f"plainto_tsquery('{config}', %s)" for _ in words)
    cursor.execute(f"SELECT count(*) FROM bench_raw WHERE {column} @@ ({tsq})", words)
    cursor.execute(
        f"SELECT number FROM bench_raw, ({'SELECT ' + tsq}) AS t(q) WHERE {column} @@ q"
        f" ORDER BY ts_rank({column}, q) DESC LIMIT 10",
        words,
    )
    return [r[0] for r in cursor.fetchall()]
