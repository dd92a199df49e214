"""Inquiries (interpellations, questions, motions) and the answers that cover them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InquiryKind(models.TextChoices):
    INTERPELLATION = "interpellation", _("interpelacja")
    QUESTION = "question", _("zapytanie")
    MOTION = "motion", _("wniosek")


class AnswerKind(models.TextChoices):
    ANSWER = "answer", _("odpowiedź")
    PARTIAL = "partial", _("odpowiedź częściowa")
    DELAY_NOTICE = "delay_notice", _("zawiadomienie o opóźnieniu")
    REDIRECT = "redirect", _("przekazanie według właściwości")
    REFUSAL = "refusal", _("odmowa udzielenia odpowiedzi")


# Labels by value (lazy: translated when shown), for the models' get_kind_display.
_INQUIRY_KINDS = dict(InquiryKind.choices)
_ANSWER_KINDS = dict(AnswerKind.choices)
# Kinds that stop the statutory clock; a delay notice does not (art. 24 ust. 6 u.s.g. sets the term, a notice
# only informs), and neither does a partial answer.
FINAL_ANSWER_KINDS = (AnswerKind.ANSWER, AnswerKind.REDIRECT, AnswerKind.REFUSAL)


class CaseSignFields(models.Model):
    """A case sign kept verbatim and parsed into its JRWA parts (e.g. WSR.0003.2.2025)."""

    case_sign = models.CharField(_("znak sprawy"), max_length=120, blank=True)
    case_department = models.CharField(_("symbol komórki"), max_length=30, blank=True)
    case_class = models.CharField(_("klasa JRWA"), max_length=20, blank=True)
    case_number = models.CharField(_("numer sprawy"), max_length=30, blank=True)
    case_year = models.PositiveSmallIntegerField(_("rok sprawy"), null=True, blank=True)
    edoc_id = models.CharField(_("identyfikator EZD"), max_length=80, blank=True)

    class Meta:
        abstract = True


class Published(models.Model):
    """The BIP publication record (metryczka): who produced the information, who entered it and when."""

    is_published = models.BooleanField(_("opublikowana"), default=True)
    published_at = models.DateTimeField(_("data publikacji"), null=True, blank=True)
    produced_by = models.CharField(_("informację wytworzył"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by_name = models.CharField(_("informację wprowadził"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Imported data is kept as the source published it; what breaks an invariant is flagged here, not fixed.
    is_imported = models.BooleanField(_("dane importowane"), default=False)
    source = models.CharField(_("źródło"), max_length=300, blank=True)
    warnings = models.JSONField(_("ostrzeżenia"), default=list, blank=True)

    class Meta:
        abstract = True


class Inquiry(CaseSignFields, Published):
    """An interpellation, question or motion filed by one or more councillors (art. 24 ust. 3-5 u.s.g.)."""

    body = models.ForeignKey("registry.Body", on_delete=models.PROTECT, related_name="inquiries")
    term = models.ForeignKey("registry.Term", on_delete=models.PROTECT, related_name="inquiries", null=True)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=InquiryKind.choices)
    number = models.CharField(_("numer w rejestrze"), max_length=60, blank=True)
    subject = models.TextField(_("przedmiot"))
    text = models.TextField(_("treść"), blank=True)
    authors = models.ManyToManyField("registry.Person", through="InquiryAuthor", related_name="inquiries")
    club = models.ForeignKey(
        "registry.Club", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    addressee = models.ForeignKey(
        "registry.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addressed_inquiries",
    )
    # Free text: a Sejm interpellation may be addressed to nineteen ministers at once.
    addressee_text = models.TextField(_("adresat"), blank=True)
    filed_on = models.DateField(_("data złożenia"), null=True, blank=True)
    received_on = models.DateField(_("data otrzymania przez organ wykonawczy"), null=True, blank=True)
    due_on = models.DateField(_("termin odpowiedzi"), null=True, blank=True)
    due_explanation = models.CharField(_("sposób obliczenia terminu"), max_length=500, blank=True)
    # Date of the first answer that stops the clock (kept by services.answer); lets lists filter by status in SQL.
    answered_on = models.DateField(_("data odpowiedzi"), null=True, blank=True)
    # Answered at all (some registers record that an answer was given but not when); kept by services.answer.
    is_answered = models.BooleanField(_("udzielono odpowiedzi"), default=False)
    departments = models.ManyToManyField("registry.Department", blank=True, related_name="inquiries")
    repeats = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeated_by"
    )
    is_withdrawn = models.BooleanField(_("wycofana"), default=False)
    withdrawn_on = models.DateField(_("data wycofania"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("interpelacja lub zapytanie")
        verbose_name_plural = _("interpelacje i zapytania")
        constraints = [
            # Register numbers are unique per body and term (empty while an inquiry awaits numbering).
            models.UniqueConstraint(
                fields=["body", "term", "number"],
                condition=~models.Q(number=""),
                name="inquiry_unique_number",
            ),
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=True)
                | models.Q(filed_on__isnull=True)
                | models.Q(received_on__gte=models.F("filed_on"))
                | models.Q(is_imported=True),
                name="inquiry_received_after_filed",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(filed_on__isnull=True)
                | models.Q(answered_on__gte=models.F("filed_on"))
                | models.Q(is_imported=True),
                name="inquiry_answered_after_filed",
            ),
            models.CheckConstraint(
                condition=models.Q(is_withdrawn=False)
                | models.Q(withdrawn_on__isnull=False)
                | models.Q(is_imported=True),
                name="inquiry_withdrawn_has_date",
            ),
        ]
        indexes = [
            # The register list's default order and the "due this week"/overdue lists (measured at 100k rows).
            models.Index(fields=["-filed_on", "-id"], name="inquiry_list_order"),
            models.Index(fields=["due_on"], name="inquiry_due_on"),
            models.Index(fields=["body", "due_on"]),
            models.Index(fields=["answered_on"]),
            models.Index(fields=["number"]),
        ]

    def get_kind_display(self) -> str:
        """Django's generated method rebuilds a dict of the choices on every call (29 us measured; a page of linked
        inquiries calls it dozens of times): the labels come from one built with the class."""
        return str(_INQUIRY_KINDS.get(self.kind, self.kind))

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} {self.number}: {self.subject}" if self.number else f"{label}: {self.subject}"


class InquiryAuthor(models.Model):
    """An author of an inquiry, in the order the document names them."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "person"], name="inquiry_author_unique")]


