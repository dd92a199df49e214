from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "interpel.portal"
    label = "portal"
