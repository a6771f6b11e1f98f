"""Untranslated source text and text in the wrong language.

Signals, from coarse to fine:

* the document: when most of the target's text reads as another language, one finding says so
  (a delivery of the wrong file, or an MT system that echoed its input);
* a sentence: langdetect, when the sentence is long enough to trust it (seeded, >= 40 letters),
  confirmed by that language's function words so that name-heavy English is not taken for it;
* a fragment: a run of source-language words inside an English sentence ("the company rozwija
  oprogramowanie for..."). A word is source-like when it is written with letters the target
  language does not use (Polish "ł", German "ß"), is a source function word, is in another script
  (Cyrillic left in English), or is a known source word that the target lexicon does not know
  (simplemma's dictionaries). Two or more such words in a row are a major finding; a lone word is
  minor.

Capitalised words are left to the entity check: a name keeping its letters ("Wałęsa") is not
untranslated text, and neither are the words of a name ("Kasym-Żomart").
"""
from __future__ import annotations

import re
from typing import Iterable

from ..lang.detect import MIN_CHARS, detect_language
from ..lang.function_words import stopwords
from ..lang.lexicon import is_known
from ..lang.sentences import split_sentences
from ..registry import checks
from ..types import AlignedPair, Finding, Span
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
              " czy ale więc też bardzo po przed między w z na do od za ze we".split()),
    "de": set("und der die das nicht ist sind wurde wurden mit für auf dem den des ein eine einer"
              " sich auch nach bei oder aber wie noch aus zu im vom zum zur".split()),
    "cs": set("se že je není jsou byl byla bylo které který která pro jako také ale nebo jeho její"
              " jejich když už na do od za ve".split()),
    "ru": set("и в не на что с по как это но из за от для так же уже или был была были".split()),
    "fr": set("le la les des du et est dans pour que qui sur pas avec une sont été aux ces".split()),
    "es": set("el los las del que por para con una es está son pero como más sus fue".split()),
}
# Source words that English news keeps on purpose: currencies, institutions, administrative units.
LOANWORDS = frozenset(
    "złoty złote złotych zloty zlotys grosz grosze groszy sejm senat voivode voivodeship voivodship"
    " gmina gminy powiat powiaty województwo hryvnia hryvnias hryvnia kopeck kopecks ruble rubles rouble"
    " roubles kopek kopeks euro euros koruna korun crowns forint forints lei leu kuna dinar dinars"
    " bundestag bundesrat land länder verkhovna rada duma oblast oblasts krai okrug raion".split()
)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_TARGETS = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "tr", "ro", "hu", "sv", "da", "no", "fi"}
DOCUMENT_SHARE = 0.5  # share of the target's judged characters in another language for a document finding


