"""Search benchmark: our SQLite FTS5 and PostgreSQL backends beside two PostgreSQL baselines, in one run.

    .venv/bin/python bench/search.py [--sizes 10000,100000] [--queries bench/queries.jsonl] [--only sqlite|postgresql]
                                     [--no-baselines]

"+tantivy" rows are the default configuration (the tantivy mirror of search/mirror.py in front of the database's
engine); the rows without it are the database's own engine alone (settings.SEARCH_ACCELERATOR = False).

Corpora of N documents are built by sampling 80-word passages of ../shared/corpus/sejm-replies (1 or 2 passages a
document, fixed seed). For each size it times the index build (docs/s) and a fixed mix of 200 queries of 1-4 words
(common and rare, taken from the corpus), p50/p95/p99 in ms: "engine" = parse + count + top-10 ids, "service" =
search() with snippets, without facets. Baselines: PostgreSQL `simple` on the raw text and Polish ispell (Debian
hunspell-pl) ranked by ts_rank, both with OR of the words. MRR@10 / Recall@10 on bench/queries.jsonl are computed over
the 1,240 Sejm interpellations (subject + texts of their replies) for every engine. Each database runs in its own
subprocess (Django binds one database per process); the parent prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from machine import describe
from search_baselines import baseline_query, baseline_setup

ROOT = Path(__file__).resolve().parents[1]
REPLIES = ROOT.parent / "shared" / "corpus" / "sejm-replies" / "replies.jsonl"
WORK = Path(os.environ.get("INTERPEL_BENCH_DIR", "/tmp/interpel-bench"))
PG_ADMIN = os.environ.get("INTERPEL_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "interpel_bench"
SEED = 20260501
PASSAGE_WORDS = 80
N_QUERIES = 200


# --------------------------------------------------------------------------------------------- corpus and queries
def replies() -> list[dict]:
    with REPLIES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def passages() -> list[str]:
    out = []
    for reply in replies():
        words = (reply["tresc"] or "").split()
        out.extend(" ".join(words[i : i + PASSAGE_WORDS]) for i in range(0, len(words) - 20, PASSAGE_WORDS))
    return out


def corpus(n: int, chunks: list[str]) -> list[tuple[str, str]]:
    """(subject, text) of n documents: 1 or 2 sampled passages; the subject is the first 12 words."""
    rng = random.Random(SEED + n)
    docs = []
    for _ in range(n):
        text = rng.choice(chunks) + ("\n" + rng.choice(chunks) if rng.random() < 0.5 else "")
        docs.append((" ".join(text.split()[:12]), text))
    return docs


def query_mix(chunks: list[str]) -> list[str]:
    """1-4 word queries: half runs of consecutive words of a passage (mostly rare), half with a common word."""
    rng = random.Random(SEED)
    counts: dict[str, int] = {}
    for chunk in chunks[:4000]:
        for word in re.findall(r"[^\W\d_]{4,}", chunk.lower()):
            counts[word] = counts.get(word, 0) + 1
    common = [w for w, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:150]]
    queries = []
    while len(queries) < N_QUERIES:
        words = re.findall(r"[^\W\d_]{4,}", rng.choice(chunks))
        k = rng.randint(1, 4)
        if len(words) < k:
            continue
        start = rng.randrange(0, len(words) - k + 1)
        picked = words[start : start + k]
        if len(queries) % 2:
            picked[rng.randrange(k)] = rng.choice(common)
        queries.append(" ".join(picked))
    return queries


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 2)

    return {"p50": round(statistics.median(ordered), 2), "p95": at(0.95), "p99": at(0.99)}


def timed(fn, queries: list[str]) -> dict[str, float]:
    for q in queries[:20]:  # warm caches (the lemma cache, the database's pages)
        fn(q)
    samples = []
    for q in queries:
        started = time.perf_counter()
        fn(q)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def mrr(ranked_numbers, queries: list[dict]) -> dict[str, float]:
    rr, found = 0.0, 0
    for q in queries:
        ranked = ranked_numbers(q["query"])[:10]
        rank = next((i + 1 for i, n in enumerate(ranked) if n in set(q["relevant_numer"])), None)
        rr += 1 / rank if rank else 0.0
        found += rank is not None
    return {"mrr": round(rr / len(queries), 3), "recall": round(found / len(queries), 3)}


# --------------------------------------------------------------------------------------------- worker (one database)
def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "interpel.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.SEARCH_INDEX_DIR = str(
        WORK / f"mirror-{url.split(':', 1)[0]}"
    )  # never under the checkout's var/


def load_register(docs: list[tuple[str, str, str]]) -> None:
    """Bulk-load (number, subject, text) inquiries, bypassing services: a benchmark corpus, not register data."""
    from django.db import connection, transaction

    from interpel.registry.models import Body, Inquiry, Term
    from interpel.search.models import SearchDocument

    with transaction.atomic():
        SearchDocument.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM registry_inquiry")
        body, _ = Body.objects.get_or_create(name="Bench", slug="bench", level="sejm")
        term, _ = Term.objects.get_or_create(body=body, name="X", starts_on=date(2023, 11, 13))
        rows = [
            Inquiry(
                body=body,
                term=term,
                kind="interpellation",
                number=number,
                subject=subject,
                text=text,
                filed_on=date(2026, 1, 1),
                is_imported=True,
            )
            for number, subject, text in docs
        ]
        Inquiry.objects.bulk_create(rows, batch_size=5000)


def sejm_docs() -> list[tuple[str, str, str]]:
    """The 1,240 interpellations: number, subject (from tytul), subject + every reply text."""
    grouped: dict[str, list] = {}
    for reply in replies():
        grouped.setdefault(reply["numer"], []).append(reply)
    out = []
    for number, group in grouped.items():
        subject = group[0]["tytul"].removeprefix("Interpelacja w sprawie ").strip()
        out.append((number, subject, "\n".join(r["tresc"] or "" for r in group)))
    return out


def worker(
    vendor: str, sizes: list[int], queries_path: Path, baselines: bool = True, mirror_only: bool = False
) -> None:
    url = (
        f"sqlite:///{WORK / 'bench.sqlite3'}"
        if vendor == "sqlite"
        else PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB
    )
    setup_django(url)
    from django.conf import settings
    from django.db import connection

    from interpel.search import services
    from interpel.search.backends.postgres import TSV_INDEXES, PostgresBackend
    from interpel.search.indexing import reindex_all
    from interpel.search.query import parse

    def emit(**row) -> None:
        row["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(row), flush=True)

    def engine_query(rum: bool = False):
        def run(q: str) -> list[str]:
            parsed = parse(q)
            if parsed.is_empty:
                return []
            if rum:
                engine = PostgresBackend(rum=True)
                match = engine.compile(parsed)
                engine.count(match, " AND d.is_published", [])
                ids = [
                    i
                    for i, _ in engine.ranked(
                        match, " AND d.is_published", [], sort="relevance", limit=10, offset=0
                    )
                ]
            else:
                ids = [
                    i
                    for i, _ in services._ranked_ids(
                        parsed,
                        " AND d.is_published",
                        [],
                        sort="relevance",
                        limit=10,
                        offset=0,
                        semantics="any",
                    )[1]
                ]
            return ids

        return run

    def index_size() -> float:
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
            else:
                cursor.execute("SELECT pg_total_relation_size('search_document')")
            return round(cursor.fetchone()[0] / 2**20, 1)

    def set_rum(on: bool) -> None:
        connection._interpel_has_rum = None  # the backend caches whether the RUM index exists
        # One index over tsv, as migration 0006 keeps it: RUM, or GIN (reindex_all rebuilds whichever is there).
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
            cursor.execute("DROP INDEX IF EXISTS search_document_tsv_rum")
            cursor.execute("DROP INDEX IF EXISTS search_document_tsv")
            cursor.execute(TSV_INDEXES["search_document_tsv_rum" if on else "search_document_tsv"])

    if vendor == "postgresql":
        set_rum(False)  # measure GIN + ts_rank first; RUM is added and measured separately
    chunks = passages()
    mix = query_mix(chunks)
    ours = "fts5" if vendor == "sqlite" else "pg-gin"

    def measure(label: str, build: object, n: int) -> None:
        engine = timed(engine_query(), mix)
        service = timed(lambda q: services.search(q, limit=10, with_facets=False), mix)
        facets = timed(lambda q: services.search(q, limit=10), mix[:60])
        emit(
            engine=label,
            size=n,
            build_docs_s=build,
            index_mb=index_size(),
            **engine,
            service_p95=service["p95"],
            facets_p95=facets["p95"],
        )

    for n in sizes:
        docs = corpus(n, chunks)
        load_register([(str(i), s, t) for i, (s, t) in enumerate(docs)])
        settings.SEARCH_ACCELERATOR = True
        started = time.perf_counter()
        reindex_all()
        build = round(n / (time.perf_counter() - started))
        measure(ours + "+tantivy", build, n)
        if mirror_only:
            continue
        settings.SEARCH_ACCELERATOR = False
        if vendor == "postgresql":
            set_rum(True)
            measure("pg-rum", build, n)
            set_rum(False)
        measure(ours, build, n)
        if vendor == "postgresql" and baselines:
            with connection.cursor() as cursor:
                built = baseline_setup(cursor.cursor, [(str(i), s, t) for i, (s, t) in enumerate(docs)])
                for column, label in (("simple", "pg-simple-raw"), ("ispell", "pg-ispell")):
                    emit(
                        engine=label,
                        size=n,
                        build_docs_s=built[column],
                        **timed(lambda q, c=column: baseline_query(cursor.cursor, c, q), mix),
                    )
    if mirror_only:
        return
    # Quality over the real interpellations.
    queries = [json.loads(line) for line in queries_path.open(encoding="utf-8") if line.strip()]
    docs3 = sejm_docs()
    load_register(docs3)
    reindex_all()
    from interpel.registry.models import Inquiry

    number_of = dict(Inquiry.objects.values_list("id", "number"))

    def ours_numbers(semantics: str, rum: bool = False):
        def run(q: str) -> list[str]:
            if rum:
                return [number_of[i] for i in engine_query(rum=True)(q)]
            return [
                h.number for h in services.search(q, limit=10, with_facets=False, semantics=semantics).results
            ]

        return run

    settings.SEARCH_ACCELERATOR = True
    reindex_all()
    emit(engine=ours + "+tantivy", quality="any", **mrr(ours_numbers("any"), queries))
    emit(engine=ours + "+tantivy", quality="tiered", **mrr(ours_numbers("tiered"), queries))
    settings.SEARCH_ACCELERATOR = False
    emit(engine=ours, quality="any", **mrr(ours_numbers("any"), queries))
    emit(engine=ours, quality="tiered", **mrr(ours_numbers("tiered"), queries))
    if vendor == "postgresql":
        set_rum(True)
        emit(engine="pg-rum", quality="any", **mrr(ours_numbers("any", rum=True), queries))
        emit(engine="pg-rum", quality="tiered", **mrr(ours_numbers("tiered"), queries))
        set_rum(False)
        if baselines:
            with connection.cursor() as cursor:
                baseline_setup(cursor.cursor, docs3)
                for column, label in (("simple", "pg-simple-raw"), ("ispell", "pg-ispell")):
                    emit(
                        engine=label,
                        quality="any",
                        **mrr(lambda q, c=column: baseline_query(cursor.cursor, c, q), queries),
                    )


# --------------------------------------------------------------------------------------------- parent
def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.jsonl")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--no-baselines", action="store_true", help="skip the PostgreSQL raw-text baselines")
    parser.add_argument(
        "--mirror-only",
        action="store_true",
        help="only the default configuration (+tantivy), no SQL-only rows and no quality pass (the 1M run)",
    )
    parser.add_argument("--worker", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.worker:
        worker(
            args.worker, sizes, args.queries, baselines=not args.no_baselines, mirror_only=args.mirror_only
        )
        return
    machine = describe()  # the cores' own speed before anything runs: figures are comparable only beside it
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "bench.sqlite3").unlink(missing_ok=True)
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as pg:
        pg.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        pg.execute(f"CREATE DATABASE {PG_DB}")
    rows = []
    for vendor in [args.only] if args.only else ["sqlite", "postgresql"]:
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            vendor,
            "--sizes",
            args.sizes,
            "--queries",
            str(args.queries),
            *(["--no-baselines"] if args.no_baselines else []),
            *(["--mirror-only"] if args.mirror_only else []),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
        if out.returncode:
            sys.stderr.write(out.stderr[-3000:])
        rows += [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    print(f"{machine} (start)\n{describe()} (end)")
    print(
        f"{'engine':<14} {'docs':>7} {'build docs/s':>22} {'index MB':>8} {'p50':>7} {'p95':>7} {'p99':>7}"
        f" {'svc p95':>7} {'+facets':>7} {'RSS MB':>6}"
    )
    for r in rows:
        if "size" in r:
            print(
                f"{r['engine']:<14} {r['size']:>7} {r['build_docs_s']!s:>22} {r.get('index_mb', ''):>8}"
                f" {r['p50']:>7} {r['p95']:>7} {r['p99']:>7} {r.get('service_p95', ''):>7}"
                f" {r.get('facets_p95', ''):>7} {r['rss_mb']:>6}"
            )
    print(
        f"\n{'engine':<14} {'semantics':<8} {'MRR@10':>7} {'R@10':>6}   (bench/queries.jsonl, 1,240 interpellations)"
    )
    for r in rows:
        if "quality" in r:
            print(f"{r['engine']:<14} {r['quality']:<8} {r['mrr']:>7} {r['recall']:>6}")


if __name__ == "__main__":
    main()
