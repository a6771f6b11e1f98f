"""Word counting for MQM normalisation: whitespace words, or characters for scripts without spaces."""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def count_words(text: str) -> int:
    """Words in `text`; CJK characters count as one word each (as MQM tools commonly do)."""
    cjk = len(_CJK.findall(text))
    if cjk:
        return cjk + len(_WORD.findall(_CJK.sub(" ", text)))
    return len(_WORD.findall(text))


def words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
