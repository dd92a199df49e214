"""CPU per first view of inquiry pages: this process's Python and its PostgreSQL backend's, per page.

Calls the WSGI application directly (no test client: its template instrumentation costs as much as the page), for
random published inquiries of a database built by bench/web.py, after a warm-up. Every page is a miss of the page
cache (`--page-cache none`, or `file` in a fresh folder), so this is the cost the web benchmark's first visits pay.

    .venv/bin/python bench/page_cpu.py [--pages 300] [--seed 1] [--page-cache none|file]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/interpel_web_bench"  # what bench/web.py builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page-cache", choices=("none", "file"), default="none")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["INTERPEL_VAR_DIR"] = tempfile.mkdtemp(prefix="interpel-page-cpu-")  # an empty page cache
    os.environ["INTERPEL_PAGE_CACHE"] = args.page_cache
    os.environ["INTERPEL_DEBUG"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "interpel.settings"
    # The tantivy mirror bench/web.py keeps beside the database (VAR_DIR above is a fresh one).
    mirror = (
        Path(os.environ.get("INTERPEL_BENCH_MIRROR", "/tmp/webvar/search"))
        / args.database_url.rsplit("/", 1)[1]
    )
    if mirror.is_dir():
        os.environ.setdefault("INTERPEL_SEARCH_INDEX_DIR", str(mirror))
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    from django.db import connection

    from interpel.registry.models import Inquiry

    ids = list(Inquiry.objects.filter(is_published=True).order_by("id").values_list("id", flat=True))
    pages = random.Random(args.seed).sample(ids, args.warm_up + args.pages)

    def get(path: str) -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        status: list[str] = []
        b"".join(app(environ, lambda s, headers: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}: {status[0]}")

    def server_cpu() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().split()
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")

    for pk in pages[: args.warm_up]:
        get(f"/interpelacje/{pk}/")
    server, python = server_cpu(), time.process_time()
    for pk in pages[args.warm_up :]:
        get(f"/interpelacje/{pk}/")
    python = (time.process_time() - python) / args.pages * 1000
    server = (server_cpu() - server) / args.pages * 1000
    print(
        f"{args.pages} inquiry pages (page cache {args.page_cache}): Python {python:.2f} ms,"
        f" PostgreSQL {server:.2f} ms of CPU per page"
    )


if __name__ == "__main__":
    main()
