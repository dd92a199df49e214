"""search_state: the version of search_document that the tantivy mirror (search/mirror.py) compares with its own."""

from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("search", "SearchState").objects.update_or_create(id=1, defaults={"version": "initial"})


class Migration(migrations.Migration):
    dependencies = [("search", "0003_rum")]

    operations = [
        migrations.CreateModel(
            name="SearchState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.CharField(max_length=40)),
            ],
            options={"db_table": "search_state"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
