"""TSV and CSV: one unit per row — source, target, an optional reference, an optional id.

A header row is optional. It may name the columns in any order (source/src, target/tgt/mt/
translation, reference/ref, id; other columns are ignored) or give language codes ("pl<TAB>en",
which also set the documents' languages). Without one, columns are positional: source, target,
reference, id. The delimiter is whichever of tab, semicolon, comma and pipe splits the first rows
into the same number (two or more) of columns. Fields may be quoted ("a<TAB>b" inside quotes is
one field); a TSV whose quotes do not follow the CSV rules is read with quotes as plain characters,
as most TSV exporters write it.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Iterator

from ..errors import InputError
from . import Bilingual, Loader, Unit, lang_code, loaders, make_bilingual
from .inline import text_segment

_ROLES = {
    "source": "source", "src": "source", "source_text": "source", "original": "source",
    "target": "target", "tgt": "target", "mt": "target", "translation": "target", "hypothesis": "target",
    "hyp": "target", "target_text": "target",
    "reference": "reference", "ref": "reference", "human": "reference",
    "id": "id", "key": "id", "segment_id": "id", "seg_id": "id", "tuid": "id",
}
_POSITIONAL = ("source", "target", "reference", "id")
_LANG = re.compile(r"[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?")
_SAMPLE_ROWS = 20


def _roles_from_names(cells: list[str]) -> list[str | None] | None:
    roles = [_ROLES.get(re.sub(r"[\s-]+", "_", c.strip().lower())) for c in cells]
    named = [r for r in roles if r]
    if "source" in named and "target" in named and len(named) == len(set(named)):
        return roles
    return None


def _roles_from_langs(cells: list[str]) -> tuple[list[str | None], tuple[str, str]] | None:
    """A header of ISO 639-1 codes: "pl, en" or "pl, en, en" (the second "en" is the reference)."""
    codes = [c.strip() for c in cells]
    if len(codes) not in (2, 3) or not all(_LANG.fullmatch(c) for c in codes):
        return None
    import pycountry  # only here: loading its tables costs time

    if not all(pycountry.languages.get(alpha_2=lang_code(c) or "") for c in codes):
        return None
    src, tgt = lang_code(codes[0]), lang_code(codes[1])
    if src == tgt or (len(codes) == 3 and lang_code(codes[2]) != tgt):
        return None
    return ["source", "target", "reference"][: len(codes)], (codes[0], codes[1])


def sniff_with(delimiters: str):
    def sniff(text: str) -> bool:
        first = next((line for line in text[:4096].split("\n") if line.strip()), "")
        return any(d in first and _roles_from_names([c.strip().strip('"') for c in first.split(d)]) is not None
                   for d in delimiters)

    return sniff


def _rows(text: str, delimiter: str, quoting: int) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) for every non-blank record."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        if any(cell.strip() for cell in row):
            yield start, row


def _detect(text: str, order: str) -> str:
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best = (-1, order[0])
    for d in order:
        try:
            rows = [row for _, row in _rows(sample, d, csv.QUOTE_MINIMAL)]
        except csv.Error:
            try:
                rows = [row for _, row in _rows(sample, d, csv.QUOTE_NONE)]
            except csv.Error:  # a field over csv's size limit; `_read` reports it
                continue
        if truncated:
            rows = rows[:-1]  # the sample may end inside a record
        rows = rows[:_SAMPLE_ROWS]
        counts = [len(r) for r in rows]
        if counts and min(counts) >= 2 and len(set(counts)) == 1:
            return d
        wide = sum(1 for c in counts if c >= 2)
        if wide > best[0]:
            best = (wide, d)
    return best[1]


def _read(path: str, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    try:
        return list(_rows(text, delimiter, csv.QUOTE_MINIMAL))
    except csv.Error as e:
        if delimiter != "\t" or "field limit" in str(e):
            raise _csv_error(path, e, _error_line(text, delimiter)) from None
    try:
        return list(_rows(text, delimiter, csv.QUOTE_NONE))
    except csv.Error as e:
        raise _csv_error(path, e, _error_line(text, delimiter, csv.QUOTE_NONE)) from None


def _csv_error(path: str, e: csv.Error, line: int | None) -> InputError:
    if "field limit" in str(e):
        problem = f"a field is longer than {csv.field_size_limit()} characters: not a table of segments"
    else:
        problem = f"bad quoting: {e}"
    return InputError(path, problem, _where(line))


def _error_line(text: str, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> int | None:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error:
        return reader.line_num
    return None


def _where(line: int | None) -> str | None:
    return f"line {line}" if line else None


def parse_with(order: str):
    def parse(path: str, text: str, *, source_lang: str | None = None,
              target_lang: str | None = None) -> Bilingual:
        delimiter = _detect(text, order)
        rows = _read(path, text, delimiter)
        if not rows:
            raise InputError(path, "no rows")
        first_line, first = rows[0]
        roles = _roles_from_names(first)
        langs = None
        if roles is None and (found := _roles_from_langs(first)):
            roles, langs = found
        if roles is not None:
            rows = rows[1:]
            expected = f"{len(roles)} columns as in the header"
            if not rows:
                raise InputError(path, "only a header row, no data", f"line {first_line}")
        else:
            if not 2 <= len(first) <= 4:
                raise InputError(path, f"expected 2 to 4 columns (source, target, reference, id) "
                                       f"separated by {_name(delimiter)}, got {len(first)}", f"line {first_line}")
            roles = list(_POSITIONAL[: len(first)])
            expected = f"{len(first)} columns as in the first row"
        units = [_unit(path, line, row, roles, expected, delimiter) for line, row in rows]
        src = lang_code(langs[0]) if langs else lang_code(source_lang)
        tgt = lang_code(langs[1]) if langs else lang_code(target_lang)
        return make_bilingual(path, units, src, tgt, with_reference="reference" in roles)

    return parse


def _unit(path: str, line: int, row: list[str], roles: list[str | None], expected: str,
          delimiter: str) -> Unit:
    if len(row) != len(roles):
        raise InputError(path, f"expected {expected}, got {len(row)} (separated by {_name(delimiter)})",
                         f"line {line}")
    cells = {role: cell for role, cell in zip(roles, row) if role}
    uid = cells.get("id", "").strip() or None
    reference = text_segment(cells["reference"]) if "reference" in cells else None
    return Unit(line, uid, text_segment(cells["source"]), text_segment(cells["target"]), reference)


def _name(delimiter: str) -> str:
    return {"\t": "tabs", ",": "commas", ";": "semicolons", "|": "pipes"}[delimiter]

loaders.register("tsv")(Loader(name="tsv", extensions=(".tsv", ".tab"), bilingual=True,
                               parse=parse_with("\t;,|"), sniff=sniff_with("\t")))
loaders.register("csv")(Loader(name="csv", extensions=(".csv",), bilingual=True,
                               parse=parse_with(",;\t|"), sniff=sniff_with(",;")))
