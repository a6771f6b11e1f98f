"""Inline tags and placeholders: kept out of `Segment.text`, recorded in `Segment.tags`.

A tag is recorded as a stable "kind:key" string so the tag check can compare source and target
as multisets: "g:1", "x:2", "bpt:1", "pc:3" (XML inline codes, keyed by the id that XLIFF and TMX
use to match source codes with target codes) and "ph:{0}", "ph:%s" (text placeholders, and TMX
codes without an id, keyed by their content). The text inside formatting containers (<g>, <pc>,
<hi>) stays in the text; the native code inside <ph>, <bpt>, <ept>, <it> does not.

Markers (<mrk>, XLIFF 2 <sm/>/<em/>) are dropped but not recorded: they annotate (terms,
comments, segment boundaries in .sdlxliff) and a target legitimately carries different ones.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..types import Segment
from .xmlsafe import attr, local

# Kinds whose loss breaks the software or the sentence (a variable, a line break, an image):
# the tag check reports these as major; formatting pairs (<g>, <bpt>/<ept>...) as minor.
PLACEHOLDER_KINDS = frozenset({"ph", "x"})

PLACEHOLDER = re.compile(r"""
      \{\{\s*[A-Za-z_][\w.]*\s*\}\}                 # {{var}}  (Jinja, Handlebars)
    | \$\{[A-Za-z_][\w.]*\}                         # ${var}   (JS templates, shell)
    | \{\d{1,3}\}                                   # {0}      (.NET, Java MessageFormat)
    | \{[A-Za-z_][\w.]{0,40}\}                      # {name}   (Python, ICU simple args)
    | (?<!%)%(?:\d{1,2}\$|\([A-Za-z_]\w{0,40}\))?   # printf: %s %d %1$s %(name)s %-5.2f
        [-+0\#]?\d{0,3}(?:\.\d{1,3})?[sdifuxXeEgGc@](?![A-Za-z])
""", re.VERBOSE)

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not NBSP: it is meaningful in numbers ("10 000")


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def split_placeholders(text: str) -> tuple[str, list[str]]:
    """Text without its placeholders, and the placeholders as "ph:..." tags in order."""
    tags = [f"ph:{m.group(0)}" for m in PLACEHOLDER.finditer(text)]
    return (PLACEHOLDER.sub("", text), tags) if tags else (text, tags)


def text_segment(text: str) -> Segment:
    """A segment from plain text (TSV, JSONL cells): placeholders out, whitespace collapsed."""
    clean, tags = split_placeholders(text)
    return Segment(text=normalise_space(clean), tags=tuple(tags))


@dataclass(frozen=True)
class Dialect:
    """How one XML vocabulary marks inline codes."""

    containers: frozenset[str]  # keep the text inside, record the tag
    codes: frozenset[str]  # drop the content (native code), record the tag
    dropped: frozenset[str]  # drop element and content, record nothing
    keys: dict[str, tuple[str, ...]]  # attribute(s) that identify a code, by kind; default ("id",)


XLIFF1 = Dialect(
    containers=frozenset({"g"}),
    codes=frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"}),
    dropped=frozenset({"sub"}),
    keys={},
)
XLIFF2 = Dialect(
    containers=frozenset({"pc"}),
    codes=frozenset({"ph", "sc", "ec"}),
    dropped=frozenset({"cp", "sm", "em"}),  # <cp hex> stands for a character XML cannot hold
    keys={"ec": ("startRef", "id")},
)
TMX = Dialect(
    containers=frozenset({"hi"}),
    codes=frozenset({"ph", "bpt", "ept", "it", "ut"}),
    dropped=frozenset({"sub"}),
    keys={"bpt": ("i", "x"), "ept": ("i",), "ph": ("x",), "it": ("x",), "hi": ("x",), "ut": ("x",)},
)


def inline_segment(elem: ET.Element | None, dialect: Dialect) -> Segment:
    """The text of a <source>/<target>/<seg> element, with inline codes moved to `tags`."""
    if elem is None:
        return Segment(text="")
    parts: list[str] = []
    tags: list[str] = []

    def add(text: str | None) -> None:
        if text:
            clean, found = split_placeholders(text)
            parts.append(clean)
            tags.extend(found)

    def walk(e: ET.Element) -> None:  # depth is bounded by xmlsafe.MAX_DEPTH
        add(e.text)
        for child in e:
            kind = local(child.tag)
            if kind in dialect.codes:
                tags.append(_key(child, kind, dialect))
            elif kind in dialect.containers:
                tags.append(_key(child, kind, dialect))
                walk(child)
            elif kind not in dialect.dropped:
                walk(child)  # markers and unknown elements: their text is text
            add(child.tail)

    walk(elem)
    return Segment(text=normalise_space("".join(parts)), tags=tuple(tags))


def _key(elem: ET.Element, kind: str, dialect: Dialect) -> str:
    for name in dialect.keys.get(kind, ("id",)):
        value = attr(elem, name)
        if value:
            return f"{kind}:{normalise_space(value)[:40]}"
    if kind in dialect.containers:
        return kind  # the text inside is translated: it cannot identify the tag
    content = normalise_space("".join(elem.itertext()))[:40]
    return f"{kind}:{content}" if content else kind


def is_placeholder(tag: str) -> bool:
    return tag.split(":", 1)[0] in PLACEHOLDER_KINDS
