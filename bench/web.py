"""Web benchmark: 100k inquiries from the real Sejm corpus, served by gunicorn, loaded by wrk with 32 connections.

    .venv/bin/python bench/web.py                       # build interpel_web_bench (PostgreSQL), then measure
    .venv/bin/python bench/web.py --reuse               # measure again without rebuilding the data
    .venv/bin/python bench/web.py --inquiries 10000 --duration 5

The data is written with bulk_create, bypassing the registry services: they log events and compute each deadline
one row at a time, which would make building 100k records take most of an hour. Deadlines are still computed by the
law module, statuses follow from the stored dates, and the search index is rebuilt by the search app's own
`reindex_all()`. Subjects and texts are sampled from ../shared/corpus/sejm-replies/replies.jsonl.

The load client is Debian's `wrk` (C, one Lua script picking a random URL of each kind per request), so that the
client takes as little of the two shared cores as possible; latencies are wrk's, memory is the RSS of each gunicorn
worker read from /proc after the run.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "sejm-replies" / "replies.jsonl"
QUERIES = ROOT / "bench" / "queries.jsonl"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/interpel_web_bench"
GIVEN = [
    "Anna",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Magdalena",
    "Paweł",
    "Agnieszka",
    "Marcin",
    "Joanna",
    "Michał",
    "Ewa",
    "Krzysztof",
    "Monika",
    "Jakub",
]
FAMILY = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
]
DEPARTMENTS = ["WSR", "KPM", "WIM", "WGK", "WOŚ", "WE", "WK", "WZ", "WB", "WF", "WOR", "WPS"]
LUA = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
done = function(summary, latency, requests)
  io.write(string.format('BENCH {"p50": %d, "p95": %d, "p99": %d, "requests": %d, "us": %d, "errors": %d}\\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
"""


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpel.settings")
    import django

    django.setup()


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def corpus() -> tuple[list[str], list[str]]:
    """Subjects (titles without "Interpelacja w sprawie") and paragraphs of the replies."""
    subjects, paragraphs = [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        reply = json.loads(line)
        subjects.append(re.sub(r"^(Interpelacja|Zapytanie)\s+w sprawie\s+", "", reply["tytul"]).strip())
        for part in re.split(r"\n\s*\n", reply.get("tresc", "").replace("\r", "")):
            part = " ".join(part.split())
            if 80 <= len(part) <= 700:
                paragraphs.append(part)
    return subjects, paragraphs


def generate(n: int, today: date, seed: int = 6) -> None:
    """n published inquiries in two councils, 85% of the older ones answered, with authors, departments, events."""
    from django.db import transaction

    from interpel.law.deadlines import deadline
    from interpel.registry.models import (
        Answer,
        Body,
        Club,
        ClubMembership,
        Department,
        Event,
        Inquiry,
        InquiryAuthor,
        Person,
        Term,
    )

    rng = random.Random(seed)
    subjects, paragraphs = corpus()
    bodies = [
        Body.objects.create(
            name="Rada Miasta Benchmarkowa",
            slug="benchmark",
            level="gmina",
            executive="Prezydent Miasta Benchmarkowa",
        ),
        Body.objects.create(
            name="Rada Powiatu Próbnego", slug="probny", level="powiat", executive="Starosta Próbny"
        ),
    ]
    setup: dict[int, dict[str, list]] = {}
    for b, body in enumerate(bodies):
        terms = [
            Term.objects.create(
                body=body, name="VIII kadencja", starts_on=date(2018, 11, 1), ends_on=date(2024, 5, 6)
            ),
            Term.objects.create(body=body, name="IX kadencja", starts_on=date(2024, 5, 7)),
        ]
        people = Person.objects.bulk_create(
            Person(name=f"{g} {f}", slug=f"radny-{b}-{i}", given_name=g, family_name=f)
            for i, (g, f) in enumerate((rng.choice(GIVEN), rng.choice(FAMILY)) for _ in range(60))
        )
        clubs = [
            Club.objects.create(body=body, term=terms[1], name=f"Klub {k}", slug=f"klub-{k}")
            for k in range(4)
        ]
        ClubMembership.objects.bulk_create(ClubMembership(club=rng.choice(clubs), person=p) for p in people)
        executive = Person.objects.create(name=f"Prezydent {b}", slug=f"prezydent-{b}", family_name=f"P{b}")
        departments = Department.objects.bulk_create(
            Department(body=body, code=c, name=f"Wydział {c}") for c in DEPARTMENTS
        )
        setup[body.pk] = {
            "terms": terms,
            "people": people,
            "departments": departments,
            "executive": [executive],
        }
    rules = {(body.pk, t.pk): body.rule_set(t) for body in bodies for t in setup[body.pk]["terms"]}
    due_cache: dict[tuple, object] = {}
    span = (today - date(2019, 1, 1)).days
    batch = 5000
    for start in range(0, n, batch):
        rows, meta = [], []
        for i in range(start, min(start + batch, n)):
            body = bodies[0] if rng.random() < 0.85 else bodies[1]
            filed = today - timedelta(days=int(span * rng.random() ** 1.5))  # more recent items than old ones
            received = filed + timedelta(days=rng.choice((0, 0, 1, 2, 3)))
            term = setup[body.pk]["terms"][0 if filed < date(2024, 5, 7) else 1]
            key = (received, body.pk, term.pk)
            if key not in due_cache:
                due_cache[key] = deadline(received, rules[(body.pk, term.pk)])
            due = due_cache[key]
            answered_on = None
            if rng.random() < (0.85 if filed < today - timedelta(days=30) else 0.4):
                answered_on = min(received + timedelta(days=int(rng.triangular(2, 45, 12))), today)
            rows.append(
                Inquiry(
                    body=body,
                    term=term,
                    kind=rng.choice(("interpellation", "interpellation", "question")),
                    number=str(i + 1),
                    subject=rng.choice(subjects),
                    text="\n\n".join(rng.sample(paragraphs, rng.randint(1, 3))),
                    filed_on=filed,
                    received_on=received,
                    due_on=due.due_on,
                    due_explanation=due.explanation,
                    answered_on=answered_on,
                    is_answered=answered_on is not None,
                    is_withdrawn=False,
                    published_at=datetime.now(UTC),
                    entered_by_name="bench/web.py",
                    addressee_text=body.executive,
                )
            )
            meta.append(body.pk)
        with transaction.atomic():
            inquiries = Inquiry.objects.bulk_create(rows)
            authors, links, answers, events = [], [], [], []
            for inquiry, body_pk in zip(inquiries, meta, strict=True):
                people = rng.sample(setup[body_pk]["people"], rng.choice((1, 1, 1, 2, 3)))
                authors += [
                    InquiryAuthor(inquiry=inquiry, person=p, position=k) for k, p in enumerate(people)
                ]
                department = rng.choice(setup[body_pk]["departments"])
                links.append(Inquiry.departments.through(inquiry=inquiry, department=department))
                at = datetime.combine(inquiry.filed_on, datetime.min.time(), tzinfo=UTC)
                events.append(Event(at=at, on=inquiry.filed_on, action="filed", inquiry=inquiry))
                if inquiry.answered_on:
                    answers.append(
                        (
                            inquiry,
                            Answer(
                                kind="answer",
                                answered_on=inquiry.answered_on,
                                department=department,
                                text="\n\n".join(rng.sample(paragraphs, rng.randint(1, 3))),
                                signatory=setup[body_pk]["executive"][0],
                                signatory_name=setup[body_pk]["executive"][0].name,
                                case_sign=f"{department.code}.0003.{inquiry.number}.{inquiry.filed_on.year}",
                                published_at=datetime.now(UTC),
                            ),
                        )
                    )
            InquiryAuthor.objects.bulk_create(authors)
            Inquiry.departments.through.objects.bulk_create(links)
            saved = Answer.objects.bulk_create([a for _, a in answers])
            Answer.inquiries.through.objects.bulk_create(
                Answer.inquiries.through(answer=a, inquiry=i)
                for (i, _), a in zip(answers, saved, strict=True)
            )
            events += [
                Event(
                    at=datetime.combine(a.answered_on, datetime.min.time(), tzinfo=UTC),
                    on=a.answered_on,
                    action="answer",
                    inquiry=i,
                    answer=a,
                )
                for (i, _), a in zip(answers, saved, strict=True)
            ]
            Event.objects.bulk_create(events)
        print(f"  {min(start + batch, n):>7} inquiries", file=sys.stderr, flush=True)


def build_index(batch: int = 2000) -> None:
    """The search app's index of every inquiry, in batches through its public `index_inquiries`.

    Not `reindex_all()`: on PostgreSQL it reads the register through the same connection while its COPY is open,
    and psycopg blocks on that forever (seen on this run; reported to the search engineer).
    """
    from interpel.registry.models import Inquiry
    from interpel.search.indexing import index_inquiries

    ids = list(Inquiry.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        index_inquiries(ids[start : start + batch])
        print(f"  {start + batch:>7} indexed", file=sys.stderr, flush=True)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def scenarios(today: date, seed: int = 7) -> dict[str, list[str]]:
    from interpel.registry.models import Inquiry

    rng = random.Random(seed)
    ids = list(Inquiry.objects.order_by("?").values_list("id", flat=True)[:2000])
    queries = [
        json.loads(line)["query"] for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    quote = urllib.request.quote
    return {
        "home": ["/"],
        "list": [
            "/interpelacje/",
            "/interpelacje/?status=overdue",
            "/interpelacje/?kind=question",
            "/interpelacje/?status=answered_late&page=3",
        ],
        "search": [f"/interpelacje/?q={quote(q)}" for q in queries],
        "detail": [f"/interpelacje/{pk}/" for pk in ids],
        "api list": [
            "/api/v1/inquiries/",
            "/api/v1/inquiries/?status=overdue",
            "/api/v1/inquiries/?offset=500",
        ],
        "api detail": [f"/api/v1/inquiries/{pk}" for pk in rng.sample(ids, min(500, len(ids)))],
        "api search": [f"/api/v1/search?q={quote(q)}" for q in queries],
    }


def run_wrk(base: str, paths: list[str], clients: int, seconds: int, workdir: Path) -> dict[str, float]:
    (workdir / "paths.txt").write_text("\n".join(paths) + "\n")
    (workdir / "bench.lua").write_text(LUA)
    env = {**os.environ, "BENCH_PATHS": str(workdir / "paths.txt")}
    command = [
        "wrk",
        "-t2",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(workdir / "bench.lua"),
        base,
    ]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    result = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH "))[6:])
    return {
        "p50": result["p50"] / 1000,
        "p95": result["p95"] / 1000,
        "p99": result["p99"] / 1000,
        "rps": result["requests"] / (result["us"] / 1e6),
        "errors": result["errors"],
    }


def check(base: str, paths: list[str]) -> None:
    for path in paths[:3]:
        with urllib.request.urlopen(base + path, timeout=300) as response:
            assert response.status == 200, (path, response.status)


def export_figure(base: str, master: int) -> str:
    """The whole register as CSV through one worker: time, size and the highest worker RSS seen meanwhile."""
    started, size, peak = time.monotonic(), 0, 0.0
    with urllib.request.urlopen(base + "/eksport/inquiries.csv", timeout=600) as response:
        while block := response.read(1 << 20):
            size += len(block)
            peak = max(peak, *(rss_mb(pid) for pid in workers(master)))
    return f"full CSV export: {size / 1e6:.0f} MB in {time.monotonic() - started:.1f} s, worker RSS peak {peak:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--inquiries", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep the database built by an earlier run")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=int, default=15, help="seconds per scenario")
    parser.add_argument("--workers", type=int, default=2)
    # gthread keeps connections alive; with the sync worker wrk stalls on every large response (seen: 0.7 req/s
    # on one connection for a 45 kB page that curl fetches in 90 ms), which would measure the pairing, not the app.
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--page-cache",
        default="file",
        choices=["file", "memory", "none"],
        help="INTERPEL_PAGE_CACHE for the server (default file, as `interpel serve`)",
    )
    parser.add_argument(
        "--port", type=int, default=0, help="default: a free port (others serve on this machine)"
    )
    parser.add_argument("--only", nargs="*", help="scenarios to run (default: all)")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other benchmarks on the same cores skew every figure: printed with the table
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    if not args.reuse:
        recreate_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    call_command("migrate", verbosity=0)
    if not args.reuse:
        started = time.monotonic()
        generate(args.inquiries, today)
        generated = time.monotonic() - started
        started = time.monotonic()
        build_index()
        print(
            f"generated {args.inquiries} inquiries in {generated:.0f} s, search index in "
            f"{time.monotonic() - started:.0f} s",
            file=sys.stderr,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE"
        )  # bulk-loaded tables have no statistics yet: without them plans go to seq scans
    plans = scenarios(today)
    connection.close()
    workdir = Path(tempfile.mkdtemp(prefix="interpel-web-"))
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "INTERPEL_DEBUG": "false",
        "INTERPEL_VAR_DIR": str(workdir),
        "INTERPEL_PAGE_CACHE": args.page_cache,
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "interpel.wsgi:application",
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        wait_for(base + "/api/v1/bodies/")
        if server.poll() is not None or not workers(server.pid):
            raise SystemExit(f"gunicorn did not start on port {args.port}")
        for name, paths in plans.items():
            if args.only and name not in args.only:
                continue
            wait_for(base + "/api/v1/bodies/", 600)  # the previous scenario's queued requests are done
            check(base, paths)
            run_wrk(base, paths, args.clients, 3, workdir)  # warm-up: caches, connections, imported templates
            figures = run_wrk(base, paths, args.clients, args.duration, workdir)
            figures["rss"] = max(rss_mb(pid) for pid in workers(server.pid))
            rows.append((name, figures))
            print(f"  {name}: {figures}", file=sys.stderr, flush=True)
        export = export_figure(base, server.pid) if not args.only or "export" in args.only else ""
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    from interpel.registry.models import Inquiry

    print(
        f"\n{Inquiry.objects.count()} inquiries, PostgreSQL, gunicorn {args.workers} {args.worker_class} workers"
        f" x {args.threads} threads, page cache {args.page_cache}, wrk {args.clients} connections,"
        f" {args.duration} s per scenario, {os.cpu_count()} cores shared, load average {load:.1f} at start\n"
    )
    print("| scenario | p50 ms | p95 ms | p99 ms | requests/s | errors | worker RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, f in rows:
        print(
            f"| {name} | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | {f['rps']:.0f} | {f['errors']:.0f} "
            f"| {f['rss']:.0f} |"
        )
    if export:
        print(f"\n{export}")


if __name__ == "__main__":
    main()
