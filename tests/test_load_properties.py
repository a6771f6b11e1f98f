"""Property tests over the loaders: whatever the bytes, the answer is a document or an InputError.

Thousands of generated inputs (random bytes, random text, mutated real deliveries, malformed XML
built from the XLIFF/TMX vocabulary) go through the public entry points with every format; any
exception other than InputError fails. Round-trip properties check that text written by standard
writers (csv, json, XML escaping) reads back unchanged. Seeded (`derandomize=True`) so a run is
reproducible; the example counts (7,800 in all, most loaded 8 ways) take about 20 s on two idle cores.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from evaluator.errors import InputError
from evaluator.load import Bilingual, load_bilingual, load_document
from evaluator.load.inline import normalise_space, split_placeholders, text_segment
from evaluator.load.tabular import _roles_from_langs, _roles_from_names

DATA = Path(__file__).parent / "data" / "formats"
FIXTURES = sorted(p for p in DATA.iterdir() if p.is_file() and p.suffix != ".md")
FORMATS = (None, "xliff", "tmx", "tsv", "csv", "jsonl", "text")
_workdir: list[Path] = []  # made on first write, removed after the module: no temp dir per collection

SETTINGS = dict(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def _remove_workdir():
    yield
    for d in _workdir:
        shutil.rmtree(d, ignore_errors=True)


def write(data: bytes, name: str) -> Path:
    if not _workdir:
        _workdir.append(Path(tempfile.mkdtemp(prefix="evaluator-load-props-")))
    path = _workdir[0] / name
    path.write_bytes(data)
    return path


def check_invariants(result: Bilingual) -> None:
    """What every successful bilingual load promises the pipeline."""
    docs = [result.source, result.target] + ([result.reference] if result.reference else [])
    n = len(result.source.segments)
    assert n > 0
    for doc in docs:
        assert len(doc.segments) == n
        assert [s.id for s in doc.segments] == [s.id for s in result.source.segments]
        for seg in doc.segments:
            assert seg.id is not None
            assert seg.text == seg.text.strip(" ") and "\n" not in seg.text
            assert all(isinstance(tag, str) and tag for tag in seg.tags)


def load_every_way(data: bytes, name: str) -> int:
    """Load `data` with every format; return how many loads succeeded. Only InputError may escape."""
    path = write(data, name)
    ok = 0
    for fmt in FORMATS:
        try:
            result = load_bilingual(path, fmt=fmt)
        except InputError as e:
            assert len(str(e).splitlines()) == 1 and str(e).startswith(str(path))
            continue
        ok += 1
        event(f"loaded as {fmt or 'detected'}")
        if result is None:
            load_document(path, fmt=fmt)
        else:
            check_invariants(result)
    try:
        load_document(path, aligned=True)
    except InputError:
        pass
    return ok


@settings(max_examples=1200, **SETTINGS)
@given(st.binary(max_size=600), st.sampled_from(["x.xlf", "x.tmx", "x.tsv", "x.csv", "x.jsonl", "x.txt", "x"]))
def test_random_bytes(data, name):
    load_every_way(data, name)


@settings(max_examples=800, **SETTINGS)
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "utf-16-be", "cp1250", "iso-8859-2"]))
def test_random_text_in_any_encoding(text, codec):
    load_every_way(text.encode(codec, errors="replace"), "pasted")


SNIPPETS = [b"<", b">", b"&", b"</g>", b"<x/>", b'"', b"\t", b"\n", b"{", b"%s", b"<!ENTITY a 'b'>", b"&amp;",
            b"&#0;", b"]]>", b"<![CDATA[", b"<source>", b"</target>", b'<target state="final"/>', b"<unit>",
            b'<tuv xml:lang="de">', b"</tu>", b'translate="no" ', b"<!-- -->", b"<?pi x?>"]


def mutate(draw, data: bytearray) -> bytes:
    """A few random edits: cut, insert bytes or markup, duplicate, truncate, flip a bit."""
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        j = draw(st.integers(i, min(len(data), i + 40)))
        op = draw(st.sampled_from(["cut", "insert", "dup", "truncate", "flip", "markup", "markup"]))
        if op == "cut":
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif op == "dup":
            data[i:i] = data[i:j]
        elif op == "truncate":
            del data[i:]
        elif op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        else:
            data[i:i] = draw(st.sampled_from(SNIPPETS))
    return bytes(data)


@st.composite
def mutated(draw) -> tuple[bytes, str]:
    """A real delivery (one of the fixtures), damaged."""
    path = draw(st.sampled_from(FIXTURES))
    return mutate(draw, bytearray(path.read_bytes())), path.name


@settings(max_examples=2000, **SETTINGS)
@given(mutated())
def test_mutated_real_deliveries(case):
    data, name = case
    load_every_way(data, name)


TAGS = ["xliff", "file", "body", "group", "trans-unit", "source", "target", "seg-source", "alt-trans", "note",
        "g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub", "unit", "segment", "ignorable", "pc", "sc",
        "ec", "cp", "sm", "em", "tmx", "header", "tu", "tuv", "seg", "hi", "ut"]
ATTRS = ["id", "version", "source-language", "target-language", "srcLang", "trgLang", "state", "translate",
         "xml:lang", "srclang", "tuid", "x", "i", "startRef", "pos", "xmlns", "lang", "m:confirmed", "conf"]
VALUES = ["1", "2", "pl", "en-US", "*all*", "no", "yes", "new", "initial", "final", "", "2.0", "1.2",
          "urn:oasis:names:tc:xliff:document:2.0", "a&#10;b", "{0}"]
WORDS = ["Zażółć", " ", "gęślą", "{0}", "%s", "&amp;", "&lt;b&gt;", "\n", "${x}", "jaźń", "&#x1F680;", "]]>"]


@st.composite
def xml_element(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    names = draw(st.lists(st.sampled_from(ATTRS), max_size=3, unique=True))
    attrs = "".join(f' {n}="{draw(st.sampled_from(VALUES))}"' for n in names)
    if depth > 4 or draw(st.integers(0, 3)) == 0:
        return f"<{tag}{attrs}/>"
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), xml_element(depth + 1)), max_size=4))
    close = draw(st.sampled_from([f"</{tag}>"] * 8 + ["", f"</{tag}x>", "</>"]))  # sometimes malformed
    return f"<{tag}{attrs}>{''.join(parts)}{close}"


@settings(max_examples=1000, **SETTINGS)
@given(xml_element(), st.sampled_from(["", '<?xml version="1.0"?>\n', '<?xml version="1.0" encoding="cp1250"?>',
                                       "<!DOCTYPE tmx SYSTEM 'tmx14.dtd'>"]),
       st.sampled_from(["x.xlf", "x.tmx", "x.xml"]))
def test_generated_xml_from_the_format_vocabulary(body, prolog, name):
    load_every_way((prolog + body).encode("utf-8"), name)


# Text that survives every channel unchanged: no control characters, no surrogates, no characters
# XML 1.0 forbids. (Whitespace inside a cell collapses; placeholders move to tags.)
SAFE = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
               | st.sampled_from(" \t\n"), max_size=40)


def expected(cell: str) -> str:
    return text_segment(unicodedata.normalize("NFC", cell)).text


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.tuples(SAFE, SAFE), min_size=1, max_size=6), st.sampled_from(["\t", ",", ";"]))
def test_tabular_round_trip(rows, delimiter):
    assume(all((s + t).strip() for s, t in rows))  # all-blank rows are skipped by design
    assume(_roles_from_names(list(rows[0])) is None and _roles_from_langs(list(rows[0])) is None)
    if delimiter == ";":  # a ".csv" is tried with commas first: unquoted commas would be a real ambiguity
        assume(not any("," in s + t for s, t in rows))
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    name = "r.tsv" if delimiter == "\t" else "r.csv"
    result = load_bilingual(write(buf.getvalue().encode("utf-8"), name))
    assert result.source.texts == [expected(s) for s, _ in rows]
    assert result.target.texts == [expected(t) for _, t in rows]
    assert [s.line for s in result.source.segments][0] == 1


@settings(max_examples=300, **SETTINGS)
@given(st.booleans().flatmap(lambda ref: st.lists(st.tuples(SAFE, SAFE, SAFE if ref else st.none()),
                                                  min_size=1, max_size=6)), st.booleans())
def test_jsonl_round_trip(rows, ascii_only):
    with_ref = rows[0][2] is not None
    lines = [json.dumps({"src": s, "mt": t, **({"ref": r} if r is not None else {}), "id": n},
                        ensure_ascii=ascii_only) for n, (s, t, r) in enumerate(rows)]
    result = load_bilingual(write("\n".join(lines).encode("utf-8"), "r.jsonl"))
    assert result.source.texts == [expected(s) for s, _, _ in rows]
    assert result.target.texts == [expected(t) for _, t, _ in rows]
    assert [s.id for s in result.target.segments] == [str(n) for n in range(len(rows))]
    assert (result.reference is not None) == with_ref
    if with_ref:
        assert result.reference.texts == [expected(r) for _, _, r in rows]


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.tuples(SAFE, SAFE), min_size=1, max_size=5), st.booleans())
def test_xliff_round_trip(rows, two):
    assume(any(t.strip() for _, t in rows))
    units = []
    for n, (s, t) in enumerate(rows):
        state = "initial" if two else "new"
        if two:
            units.append(f'<unit id="u{n}"><segment state={quoteattr(state)}><source>{escape(s)}</source>'
                         f"<target>{escape(t)}</target></segment></unit>")
        else:
            units.append(f'<trans-unit id="u{n}"><source>{escape(s)}</source>'
                         f'<target state="{state}">{escape(t)}</target></trans-unit>')
    if two:
        doc = f'<xliff version="2.0" srcLang="pl" trgLang="en"><file id="f">{"".join(units)}</file></xliff>'
    else:
        doc = (f'<xliff version="1.2"><file source-language="pl" target-language="en"><body>{"".join(units)}'
               "</body></file></xliff>")
    result = load_bilingual(write(doc.encode("utf-8"), "r.xlf"))
    check_invariants(result)
    # XML turns \r into \n; both collapse into one space like any other whitespace run
    assert result.source.texts == [expected(s.replace("\r", "\n")) for s, _ in rows]
    assert result.target.texts == [expected(t.replace("\r", "\n")) for _, t in rows]


# Inline markup, generated as a tree so the expected text and tags are known exactly.
WORDS = ["Zażółć", "gęślą", "jaźń", " ", "  ", "\n", "{0}", "%s", "${x}", "{{ y }}", "%1$d", "a&b", "<tu>", "50%", "s"]
DIALECTS = {  # kind -> (role, attribute that keys it)
    "xliff1": {"g": ("container", "id"), "x": ("empty", "id"), "bx": ("empty", "id"), "ex": ("empty", "id"),
               "ph": ("code", "id"), "bpt": ("code", "id"), "ept": ("code", "id"), "it": ("code", "id"),
               "mrk": ("marker", "mtype")},
    "xliff2": {"pc": ("container", "id"), "ph": ("empty", "id"), "sc": ("empty", "id"),
               "ec": ("empty", "startRef"), "mrk": ("marker", "id"), "sm": ("empty-marker", "id")},
    "tmx": {"hi": ("container", "x"), "ph": ("code", "x"), "bpt": ("code", "i"), "ept": ("code", "i"),
            "it": ("code", "x"), "ut": ("code", "x")},
}


@st.composite
def inline(draw, dialect: str, depth: int = 0) -> list:
    kinds = sorted(DIALECTS[dialect])
    items = []
    for _ in range(draw(st.integers(0, 5 if depth == 0 else 3))):
        if depth >= 3 or draw(st.booleans()):
            items.append(("text", draw(st.sampled_from(WORDS))))
            continue
        kind = draw(st.sampled_from(kinds))
        role, key = DIALECTS[dialect][kind]
        ident = draw(st.sampled_from(["1", "2", "7", "b1"]))
        inner = draw(inline(dialect, depth + 1)) if role in ("container", "marker") else []
        code = draw(st.sampled_from(["<b>", "{0}", "</i>", ""])) if role == "code" else ""
        items.append(("elem", kind, role, key, ident, inner, code))
    return items


def render(items: list) -> str:
    out = []
    for item in items:
        if item[0] == "text":
            out.append(escape(item[1]))
            continue
        _, kind, role, key, ident, inner, code = item
        attrs = f" {key}={quoteattr(ident)}"
        out.append(f"<{kind}{attrs}/>" if role in ("empty", "empty-marker") else
                   f"<{kind}{attrs}>{render(inner) if inner else escape(code)}</{kind}>")
    return "".join(out)


def expect(items: list) -> tuple[str, tuple[str, ...]]:
    """Adjacent text items form one XML text node; placeholders are found per node, like the loader."""
    parts, tags = [], []

    def walk(level: list) -> None:
        run: list[str] = []
        for item in level + [None]:
            if item is not None and item[0] == "text":
                run.append(item[1])
                continue
            seg = text_segment("".join(run)) if run else None
            if seg is not None:
                parts.append(split_placeholders("".join(run))[0])
                tags.extend(seg.tags)
            run = []
            if item is None:
                break
            _, kind, role, _key, ident, inner, _code = item
            if role in ("container", "empty", "code"):
                tags.append(f"{kind}:{ident}")
            if role in ("container", "marker"):
                walk(inner)

    walk(items)
    return normalise_space("".join(parts)), tuple(tags)


def document(dialect: str, units: list[tuple[list, list]]) -> str:
    if dialect == "xliff1":
        body = "".join(f'<trans-unit id="u{n}"><source>{render(s)}</source><target state="new">{render(t)}</target>'
                       f"</trans-unit>" for n, (s, t) in enumerate(units))
        return f'<xliff version="1.2"><file source-language="pl" target-language="en"><body>{body}</body></file></xliff>'
    if dialect == "xliff2":
        body = "".join(f'<unit id="u{n}"><segment state="initial"><source>{render(s)}</source>'
                       f"<target>{render(t)}</target></segment></unit>" for n, (s, t) in enumerate(units))
        return f'<xliff version="2.0" srcLang="pl" trgLang="en"><file id="f">{body}</file></xliff>'
    body = "".join(f'<tu tuid="u{n}"><tuv xml:lang="pl"><seg>{render(s)}</seg></tuv>'
                   f'<tuv xml:lang="en"><seg>{render(t)}</seg></tuv></tu>' for n, (s, t) in enumerate(units))
    return f'<tmx version="1.4"><header srclang="pl"/><body>{body}</body></tmx>'


@settings(max_examples=700, **SETTINGS)
@given(st.sampled_from(sorted(DIALECTS)).flatmap(
    lambda d: st.tuples(st.just(d), st.lists(st.tuples(inline(d), inline(d)), min_size=1, max_size=4))))
def test_inline_markup_goes_to_tags_and_text_stays(case):
    dialect, units = case
    name = "r.tmx" if dialect == "tmx" else "r.xlf"
    try:
        result = load_bilingual(write(document(dialect, units).encode("utf-8"), name))
    except InputError as e:
        # the only refusal a well-formed generated file can earn: nothing was translated
        assert "has not been translated" in str(e) and all(not t for _, t in units), e
        return
    check_invariants(result)
    got = [((s.text, s.tags), (t.text, t.tags)) for s, t in zip(result.source.segments, result.target.segments)]
    assert got == [(expect(s), expect(t)) for s, t in units]


@st.composite
def damaged_document(draw) -> tuple[bytes, str]:
    dialect = draw(st.sampled_from(sorted(DIALECTS)))
    units = draw(st.lists(st.tuples(inline(dialect), inline(dialect)), min_size=1, max_size=3))
    name = "r.tmx" if dialect == "tmx" else "r.xlf"
    return mutate(draw, bytearray(document(dialect, units).encode("utf-8"))), name


@settings(max_examples=1200, **SETTINGS)
@given(damaged_document())
def test_damaged_generated_documents(case):
    load_every_way(*case)
