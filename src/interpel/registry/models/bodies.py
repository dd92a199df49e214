"""Councils with their executives, terms, departments and clubs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from interpel.law.deadlines import RULE_SETS, RuleSet, rules_for


class Level(models.TextChoices):
    GMINA = "gmina", _("gmina / miasto")
    POWIAT = "powiat", _("powiat")
    WOJEWODZTWO = "wojewodztwo", _("województwo")
    DZIELNICA = "dzielnica", _("dzielnica m.st. Warszawy")
    SEJM = "sejm", _("Sejm")


class Policy(models.TextChoices):
    KC = "kc", _("jak w k.c. (art. 111 § 2 i art. 115)")
    CALENDAR = "calendar", _("dni kalendarzowe bez przesunięć")


class Body(models.Model):
    """A council together with its executive (rada + wójt/burmistrz/prezydent, starosta, marszałek)."""

    name = models.CharField(_("nazwa"), max_length=200, unique=True)  # "Rada Miasta Kalisza"
    slug = models.SlugField(unique=True, max_length=100)
    level = models.CharField(_("szczebel"), max_length=20, choices=Level.choices)
    executive = models.CharField(
        _("organ wykonawczy"), max_length=200, blank=True
    )  # "Prezydent Miasta Kalisza"
    # Default deadline rule set; a term may override it (statutes change between terms).
    deadline_days = models.PositiveSmallIntegerField(_("termin odpowiedzi (dni)"), null=True, blank=True)
    deadline_policy = models.CharField(
        _("sposób liczenia"), max_length=10, choices=Policy.choices, default=Policy.KC
    )
    deadline_source = models.CharField(_("podstawa prawna terminu"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("rada")
        verbose_name_plural = _("rady")

    def __str__(self) -> str:
        return self.name

    def rule_set(self, term: "Term | None" = None) -> RuleSet:
        """The deadline rules in force: the term's overrides, else the body's, else the statute for its level."""
        days = (term.deadline_days if term else None) or self.deadline_days
        policy = (term.deadline_policy if term else "") or self.deadline_policy
        source = (term.deadline_source if term else "") or self.deadline_source or None
        if self.level not in RULE_SETS and days is None:
            days = 14  # a district council without its statute's figure: the u.s.g. default, stated in the source
            source = source or "statut nieznany; przyjęto 14 dni jak w art. 24 ust. 6 u.s.g."
        return rules_for(
            self.level if self.level in RULE_SETS else "statut", days=days, policy=policy, source=source
        )


class Term(models.Model):
    """A council's term of office (kadencja); deadline rules may differ from one term to the next."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("kadencja"), max_length=100)  # "IX kadencja 2024–2029"
    starts_on = models.DateField(_("początek"))
    ends_on = models.DateField(_("koniec"), null=True, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("termin odpowiedzi (dni)"), null=True, blank=True)
    deadline_policy = models.CharField(
        _("sposób liczenia"), max_length=10, choices=Policy.choices, blank=True
    )
    deadline_source = models.CharField(_("podstawa prawna terminu"), max_length=300, blank=True)

    class Meta:
        ordering = ["body", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="term_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.name}, {self.name}"


class Department(models.Model):
    """An organisational unit of the executive's office (wydział), identified by its JRWA code, e.g. WSR."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="departments")
    code = models.CharField(_("symbol"), max_length=20)
    name = models.CharField(_("nazwa"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="department_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Club(models.Model):
    """A councillors' club (klub radnych) in one term."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="clubs")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="clubs", null=True, blank=True)
    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "term", "slug"], name="club_unique_slug")]

    def __str__(self) -> str:
        return self.name


class ClubMembership(models.Model):
    """A person's membership of a club between two dates (councillors change clubs mid-term)."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="club_memberships")
    starts_on = models.DateField(_("od"), null=True, blank=True)
    ends_on = models.DateField(_("do"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="club_membership_dates",
            )
        ]
