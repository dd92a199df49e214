"""search_similar: the "similar inquiries" of each published inquiry, computed ahead (search/similar_store.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0003_answered_flag'),
        ('search', '0007_tsv_lemmas_only'),
    ]

    operations = [
        migrations.CreateModel(
            name='SimilarList',
            fields=[
                ('inquiry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='similar_list', serialize=False, to='registry.inquiry')),
                ('ids', models.TextField(blank=True)),
                ('computed_at', models.DateTimeField(db_index=True)),
            ],
            options={
                'db_table': 'search_similar',
            },
        ),
    ]
