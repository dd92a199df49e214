"""FTS5 without prefix indexes: they doubled the time of every (re)build, and since the tantivy mirror serves ranked
pages, a prefix query on FTS5 (facets, fallback) scans the term list in about a millisecond anyway."""

from django.db import migrations


def _recreate(prefix: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, forms, content='search_document',"
            f" content_rowid='inquiry_id', tokenize='unicode61 remove_diacritics 0'{prefix})"
        )
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_state")]

    operations = [migrations.RunPython(_recreate(""), _recreate(", prefix='2 3 4'"))]
