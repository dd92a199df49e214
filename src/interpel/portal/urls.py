"""Public pages in Polish. Feeds (/feeds/, /kalendarz/) and exports (/eksport/) are mounted by their own modules.

The HTML pages are served to anonymous visitors from the page cache until the next write (portal.caching).
"""

from django.urls import path

from .caching import anonymous_page as cached
from .views import bodies, home, inquiries, people, stats

app_name = "portal"
urlpatterns = [
    path("", cached(home.home), name="home"),
    path("interpelacje/", cached(inquiries.register), name="inquiries"),
    path("interpelacje/<int:pk>/", cached(inquiries.inquiry), name="inquiry"),
    path("dokumenty/<int:pk>/", inquiries.document, name="document"),
    path("po-terminie/", cached(inquiries.overdue), name="overdue"),
    path("radni/<slug:slug>/", cached(people.person), name="person"),
    path("wydzialy/<int:pk>/", cached(bodies.department), name="department"),
    path("kadencje/<int:pk>/", cached(bodies.term), name="term"),
    path("statystyki/", cached(stats.statistics), name="statistics"),
    path("statystyki/<slug:slug>.csv", stats.statistics_csv, name="statistics_csv"),
    path("o-serwisie/", cached(home.about), name="about"),
]
