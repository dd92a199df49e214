from typing import Any

from django.apps import AppConfig


def _author_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Authors are a filter and a facet of the index (the tantivy mirror stores them with each inquiry)."""
    from . import indexing

    indexing.schedule([instance.inquiry_id])


def _departments_changed(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    from interpel.registry.models import Inquiry

    from . import indexing

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    indexing.schedule([instance.pk] if isinstance(instance, Inquiry) else list(pk_set or []))


class SearchConfig(AppConfig):
    name = "interpel.search"
    label = "search"
    verbose_name = "Wyszukiwanie"

    def ready(self) -> None:
        """Keep the index in step with the register: services write, these signals reindex after the commit."""
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from interpel.registry.models import Answer, Inquiry, InquiryAuthor

        from . import indexing

        post_delete.connect(
            indexing.on_inquiry_deleted, sender=Inquiry, dispatch_uid="search_inquiry_deleted"
        )
        post_save.connect(indexing.on_inquiry_saved, sender=Inquiry, dispatch_uid="search_inquiry_saved")
        post_save.connect(indexing.on_answer_saved, sender=Answer, dispatch_uid="search_answer_saved")
        pre_delete.connect(indexing.on_answer_deleting, sender=Answer, dispatch_uid="search_answer_deleting")
        m2m_changed.connect(
            indexing.on_answer_inquiries_changed,
            sender=Answer.inquiries.through,
            dispatch_uid="search_answer_inquiries",
        )
        post_save.connect(_author_changed, sender=InquiryAuthor, dispatch_uid="search_author_saved")
        post_delete.connect(_author_changed, sender=InquiryAuthor, dispatch_uid="search_author_deleted")
        m2m_changed.connect(
            _departments_changed, sender=Inquiry.departments.through, dispatch_uid="search_departments"
        )
