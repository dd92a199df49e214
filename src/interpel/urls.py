"""URL map: the public portal at /, the JSON API at /api/v1/, the admin for superusers only."""

from django.contrib import admin
from django.urls import include, path

from interpel.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path(
        "", include("interpel.portal.urls_data")
    ),  # feeds, calendars, exports; JSON 404 for unknown API paths
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("interpel.portal.urls")),
]
