"""Original documents (stored by content hash) and the event log that is both timeline and audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """An original file as received: bytes stored content-addressed by sha256, plus its extracted text."""

    sha256 = models.CharField(max_length=64, db_index=True)
    file_name = models.CharField(_("nazwa pliku"), max_length=255)
    media_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    text = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    inquiry = models.ForeignKey(
        "registry.Inquiry", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    answer = models.ForeignKey(
        "registry.Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A document belongs to exactly one inquiry or one answer.
            models.CheckConstraint(
                condition=(models.Q(inquiry__isnull=False) & models.Q(answer__isnull=True))
                | (models.Q(inquiry__isnull=True) & models.Q(answer__isnull=False)),
                name="document_has_one_owner",
            ),
            models.UniqueConstraint(fields=["sha256", "inquiry"], name="document_unique_per_inquiry"),
            models.UniqueConstraint(fields=["sha256", "answer"], name="document_unique_per_answer"),
        ]

    def __str__(self) -> str:
        return self.file_name


class Event(models.Model):
    """Something that happened to an inquiry or answer: who, when, what changed from what to what."""

    at = models.DateTimeField(db_index=True)
    on = models.DateField(_("data zdarzenia"), null=True, blank=True)  # the legal date (filed, received...)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=40)
    inquiry = models.ForeignKey(
        "registry.Inquiry", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    answer = models.ForeignKey(
        "registry.Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    changes = models.JSONField(default=dict, blank=True)  # {"field": [old, new]}
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
