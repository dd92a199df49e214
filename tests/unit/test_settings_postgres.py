"""The PostgreSQL connection options the settings make: plan_cache_mode for prepared statements, PGOPTIONS kept."""

import pytest

from interpel.settings import database_from_url

URL = "postgresql://postgres@127.0.0.1:5432/interpel"


def test_generic_plans_are_asked_for_and_pgoptions_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTERPEL_PREPARED_STATEMENTS", raising=False)
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=5s")
    options = database_from_url(URL)["OPTIONS"]
    assert options == {"options": "-c statement_timeout=5s -c plan_cache_mode=force_generic_plan"}
    monkeypatch.delenv("PGOPTIONS")
    assert database_from_url(URL)["OPTIONS"] == {"options": "-c plan_cache_mode=force_generic_plan"}


def test_nothing_is_sent_when_prepared_statements_are_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pooler in transaction mode refuses unknown startup options: with prepared statements off, none is sent."""
    monkeypatch.setenv("INTERPEL_PREPARED_STATEMENTS", "false")
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=5s")
    assert database_from_url(URL)["OPTIONS"] == {}
