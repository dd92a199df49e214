"""Ingest throughput end to end (extract, parse, link, index, commit) on SQLite and PostgreSQL, and the Sejm import.

Usage: .venv/bin/python bench/ingest.py [--rounds N] [--scanned N] [--backends sqlite,postgresql]

Documents are the real corpus texts (seeds, municipal, sejm-answers) written as TXT, as text-layer PDFs
(reportlab, DejaVu Sans) and as DOCX (python-docx) by tests/fixtures_docs.py, plus image-only PDFs read by OCR.
Each round ingests every document into a fresh council, so every round inserts, links and commits for real.
Each backend runs in its own process (Django settings are per process); the parent prints one table.
Besides wall time it reports documents per CPU second of this process (cpu/s: what one core does when the machine is
shared) and the CPU seconds the PostgreSQL backend spent (db cpu, read from /proc when the server is local).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

PG_ADMIN = os.environ.get("INTERPEL_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "interpel_ingest_bench"
REPLIES = ROOT.parent / "shared" / "corpus" / "sejm-replies" / "replies.jsonl"


def _pg_url() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_DB}"


def db_cpu() -> float:
    """CPU seconds of this process' PostgreSQL backend so far (0 for SQLite, or when the server is not local)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_documents(folder: Path, scanned: int) -> dict[str, list[Path]]:
    from fixtures_docs import corpus_texts, make_docx, make_pdf, make_scanned_pdf

    texts = list(corpus_texts())
    out: dict[str, list[Path]] = {"txt": [], "pdf": [], "docx": [], "scanned": []}
    for kind in ("txt", "pdf", "docx", "scanned"):
        (folder / kind).mkdir()
    for n, (name, text) in enumerate(texts):
        stem = name.replace("/", "-")
        txt = folder / "txt" / f"{stem}.txt"
        txt.write_text(text, encoding="utf-8")
        out["txt"].append(txt)
        pdf = folder / "pdf" / f"{stem}.pdf"
        make_pdf(
            text, pdf, hyphenate=True, footer="Urząd — strona testowa", page_numbers="Strona {n} z {total}"
        )
        out["pdf"].append(pdf)
        docx = folder / "docx" / f"{stem}.docx"
        make_docx(text, docx)
        out["docx"].append(docx)
        if n < scanned:
            scan = folder / "scanned" / f"{stem}.pdf"
            make_scanned_pdf(text, scan)
            out["scanned"].append(scan)
    return out


def worker(url: str, rounds: int, scanned: int) -> dict[str, object]:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpel.settings")
    var = Path(tempfile.mkdtemp(prefix="interpel-bench-var-"))
    os.environ["INTERPEL_VAR_DIR"] = str(var)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from interpel.ingest.importers.common import ensure_body
    from interpel.ingest.importers.sejm_replies import import_sejm_replies
    from interpel.ingest.models import IngestedFile
    from interpel.ingest.pipeline import ingest_paths
    from interpel.text.extract import extract_file
    from interpel.text.parse import parse_text

    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="interpel-bench-docs-") as tmp:
        docs = make_documents(Path(tmp), scanned)
        for kind in ("txt", "pdf", "docx", "scanned"):
            files = docs[kind]
            if not files:
                continue
            n_rounds = 1 if kind == "scanned" else rounds
            spent, cpu, server, count, failed, review = 0.0, 0.0, 0.0, 0, 0, 0
            if kind != "scanned":  # one untimed round: morfeusz, pdfium and the caches load once per process
                ingest_paths(files, body=ensure_body(f"Rada {kind} warm-up", level="gmina"))
            for r in range(n_rounds):
                body = ensure_body(f"Rada {kind} {r}", level="gmina")
                IngestedFile.objects.all().delete()  # same bytes each round: forget them so each round writes
                started, cpu_started, server_started = time.perf_counter(), time.process_time(), db_cpu()
                report = ingest_paths(files, body=body)
                spent += time.perf_counter() - started
                cpu += time.process_time() - cpu_started
                server += db_cpu() - server_started
                count += len(files)
                failed += len(report.failed)
                review += report.review
            result[kind] = {
                "docs": count,
                "seconds": spent,
                "per_s": count / spent,
                "cpu_per_s": count / cpu,
                "db_cpu": server,
                "failed": failed,
                "review": review,
            }
        # Where the time of a text PDF goes, without the database.
        started = time.perf_counter()
        texts = [extract_file(p).text for p in docs["pdf"]]
        extract_s = time.perf_counter() - started
        started = time.perf_counter()
        parse_errors = []
        for path, text in zip(docs["pdf"], texts, strict=True):
            try:
                parse_text(text)
            except Exception as exc:  # a parser bug is a finding of the bench, not its end
                parse_errors.append(f"{path.name}: {type(exc).__name__} {exc}")
        parse_s = time.perf_counter() - started
        result["parse_errors"] = parse_errors
        result["pdf_extract_per_s"] = len(texts) / extract_s
        result["pdf_parse_per_s"] = len(texts) / parse_s
    started, cpu_started, server_started = time.perf_counter(), time.process_time(), db_cpu()
    report = import_sejm_replies(REPLIES)
    result["sejm"] = {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu_started,
        "db_cpu": db_cpu() - server_started,
        "inserted": report.inserted,
        "failed": len(report.failed),
    }
    started = time.perf_counter()
    again = import_sejm_replies(REPLIES)
    result["sejm_again"] = {
        "seconds": time.perf_counter() - started,
        "unchanged": again.unchanged,
        "inserted": again.inserted,
        "updated": again.updated,
    }
    return result


