"""The list of (prefix, router) pairs mounted under /api/v1; each resource module adds itself here."""

from ninja import Router

from . import answers, bodies, inquiries, people, statistics

ROUTERS: list[tuple[str, Router]] = [
    ("/inquiries", inquiries.router),
    ("/answers", answers.router),
    ("/people", people.router),
    ("/bodies", bodies.bodies),
    ("/terms", bodies.terms),
    ("/clubs", bodies.clubs),
    ("/departments", bodies.departments),
    ("/statistics", statistics.router),
]

from . import search  # noqa: E402

ROUTERS.append(("/search", search.router))
