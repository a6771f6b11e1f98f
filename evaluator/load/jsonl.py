"""JSON Lines: one object per line with the source, the target, an optional reference and id.

Keys: source/src, target/tgt/mt/translation, reference/ref, id (a string or a number). Optional
language keys: src_lang/source_lang and tgt_lang/target_lang, or lp ("pl-en", as in WMT files);
they must agree on every line. If any line has a reference, every line must: a reference
document with holes would pair the wrong sentences.
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from . import Bilingual, Loader, Unit, lang_code, loaders, make_bilingual, quote
from .inline import text_segment

_KEYS = {
    "source": ("source", "src"),
    "target": ("target", "tgt", "mt", "translation"),
    "reference": ("reference", "ref"),
    "id": ("id", "segment_id", "seg_id"),
}


def sniff(text: str) -> bool:
    first = next((line for line in text[:65536].split("\n") if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        obj = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and _key(obj, "source") is not None and _key(obj, "target") is not None


def _key(obj: dict, role: str) -> str | None:
    return next((k for k in _KEYS[role] if k in obj and obj[k] is not None), None)


def _string(path: str, line: int, obj: dict, role: str, required: bool) -> str | None:
    key = _key(obj, role)
    if key is None:
        if required:
            names = "/".join(_KEYS[role])
            raise InputError(path, f"object has no {role} (keys tried: {names}; keys present: "
                                   f"{', '.join(quote(k, 20) for k in list(obj)[:8]) or 'none'})", f"line {line}")
        return None
    value = obj[key]
    if role == "id" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(path, f"{quote(key)} is {_kind(value)}, expected a string", f"line {line}")
    # JSON escapes can smuggle in what no decoded text file holds; a lone surrogate would only
    # fail later, when the report is written.
    bad = next((c for c in value if c == "\x00" or "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise InputError(path, f"{quote(key)} holds the character U+{ord(bad):04X}, which is not text",
                         f"line {line}")
    return value


def _pair(langs: tuple[str | None, str | None]) -> str:
    return f"{langs[0] or '?'}-{langs[1] or '?'}"


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", bool: "true/false", int: "a number", float: "a number",
             str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _languages(obj: dict) -> tuple[str | None, str | None]:
    lp = obj.get("lp")
    if isinstance(lp, str) and "-" in lp:
        src, tgt = lp.split("-", 1)
        return lang_code(src), lang_code(tgt)
    src = obj.get("src_lang", obj.get("source_lang"))
    tgt = obj.get("tgt_lang", obj.get("target_lang"))
    return (lang_code(src) if isinstance(src, str) else None, lang_code(tgt) if isinstance(tgt, str) else None)


def parse(path: str, text: str, *, source_lang: str | None = None,
          target_lang: str | None = None) -> Bilingual:
    units: list[Unit] = []
    first_reference: int | None = None
    missing_reference: int | None = None
    langs: tuple[str | None, str | None] | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        obj = _object(path, number, raw)
        source = _string(path, number, obj, "source", True)
        target = _string(path, number, obj, "target", True)
        reference = _string(path, number, obj, "reference", False)
        uid = _string(path, number, obj, "id", False)
        line_langs = _languages(obj)
        if any(line_langs):
            if langs is None:
                langs = line_langs
            elif line_langs != langs:
                raise InputError(path, f"language pair {_pair(line_langs)} differs from the first "
                                       f"line's {_pair(langs)}; give one pair per file", f"line {number}")
        if reference is None:
            missing_reference = missing_reference or number
        elif first_reference is None:
            first_reference = number
        units.append(Unit(number, uid, text_segment(source), text_segment(target),
                          text_segment(reference) if reference is not None else None))
    if not units:
        raise InputError(path, "no JSON lines")
    if first_reference is not None and missing_reference is not None:
        raise InputError(path, f"object has no reference but line {first_reference} has one; give a "
                               "reference on every line or on none", f"line {missing_reference}")
    src, tgt = langs or (None, None)
    return make_bilingual(path, units, src or lang_code(source_lang), tgt or lang_code(target_lang),
                          with_reference=first_reference is not None)


def _object(path: str, number: int, raw: str) -> dict:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        hint = " (a JSON array? JSON Lines needs one object per line)" if raw.lstrip().startswith("[") else ""
        raise InputError(path, f"not valid JSON: {e.msg}{hint}", f"line {number}, column {e.colno}") from None
    except (ValueError, RecursionError) as e:  # numbers over the int digit limit; absurd nesting
        problem = "nested too deeply" if isinstance(e, RecursionError) else str(e)
        raise InputError(path, f"not usable JSON: {problem}", f"line {number}") from None
    if not isinstance(obj, dict):
        raise InputError(path, f"expected a JSON object, got {_kind(obj)}", f"line {number}")
    return obj


loaders.register("jsonl")(Loader(name="jsonl", extensions=(".jsonl", ".ndjson"), bilingual=True,
                                 parse=parse, sniff=sniff))
