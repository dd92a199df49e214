"""The CLI end to end in a fresh var/ folder: migrate, demo, createuser, serve (SQLite, as `make run` does)."""

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("INTERPEL_TEST_BACKEND") == "postgresql",
    reason="the embedded set-up is SQLite by definition",
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return dict(clean, INTERPEL_VAR_DIR=str(tmp_path / "var"))


def interpel(env: dict[str, str], *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interpel.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_migrate_demo_createuser_and_serve(env: dict[str, str]) -> None:
    assert interpel(env, "migrate", "--verbosity", "0").returncode == 0
    assert Path(env["INTERPEL_VAR_DIR"], "interpel.sqlite3").exists()
    demo = interpel(env, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "08.04.2026" in demo.stdout and "KPM.003.0002.2026" in demo.stdout
    assert "już" in interpel(env, "demo").stdout

    weak = interpel(env, "createuser", "biuro", "--password", "123")
    assert weak.returncode == 2 and weak.stderr.startswith("interpel: ")
    made = interpel(env, "createuser", "biuro", "--password", "Rada-Miasta-2026!")
    assert made.returncode == 0, made.stderr
    assert interpel(env, "createuser", "biuro", "--password", "Rada-Miasta-2026!").returncode == 2

    env["INTERPEL_BEHIND_PROXY"] = "true"  # as behind a TLS proxy (settings)
    for server in ("granian", "gunicorn"):  # the default, and the one kept as an alternative
        assert_serves(env, server)


def assert_serves(env: dict[str, str], server: str) -> None:
    """`interpel serve` answers pages, the API, static files (WhiteNoise) and a streamed export."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "interpel.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--server",
            server,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        body = b""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=2) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.25)
        assert b'"openapi"' in body, server
        with urllib.request.urlopen(f"{base}/", timeout=5) as r:
            assert r.status == 200 and b'lang="pl"' in r.read()
        with urllib.request.urlopen(f"{base}/static/portal/portal.css", timeout=5) as r:
            assert r.status == 200 and r.headers["Content-Type"].startswith("text/css") and r.read()
        with urllib.request.urlopen(f"{base}/api/v1/inquiries/", timeout=5) as r:
            listed = json.load(r)
        with urllib.request.urlopen(f"{base}/eksport/inquiries.csv", timeout=10) as r:
            rows = list(csv.DictReader(io.StringIO(r.read().decode("utf-8-sig"))))
        # Behind the proxy, a request it marks as HTTPS gets https links (feeds, API); one it does not, http.
        for proto in ("https", "http"):
            request = urllib.request.Request(
                f"{base}/feeds/inquiries.atom", headers={"X-Forwarded-Proto": proto}
            )
            with urllib.request.urlopen(request, timeout=5) as r:
                assert f'href="{proto}://127.0.0.1:{port}/interpelacje/"'.encode() in r.read(), (
                    server,
                    proto,
                )
        assert listed["count"] >= 2 and sorted(int(row["id"]) for row in rows) == sorted(
            item["id"] for item in listed["results"]
        )
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_ingest_reports_each_failure_and_a_second_run_changes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = Path(__file__).resolve().parents[2] / "demo" / "seeds"
    for letter in seeds.glob("*.txt"):
        (folder / letter.name).write_bytes(letter.read_bytes())
    (folder / "skan.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n")  # truncated
    (folder / "pusty.docx").write_bytes(b"")
    assert interpel(env, "migrate", "--verbosity", "0").returncode == 0

    first = interpel(env, "ingest", str(folder), "--body", "Rada Miasta Kalisza")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert any(line.startswith("dodano: ") and line != "dodano: 0" for line in lines)
    failures = [line for line in lines if line.startswith("BŁĄD ")]
    assert sorted(line.split(":")[0] for line in failures) == ["BŁĄD pusty.docx", "BŁĄD skan.pdf"]

    second = interpel(env, "ingest", str(folder), "--body", "Rada Miasta Kalisza")
    assert "dodano: 0" in second.stdout and "zaktualizowano: 0" in second.stdout
    assert "bez zmian: 0" not in second.stdout

    missing = interpel(env, "ingest", str(tmp_path / "nie-ma"))
    assert missing.returncode == 2 and "nie-ma" in missing.stderr
