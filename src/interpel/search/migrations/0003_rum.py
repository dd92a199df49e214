"""Ranked top-k from the index on PostgreSQL when the RUM extension (Debian postgresql-15-rum) is available.

Measured in bench/search.py: RUM's <=> ordering beats GIN + ts_rank on both speed and MRR; without the package the
GIN index alone serves (the backend checks which index exists).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_document_tsv_rum ON search_document USING rum (tsv rum_tsvector_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_tsv_rum")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(create, drop)]
