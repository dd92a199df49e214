"""The `interpel` console script: a thin layer of argument parsing over plain service functions.

`interpel deadline` needs no database and prints the ISO due date alone on its first line (other tools rely on it).
"""

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from interpel.errors import InterpelError

Handler = Callable[[argparse.Namespace], int]


def _django() -> None:
    """Set Django up only for commands that need the database, so `deadline` and `parse` start fast."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpel.settings")
    import django

    django.setup()


def cmd_deadline(args: argparse.Namespace) -> int:
    from interpel.law.deadlines import deadline, rules_for

    try:
        received = date.fromisoformat(args.received_on)
    except ValueError:
        raise InterpelError(f"Niepoprawna data „{args.received_on}”; podaj RRRR-MM-DD.") from None
    result = deadline(received, rules_for(args.rules, days=args.days, policy=args.policy))
    print(result.due_on.isoformat())
    print(result.explanation)
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from interpel.text.extract import extract_file
    from interpel.text.parse import parse_text

    out: dict[str, object] = {}
    failed = 0
    for name in args.paths:
        try:
            out[name] = parse_text(extract_file(Path(name)).text)
        except InterpelError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            out[name] = []
            failed += 1
        except Exception as exc:  # a parser bug on one file must not lose the rest of the batch
            print(f"{name}: błąd parsera ({type(exc).__name__}: {exc})", file=sys.stderr)
            out[name] = []
            failed += 1
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for name, records in out.items():
            print(f"== {name}")
            for record in records:  # type: ignore[attr-defined]
                print(json.dumps({k: v for k, v in record.items() if k != "body"}, ensure_ascii=False))
    return 1 if failed and failed == len(args.paths) else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import call_command

    from interpel.settings import VAR_DIR

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=args.verbosity)
    # A new release may lay the search mirror out differently: it is rebuilt here, once, rather than leaving
    # searches on the slower SQL engine until someone notices (search/mirror.py, "schema").
    from interpel.search import mirror

    rebuilt = mirror.refresh()
    if rebuilt is not None:
        print(f"Odbudowano indeks wyszukiwarki (liczba spraw: {rebuilt}).")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    from interpel.registry.demo import load_demo

    for line in load_demo():
        print(line)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve with granian (the production server; gunicorn with --server gunicorn); static files through WhiteNoise.

    Measured with bench/web.py (docs/api.md): 100k inquiries, 32 clients, 2 cores, granian's Rust HTTP layer calling
    the WSGI app from 4 threads per worker served 1.2-1.9k cached pages/s at p95 38-45 ms where gunicorn's gthread
    workers (HTTP parsed in Python) served 1.1k at p95 48-57 ms. One application thread per worker (the default since
    stop 12) beat 2, 3, 4 and 8 on every page kind, cached or not: Python threads of one process contend for the GIL
    (inquiry pages with first visits: 1,408-1,460 requests/s at p95 45-48 ms against 1,046 at p95 63 ms with 4).
    A long streamed answer (the whole register's CSV, ~8 s) then holds its worker: run more workers than cores
    where exports are frequent, and keep a buffering proxy in front for slow clients. The anonymous page cache lives
    in files under VAR_DIR/cache/pages so that the workers share it (INTERPEL_PAGE_CACHE=memory|none to change;
    GRANIAN_* or GUNICORN_CMD_ARGS environment variables set what the flags below leave out: the flags win).
    Database connections persist (INTERPEL_CONN_MAX_AGE, 60 s). Behind a TLS proxy set INTERPEL_BEHIND_PROXY.
    """
    _django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    os.environ.setdefault("INTERPEL_PAGE_CACHE", "file")
    print(f"interpel: http://{args.host}:{args.port}/  (Ctrl+C kończy)", flush=True)
    if args.server == "gunicorn":
        argv = [
            "gunicorn",
            "interpel.wsgi",
            f"--bind={args.host}:{args.port}",
            f"--workers={args.workers}",
            "--worker-class=gthread",
            f"--threads={args.threads}",
            "--backlog=2048",
            "--access-logfile=-" if args.access_log else "--access-logfile=/dev/null",
        ]
    else:
        argv = [
            "granian",
            "--interface=wsgi",
            f"--host={args.host}",
            f"--port={args.port}",
            f"--workers={args.workers}",
            f"--blocking-threads={args.threads}",
            "--backlog=2048",
            "--no-ws",
            "--access-log" if args.access_log else "--no-access-log",
            "interpel.wsgi:application",
        ]
    os.execvp(sys.executable, [sys.executable, "-m", *argv])


