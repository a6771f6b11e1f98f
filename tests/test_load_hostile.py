"""Hostile and broken input: refused fast, with one line naming the file, the place and the problem."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from evaluator.errors import InputError
from evaluator.load import load_bilingual, load_document

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
""" + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10)) + """]>
<xliff version="1.2"><file source-language="pl" target-language="en"><body>
<trans-unit id="1"><source>&lol9;</source><target>x</target></trans-unit></body></file></xliff>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def refused(path: Path, **kw) -> str:
    with pytest.raises(InputError) as e:
        load_bilingual(path, **kw)
    message = str(e.value)
    assert len(message.splitlines()) == 1 and message.startswith(str(path) + ":"), message
    return message[len(str(path)) + 1:].lstrip()


def test_billion_laughs_is_refused_fast(tmp_path):
    p = write(tmp_path, "lol.xlf", LAUGHS)
    start = time.perf_counter()
    message = refused(p)
    assert time.perf_counter() - start < 1.0
    assert message.startswith("line 3: declares the XML entity 'lol'; entity declarations are refused")
    assert "billion laughs" in message


def test_xxe_does_not_read_the_file_and_is_refused_fast(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-42")
    p = write(tmp_path, "xxe.tmx", f"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>
<tmx version="1.4"><header srclang="pl"/><body><tu><tuv xml:lang="pl"><seg>&xxe;</seg></tuv>
<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>""")
    start = time.perf_counter()
    message = refused(p)
    assert time.perf_counter() - start < 1.0
    assert "TOP-SECRET" not in message
    assert message.startswith("line 2: declares the XML entity 'xxe'") and "XXE" in message


def test_parameter_entity_pointing_at_the_network_is_refused(tmp_path):
    p = write(tmp_path, "pe.xlf", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % r SYSTEM '
                                  '"http://127.0.0.1:9/e.dtd"> %r;]>\n<xliff version="1.2"/>')
    start = time.perf_counter()
    assert refused(p).startswith("line 2: declares the XML entity 'r'")
    assert time.perf_counter() - start < 1.0


def test_external_dtd_is_never_read(tmp_path):
    dtd = write(tmp_path, "evil.dtd", '<!ENTITY stolen "FROM-THE-DTD">')
    p = write(tmp_path, "ext.xlf", f"""<?xml version="1.0"?>
<!DOCTYPE xliff SYSTEM "file://{dtd}">
<xliff version="1.2"><file source-language="pl" target-language="en"><body>
<trans-unit id="1"><source>a &stolen;</source><target>b</target></trans-unit></body></file></xliff>""")
    # were the DTD read, &stolen; would expand; unread, it is an undefined entity
    assert refused(p) == "line 4, column 30: malformed XML: undefined entity &stolen;"


def test_a_plain_doctype_naming_a_dtd_is_fine(tmp_path):
    p = write(tmp_path, "ok.tmx", """<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang="pl"/><body><tu><tuv xml:lang="pl"><seg>a</seg></tuv>
<tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>""")
    assert load_bilingual(p).target.texts == ["b"]


def test_deep_nesting_is_refused_without_recursion(tmp_path):
    p = write(tmp_path, "deep.xlf", '<xliff version="1.2">' + "<g>" * 200_000 + "</g>" * 200_000 + "</xliff>")
    start = time.perf_counter()
    assert refused(p) == "line 1: XML nested more than 100 elements deep"
    assert time.perf_counter() - start < 1.0


XLIFF = """<?xml version="1.0"?>
<xliff version="1.2"><file source-language="pl" target-language="en"><body>
{}
</body></file></xliff>"""


