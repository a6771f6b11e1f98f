"""Loaders: files → `Document`s. One module per format, registered by name.

`load_document` reads one language from one file; `load_bilingual` reads formats that carry
source and target (and sometimes a reference) in one file. Every failure is an `InputError`
naming the file, the place and the problem.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..registry import Registry
from ..types import Document


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
    # monolingual: (path, text, aligned) -> Document; bilingual: (path, text) -> Bilingual
    parse: Callable
    sniff: Callable[[str], bool] | None = None  # recognise the format from the decoded text


loaders: Registry[Loader] = Registry("format")


def _import_formats() -> None:
    from . import text  # noqa: F401  (registers "text")


def choose_format(path: str, text: str, fmt: str | None) -> Loader:
    _import_formats()
    if fmt:
        try:
            return loaders.get(fmt)
        except KeyError as e:
            raise InputError(path, e.args[0]) from None
    suffix = Path(path).suffix.lower()
    for name in loaders:
        loader = loaders.get(name)
        if suffix in loader.extensions:
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


def load_bilingual(path: str | Path, *, fmt: str | None = None,
                   encoding: str | None = None) -> Bilingual | None:
    """The file's source and target if its format is bilingual, else None."""
    from .encoding import read_text

    path = str(path)
    text = read_text(path, encoding)
    loader = choose_format(path, text, fmt)
    return loader.parse(path, text) if loader.bilingual else None
