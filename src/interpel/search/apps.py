from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "interpel.search"
    label = "search"
    verbose_name = "Wyszukiwanie"

    def ready(self) -> None:
        """Keep the index in step with the register: services write, these signals reindex after the commit."""
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from interpel.registry.models import Answer, Inquiry

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
