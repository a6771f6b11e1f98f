"""Parsing untrusted XML (vendor deliveries) safely, with a line number for every element.

defusedxml refuses entity declarations and external references the moment expat reports them, so
XXE (`<!ENTITY x SYSTEM "file:///etc/passwd">`) and entity-expansion bombs ("billion laughs") fail
before anything expands, in milliseconds. A DOCTYPE without entities (TMX files often name
`tmx14.dtd`) is allowed: expat never fetches it. Elements nested deeper than `MAX_DEPTH` are
refused too, so the recursive walks in the format modules stay far from Python's recursion limit.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import InputError

MAX_DEPTH = 100  # real XLIFF/TMX nest about 10 deep; inline tags a few more
XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass
class XmlTree:
    root: ET.Element
    _lines: dict[int, int] = field(default_factory=dict)  # id(element) -> line of its start tag

    def line(self, elem: ET.Element) -> int | None:
        return self._lines.get(id(elem))


class _Target:
    """Builds the tree like ET.TreeBuilder and notes where each element starts."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.builder = ET.TreeBuilder()
        self.lines: dict[int, int] = {}
        self.depth = 0
        self.expat = None  # set once the parser exists: the target is created first

    def start(self, tag: str, attrib: dict[str, str]) -> ET.Element:
        self.depth += 1
        line = self.expat.CurrentLineNumber if self.expat is not None else 0
        if self.depth > MAX_DEPTH:
            raise InputError(self.path, f"XML nested more than {MAX_DEPTH} elements deep", f"line {line}")
        elem = self.builder.start(tag, attrib)
        self.lines[id(elem)] = line
        return elem

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> ET.Element:
        return self.builder.close()


_POSITION = re.compile(r":\s*line \d+, column \d+$")


def parse_xml(path: str, text: str) -> XmlTree:
    """Parse decoded XML text; every failure becomes an `InputError` with line and column."""
    target = _Target(path)
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as e:
        line, column = e.position
        problem = _POSITION.sub("", str(e))
        raise InputError(path, f"malformed XML: {problem}", f"line {line}, column {column + 1}") from None
    except EntitiesForbidden as e:
        raise InputError(path, f"declares the XML entity {e.name!r}; entity declarations are refused "
                               "(they can read local files or expand without bound: XXE, billion laughs)",
                         _place(target)) from None
    except ExternalReferenceForbidden as e:
        raise InputError(path, f"refers to the external resource {e.sysid!r}; external references are refused",
                         _place(target)) from None
    except DefusedXmlException as e:
        raise InputError(path, f"unsafe XML refused: {e}", _place(target)) from None
    return XmlTree(root=root, _lines=target.lines)


def _place(target: _Target) -> str | None:
    return f"line {target.expat.CurrentLineNumber}" if target.expat is not None else None


# What may come before the root element: a declaration, comments, PIs, a DOCTYPE (with or without
# an internal subset). Only a file that *starts* like XML is sniffed as XML: prose that mentions
# "<xliff>" stays prose. Each part can match only one way, so a failed match cannot backtrack long.
_PROLOG = re.compile(r"""\A\ufeff?\s*(?:<\?xml[^>]{0,300}\?>\s*)?
    (?:(?:<!--(?:[^-]|-(?!->)){0,2000}-->|<\?[^>]{0,300}\?>|<!DOCTYPE[^\[>]{0,300}(?:\[[^\]]{0,4000}\])?\s*>)\s*){0,20}
    <(?:[\w.-]{1,40}:)?([\w.-]{1,40})[\s>/]""", re.VERBOSE | re.DOTALL)


def root_name(text: str) -> str | None:
    """The local name of the root element if `text` starts like an XML document."""
    m = _PROLOG.match(text[:8192])
    return m.group(1) if m else None


def local(tag: object) -> str:
    """Element name without its namespace; comments and PIs (non-str tags) give ''."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def attr(elem: ET.Element, name: str) -> str | None:
    """An attribute by local name, whatever namespace it is in (vendors vary)."""
    if name in elem.attrib:
        return elem.attrib[name]
    for key, value in elem.attrib.items():
        if local(key) == name:
            return value
    return None


def xml_lang(elem: ET.Element) -> str | None:
    return elem.get(f"{{{XML_NS}}}lang") or elem.get("lang")
