"""The home page and the page about the law and how deadlines are counted."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from interpel.law.deadlines import RULE_SETS, deadline, rules_for
from interpel.law.status import DUE_SOON_DAYS

from .. import overview
from .common import today


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"nav": "home", "data": overview.home(today())})


def about(request: HttpRequest) -> HttpResponse:
    example = deadline(today(), rules_for("gmina"))
    return render(
        request,
        "portal/about.html",
        {
            "nav": "about",
            "rule_sets": RULE_SETS.values(),
            "example": example,
            "due_soon_days": DUE_SOON_DAYS,
        },
    )
