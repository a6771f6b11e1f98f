"""Reading bytes as text: BOMs, UTF-16, XML declarations, legacy Polish code pages, refusing
binary files, NFC normalisation, CRLF.

Order of evidence: the caller's `encoding`, a byte-order mark, the shape of BOM-less UTF-16, an
XML declaration, UTF-8, and last the two legacy Polish code pages (Windows-1250 and ISO-8859-2),
told apart by which one turns the file's bytes into Polish letters.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata

from ..errors import InputError

MAX_BYTES = 200 * 1024 * 1024  # a delivery larger than this is almost surely not a text file

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z][\w.:-]{0,40})["']""")

# Letters only Polish text has, and what each legacy table makes of the *other* table's Polish
# bytes (cp1250 "ą" 0xB9 read as ISO-8859-2 is "š"; ISO "ą" 0xB1 read as cp1250 is "±").
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_MOJIBAKE = frozenset("šĽ±ˇ¶¦¬")
_LEGACY = ("cp1250", "iso-8859-2")  # on a tie cp1250 wins: it is what Windows tools wrote


def read_bytes(path: str) -> bytes:
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory, expected a file")
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(path, f"file is {size} bytes; the limit is {MAX_BYTES}")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}") from None


def decode(path: str, data: bytes, encoding: str | None = None) -> str:
    if encoding:
        text = _decode_as(path, data, encoding, "")
        if any("\ud800" <= c <= "\udfff" for c in text):  # only odd codecs ("unicode_escape") make these
            raise InputError(path, f"decoding as {encoding} gives lone surrogates: not text in that encoding")
    else:
        text = _decode_guess(path, data)
    if "\x00" in text:
        raise InputError(path, "contains NUL characters: not a text file")
    _refuse_binary(path, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: str, encoding: str | None = None) -> str:
    data = read_bytes(path)
    text = decode(path, data, encoding)
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def _decode_as(path: str, data: bytes, codec: str, why: str) -> str:
    try:
        # bytes.decode refuses codecs like "rot13" or "zlib" that are not text encodings
        return data.decode(codec)
    except LookupError:
        raise InputError(path, f"unknown text encoding {codec!r}{why}") from None
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid {codec}{why}: {_where(data, e.start)}") from None
    except (UnicodeError, ValueError) as e:  # e.g. "idna" raises plain UnicodeError
        raise InputError(path, f"not valid {codec}{why}: {e}") from None


def _decode_guess(path: str, data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(path, data, codec, " (the file starts with its byte-order mark)")
    if _looks_utf16(data):
        try:
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes): not a text file")
    declared = _xml_declared(data)
    if declared:
        return _decode_as(path, data, declared, " (as the XML declaration says)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        return _decode_legacy(path, data, e.start)


def _xml_declared(data: bytes) -> str | None:
    """The encoding an XML declaration names, unless it names a UTF-16/32 the bytes are not in."""
    m = _XML_DECL.match(data[:512])
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name  # `_decode_as` reports it as unknown
    # 8-bit bytes under a UTF-16 declaration: the declaration is stale (a re-saved file); expat
    # would fail on it, we let UTF-8 and the legacy guess have a go instead.
    return None if canonical.startswith(("utf-16", "utf-32")) else name


_SAMPLE = 1 << 20  # the guesses below read this much; the chosen codec then decodes everything


def _decode_legacy(path: str, data: bytes, bad: int) -> str:
    lenient = data[:_SAMPLE].decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    valid_multibyte = sum(1 for c in lenient if ord(c) > 0x7F) - damaged
    if valid_multibyte > damaged:
        # Mostly good UTF-8 with a few bad bytes: a legacy table would garble the good part.
        raise InputError(path, f"not valid UTF-8 ({_where(data, bad)}): the file mixes UTF-8 with "
                               "another encoding or is truncated")
    best: tuple[int, str] | None = None
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # cp1250 leaves five bytes undefined
        sample = text[:_SAMPLE]
        score = sum(c in _POLISH for c in sample) - sum(c in _MOJIBAKE or "\x80" <= c < "\xa0" for c in sample)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] <= 0:
        raise InputError(path, f"not valid UTF-8 ({_where(data, bad)}) and not Polish text in cp1250 or "
                               "ISO-8859-2; give the encoding with --encoding, e.g. cp1252")
    return best[1]


def _refuse_binary(path: str, text: str) -> None:
    """Text files hold almost no control characters; random bytes decoded by a legacy table do."""
    sample = text[:65536]
    controls = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f\v") or "\x7f" <= c < "\xa0")
    if controls > max(2, len(sample) // 100):
        raise InputError(path, f"binary data ({controls} control characters in the first "
                               f"{len(sample)}): not a text file")


def _looks_utf16(data: bytes) -> bool:
    """BOM-less UTF-16: every other byte NUL in the first bytes of mostly-ASCII text."""
    head = data[:4096]
    if len(head) < 4:
        return False
    odd = head[1::2].count(0) / (len(head) // 2)
    even = head[0::2].count(0) / ((len(head) + 1) // 2)
    return (odd > 0.4 and even < 0.05) or (even > 0.4 and odd < 0.05)


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"line {line}, byte {offset}"
