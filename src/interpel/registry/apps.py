from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "interpel.registry"
    label = "registry"
    verbose_name = "Rejestr"
