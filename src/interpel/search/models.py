"""The search index: one row per inquiry with its lemma streams and the fields that filters and facets need.

SQLite keeps the streams here and an FTS5 table (`search_fts`, external content = this table) indexes them; PostgreSQL
keeps a `tsv` tsvector column with a GIN index instead and leaves the text columns empty (see migrations/0001).
Filter fields are copied from the register so that a filtered search never joins the whole register.
"""

from django.db import models


class SearchDocument(models.Model):
    """What the index knows about one inquiry: its subject, its text together with its answers' texts, and filters."""

    inquiry = models.OneToOneField(
        "registry.Inquiry", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)  # lemmas of the subject, space-separated (SQLite only)
    body = models.TextField(blank=True)  # lemmas of the inquiry's text and its answers' texts (SQLite only)
    forms = models.TextField(blank=True)  # folded word forms of subject + texts, for phrases (SQLite only)
    body_id = models.BigIntegerField(db_index=True)
    term_id = models.BigIntegerField(null=True)
    club_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(null=True)
    filed_on = models.DateField(null=True, db_index=True)
    due_on = models.DateField(null=True)
    answered_on = models.DateField(null=True)
    is_withdrawn = models.BooleanField(default=False)
    is_published = models.BooleanField(default=True)

    class Meta:
        db_table = "search_document"
