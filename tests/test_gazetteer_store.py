"""The gazetteer read back from the cache file is the one built from the packages, entry for entry."""
from __future__ import annotations

from dataclasses import fields

import pytest

from evaluator.lang import gazetteer, gazetteer_store

NAMES = [f.name for f in fields(gazetteer.Gazetteer)]


@pytest.fixture(scope="module")
def built():
    return gazetteer._build()


def _same(a, b) -> None:
    for name in NAMES:
        x, y = getattr(a, name), getattr(b, name)
        assert x == y, name
        if isinstance(x, (dict, list)):
            assert list(x) == list(y), name  # same order too: look-ups iterate these


def test_first_run_writes_the_file_and_the_next_reads_it(tmp_path, monkeypatch, built):
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return gazetteer._build()

    first = gazetteer_store.load(build)
    files = list(tmp_path.glob("gazetteer-*.marshal"))
    assert len(files) == 1 and not list(tmp_path.glob("*.tmp"))
    second = gazetteer_store.load(build)
    assert calls == [1]
    _same(first, built)
    _same(second, built)
    assert second.ids("Kijów") == built.ids("Kijów") and "geo:703448" in second.ids("Kijów")


def test_a_damaged_file_is_rebuilt(tmp_path, monkeypatch, built):
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    gazetteer_store.load(gazetteer._build)
    (path,) = tmp_path.glob("gazetteer-*.marshal")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short
    _same(gazetteer_store.load(gazetteer._build), built)
    path.write_bytes(b"\xe9 not marshal at all")
    _same(gazetteer_store.load(gazetteer._build), built)


def test_a_file_of_another_shape_is_not_used(tmp_path, monkeypatch, built):
    import marshal

    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    gazetteer_store.load(gazetteer._build)
    (path,) = tmp_path.glob("gazetteer-*.marshal")
    path.write_bytes(marshal.dumps(["index", 1, 2]))
    _same(gazetteer_store.load(gazetteer._build), built)


def test_a_cache_path_that_is_a_file_costs_only_the_build(tmp_path, monkeypatch, built):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(blocker))
    _same(gazetteer_store.load(gazetteer._build), built)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("EVALUATOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer_store.cache_dir() == tmp_path / "evaluator"
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path / "x"))
    assert gazetteer_store.cache_dir() == tmp_path / "x"
