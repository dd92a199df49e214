"""The Django admin, for superusers only: staff work in the office views, not here."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Answer, Body, Club, Department, Document, Event, Inquiry, Person, PersonAlias, Term


def superusers_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = superusers_only  # type: ignore[method-assign]
admin.site.site_header = "interpel: administracja"


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "aliases__name")
    inlines = [AliasInline]


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "subject", "filed_on", "due_on", "answered_on", "is_withdrawn")
    list_filter = ("body", "kind", "is_withdrawn", "is_published")
    search_fields = ("number", "subject", "case_sign")
    raw_id_fields = ("repeats", "addressee", "club")


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("answered_on", "kind", "signatory_name", "case_sign")
    list_filter = ("kind",)
    raw_id_fields = ("inquiries", "signatory")


for model in (Body, Term, Department, Club, Document, Event):
    admin.site.register(model)
