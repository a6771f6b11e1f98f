"""Tables read back from the cache files are the ones built from the packages, entry for entry."""
from __future__ import annotations

import marshal
from dataclasses import fields

import pytest

from evaluator.lang import cache_files, gazetteer, lexicon

NAMES = [f.name for f in fields(gazetteer.Gazetteer)]


@pytest.fixture(scope="module")
def built():
    return gazetteer._build()


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = gazetteer._build

    def build():
        calls.append(1)
        return real()

    monkeypatch.setattr(gazetteer, "_build", build)
    return calls


def _same(a, b) -> None:
    for name in NAMES:
        x, y = getattr(a, name), getattr(b, name)
        assert x == y, name
        if isinstance(x, (dict, list)):
            assert list(x) == list(y), name  # same order too: look-ups iterate these


def test_first_run_writes_the_file_and_the_next_reads_it(tmp_path, monkeypatch, built, counted):
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    first = gazetteer._load()
    files = list(tmp_path.glob("gazetteer-*.marshal"))
    assert len(files) == 1 and not list(tmp_path.glob("*.tmp"))
    second = gazetteer._load()
    assert counted == [1]
    _same(first, built)
    _same(second, built)
    assert "geo:703448" in second.ids("Kijów")


def test_a_damaged_file_is_rebuilt(tmp_path, monkeypatch, built, counted):
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    gazetteer._load()
    (path,) = tmp_path.glob("gazetteer-*.marshal")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short
    _same(gazetteer._load(), built)
    path.write_bytes(b"\xe9 not marshal at all")
    _same(gazetteer._load(), built)
    path.write_bytes(marshal.dumps(["index", 1, 2]))  # marshal, but not the gazetteer's shape
    _same(gazetteer._load(), built)
    assert counted == [1, 1, 1, 1]


def test_a_cache_path_that_is_a_file_costs_only_the_build(tmp_path, monkeypatch, built):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(blocker))
    _same(gazetteer._load(), built)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("EVALUATOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_files.cache_dir() == tmp_path / "evaluator"
    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path / "x"))
    assert cache_files.cache_dir() == tmp_path / "x"


def test_simplemma_dictionaries_read_back_answer_as_simplemma_does(tmp_path, monkeypatch):
    import simplemma
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    words = {"pl": ["Kazachstanu", "zatrzymano", "skutki", "Tokajewa", "funkcjonariuszy", "xqzw"],
             "en": ["protesters", "Paris", "detained", "Djokovic", "consequences", "xqzw"]}
    for lang, sample in words.items():
        built = lexicon._stream_map(lang)
        assert len(list(tmp_path.glob(f"simplemma-{lang}-*.marshal"))) == 1
        read = lexicon._stream_map(lang)
        own = LOW_MEMORY_DICTIONARY_FACTORY.get_dictionary(lang)
        assert len(read) == len(own)
        for word in sample:
            assert built.get(word) == read.get(word) == own.get(word)
            assert lexicon.lemma(word, lang) == simplemma.lemmatize(word, lang=lang, low_memory=True)
            assert lexicon.is_known(word, lang) == simplemma.is_known(word, lang=lang, low_memory=True)
    assert lexicon.is_known("zatrzymano", "pl") and not lexicon.is_known("xqzw", "pl")
    assert lexicon.lemma("protesters", "en") == "protester"


def test_without_a_fingerprint_the_table_is_built_and_nothing_written(tmp_path, monkeypatch, built):
    def no_files(*_args):
        raise FileNotFoundError("evaluator/lang/gazetteer.py")  # e.g. the package runs from a zip

    monkeypatch.setenv("EVALUATOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache_files, "_fingerprint", no_files)
    _same(gazetteer._load(), built)
    assert not list(tmp_path.iterdir())