@pytest.mark.parametrize("name, content, expected", [
    ("d.xlf", XLIFF.format('<trans-unit id="u1"><source>a</source><target>b</targt></trans-unit>'),
     "line 3, column 50: malformed XML: mismatched tag"),
    ("d.xlf", '<?xml version="1.0"?>\n<xliff version="1.2"><file></file>',
     "line 2, column 35: malformed XML: no element found"),
    ("d.xlf", XLIFF.format(""), "XLIFF has no translatable units (<trans-unit> / <unit>)"),
    ("d.xlf", '<xliff version="1.2"/>', "line 1: XLIFF has no <file> element"),
    ("d.xlf", "<html><body>not xliff</body></html>", "line 1: root element is <html>, expected <xliff>"),
    ("d.xlf", XLIFF.format('<trans-unit id="u1"><source>a</source><target>b</target></trans-unit>\n'
                           '<trans-unit id="u7"><source>Tekst</source>\n<target state="translated"/></trans-unit>'),
     'line 5, unit "u7": <target> has no text and is not marked as untranslated'),
    ("d.xlf", XLIFF.format('<trans-unit id="u1"><source>a</source></trans-unit>'),
     "no unit has a <target>: this XLIFF has not been translated"),
    ("d.xlf", XLIFF.format('<trans-unit id="u1"><target>a</target></trans-unit>'),
     'line 3, unit "u1": <trans-unit> has no <source>'),
    ("d.xlf", '<xliff version="2.0" srcLang="pl" trgLang="en"><file id="f"><unit id="x"/></file></xliff>',
     'line 1, unit "x": <unit> has no <segment>'),
    ("d.xlf", '<xliff version="2.0" srcLang="pl" trgLang="en"><file id="f"><unit id="x">\n<segment '
              'state="final"><source>a</source><target> </target></segment></unit></file></xliff>',
     'line 2, unit "x": <target> has no text and is not marked as untranslated'),
    ("d.xlf", '<xliff version="1.2"><file source-language="pl" target-language="en"/>\n'
              '<file source-language="de" target-language="en"/></xliff>',
     'line 2: <file> declares "de"→"en" but the first <file> declares "pl"→"en"; give one language pair per file'),
    ("m.tmx", "<tmx><header/></tmx>", "line 1: TMX has no <body>"),
    ("m.tmx", "<tmx><body>\n</body></tmx>", "line 1: TMX has no <tu> units"),
    ("m.tmx", '<tmx><body><tu tuid="9">\n<tuv><seg>a</seg></tuv></tu></body></tmx>',
     'line 2, unit "9": <tuv> has no xml:lang'),
    ("m.tmx", '<tmx><body><tu><tuv xml:lang="pl"><seg>a</seg></tuv></tu></body></tmx>',
     'no <tu> pairs "pl" with another language: the TMX holds no translations'),
    ("m.tmx", '<tmx><body><tu tuid="1"><tuv xml:lang="pl"><seg>a</seg></tuv>\n<tuv xml:lang="en"/></tu></body></tmx>',
     'line 2, unit "1": <tuv> has no <seg>'),
    ("data.tsv", "a\tb\nc\td\ne\tf\tg\th\ti\n", "line 3: expected 2 columns as in the first row, got 5 (separated by tabs)"),
    ("data.tsv", "a\tb\tc\td\te\n", "line 1: expected 2 to 4 columns (source, target, reference, id) separated by tabs, got 5"),
    ("data.tsv", "source\ttarget\n", "line 1: only a header row, no data"),
    ("data.csv", 'a,b\n"c,d\n', "line 2: bad quoting: unexpected end of data"),
    ("data.csv", "a,b\nc," + "d" * 200_000 + "\n",
     "line 2: a field is longer than 131072 characters: not a table of segments"),
    ("data.tsv", "a\tb\nc\t" + "d" * 200_000 + "\n",
     "line 2: a field is longer than 131072 characters: not a table of segments"),
    ("data.jsonl", '{"src": "a", "tgt": "b"}\n[1, 2]\n', "line 2: expected a JSON object, got an array"),
    ("data.jsonl", '{"src": "a", "tgt": "b"}\n{"src": "a"}\n',
     'line 2: object has no target (keys tried: target/tgt/mt/translation; keys present: "src")'),
    ("data.jsonl", '{"src": "a", "tgt": 5}\n', 'line 1: "tgt" is a number, expected a string'),
    ("data.jsonl", '{"src": "a", "tgt": "b\\u0000"}\n', 'line 1: "tgt" holds the character U+0000, which is not text'),
    ("data.jsonl", '{"src": "a", "tgt": "\\ud800"}\n', 'line 1: "tgt" holds the character U+D800, which is not text'),
    ("data.jsonl", '{"src": "a", "tgt": "b"\n', "line 1, column 24: not valid JSON: Expecting ',' delimiter"),
    ("data.jsonl", '[{"src": "a", "tgt": "b"},\n', "line 1, column 27: not valid JSON: Expecting value "
                                                  "(a JSON array? JSON Lines needs one object per line)"),
    ("data.jsonl", "[" * 100_000 + "\n", "line 1: not usable JSON: nested too deeply"),
    ("data.jsonl", '{"src": "a", "tgt": "b", "ref": "c"}\n{"src": "a", "tgt": "b"}\n',
     "line 2: object has no reference but line 1 has one; give a reference on every line or on none"),
    ("data.jsonl", '{"src": "a", "tgt": "b", "lp": "pl-en"}\n{"src": "a", "tgt": "b", "lp": "de-en"}\n',
     "line 2: language pair de-en differs from the first line's pl-en; give one pair per file"),
])
def test_broken_files_get_one_line_naming_file_place_and_problem(tmp_path, name, content, expected):
    assert refused(write(tmp_path, name, content)) == expected


def test_message_escapes_hostile_ids(tmp_path):
    p = write(tmp_path, "d.xlf", XLIFF.format('<trans-unit id="a&#10;b&#x2028;c&#x202E;d"><source>x</source>'
                                              '<target state="final"></target></trans-unit>'))
    assert refused(p) == ('line 3, unit "a\\nb\\u2028c\\u202ed": '
                          "<target> has no text and is not marked as untranslated")


def test_missing_file_and_directory(tmp_path):
    assert refused(tmp_path / "nope.xlf") == "no such file"
    assert refused(tmp_path) == "is a directory, expected a file"
    with pytest.raises(InputError, match="nope.txt: no such file"):
        load_document(tmp_path / "nope.txt")
