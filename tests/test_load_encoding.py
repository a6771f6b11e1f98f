"""Encodings: BOMs, UTF-16 with and without BOM, XML declarations, legacy Polish code pages, binary."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from evaluator.errors import InputError
from evaluator.load import load_bilingual, load_document
from evaluator.load.encoding import decode

DATA = Path(__file__).parent / "data" / "formats"
POLISH = ["Zażółć gęślą jaźń. Święty Łukasz źle śpi.", "Ą, Ę, Ś, Ź, Ż, Ł, Ó, Ć, Ń."]
TEXT = "Zażółć gęślą jaźń.\r\nŚwięty Łukasz źle śpi.\r\n"


@pytest.mark.parametrize("name", ["utf8-bom.txt", "cp1250.txt", "iso-8859-2.txt"])
def test_polish_text_in_every_common_encoding_reads_the_same(name):
    assert load_document(DATA / name).texts == POLISH


@pytest.mark.parametrize("codec, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1250", b""), ("iso-8859-2", b""),
])
def test_decode_guesses_the_encoding(codec, bom):
    assert decode("t.txt", bom + TEXT.encode(codec)) == "Zażółć gęślą jaźń.\nŚwięty Łukasz źle śpi.\n"


def test_cp1250_and_iso_8859_2_are_told_apart_by_the_letters_that_differ():
    # 0xB9 is "ą" in cp1250 and "š" in ISO-8859-2; 0xB1 is "ą" in ISO-8859-2 and "±" in cp1250
    assert decode("t", b"b\xead\xb9") == "będą"  # ISO-8859-2 would give "będš" -> "będš"
    assert decode("t", b"b\xead\xb1") == "będą"  # cp1250 would give "będ±"
    assert decode("t", "ąśź".encode("iso-8859-2")) == "ąśź"
    assert decode("t", "ąśź".encode("cp1250")) == "ąśź"


def test_the_caller_s_encoding_wins():
    data = "Gęślą".encode("iso-8859-2")
    assert decode("t", data, "iso-8859-2") == "Gęślą"
    assert decode("t", data, "cp1250") == "Gę¶l±"  # told the wrong table, we believe the caller
    with pytest.raises(InputError, match=r"^t: not valid utf-8: line 1, byte 1$"):
        decode("t", data, "utf-8")
    with pytest.raises(InputError, match="unknown text encoding 'klingon'"):
        decode("t", data, "klingon")
    with pytest.raises(InputError, match="unknown text encoding 'rot13'"):  # a codec, but not a text encoding
        decode("t", data, "rot13")


def test_utf16_xliff_with_bom_and_declaration():
    b = load_bilingual(DATA / "utf16le-bom.xlf")
    assert b.source.texts == ["Źródło: Polska Agencja Prasowa", "Łódź, 5 maja"]
    assert [s.line for s in b.source.segments] == [4, 5]  # CRLF counted once


def test_bomless_utf16_tsv():
    b = load_bilingual(DATA / "utf16be.tsv")
    assert b.target.texts == ["Source: PAP", "Łódź, 5 May"]


def test_xml_declaration_is_honoured():
    b = load_bilingual(DATA / "cp1250-declared.xlf")
    assert b.source.texts == ["Gęślą jaźń"]


def test_xml_declaration_that_lies_is_refused_with_the_byte(tmp_path):
    p = tmp_path / "lie.xlf"
    p.write_bytes('<?xml version="1.0" encoding="UTF-8"?>\n<xliff>ą</xliff>'.encode("cp1250"))
    with pytest.raises(InputError, match=r"lie.xlf: not valid UTF-8 \(as the XML declaration says\): line 2, byte 46"):
        load_bilingual(p)


def test_stale_utf16_declaration_on_utf8_bytes_is_ignored(tmp_path):
    p = tmp_path / "resaved.tmx"
    p.write_text('<?xml version="1.0" encoding="UTF-16"?><tmx><header srclang="pl"/><body><tu>'
                 '<tuv xml:lang="pl"><seg>Łza</seg></tuv><tuv xml:lang="en"><seg>Tear</seg></tuv></tu></body></tmx>',
                 encoding="utf-8")
    assert load_bilingual(p).source.texts == ["Łza"]


def test_normalises_to_nfc():
    assert decode("t", "Zaz\u0307o\u0301\u0142c\u0301".encode("utf-8")) == "Zażółć"


@pytest.mark.parametrize("data, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (NUL bytes): not a text file"),
    (bytes(range(1, 32)) * 40, "binary data"),
    (b"\xff\xfe" + b"\x00\xd8" * 3, "not valid utf-16"),
    ("Gęś: ą".encode("utf-8") + b"\xb9\xb9" + "łódź żółw".encode("utf-8"), "mixes UTF-8 with another encoding"),
    (b"caf\xe9 cr\xe8me", "not Polish text in cp1250 or ISO-8859-2; give the encoding with --encoding"),
])
def test_non_text_is_refused_with_a_reason(data, problem):
    with pytest.raises(InputError) as e:
        decode("f.bin", data)
    assert problem in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files_are_refused(tmp_path, content):
    p = tmp_path / "empty.xlf"
    p.write_bytes(content)
    with pytest.raises(InputError, match=r"empty.xlf: file is empty$"):
        load_bilingual(p)
