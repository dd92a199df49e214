"""The full-text structures, which differ by database: an FTS5 table on SQLite, a tsvector + GIN on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # External content: the streams live in search_document; FTS5 keeps only the inverted index (bm25 ranking).
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, forms, content='search_document', content_rowid='inquiry_id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3 4')""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, body, forms) VALUES (new.inquiry_id, new.title, new.body, new.forms);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, forms)
        VALUES ('delete', old.inquiry_id, old.title, old.body, old.forms);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, forms)
        VALUES ('delete', old.inquiry_id, old.title, old.body, old.forms);
        INSERT INTO search_fts(rowid, title, body, forms) VALUES (new.inquiry_id, new.title, new.body, new.forms);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    # Built in Python from our lemmas (weights: A subject, C texts, D forms prefixed with "="), never by to_tsvector.
    "ALTER TABLE search_document ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_tsv",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
