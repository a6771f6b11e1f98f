"""The language check: untranslated sentences and fragments, wrong-language text, names left alone."""
from __future__ import annotations

import pytest

from evaluator.checks.base import Context
from evaluator.checks.language import LanguageCheck
from evaluator.types import AlignedPair

from conftest import CASE


def _run(targets: list[str], src: str, tgt: str = "en"):
    pairs = tuple(AlignedPair(k, (k,), (k,), "x", t, 1.0) for k, t in enumerate(targets))
    return list(LanguageCheck().run(Context(pairs=pairs, source_lang=src, target_lang=tgt,
                                            similarity=(None,) * len(pairs))))


FRAGMENTS = [
    # (source language, English with a fragment left in, the fragment the finding must cover)
    ("pl", "The company rozwija oprogramowanie przewidujące awarie maszyn for industrial clients.",
     "rozwija oprogramowanie przewidujące awarie maszyn"),
    ("pl", "Ukrainian citizens make up 14% of the population of Rzeszów, podczas gdy w stolicy jest ich 9%.",
     "podczas gdy w stolicy jest ich"),
    ("de", "The firm will invest in new machines und neue Arbeitsplätze schaffen, the chief executive said.",
     "und neue Arbeitsplätze schaffen"),
    ("ru", "The president said that the situation в городе остается сложной after the storm.",
     "в городе остается сложной"),
    ("cs", "The town hall said that rekonstrukce náměstí potrvá dva roky and will cost more than planned.",
     "rekonstrukce náměstí potrvá dva roky"),
    ("fr", "The minister said the reform était nécessaire pour le pays and would be passed soon.",
     "était nécessaire pour le pays"),
    ("es", "The mayor said the works terminarán antes del verano and the square will reopen.",
     "terminarán antes del verano"),
]


@pytest.mark.parametrize("src, text, fragment", FRAGMENTS)
def test_source_fragment_left_in_english_is_untranslated(src, text, fragment):
    findings = [f for f in _run([text], src) if f.category == "untranslated"]
    assert findings, text
    covered = [text[f.target_span.start:f.target_span.end] for f in findings]
    start, end = text.index(fragment), text.index(fragment) + len(fragment)
    # The finding starts on the fragment and covers most of it (a last word both languages
    # share, like French "pays", may stay outside).
    main = [f for f in findings if f.severity == "major"]
    assert main and main[0].target_span.start == start, covered
    assert main[0].target_span.end - start >= 0.6 * (end - start), covered


@pytest.mark.parametrize("src, text", [
    ("pl", "Kazakh President Kasym-Żomart Tokayev said he had ordered law enforcement to shoot without warning."),
    ("pl", "Public libraries in Łódź recorded 1.1 million visits last year, the city's culture department said."),
    ("de", "The Federal Constitutional Court in Karlsruhe struck down parts of Bavaria's police law."),
    ("cs", "The regional court in Ostrava sentenced the former mayor of Karviná, Petr Havlík."),
    ("ru", "Gazprom's chief executive Alexei Miller met the governor in Saint Petersburg."),
    ("pl", "The plan is to do a tour of the region in May, and the committee has a long agenda."),
])
def test_names_and_ordinary_english_are_not_untranslated(src, text):
    assert _run([text], src) == []


def test_whole_sentence_left_in_polish():
    text = ("Zapewnił, że wszystkie poglądy wyrażane w pokojowy sposób zostały przez władze wysłuchane "
            "i że dialog będzie kontynuowany.")
    findings = _run(["The talks ended.", text], "pl")
    sentence = [f for f in findings if f.segment == 1 and f.message.startswith("sentence left")]
    assert sentence and sentence[0].severity == "major"


def test_sentence_in_a_third_language_is_wrong_language():
    text = "Le gouvernement a annoncé mardi une nouvelle réforme des retraites qui sera présentée au parlement."
    findings = _run(["The talks ended without agreement on Tuesday evening.", text], "pl")
    assert any(f.category == "wrong_language" and f.segment == 1 for f in findings)


def test_document_mostly_in_the_wrong_language_gets_one_document_finding():
    german = [
        "Die Regierung hat am Dienstag eine neue Reform der Renten angekündigt, die dem Parlament vorgelegt wird.",
        "Die Opposition kritisierte den Plan und sprach von einem Angriff auf die Rechte der Arbeitnehmer.",
        "Der Minister sagte, die Reform sei notwendig, um das System langfristig zu finanzieren.",
    ]
    findings = _run(german + ["The talks ended without agreement on Tuesday evening."], "pl")
    doc = [f for f in findings if f.severity == "critical"]
    assert len(doc) == 1 and doc[0].category == "wrong_language" and "de" in doc[0].message


def test_correct_reference_translation_gets_nothing():
    paragraphs = [p.strip() for p in (CASE / "reference.en.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert [(f.segment, f.message) for f in _run(paragraphs, "pl")] == []


def test_same_source_and_target_language_is_not_untranslated():
    assert _run(["Die Regierung hat am Dienstag eine neue Reform angekündigt und neue Arbeitsplätze geschaffen."],
                "de", tgt="de") == []


def test_numpy_walk_gives_langdetects_own_probabilities():
    """detect.py runs langdetect's seeded random walk on numpy rows: the answers must be langdetect's,
    to the last bit, on real paragraphs and sentences in five languages and on odd strings."""
    import json
    import re
    from pathlib import Path

    from evaluator.lang import detect

    texts = ["Gas prices rise.", "1234 5678", "Zażółć gęślą jaźń", "東京は日本の首都です。" * 3, "OK OK OK", ""]
    for path in sorted((Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "parallel").glob("*.jsonl"))[:3]:
        for line in path.read_text(encoding="utf-8").splitlines()[:25]:
            for key, value in json.loads(line).items():
                if key not in ("id", "topic") and isinstance(value, str):
                    texts += [value, *re.split(r"(?<=[.!?])\s+", value)]
    factory = detect._factory()

    def answer(run, text):
        detector = factory.create()
        detector.append(text)
        try:
            return [(x.lang, x.prob) for x in run(detector)]
        except Exception as e:  # noqa: BLE001 - both must fail alike on text without features
            return type(e).__name__

    assert len(texts) > 400
    for text in texts:
        assert answer(detect._probabilities, text) == answer(lambda d: d.get_probabilities(), text), text
