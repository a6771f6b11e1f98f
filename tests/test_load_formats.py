"""Golden tests: each vendor format, in the shapes real deliveries have, loads to the expected units."""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.errors import InputError
from evaluator.load import choose_format, load_bilingual, load_document

DATA = Path(__file__).parent / "data" / "formats"


def units(path: Path, **kw) -> list[tuple]:
    b = load_bilingual(path, **kw)
    assert b is not None
    assert [s.id for s in b.source.segments] == [t.id for t in b.target.segments]
    assert [s.line for s in b.source.segments] == [t.line for t in b.target.segments]
    return [(s.id, s.line, s.text, s.tags, t.text, t.tags) for s, t in zip(b.source.segments, b.target.segments)]


def test_xliff_12_notes_states_alt_trans_nested_tags():
    b = load_bilingual(DATA / "delivery-1.2.xlf")
    assert (b.source.lang, b.target.lang) == ("pl", "en")
    assert units(DATA / "delivery-1.2.xlf") == [
        ("u1", 9, "Prezydent Kazachstanu przyjechał do Astany.", ("g:1",),
         "The President of Kazakhstan arrived in Astana.", ("g:1",)),
        # nested <g> keep their text; {0} and <x/> leave it; <alt-trans> suggestions are not the target
        ("u2", 14, "Kliknij tutaj, aby zobaczyć plików.", ("g:2", "g:3", "ph:{0}", "x:4"),
         "Click here to see files.", ("g:2", "g:3", "ph:{0}", "x:4")),
        # <ph> content is native code (<b>), not text; the MT lost %s
        ("u3", 22, "Cena: 4000 zł za .", ("ph:5", "ph:6", "ph:%s"), "Price: PLN 4,000.", ("ph:5", "ph:6")),
        # u4 is translate="no"; u5 is marked state="new" so its empty target is allowed
        ("u5", 30, "Źródło: PAP", ("bpt:7", "ept:7"), "", ()),
        ("u6", 34, "Rozdział drugi", ("it:8",), "Chapter two", ("it:8",)),
        # u7 has no <target> at all: untranslated, kept so the omission is reported
        ("u7", 39, "Ostatnie zdanie.", (), "", ()),
    ]
    assert b.reference is None


def test_xliff_20_pc_ph_sc_ec_groups_and_two_files():
    b = load_bilingual(DATA / "delivery-2.0.xlf")
    assert (b.source.lang, b.target.lang) == ("pl", "en")
    assert units(DATA / "delivery-2.0.xlf") == [
        # two <segment>s and an <ignorable> make one unit; ids carry the <file> id (two files)
        ("f1/welcome", 7, "Witaj, ! Masz nowych wiadomości.", ("pc:1", "ph:{name}", "ph:2"),
         "Welcome, ! You have new messages.", ("pc:1", "ph:{name}", "ph:2")),
        ("f1/err1", 25, "Błąd: plik nie istnieje.", ("sc:3", "ec:3", "ph:${file}"),
         "Error: file does not exist.", ("sc:3", "ec:3", "ph:${file}")),
        # err2 is translate="no"; f2/welcome is state="initial" with an empty target: allowed
        ("f2/welcome", 39, "Pomoc jest dostępna całą dobę.", (), "", ()),
        # <mrk> annotations keep their text and are not tags
        ("f2/faq", 45, "Zadzwoń pod w dni robocze.", ("ph:{{phone}}",), "Call on working days.", ("ph:{{phone}}",)),
    ]


def test_sdlxliff_joins_mrk_segments_and_honours_unconfirmed_segments():
    assert units(DATA / "trados.sdlxliff") == [
        ("7c1e", 10, "Wybory w Kazachstanie. Frekwencja wyniosła 54%.", ("g:pt1",),
         "Elections in Kazakhstan. Turnout was 54%.", ("g:pt1",)),
        ("8d20", 16, "Nieprzetłumaczony akapit.", (), "", ()),
    ]


def test_mxliff_unconfirmed_empty_target_is_untranslated_not_an_error():
    got = units(DATA / "phrase.mxliff")
    assert [(u[0], u[4]) for u in got] == [("K1:0", "The president declared a state of emergency."), ("K1:1", "")]


