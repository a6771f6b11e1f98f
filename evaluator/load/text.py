"""Plain text: paragraphs separated by blank lines, or one segment per line with `--aligned`."""
from __future__ import annotations

import re

from ..types import Document, Segment
from . import Loader, loaders


def parse(path: str, text: str, aligned: bool = False) -> Document:
    return Document(path=path, segments=tuple(split_lines(text) if aligned else split_paragraphs(text)))


_BULLET = re.compile(r"^\s*(?:[•·▪◦●*]|-\s)")


def split_paragraphs(text: str) -> list[Segment]:
    """Blank lines separate paragraphs; lines inside a paragraph are joined with a space.

    A bulleted line starts a paragraph of its own: scraped lead bullets are separate statements,
    and one of them may be boilerplate while the next is content.
    """
    segments: list[Segment] = []
    buf: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if buf and _BULLET.match(line):
            segments.append(Segment(text=" ".join(buf), line=start))
            buf = []
        if line.strip():
            if not buf:
                start = number
            buf.append(line.strip())
        elif buf:
            segments.append(Segment(text=" ".join(buf), line=start))
            buf = []
    if buf:
        segments.append(Segment(text=" ".join(buf), line=start))
    return segments


def split_lines(text: str) -> list[Segment]:
    """Line-aligned input: every line is a segment, blank ones included, so line numbers stay parallel."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start an empty one
    return [Segment(text=line.strip(), line=n) for n, line in enumerate(lines, start=1)]


loaders.register("text")(Loader(name="text", extensions=(".txt", ".text", ""), bilingual=False, parse=parse))