def cmd_createuser(args: argparse.Namespace) -> int:
    _django()
    from interpel.registry.accounts import create_user

    password = args.password or os.environ.get("INTERPEL_PASSWORD")
    if not password:
        import getpass

        password = getpass.getpass("Hasło: ")
    user = create_user(args.username, password, email=args.email or "", superuser=args.superuser)
    print(f"Utworzono konto {user.get_username()}{' (administrator)' if user.is_superuser else ''}.")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    _django()
    from interpel.ingest.cli_support import run_ingest

    return run_ingest([Path(p) for p in args.paths], body_name=args.body)


def cmd_import(args: argparse.Namespace) -> int:
    _django()
    from interpel.ingest.cli_support import run_import

    return run_import(args.source, Path(args.file), body_name=args.body)


def cmd_similar(args: argparse.Namespace) -> int:
    """Store the "similar inquiries" lists that inquiry pages read (search/similar_store.py); run it daily."""
    _django()
    from interpel.search.similar import refresh_similar

    started = time.monotonic()
    done = refresh_similar(stale_only=not args.all)
    print(f"Zapisano listy podobnych spraw: {done} (w {time.monotonic() - started:.0f} s).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interpel", description="Rejestr interpelacji i zapytań radnych oraz odpowiedzi."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("deadline", help="termin odpowiedzi: data ISO w pierwszym wierszu, potem wyjaśnienie")
    p.add_argument("received_on", metavar="RECEIVED_ON", help="data otrzymania (RRRR-MM-DD)")
    p.add_argument(
        "--rules", default="gmina", help="gmina | powiat | wojewodztwo | sejm | dzielnica | statut"
    )
    p.add_argument("--days", type=int, default=None, help="liczba dni (inna niż ustawowa: ze statutu rady)")
    p.add_argument(
        "--policy", default="kc", choices=["kc", "calendar"], help="sposób liczenia (domyślnie kc)"
    )
    p.set_defaults(handler=cmd_deadline)

    p = sub.add_parser("parse", help="rozpoznaj dokumenty w plikach (TXT, PDF, DOCX, HTML)")
    p.add_argument("--json", action="store_true", help="jeden obiekt JSON {ścieżka: [rekordy]}")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("ingest", help="wczytaj pliki lub foldery do rejestru")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--body", default=None, help="nazwa rady, gdy dokumenty jej nie wskazują")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser("import", help="import danych strukturalnych")
    p.add_argument("source", choices=["sejm-replies", "radoskop"])
    p.add_argument("file", metavar="FILE")
    p.add_argument("--body", default=None, help="nazwa rady (radoskop)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("migrate", help="utwórz lub zaktualizuj schemat bazy danych")
    p.add_argument("--verbosity", type=int, default=1)
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("demo", help="wczytaj dane demonstracyjne (listy z Kalisza)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("serve", help="uruchom serwer WWW")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=1, help="wątki aplikacji w procesie (domyślnie 1)")
    p.add_argument("--access-log", action="store_true")
    p.add_argument(
        "--server", choices=["granian", "gunicorn"], default="granian", help="serwer HTTP (domyślnie granian)"
    )
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser(
        "similar", help="zapisz listy podobnych spraw (brakujące i starsze niż 6 dni; codziennie z crona)"
    )
    p.add_argument("--all", action="store_true", help="wszystkie opublikowane sprawy, także świeże listy")
    p.set_defaults(handler=cmd_similar)

    p = sub.add_parser("createuser", help="utwórz konto pracownika biura")
    p.add_argument("username")
    p.add_argument("--email")
    p.add_argument("--password", help="hasło (lepiej: zmienna INTERPEL_PASSWORD lub pytanie)")
    p.add_argument("--superuser", action="store_true", help="dostęp do panelu administratora")
    p.set_defaults(handler=cmd_createuser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InterpelError as exc:
        print(f"interpel: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