def print_table(rows: dict[str, dict], header: bool = True) -> None:
    if header:
        print(
            f"{'backend':<11} {'format':<8} {'docs':>5} {'seconds':>8} {'docs/s':>8} {'cpu/s':>8} {'db cpu':>7} "
            f"{'failed':>6} {'review':>6}"
        )
    for backend, res in rows.items():
        for kind in ("txt", "pdf", "docx", "scanned"):
            if kind in res:
                r = res[kind]
                print(
                    f"{backend:<11} {kind:<8} {r['docs']:>5} {r['seconds']:>8.2f} {r['per_s']:>8.1f} "
                    f"{r['cpu_per_s']:>8.1f} {r['db_cpu']:>7.2f} {r['failed']:>6} {r['review']:>6}"
                )
    for backend, res in rows.items():
        s, a = res["sejm"], res["sejm_again"]
        print(
            f"{backend:<11} Sejm import: {s['seconds']:.1f} s (CPU {s['cpu']:.1f} s, database CPU {s['db_cpu']:.1f} s; "
            f"{s['inserted']} records, {s['failed']} failed); "
            f"second run {a['seconds']:.1f} s ({a['unchanged']} unchanged, {a['inserted']} inserted, "
            f"{a['updated']} updated)"
        )
        for error in res["parse_errors"]:
            print(f"{backend:<11} parser error on a PDF: {error}")
        print(
            f"{backend:<11} text PDF without the database: extract {res['pdf_extract_per_s']:.0f}/s, "
            f"parse {res['pdf_parse_per_s']:.0f}/s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=8, help="rounds over the 22 corpus documents per format"
    )
    parser.add_argument(
        "--scanned", type=int, default=3, help="documents also ingested as scanned PDFs (OCR)"
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.rounds, args.scanned)))
        return 0
    rows = {}
    for backend in args.backends.split(","):
        if backend == "sqlite":
            url = f"sqlite:///{tempfile.mkdtemp(prefix='interpel-bench-')}/bench.sqlite3"
            url = "sqlite:////" + url.removeprefix("sqlite:///").lstrip("/")
        else:
            url = _pg_url()
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            url,
            "--rounds",
            str(args.rounds),
            "--scanned",
            str(args.scanned),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            sys.stderr.write(done.stderr)
            return done.returncode
        out = done.stdout
        rows[backend] = json.loads(out.strip().splitlines()[-1])
        print_table({backend: rows[backend]}, header=len(rows) == 1)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
