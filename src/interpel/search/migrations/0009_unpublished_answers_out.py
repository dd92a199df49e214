"""Reindex the inquiries that have an unpublished answer: until this version the index held every answer's text, so
words only an unpublished answer holds still found its inquiry (search now indexes published answers only)."""

from django.db import migrations

CHUNK = 500


def reindex(apps, schema_editor):
    answers = apps.get_model("registry", "Answer").inquiries.through
    ids = sorted(set(answers.objects.filter(answer__is_published=False).values_list("inquiry_id", flat=True)))
    if not ids:
        return
    # The indexing code of this version: the schema is the one it was written for (the registry's latest migration).
    from interpel.search.indexing import index_inquiries

    for start in range(0, len(ids), CHUNK):
        index_inquiries(ids[start : start + CHUNK])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_answered_flag"),
        ("search", "0008_similar_list"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
