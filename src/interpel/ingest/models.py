"""What ingest remembers: each file it took in (by sha256) and the answers it could not link on its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IngestedFile(models.Model):
    """A file already taken in, keyed by its sha256, with what it created: the same bytes twice change nothing."""

    sha256 = models.CharField(max_length=64, unique=True)
    file_name = models.CharField(_("nazwa pliku"), max_length=255)
    media_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    body = models.ForeignKey(
        "registry.Body", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inquiries = models.ManyToManyField("registry.Inquiry", blank=True, related_name="ingested_files")
    answers = models.ManyToManyField("registry.Answer", blank=True, related_name="ingested_files")
    # Records found in the file, with what became of each: [{"role", "outcome", "id"}], for the office's audit.
    records = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingested_at", "-id"]
        verbose_name = _("przyjęty plik")
        verbose_name_plural = _("przyjęte pliki")

    def __str__(self) -> str:
        return self.file_name


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("do przejrzenia")
    LINKED = "linked", _("powiązano")
    DISMISSED = "dismissed", _("odrzucono")


class ReviewItem(models.Model):
    """An answer whose inquiry could not be chosen with enough confidence: a person picks among the candidates.

    The answer is not written to the register until then (an answer must cover an inquiry), so the parsed record
    is kept here and the original bytes stay in the blob store under `ingested_file.sha256`.
    """

    ingested_file = models.ForeignKey(IngestedFile, on_delete=models.CASCADE, related_name="review_items")
    body = models.ForeignKey("registry.Body", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)  # index of the record in the file
    record = models.JSONField()  # the parser's record, field names as in parse_text
    # [{"inquiry": id, "label": str, "confidence": float, "method": str}], best first.
    candidates = models.JSONField(default=list, blank=True)
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    answer = models.ForeignKey(
        "registry.Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("odpowiedź do powiązania")
        verbose_name_plural = _("odpowiedzi do powiązania")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.ingested_file.file_name} #{self.position}: {self.reason}"
