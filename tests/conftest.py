"""Shared fixtures. The integration suite runs once on SQLite and once on PostgreSQL (see the Makefile).

With INTERPEL_TEST_BACKEND=postgresql the database is INTERPEL_TEST_DATABASE_URL, else the local server; when it is
unreachable the run is skipped, except under CI=true where that is a failure.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "demo" / "seeds"  # the copy shipped with the repo

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres_url() -> str:
    return os.environ.get("INTERPEL_TEST_DATABASE_URL") or PG_DEFAULT


def _postgres_reachable(url: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect means "unreachable"; the message says which
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


if os.environ.get("INTERPEL_TEST_BACKEND") == "postgresql":
    os.environ["DATABASE_URL"] = _postgres_url()


def _use_postgres(url: str) -> None:
    """Point Django at PostgreSQL even though pytest-django imported the settings before this conftest ran."""
    from django.conf import settings
    from django.db import connections

    from interpel.settings import database_from_url

    settings.DATABASES["default"] = database_from_url(url)
    # ConnectionHandler caches the settings it read first; rebuild it from the new ones.
    connections.__dict__.pop("settings", None)
    connections._settings = connections.configure_settings(settings.DATABASES)  # type: ignore[attr-defined]
    with contextlib.suppress(AttributeError):
        del connections["default"]  # a connection object made from the old settings


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("INTERPEL_TEST_BACKEND") != "postgresql":
        return
    problem = _postgres_reachable(os.environ["DATABASE_URL"])
    if problem is None:
        _use_postgres(os.environ["DATABASE_URL"])
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"PostgreSQL unreachable under CI=true: {problem}")
    config.option.markexpr = "not integration"  # nothing DB-bound can run
    config._interpel_pg_problem = problem  # type: ignore[attr-defined]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    problem = getattr(config, "_interpel_pg_problem", None)
    if problem:
        skip = pytest.mark.skip(reason=f"PostgreSQL unreachable: {problem}")
        for item in items:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _documents_dir(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> None:
    """Stored documents go to a temporary folder, never to var/ of the checkout."""
    if "settings" in request.fixturenames or request.node.get_closest_marker("django_db"):
        from django.conf import settings

        settings.DOCUMENTS_DIR = tmp_path_factory.mktemp("documents")


@pytest.fixture
def fresh_mirror() -> Iterator[None]:
    """An empty in-memory tantivy mirror before and after the test (test databases are rolled back, mirrors are not)."""
    from interpel.search import mirror

    mirror.reset()
    yield
    mirror.reset()


@pytest.fixture
def corpus() -> Path:
    assert CORPUS.is_dir(), f"../shared/corpus not found beside the checkout ({CORPUS})"
    return CORPUS


@pytest.fixture
def db_vendor() -> str:
    from django.db import connection

    return connection.vendor
