"""TMX 1.1–1.4b translation memories: every <tu> holding both languages of the pair becomes a unit.

A TMX may hold many languages. The pair is the caller's `source_lang`/`target_lang` when given
("pl" matches "pl-PL"), else the header's srclang (unless "*all*"), else the first <tuv> of the
first <tu>, and the first other language met. A <tu> lacking either language is skipped: in a
multilingual memory that is normal, not damage.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..errors import InputError
from ..types import Segment
from . import Bilingual, Loader, Unit, lang_code, loaders, make_bilingual, quote, unit_place
from .inline import TMX, inline_segment
from .xmlsafe import XmlTree, attr, local, parse_xml, root_name, xml_lang


def sniff(text: str) -> bool:
    return root_name(text) == "tmx"


def parse(path: str, text: str, *, source_lang: str | None = None,
          target_lang: str | None = None) -> Bilingual:
    tree = parse_xml(path, text)
    root = tree.root
    if local(root.tag) != "tmx":
        raise InputError(path, f"root element is <{local(root.tag)}>, expected <tmx>", _line(tree, root))
    header, body = _child(root, "header"), _child(root, "body")
    if body is None:
        raise InputError(path, "TMX has no <body>", _line(tree, root))
    tus = [tu for tu in body if local(tu.tag) == "tu"]
    if not tus:
        raise InputError(path, "TMX has no <tu> units", _line(tree, body))
    variants = [_variants(path, tree, tu) for tu in tus]
    seen = list(dict.fromkeys(lang.lower() for tuvs in variants for lang, _ in tuvs))
    src = _pick_source(path, source_lang, header, variants, seen)
    tgt = _pick_target(path, target_lang, src, variants, seen)
    units: list[Unit] = []
    for tu, tuvs in zip(tus, variants):
        by_lang: dict[str, ET.Element] = {}
        for lang, tuv in tuvs:
            by_lang.setdefault(lang.lower(), tuv)  # a second variant in one language is an alternative
        if src in by_lang and tgt in by_lang:
            line, uid = tree.line(tu), attr(tu, "tuid")
            units.append(Unit(line, uid, _seg(path, tree, by_lang[src], uid), _seg(path, tree, by_lang[tgt], uid)))
    if not units:
        raise InputError(path, f"no <tu> holds both {quote(src)} and {quote(tgt)}")
    return make_bilingual(path, units, lang_code(src), lang_code(tgt))


def _variants(path: str, tree: XmlTree, tu: ET.Element) -> list[tuple[str, ET.Element]]:
    out = []
    for tuv in tu:
        if local(tuv.tag) != "tuv":
            continue
        lang = (xml_lang(tuv) or "").strip()
        if not lang:
            raise InputError(path, "<tuv> has no xml:lang", unit_place(tree.line(tuv), attr(tu, "tuid")))
        out.append((lang, tuv))
    return out


def _resolve(wanted: str, seen: list[str]) -> str | None:
    """The file's spelling of a language: exact ("pl-pl"), else same primary subtag ("pl")."""
    w = wanted.strip().replace("_", "-").lower()
    if w in seen:
        return w
    return next((s for s in seen if lang_code(s) == lang_code(w)), None)


def _pick_source(path: str, wanted: str | None, header: ET.Element | None,
                 variants: list[list[tuple[str, ET.Element]]], seen: list[str]) -> str:
    if wanted:
        found = _resolve(wanted, seen)
        if found is None:
            raise InputError(path, f"no <tuv> in source language {quote(wanted)} (the file has {_listing(seen)})")
        return found
    declared = (attr(header, "srclang") or "").strip() if header is not None else ""
    if declared and declared.lower() != "*all*":
        found = _resolve(declared, seen)
        if found:
            return found
    return next(lang.lower() for tuvs in variants for lang, _ in tuvs)


def _pick_target(path: str, wanted: str | None, src: str, variants: list[list[tuple[str, ET.Element]]],
                 seen: list[str]) -> str:
    if wanted:
        found = _resolve(wanted, [s for s in seen if s != src])
        if found is None:
            raise InputError(path, f"no <tuv> in target language {quote(wanted)} (the file has {_listing(seen)})")
        return found
    for tuvs in variants:
        langs = [lang.lower() for lang, _ in tuvs]
        if src in langs:
            other = next((lang for lang in langs if lang != src), None)
            if other:
                return other
    raise InputError(path, f"no <tu> pairs {quote(src)} with another language: the TMX holds no translations")


def _seg(path: str, tree: XmlTree, tuv: ET.Element, uid: str | None) -> Segment:
    seg = _child(tuv, "seg")
    if seg is None:
        raise InputError(path, "<tuv> has no <seg>", unit_place(tree.line(tuv), uid))
    return inline_segment(seg, TMX)


def _listing(langs: list[str]) -> str:
    more = f" and {len(langs) - 8} more" if len(langs) > 8 else ""
    return ", ".join(quote(lang, 20) for lang in langs[:8]) + more


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in elem if local(c.tag) == name), None)


def _line(tree: XmlTree, elem: ET.Element) -> str | None:
    line = tree.line(elem)
    return f"line {line}" if line else None


loaders.register("tmx")(Loader(name="tmx", extensions=(".tmx",), bilingual=True, parse=parse, sniff=sniff))
