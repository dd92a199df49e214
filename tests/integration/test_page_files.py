"""The file page cache counts its entries on one write in CULL_EVERY, not on each (portal.caching.PageFiles)."""

from pathlib import Path

import pytest

from interpel.portal.caching import PageFiles


def test_the_folder_is_counted_once_per_cull_every_writes_and_stays_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PageFiles(str(tmp_path), {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    monkeypatch.setattr(PageFiles, "CULL_EVERY", 20)
    listings = 0
    list_files = store._list_cache_files

    def counted() -> list[str]:
        nonlocal listings
        listings += 1
        return list_files()

    monkeypatch.setattr(store, "_list_cache_files", counted)
    for n in range(400):
        store.set(f"page-{n}", b"x" * 10)
        assert len(list(tmp_path.glob("*.djcache"))) <= 50 + 20  # the limit, overshot by one round at most
    assert listings == 400 // 20
    assert store.get("page-399") == b"x" * 10
