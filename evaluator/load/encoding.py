"""Reading bytes as text: BOMs, UTF-16, refusing binary files, NFC normalisation, CRLF."""
from __future__ import annotations

import codecs
import os
import unicodedata

from ..errors import InputError

MAX_BYTES = 200 * 1024 * 1024  # a delivery larger than this is almost surely not a text file

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise InputError(path, f"not valid {encoding}: {_where(data, e.start)}") from None
    else:
        text = _decode_guess(path, data)
    if "\x00" in text:
        raise InputError(path, "contains NUL characters: not a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: str, encoding: str | None = None) -> str:
    data = read_bytes(path)
    text = decode(path, data, encoding)
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def _decode_guess(path: str, data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(path, f"not valid {codec}: {_where(data, e.start)}") from None
    if _looks_utf16(data):
        try:
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes): not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid UTF-8 ({_where(data, e.start)}); "
                               "give the encoding with --encoding, e.g. cp1250") from None


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
