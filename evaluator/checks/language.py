"""Untranslated source text and text in the wrong language.

Three signals, from coarse to fine: langdetect per sentence when the sentence is long enough to
trust it; source-language function words in a target sentence; and, for short fragments, common
words written with letters the target language does not use (Polish "ł", "ż"...). Capitalised
words are left to the entity check: a name keeping its letters ("Wałęsa") is not untranslated text.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..lang.detect import detect_language
from ..lang.sentences import split_sentences
from ..registry import checks
from ..types import Finding, Span
from .base import Check, Context

# Letters a language uses that English does not: a lower-case word containing one is suspect.
SOURCE_LETTERS = {
    "pl": "ąćęłńóśźż", "de": "äöüß", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž",
    "fr": "àâçéèêëîïôùûüÿœ", "es": "áéíñóúü¿¡", "it": "àèéìòù", "pt": "ãõáâàçéêíóôú",
    "tr": "çğıöşü", "hu": "áéíóöőúüű", "ro": "ăâîșț",
}
# Frequent function words that are not also English words.
FUNCTION_WORDS = {
    "pl": set("się że jest nie są był była było byli oraz który która które przez jak tak już dla"
              " tylko został została zostało może będzie jego jej ich tym tego także również gdy"
              " czy ale więc też bardzo po przed między".split()),
    "de": set("und der die das nicht ist sind wurde wurden mit für auf dem den des ein eine einer"
              " sich auch nach bei oder aber wie noch aus".split()),
    "cs": set("se že je není jsou byl byla bylo které který která pro jako také ale nebo jeho její"
              " jejich když už".split()),
}
_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_TARGETS = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "tr", "ro", "hu", "sv", "da", "no", "fi"}


@checks.register("language")
class LanguageCheck(Check):
    name = "language"
    categories = ("untranslated", "wrong_language")

    def run(self, ctx: Context) -> Iterable[Finding]:
        for pair in ctx.pairs:
            if pair.target:
                yield from self._check_target(pair.index, pair.target, ctx.source_lang, ctx.target_lang)

    def _check_target(self, index: int, text: str, src: str, tgt: str) -> Iterable[Finding]:
        for span in split_sentences(text, tgt):
            sentence = text[span.start : span.end]
            verdict = _sentence_language(sentence, src, tgt)
            if verdict == src:
                yield Finding(category="untranslated", severity="major", segment=index, target_span=span,
                              message=f"sentence left in the source language ({src})",
                              suggestion="translate the sentence", check=self.name)
                continue
            if verdict is not None:
                yield Finding(category="wrong_language", severity="major", segment=index, target_span=span,
                              message=f"sentence is in {verdict}, expected {tgt}", check=self.name,
                              evidence=(("detected", verdict),))
                continue
            yield from self._words(index, sentence, span.start, src, tgt)

    def _words(self, index: int, sentence: str, offset: int, src: str, tgt: str) -> Iterable[Finding]:
        letters = set(SOURCE_LETTERS.get(src, "")) - set(SOURCE_LETTERS.get(tgt, ""))
        source_words = FUNCTION_WORDS.get(src, set()) - FUNCTION_WORDS.get(tgt, set())
        for m in _WORD.finditer(sentence):
            word = m.group()
            if word[0].isupper():
                continue  # names are the entity check's business
            lower = word.lower()
            if lower in source_words or (letters and any(c in letters for c in lower)) or (
                tgt in _LATIN_TARGETS and _CYRILLIC.search(word) and src != tgt
            ):
                yield Finding(category="untranslated", severity="minor", segment=index,
                              target_span=Span(offset + m.start(), offset + m.end()),
                              message=f"source-language word {word!r} left in the translation",
                              suggestion="translate it", check=self.name, evidence=(("word", word),))


def _sentence_language(sentence: str, src: str, tgt: str) -> str | None:
    """The sentence's language when it is confidently not the target language, else None."""
    found = detect_language(sentence)
    if found is None:
        return None
    lang, prob = found
    if lang == tgt or prob < 0.95:
        return None
    words = [w.lower() for w in _WORD.findall(sentence)]
    # langdetect confuses closely related languages and name-heavy English; demand that the
    # sentence also reads as that language: at least two of its function words, when we know them.
    known = FUNCTION_WORDS.get(lang)
    if known is not None and sum(w in known for w in words) < 2:
        return None
    if lang == src:
        return src
    return lang if len(words) >= 8 else None
