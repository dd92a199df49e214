"""What every public view shares."""

from datetime import date

from django.utils import timezone


def today() -> date:
    """The day statuses are computed for: today in the site's time zone (Europe/Warsaw)."""
    return timezone.localdate()
