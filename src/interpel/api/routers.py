"""The list of (prefix, router) pairs mounted under /api/v1; each resource module adds itself here."""

from ninja import Router

ROUTERS: list[tuple[str, Router]] = []
