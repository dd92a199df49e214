from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "interpel.search"
    label = "search"
    verbose_name = "Wyszukiwanie"
