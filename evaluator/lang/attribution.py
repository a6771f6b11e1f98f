"""Attribution: the words that say who reported something ("the ministry said", "wie das
Unternehmen mitteilte", "сообщило статистическое управление", "według GUS").

News translation moves such a clause freely (to the front, to the end, into "according to"),
and a sentence encoder sees little meaning in it, so it looks like a lost or an invented clause
when it was only rephrased. The clause check uses this to tell "who said it" apart from "what
was said".
"""
from __future__ import annotations

import re

# Stems of reporting verbs and phrases, matched at a word start. Participles and all persons
# share the stems (poinformował / poinformowała / poinformowało; сообщил / сообщила / сообщили).
_MARKERS = {
    "en": r"said|says|told|reported|announced|according to|stated|added|explained|noted|wrote|writes|confirmed"
          r"|claimed|argued|warned|quoted|estimated|cited",
    "de": r"sagt|teilt\w* mit|mitteil|mitgeteilt|bericht|erklärt|laut\b|zufolge|hieß es|heißt es|gab\w* bekannt"
          r"|bekanntgab|bekanntgegeben|meldet|betont|geht aus|hervorgeh|hervor\b|schätzt|zitiert|angab|angaben",
    "pl": r"powiedzia|poinformowa|informuj|poda(?:ł|ła|ło|li|ły|je|ją)\b|przekaza|ogłosi|oświadczy|według|wedle"
          r"|wynika|zapowiedzia|doda(?:ł|ła|ło|li|ły)\b|napisa|twierdz|mówi|podkreśli|ocenia|szacuj|przyzna",
    "ru": r"сообщи|сообща|заяви|заявля|сказа|по данным|по словам|по оценк|согласно|следует из|говорит|отмети|добави|переда[её]т"
          r"|пишет|объяви|подчеркну|уточни|рассказа|оценива|признал",
}
_COMPILED = {lang: re.compile(r"(?i)(?<!\w)(?:" + pattern + ")") for lang, pattern in _MARKERS.items()}


def supported(lang: str) -> bool:
    return _base(lang) in _COMPILED


def is_attribution(text: str, lang: str) -> bool:
    """Whether `text` holds a reporting verb or phrase (see the module doc)."""
    pattern = _COMPILED.get(_base(lang))
    return bool(pattern and pattern.search(text))


def _base(lang: str) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()
