"""The search index: one row per inquiry with its lemma streams and the fields that filters and facets need.

SQLite keeps the streams here and an FTS5 table (`search_fts`, external content = this table) indexes them; PostgreSQL
keeps a `tsv` tsvector column with a GIN index and the same streams as text (the tantivy mirror is rebuilt
from them, see mirror.py). SimilarList keeps the "similar inquiries" of each inquiry page, computed ahead.
Filter fields are copied from the register so that a filtered search never joins the whole register.
"""

from django.db import models


class SearchDocument(models.Model):
    """What the index knows about one inquiry: its subject, its text together with its answers' texts, and filters."""

    inquiry = models.OneToOneField(
        "registry.Inquiry", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)  # lemmas of the subject, space-separated
    body = models.TextField(blank=True)  # lemmas of the inquiry's text and its answers' texts
    forms = models.TextField(blank=True)  # folded word forms of subject + texts, for phrases
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


class SearchState(models.Model):
    """One row: a random version replaced by every change of search_document (the tantivy mirror compares it)."""

    version = models.CharField(max_length=40)

    class Meta:
        db_table = "search_state"


class SimilarList(models.Model):
    """The ranked ids of the inquiries most like one published inquiry, computed ahead (search/similar_store.py)."""

    inquiry = models.OneToOneField(
        "registry.Inquiry", on_delete=models.CASCADE, primary_key=True, related_name="similar_list"
    )
    ids = models.TextField(blank=True)  # "12,45,9": best first; empty when nothing is alike
    computed_at = models.DateTimeField(db_index=True)  # lists older than similar_store.MAX_AGE are not served

    class Meta:
        db_table = "search_similar"
