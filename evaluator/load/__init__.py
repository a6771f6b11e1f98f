"""Loaders: files → `Document`s. One module per format, registered by name.

`load_document` reads one language from one file; `load_bilingual` reads formats that carry
source and target (and sometimes a reference) in one file: XLIFF 1.2/2.x, TMX, TSV/CSV, JSONL.
Every failure is an `InputError` naming the file, the place and the problem.

Bilingual loaders turn each unit into one `Segment` in every document, in file order, with the
same `id` (the unit's, or "#n" for the n-th unit when the file gives none), so the documents are
line-aligned and the pipeline pairs them unit by unit.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..errors import InputError
from ..registry import Registry
from ..types import Document, Segment


@dataclass(frozen=True)
class Bilingual:
    source: Document
    target: Document
    reference: Document | None = None


@dataclass(frozen=True)
class Loader:
    name: str
    extensions: tuple[str, ...]
    bilingual: bool
    # monolingual: (path, text, aligned) -> Document;
    # bilingual: (path, text, *, source_lang, target_lang) -> Bilingual
    parse: Callable
    # Recognise the format from the decoded text. Only strong signs (an <xliff> root, a
    # "source<TAB>target" header): a weak guess would turn a user's plain text into something else.
    sniff: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class Unit:
    """One bilingual unit, before it is split into parallel documents."""

    line: int | None
    id: str | None
    source: Segment
    target: Segment
    reference: Segment | None = None


loaders: Registry[Loader] = Registry("format")


def _import_formats() -> None:
    from . import jsonl, tabular, text, tmx, xliff  # noqa: F401  (each registers itself)


def choose_format(path: str, text: str, fmt: str | None) -> Loader:
    """`fmt` if given (a format name or an extension); else the extension; else sniffing; else text."""
    _import_formats()
    if fmt:
        wanted = fmt.strip().lower().lstrip(".")
        if wanted in loaders:
            return loaders.get(wanted)
        for name in loaders:
            if f".{wanted}" in loaders.get(name).extensions:
                return loaders.get(name)
        raise InputError(path, f"unknown format {fmt!r} (known: {', '.join(loaders.names())})")
    suffix = Path(path).suffix.lower()
    if suffix:
        for name in loaders:
            loader = loaders.get(name)
            if suffix in loader.extensions and name != "text":
                return loader
    for name in loaders:
        loader = loaders.get(name)
        if loader.sniff and loader.sniff(text):
            return loader
    return loaders.get("text")


def load_document(path: str | Path, *, aligned: bool = False, fmt: str | None = None,
                  encoding: str | None = None) -> Document:
    from .encoding import read_text

    path = str(path)
    text = read_text(path, encoding)
    loader = choose_format(path, text, fmt)
    if loader.bilingual:
        raise InputError(path, f"{loader.name} files hold source and target; pass this file alone")
    return loader.parse(path, text, aligned)


def load_bilingual(path: str | Path, *, fmt: str | None = None, encoding: str | None = None,
                   source_lang: str | None = None, target_lang: str | None = None) -> Bilingual | None:
    """The file's source and target if its format is bilingual, else None.

    `source_lang` / `target_lang` pick the pair from a multilingual TMX (default: the header's
    srclang, else the first <tuv>, and the first other language) and name the languages of
    formats that declare none (TSV, JSONL). Languages a file declares win over them elsewhere.
    """
    from .encoding import read_text

    path = str(path)
    text = read_text(path, encoding)
    loader = choose_format(path, text, fmt)
    if not loader.bilingual:
        return None
    return loader.parse(path, text, source_lang=source_lang, target_lang=target_lang)


def lang_code(raw: str | None) -> str | None:
    """A declared language ("pl-PL", "en_GB", "EN") as the bare code the pipeline uses ("pl")."""
    if not raw:
        return None
    primary = raw.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def quote(value: str | None, limit: int = 60) -> str:
    """A value from the file, safe inside a one-line message (escaped, shortened)."""
    text = "" if value is None else value
    if len(text) > limit:
        text = text[:limit] + "…"
    # json escapes C0 controls; also escape what splits lines (U+2028, U+0085) or hides text
    # (bidi overrides), so a hostile id cannot forge a second line in a CI log.
    return "".join(c if c == " " or not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))
                   else f"\\u{ord(c):04x}" for c in json.dumps(text, ensure_ascii=False))


def unit_place(line: int | None, unit_id: str | None) -> str | None:
    parts = []
    if line:
        parts.append(f"line {line}")
    if unit_id is not None:
        parts.append(f"unit {quote(unit_id)}")
    return ", ".join(parts) or None


def make_bilingual(path: str, units: Sequence[Unit], source_lang: str | None,
                   target_lang: str | None, with_reference: bool = False) -> Bilingual:
    """Split units into parallel documents; each segment carries its unit's id and line."""

    def seg(s: Segment, u: Unit, n: int) -> Segment:
        return Segment(text=s.text, line=u.line, id=u.id if u.id is not None else f"#{n}", tags=s.tags)

    numbered = list(enumerate(units, start=1))
    source = Document(path, tuple(seg(u.source, u, n) for n, u in numbered), source_lang)
    target = Document(path, tuple(seg(u.target, u, n) for n, u in numbered), target_lang)
    reference = None
    if with_reference:
        reference = Document(path, tuple(seg(u.reference or Segment(""), u, n) for n, u in numbered),
                             target_lang)
    return Bilingual(source, target, reference)
