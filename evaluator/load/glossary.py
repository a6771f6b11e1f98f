"""Glossaries / termbases: source term → required target term, as TSV or CSV (two columns)."""
from __future__ import annotations

import csv
import io

from ..errors import InputError
from .encoding import read_text


def load_glossary(path) -> tuple[tuple[str, str], ...]:
    path = str(path)
    text = read_text(path)
    delimiter = "\t" if "\t" in text.split("\n", 1)[0] else ","
    terms: list[tuple[str, str]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not row or not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InputError(path, f"expected 'source term{delimiter!r}target term', got {len(row)} column(s)",
                             place=f"line {number}")
        if number == 1 and row[0].strip().lower() in ("source", "src", "term", "source term"):
            continue  # a header row
        terms.append((row[0].strip(), row[1].strip()))
    if not terms:
        raise InputError(path, "glossary has no terms")
    return tuple(terms)