def test_tmx_defaults_to_header_srclang_and_first_other_language():
    b = load_bilingual(DATA / "memory.tmx")
    assert (b.source.lang, b.target.lang) == ("pl", "en")
    assert units(DATA / "memory.tmx") == [
        ("1", 7, "Prezydent spotkał się z premierem.", (), "The president met the prime minister.", ()),
        ("2", 13, "Koszt: euro.", ("ph:1",), "Cost: euros.", ("ph:1",)),
        ("3", 18, "Uwaga: zmiana godzin otwarcia.", ("bpt:1", "ept:1", "hi"),
         "Note: opening hours change.", ("bpt:1", "ept:1", "hi")),
        # tu 4 has no English; the last tu has no tuid and is the 4th unit
        ("#4", 26, "Łódź leży w centrum Polski.", (), "Łódź lies in central Poland.", ()),
    ]


def test_tmx_picks_the_requested_pair_by_primary_subtag():
    b = load_bilingual(DATA / "memory.tmx", source_lang="en", target_lang="de")
    assert (b.source.lang, b.target.lang) == ("en", "de")
    assert b.source.texts == ["The president met the prime minister.", "Cost: euros."]
    assert b.target.texts == ["Der Präsident traf den Premierminister.", "Kosten: Euro."]
    with pytest.raises(InputError, match=r'no <tuv> in target language "fr" \(the file has "pl-pl", "en-us", "de-de"\)'):
        load_bilingual(DATA / "memory.tmx", target_lang="fr")


def test_tsv_with_header_quotes_tabs_and_newlines_inside_fields():
    assert units(DATA / "quoted.tsv") == [
        ("t1", 2, "Tekst z tabulatorem", (), "Text with tab", ()),
        ("t2", 3, 'Powiedział "tak"', (), 'He said "yes"', ()),
        ("t3", 4, "Wiersz pierwszy", (), "Line one", ()),  # the record spans lines 4-5
        ("t4", 7, "Zażółć gęślą jaźń: plików", ("ph:{0}",), "Zazolc: files", ("ph:%s",)),
    ]


def test_tsv_without_csv_quoting_keeps_prose_quotes():
    got = units(DATA / "prose-quotes.tsv")
    assert [(u[2], u[4]) for u in got] == [
        ('"Tak" – powiedział premier.', '"Yes," said the prime minister.'),
        ('Cytat: "nie ma zgody', 'Quote: "no agreement'),
        ("Koniec.", "End."),
    ]


def test_csv_header_with_aliases_reference_and_crlf():
    b = load_bilingual(DATA / "header.csv")
    assert b.source.texts == ["Ala ma kota, a kot ma Alę.", "Dzień dobry"]
    assert b.target.texts == ["Ala has a cat, and the cat has Ala.", "Good morning"]
    assert b.reference.texts == ["Ala has a cat and the cat has Ala.", "Good day"]
    assert [s.id for s in b.reference.segments] == ["1", "2"]


def test_excel_csv_semicolons_cp1250_and_language_header():
    b = load_bilingual(DATA / "excel-pl.csv")
    assert (b.source.lang, b.target.lang) == ("pl", "en")
    assert b.source.texts == ["Źródło: PAP", "Gęś; łabędź", "Święto Łodzi"]
    assert b.target.texts == ["Source: PAP", "Goose; swan", "Łódź holiday"]


def test_jsonl_aliases_unicode_language_pair_and_reference():
    b = load_bilingual(DATA / "segments.jsonl")
    assert (b.source.lang, b.target.lang) == ("pl", "en")
    assert [s.line for s in b.source.segments] == [1, 3, 4]  # a blank line is skipped, not renumbered
    assert [s.id for s in b.source.segments] == ["1", "s-2", "3"]
    assert b.source.texts[1] == "Москва и Kijów — 東京 🚀"
    assert b.target.segments[2].tags == ("ph:%1$s",)
    assert b.reference.texts == ["Yellow the goose's soul", "Moscow and Kyiv – Tokyo 🚀", "Price: PLN"]


