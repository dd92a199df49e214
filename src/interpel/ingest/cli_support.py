"""What `interpel ingest` and `interpel import` print: a progress bar on a terminal, then the report."""

import sys
from pathlib import Path
from typing import TextIO

from interpel.errors import InterpelError

from .report import ImportReport


class ProgressBar:
    """A one-line bar redrawn in place on a terminal; silent when output goes to a file or a pipe."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled or total == 0:
            return
        filled = self.width * done // total
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r{bar} {done}/{total} {name[:40]:<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _print(report: ImportReport) -> int:
    for line in report.lines():
        print(line)
    return 1 if report.failed and not (report.inserted or report.updated or report.unchanged) else 0


def _body(name: str | None):  # type: ignore[no-untyped-def]
    if not name:
        return None
    from interpel.registry.models import Body

    body = Body.objects.filter(name=name).first() or Body.objects.filter(slug=name).first()
    if body is None:
        from interpel.registry.services import ensure_body

        body = ensure_body(name)
        print(f"Utworzono radę „{name}” (szczebel: gmina; zmień w panelu administratora, jeśli inny).")
    return body


def run_ingest(paths: list[Path], *, body_name: str | None = None) -> int:
    from .pipeline import ingest_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InterpelError(f"Nie ma takich plików ani folderów: {', '.join(missing)}")
    return _print(ingest_paths(paths, body=_body(body_name), progress=ProgressBar()))


def run_import(source: str, path: Path, *, body_name: str | None = None) -> int:
    if not path.is_file():
        raise InterpelError(f"Nie ma pliku {path}")
    if source == "sejm-replies":
        from .importers.sejm_replies import import_sejm_replies

        return _print(import_sejm_replies(path))
    if not body_name:
        raise InterpelError("Import z radoskop wymaga --body NAZWA (nazwa rady).")
    from .importers.radoskop import import_radoskop

    return _print(import_radoskop(path, body_name))
