"""Public pages in Polish. Feeds (/feeds/, /kalendarz/) and exports (/eksport/) are mounted by their own modules."""

from django.urls import path

from .views import bodies, home, inquiries, people, stats

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("interpelacje/", inquiries.register, name="inquiries"),
    path("interpelacje/<int:pk>/", inquiries.inquiry, name="inquiry"),
    path("dokumenty/<int:pk>/", inquiries.document, name="document"),
    path("po-terminie/", inquiries.overdue, name="overdue"),
    path("radni/<slug:slug>/", people.person, name="person"),
    path("wydzialy/<int:pk>/", bodies.department, name="department"),
    path("kadencje/<int:pk>/", bodies.term, name="term"),
    path("statystyki/", stats.statistics, name="statistics"),
    path("statystyki/<slug:slug>.csv", stats.statistics_csv, name="statistics_csv"),
    path("o-serwisie/", home.about, name="about"),
]
