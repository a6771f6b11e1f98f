"""XLIFF 1.2 (<trans-unit>) and 2.x (<unit>/<segment>), including the .sdlxliff (Trados) and
.mxliff (Phrase/Memsource) flavours of 1.2.

One unit becomes one segment on each side: the <source> and <target> children of the unit (not
those inside <alt-trans>, which are suggestions), or in 2.x the unit's <segment>s and
<ignorable>s joined in order. Units marked translate="no" (inherited from <file>/<group>) are
skipped. A missing <target> is an untranslated unit; an empty <target> must say so with its state
(1.2 "new"/"needs-translation", 2.x "initial", an unconfirmed .mxliff or draft .sdlxliff segment),
otherwise the delivery is refused: empty-but-final usually means a broken export.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..errors import InputError
from ..types import Segment
from . import Bilingual, Loader, Unit, lang_code, loaders, make_bilingual, quote, unit_place
from .inline import XLIFF1, XLIFF2, inline_segment
from .xmlsafe import XmlTree, attr, local, parse_xml, root_name

_UNTRANSLATED_1 = {"new", "needs-translation"}
_UNTRANSLATED_2 = {"initial"}
_SDL_UNTRANSLATED = {"draft", "unspecified", "rejectedtranslation"}


def sniff(text: str) -> bool:
    return root_name(text) == "xliff"


def parse(path: str, text: str, *, source_lang: str | None = None,
          target_lang: str | None = None) -> Bilingual:
    tree = parse_xml(path, text)
    root = tree.root
    if local(root.tag) != "xliff":
        raise InputError(path, f"root element is <{local(root.tag)}>, expected <xliff>", _line(tree, root))
    version = (attr(root, "version") or "").strip()
    two = version.startswith("2") or "urn:oasis:names:tc:xliff:document:2" in root.tag
    files = [f for f in root if local(f.tag) == "file"]
    if not files:
        raise InputError(path, "XLIFF has no <file> element", _line(tree, root))
    if two:
        src, tgt = attr(root, "srcLang"), attr(root, "trgLang")
        units = _units_2(path, tree, files)
    else:
        src, tgt = _languages_1(path, tree, files)
        units = _units_1(path, tree, files)
    if not units:
        raise InputError(path, "XLIFF has no translatable units (<trans-unit> / <unit>)")
    if not any(has_target for _, has_target in units):
        raise InputError(path, "no unit has a <target>: this XLIFF has not been translated")
    return make_bilingual(path, [u for u, _ in units], lang_code(src) or lang_code(source_lang),
                          lang_code(tgt) or lang_code(target_lang))


# Each unit comes with whether it had a <target> element at all: a file where none has one is a
# source-only XLIFF sent by mistake, and is refused rather than scored as one long omission.
Found = list[tuple[Unit, bool]]


def _languages_1(path: str, tree: XmlTree, files: list[ET.Element]) -> tuple[str | None, str | None]:
    pairs = [(attr(f, "source-language"), attr(f, "target-language")) for f in files]
    first = pairs[0]
    for f, pair in zip(files[1:], pairs[1:]):
        if tuple(map(lang_code, pair)) != tuple(map(lang_code, first)):
            raise InputError(path, f"<file> declares {quote(pair[0])}→{quote(pair[1])} but the first <file> "
                                   f"declares {quote(first[0])}→{quote(first[1])}; give one language pair per file",
                             _line(tree, f))
    return first


def _translatable(elem: ET.Element, inherited: bool) -> bool:
    value = attr(elem, "translate")
    return inherited if value is None else value.strip().lower() != "no"


def _units_1(path: str, tree: XmlTree, files: list[ET.Element]) -> Found:
    units: Found = []

    def walk(elem: ET.Element, translate: bool) -> None:
        for child in elem:
            kind = local(child.tag)
            if kind == "trans-unit":
                if _translatable(child, translate):
                    units.append(_unit_1(path, tree, child))
            elif kind in ("body", "group"):
                walk(child, _translatable(child, translate))

    for f in files:
        walk(f, _translatable(f, True))
    return units


def _unit_1(path: str, tree: XmlTree, tu: ET.Element) -> tuple[Unit, bool]:
    line, uid = tree.line(tu), attr(tu, "id")
    source_el = _child(tu, "source")
    target_el = _child(tu, "target")
    if source_el is None:
        raise InputError(path, "<trans-unit> has no <source>", unit_place(line, uid))
    source = inline_segment(source_el, XLIFF1)
    if target_el is None:
        return Unit(line, uid, source, Segment("")), False
    target = inline_segment(target_el, XLIFF1)
    if not target.text and source.text and not _marked_untranslated_1(tu, target_el):
        raise InputError(path, "<target> has no text and is not marked as untranslated",
                         unit_place(tree.line(target_el) or line, uid))
    return Unit(line, uid, source, target), True


def _marked_untranslated_1(tu: ET.Element, target: ET.Element) -> bool:
    if (attr(target, "state") or "").strip().lower() in _UNTRANSLATED_1:
        return True
    if (attr(tu, "confirmed") or "").strip() == "0":  # .mxliff: m:confirmed="0"
        return True
    # .sdlxliff: <sdl:seg-defs><sdl:seg conf="Draft"/>; no conf means never confirmed
    segs = [e for e in tu.iter() if local(e.tag) == "seg" and e.tag.startswith("{http://sdl.com")]
    return any((attr(s, "conf") or "unspecified").lower() in _SDL_UNTRANSLATED for s in segs)


def _units_2(path: str, tree: XmlTree, files: list[ET.Element]) -> Found:
    units: Found = []
    prefix = len(files) > 1  # unit ids are unique only within a <file>

    def walk(elem: ET.Element, translate: bool, file_id: str) -> None:
        for child in elem:
            kind = local(child.tag)
            if kind == "unit":
                if _translatable(child, translate):
                    units.append(_unit_2(path, tree, child, file_id if prefix else None))
            elif kind == "group":
                walk(child, _translatable(child, translate), file_id)

    for n, f in enumerate(files, start=1):
        walk(f, _translatable(f, True), attr(f, "id") or str(n))
    return units


def _unit_2(path: str, tree: XmlTree, unit: ET.Element, file_id: str | None) -> tuple[Unit, bool]:
    line, uid = tree.line(unit), attr(unit, "id")
    if file_id is not None and uid is not None:
        uid = f"{file_id}/{uid}"
    parts = [p for p in unit if local(p.tag) in ("segment", "ignorable")]
    segments = [p for p in parts if local(p.tag) == "segment"]
    if not segments:
        raise InputError(path, "<unit> has no <segment>", unit_place(line, uid))
    sources, targets = [], []
    any_target = False
    for part in parts:
        source_el, target_el = _child(part, "source"), _child(part, "target")
        if source_el is None:
            raise InputError(path, f"<{local(part.tag)}> has no <source>", unit_place(tree.line(part), uid))
        sources.append(inline_segment(source_el, XLIFF2))
        any_target = any_target or (target_el is not None and local(part.tag) == "segment")
        # an ignorable without <target> keeps its source (whitespace between sentences)
        target_el = target_el if target_el is not None or local(part.tag) == "segment" else source_el
        targets.append(inline_segment(target_el, XLIFF2))
        if (local(part.tag) == "segment" and target_el is not None and not targets[-1].text
                and sources[-1].text and (attr(part, "state") or "").lower() not in _UNTRANSLATED_2):
            raise InputError(path, "<target> has no text and is not marked as untranslated",
                             unit_place(tree.line(target_el) or line, uid))
    return Unit(line, uid, _join(sources), _join(targets) if any_target else Segment("")), any_target


def _join(parts: list[Segment]) -> Segment:
    return Segment(text=" ".join(p.text for p in parts if p.text), tags=tuple(t for p in parts for t in p.tags))


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    for child in elem:
        if local(child.tag) == name:
            return child
    return None


def _line(tree: XmlTree, elem: ET.Element) -> str | None:
    line = tree.line(elem)
    return f"line {line}" if line else None


loaders.register("xliff")(Loader(name="xliff", extensions=(".xlf", ".xliff", ".sdlxliff", ".mxliff"),
                                 bilingual=True, parse=parse, sniff=sniff))
