"""The NinjaAPI instance: routers are mounted here; errors become JSON with a clear message."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from ninja import NinjaAPI

from interpel.errors import InterpelError
from interpel.portal.caching import anonymous_page


class CachedNinjaAPI(NinjaAPI):
    """Anonymous GET answers come from the page cache until the next write to the register (portal.caching)."""

    def _get_urls(self) -> list[Any]:
        return [
            URLPattern(url.pattern, anonymous_page(url.callback), url.default_args, url.name)
            if isinstance(url, URLPattern)
            else url
            for url in super()._get_urls()
        ]


api = CachedNinjaAPI(
    title="interpel API",
    version="1",
    description="Otwarte dane: interpelacje i zapytania radnych oraz odpowiedzi (art. 24 ust. 3–7 u.s.g.).",
    urls_namespace="api",
)


@api.exception_handler(InterpelError)
def interpel_error(request: HttpRequest, exc: InterpelError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


def mount() -> None:
    """Attach every resource router (imported here so that each module stays independent)."""
    from . import routers

    for prefix, router in routers.ROUTERS:
        api.add_router(prefix, router)


mount()