@checks.register("language")
class LanguageCheck(Check):
    name = "language"
    version = 2
    categories = ("untranslated", "wrong_language")

    def run(self, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        judged, foreign, langs = 0, 0, {}
        for pair in ctx.pairs:
            if not pair.target:
                continue
            for f, size, lang in self._check_target(pair, ctx.source_lang, ctx.target_lang):
                if f is not None:
                    out.append(f)
                judged += size
                if lang is not None:
                    foreign += size
                    langs[lang] = langs.get(lang, 0) + size
        # Short sentences that could not be judged still count as target text: a document is "mostly"
        # in another language only when that language covers most of all its text.
        total = sum(len(p.target) for p in ctx.pairs)
        if total and foreign / total > DOCUMENT_SHARE:
            main = max(sorted(langs), key=lambda k: langs[k])
            first = next(p for p in ctx.pairs if p.target)
            kind = "untranslated" if main == ctx.source_lang else "wrong_language"
            out.insert(0, Finding(
                category=kind, severity="critical", segment=first.index, check=self.name,
                message=f"most of the translation ({foreign / total:.0%} of its text) is in {main}, "
                        f"not {ctx.target_lang}",
                evidence=(("detected", main), ("share", f"{foreign / total:.2f}"))))
        return out

    def _check_target(self, pair: AlignedPair, src: str, tgt: str):
        """(finding or None, judged characters, detected foreign language or None) per sentence."""
        text = pair.target
        for span in split_sentences(text, tgt):
            sentence = text[span.start : span.end]
            verdict, judged = _sentence_language(sentence, src, tgt)
            size = len(sentence) if judged else 0
            if verdict == src:
                yield Finding(category="untranslated", severity="major", segment=pair.index, target_span=span,
                              message=f"sentence left in the source language ({src})",
                              suggestion="translate the sentence", check=self.name), size, verdict
                continue
            if verdict is not None:
                yield Finding(category="wrong_language", severity="major", segment=pair.index, target_span=span,
                              message=f"sentence is in {verdict}, expected {tgt}", check=self.name,
                              evidence=(("detected", verdict),)), size, verdict
                continue
            found = list(self._fragments(pair.index, sentence, span.start, src, tgt))
            if not found:
                yield None, size, None
            for f in found:
                yield f, 0, None

    def _fragments(self, index: int, sentence: str, offset: int, src: str, tgt: str) -> Iterable[Finding]:
        # Runs of source-like words; up to two words both languages share may sit inside a run
        # ("na", "do", "antes del" are English words too), three end it.
        runs: list[list[re.Match]] = []
        current: list[re.Match] = []
        gap = 0
        for m in _WORD.finditer(sentence):
            if _source_like(m.group(), src, tgt):
                current.append(m)
                gap = 0
            elif current:
                gap += 1
                if gap > 2:
                    runs.append(current)
                    current, gap = [], 0
        if current:
            runs.append(current)
        for run in runs:
            start, end = run[0].start(), run[-1].end()
            words = [m.group() for m in run]
            text = sentence[start:end]
            if len(words) >= 2:
                yield Finding(category="untranslated", severity="major", segment=index,
                              target_span=Span(offset + start, offset + end), check=self.name,
                              message=f"source-language fragment left untranslated: {text!r}",
                              suggestion="translate it", evidence=(("words", " ".join(words)),))
            else:
                yield Finding(category="untranslated", severity="minor", segment=index,
                              target_span=Span(offset + start, offset + end), check=self.name,
                              message=f"source-language word {text!r} left in the translation",
                              suggestion="translate it", evidence=(("word", text),))


def _source_like(word: str, src: str, tgt: str) -> bool:
    if src == tgt or word[0].isupper() or word[0].isdigit():
        return False  # names (and sentence-initial words) are the entity check's business
    lower = word.lower()
    if lower in LOANWORDS:
        return False
    if tgt in _LATIN_TARGETS and _CYRILLIC.search(word):
        return True
    letters = set(SOURCE_LETTERS.get(src, "")) - set(SOURCE_LETTERS.get(tgt, ""))
    if letters and any(c in letters for c in lower):
        return True
    if lower in FUNCTION_WORDS.get(src, set()) - FUNCTION_WORDS.get(tgt, set()) and not is_known(lower, tgt):
        return True
    return len(lower) >= 4 and is_known(lower, src) and not is_known(lower, tgt)


def _sentence_language(sentence: str, src: str, tgt: str) -> tuple[str | None, bool]:
    """(the sentence's language when it is confidently not the target language, whether judged)."""
    if _reads_as_target(sentence, src, tgt):
        return None, True  # langdetect costs ~5 ms a sentence; most target sentences are plainly target
    found = detect_language(sentence)
    if found is None:
        return None, False
    lang, prob = found
    if lang == tgt or prob < 0.95:
        return None, True
    words = [w.lower() for w in _WORD.findall(sentence)]
    # langdetect confuses closely related languages and name-heavy English; demand that the
    # sentence also reads as that language: at least two of its function words, when we know them.
    known = FUNCTION_WORDS.get(lang)
    if known is not None and sum(w in known for w in words) < 2:
        return None, True
    if lang == src:
        return src, True
    return (lang if len(words) >= 8 else None), True


def _reads_as_target(sentence: str, src: str, tgt: str) -> bool:
    """Plainly in the target language: no lower-case word with letters or function words only the
    source has (names may keep their letters), and at least two (and a sixth) of its words are
    target stopwords the source does not have."""
    own = stopwords(tgt) - stopwords(src) - FUNCTION_WORDS.get(src, set())
    if src == tgt or not own or sum(ch.isalpha() for ch in sentence) < MIN_CHARS:
        return False
    if tgt in _LATIN_TARGETS and _CYRILLIC.search(sentence):
        return False
    letters = set(SOURCE_LETTERS.get(src, "")) - set(SOURCE_LETTERS.get(tgt, ""))
    src_words = FUNCTION_WORDS.get(src, set()) - stopwords(tgt)
    words = _WORD.findall(sentence)
    for w in words:
        if w[0].islower() and w not in LOANWORDS and (w in src_words or any(c in letters for c in w)):
            return False
    hits = sum(w.lower() in own for w in words)
    return hits >= 2 and hits * 6 >= len(words)
