"""The NinjaAPI instance: routers are mounted here; errors become JSON with a clear message."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.operation import PathView

from interpel.errors import InterpelError
from interpel.portal.caching import anonymous_page, own_version


def _marked_own(path_view: PathView) -> bool:
    """Whether the operation answering GET on this path is marked `own_version` (portal.caching)."""
    return any(
        "GET" in op.methods and getattr(op.view_func, "own_version", False) for op in path_view.operations
    )


def _mark_own(path_view: PathView) -> None:
    """Make the path's URL callback carry the `own_version` mark, where `anonymous_page` looks for it.

    The callback is the path's PathView dispatcher, one for all its methods, so the mark on the GET operation has to
    be moved onto it. The other methods carry it harmlessly: `anonymous_page` passes all but GET and HEAD straight
    through, and ninja answers HEAD (no operation of ours has it) with a 405, which is never stored.
    """
    make_view = path_view.get_view
    if getattr(make_view, "marks_own", False):
        return

    def get_view() -> Callable[..., Any]:
        return own_version(make_view())

    get_view.marks_own = True  # type: ignore[attr-defined]
    path_view.get_view = get_view  # type: ignore[method-assign]


class CachedNinjaAPI(NinjaAPI):
    """Anonymous GET answers come from the page cache until the next write to the register (portal.caching), or,
    for an operation marked `own_version`, until the next write to the records its response lists in `depends_on`."""

    def _get_urls(self) -> list[Any]:
        for bound_router in self._get_bound_routers():
            for path_view in bound_router.path_operations.values():
                if _marked_own(path_view):
                    _mark_own(path_view)
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
