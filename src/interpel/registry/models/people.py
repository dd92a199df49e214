"""People (councillors, mayors, officials) with the spellings of their names seen in documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNCILLOR = "councillor", _("radny")
    EXECUTIVE = "executive", _("organ wykonawczy")
    DEPUTY = "deputy", _("zastępca organu wykonawczego")
    CHAIR = "chair", _("przewodniczący rady")
    OFFICIAL = "official", _("urzędnik")
    MP = "mp", _("poseł")
    MINISTER = "minister", _("członek rządu")


class Person(models.Model):
    """One human being, however many ways documents spell the name (see PersonAlias)."""

    name = models.CharField(_("imię i nazwisko"), max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    given_name = models.CharField(_("imię"), max_length=100, blank=True)
    family_name = models.CharField(_("nazwisko"), max_length=100, blank=True)

    class Meta:
        ordering = ["family_name", "given_name", "name"]
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")

    def __str__(self) -> str:
        return self.name


class PersonAlias(models.Model):
    """A spelling of a person's name seen in a document; `key` is the normalised form used for matching.

    The Kalisz seed letters name the same mayor Krystian and Krzysztof Kinastowski: one person, two aliases.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's office in a body: councillor, mayor, chair, official; with dates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey("registry.Body", on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey("registry.Term", on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(_("funkcja"), max_length=20, choices=Role.choices)
    title = models.CharField(_("tytuł"), max_length=200, blank=True)  # "Prezydent Miasta Kalisza"
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "body", "term", "role"], name="membership_unique"),
        ]