@pytest.mark.parametrize("name, fmt", [
    ("a.xlf", "xliff"), ("a.XLIFF", "xliff"), ("a.sdlxliff", "xliff"), ("a.mxliff", "xliff"), ("a.tmx", "tmx"),
    ("a.tsv", "tsv"), ("a.csv", "csv"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.txt", "text"),
])
def test_format_by_extension(name, fmt):
    assert choose_format(name, "whatever", None).name == fmt


@pytest.mark.parametrize("head, fmt", [
    ('<?xml version="1.0"?>\n<!-- exported -->\n<xliff version="2.0">', "xliff"),
    ("<tmx version='1.4'><header/>", "tmx"),
    ('{"src": "a", "mt": "b"}\n', "jsonl"),
    ("source\ttarget\nA\tB\n", "tsv"),
    ("Source;Target;Ref\nA;B;C\n", "csv"),
    ("Zwykły tekst, z przecinkami; i średnikami.\nDruga linia\tz tabulatorem.\n", "text"),
    ('{"title": "not a segment"}\n', "text"),
    ("Notes on the <xliff> format and <tmx> memories.\n", "text"),  # prose that mentions XML is prose
    ('\ufeff<!-- Trados -->\n<?pi x?>\n<!DOCTYPE xliff [<!ELEMENT xliff ANY>]>\n<sdl:xliff version="1.2">', "xliff"),
])
def test_format_by_content_when_the_extension_says_nothing(head, fmt):
    assert choose_format("pasted", head, None).name == fmt


def test_format_override_by_name_or_extension():
    assert choose_format("a.txt", "x", "TSV").name == "tsv"
    assert choose_format("a.txt", "x", ".xlf").name == "xliff"
    with pytest.raises(InputError, match=r"unknown format 'docx' \(known: csv, jsonl, text, tmx, tsv, xliff\)"):
        choose_format("a.txt", "x", "docx")


def test_override_reads_a_misnamed_file(tmp_path):
    p = tmp_path / "delivery.txt"
    p.write_bytes((DATA / "delivery-1.2.xlf").read_bytes())
    assert load_bilingual(p) is not None  # sniffed: an <xliff> root wins over .txt
    assert load_bilingual(p, fmt="xliff").target.texts[0] == "The President of Kazakhstan arrived in Astana."
    assert load_bilingual(p, fmt="text") is None


def test_monolingual_call_on_a_bilingual_file_says_what_to_do():
    with pytest.raises(InputError, match="xliff files hold source and target; pass this file alone"):
        load_document(DATA / "memory.tmx", fmt="xliff")


def test_round_trip_through_translate_toolkit(tmp_path):
    """A file written by another XLIFF implementation reads back to what was written."""
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="pl", targetlanguage="en")
    pairs = [("Prezydent Kazachstanu", "President of Kazakhstan"), ("Ą & <ę>", "A & <e>"), ("Trzy", "Three")]
    for n, (src, tgt) in enumerate(pairs, start=1):
        unit = store.addsourceunit(src)
        unit.target = tgt
        unit.setid(f"u{n}")
    path = tmp_path / "tt.xlf"
    path.write_bytes(bytes(store))
    b = load_bilingual(path)
    assert list(zip(b.source.texts, b.target.texts)) == pairs
    assert [s.id for s in b.source.segments] == ["u1", "u2", "u3"]
    assert (b.source.lang, b.target.lang) == ("pl", "en")


def test_round_trip_jsonl_and_tsv(tmp_path):
    import csv
    import json

    rows = [("Zdanie ze \"cudzysłowem\"", "A \"quoted\" sentence"), ("Tab\tw środku", "Tab\tinside"),
            ("Emoji 🚀 i ß", "Emoji 🚀 and ß")]
    j = tmp_path / "r.jsonl"
    j.write_text("".join(json.dumps({"source": s, "target": t}, ensure_ascii=False) + "\n" for s, t in rows),
                 encoding="utf-8")
    t = tmp_path / "r.tsv"
    with t.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    expected = [(s.replace("\t", " "), g.replace("\t", " ")) for s, g in rows]  # whitespace runs collapse
    for path in (j, t):
        b = load_bilingual(path)
        assert list(zip(b.source.texts, b.target.texts)) == expected
