"""PostgreSQL: `tsv` keeps the lemmas only; word forms are matched on the stored `forms` text.

The forms were the lexemes of weight D ("=" + form), so `ts_filter` keeps exactly what the indexer now writes. Queries
no longer ask for them, so an index not migrated still answers right; this only gives back the space (about half the
lexemes). The reverse migration has nothing to restore: the next full reindex writes what the code of the day wants.
"""

from django.db import migrations


def lemmas_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("UPDATE search_document SET tsv = ts_filter(tsv, '{a,b}')")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_rum_replaces_gin")]

    operations = [migrations.RunPython(lemmas_only, migrations.RunPython.noop)]
