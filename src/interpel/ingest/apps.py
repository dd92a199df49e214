from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "interpel.ingest"
    label = "ingest"