class Answer(CaseSignFields, Published):
    """The executive's written reply; one answer may cover several inquiries."""

    inquiries = models.ManyToManyField(Inquiry, related_name="answers")
    kind = models.CharField(_("rodzaj"), max_length=20, choices=AnswerKind.choices, default=AnswerKind.ANSWER)
    answered_on = models.DateField(_("data odpowiedzi"), null=True, blank=True)
    signatory = models.ForeignKey(
        "registry.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="signed_answers"
    )
    signatory_name = models.CharField(_("podpisał"), max_length=200, blank=True)
    signatory_office = models.CharField(_("stanowisko"), max_length=300, blank=True)
    department = models.ForeignKey(
        "registry.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    subject = models.TextField(_("przedmiot"), blank=True)
    text = models.TextField(_("treść"), blank=True)
    # How the answer was tied to its inquiry when it came from a document (1.0 = by the cited sign or number).
    link_confidence = models.FloatField(null=True, blank=True)
    link_method = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["answered_on", "id"]
        verbose_name = _("odpowiedź")
        verbose_name_plural = _("odpowiedzi")
        indexes = [models.Index(fields=["answered_on"])]

    def get_kind_display(self) -> str:
        """As Inquiry.get_kind_display."""
        return str(_ANSWER_KINDS.get(self.kind, self.kind))

    def __str__(self) -> str:
        return f"{self.get_kind_display()} z {self.answered_on or '?'}"

    @property
    def is_final(self) -> bool:
        return self.kind in FINAL_ANSWER_KINDS
