"""The clause check's later rules on real sentences: a dropped clause whose numbers are all missing,
a dropped two-word clause, a dropped clause in a pair no shorter than usual — and silence on the
correct translations (also with a changed number, which is the number check's, not an omission)."""
from __future__ import annotations

import pytest

from evaluator.checks.base import Context
from evaluator.checks.clauses import ClauseCheck, _verdict, clauses
from evaluator.types import AlignedPair


def _context(embedder, pairs: list[tuple[str, str]], src: str) -> Context:
    aligned = tuple(AlignedPair(k, (k,), (k,), s, t, 1.0) for k, (s, t) in enumerate(pairs))
    sv, tv = embedder.encode([s for s, _ in pairs]), embedder.encode([t for _, t in pairs])
    return Context(pairs=aligned, source_lang=src, target_lang="en",
                   similarity=tuple(float(a @ b) for a, b in zip(sv, tv)), embedder=embedder)


def _omissions(embedder, source: str, target: str, lang: str) -> list[tuple[str, str]]:
    findings = ClauseCheck().run(_context(embedder, [(source, target)], lang))
    return [(source[f.source_span.start:f.source_span.end], f.severity) for f in findings if f.category == "omission"]


# -- no encoder needed ------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    # an ordinal date and a title keep their clause whole (a bare full-stop rule cut both)
    ("Die Slowakei wählt am 28. September ein neues Parlament, wie der Parlamentspräsident mitteilte.", "de",
     ["Die Slowakei wählt am 28. September ein neues Parlament", "wie der Parlamentspräsident mitteilte"]),
    ("Das Protein hilft Melanomzellen, sagte Erstautor Dr. Jonas Richter.", "de",
     ["Das Protein hilft Melanomzellen", "sagte Erstautor Dr. Jonas Richter"]),
    # a real sentence end still ends a clause, closing quotes and all
    ("Sie gewann mit „Salzsteppe“. Der Preis ist dotiert.", "de", ["Sie gewann mit „Salzsteppe", "Der Preis ist dotiert"]),
])
def test_clause_spans_follow_sentence_ends_that_know_abbreviations(text, lang, expected):
    assert [text[s.start:s.end] for s in clauses(text, lang)] == expected


# _verdict(side, ratio, weak, n, whole, numbers missing?, gain, sentence_gain); ratios are relative
# to the language pair's usual one, gains as in the module doc (strong: 0.025 / 0.04).
@pytest.mark.parametrize("args, expected", [
    # a two-word clause, both words without a counterpart: a strong gain reports it...
    (("source", 0.8, 2, 2, True, [], 0.03, 0.0), "major"),
    # ...a gain that is merely not negative does not, nor does one covered word
    (("source", 0.8, 2, 2, True, [], 0.01, 0.01), None),
    (("source", 0.8, 1, 2, True, [], 0.05, 0.05), None),
    # every number of the clause missing, the words weak too, cutting it costs nothing: major,
    # even in a pair no shorter than usual
    (("source", 1.02, 1, 1, True, [True], 0.0, 0.01), "major"),
    (("source", 0.9, 0, 1, True, [True, True], 0.001, -0.02), "major"),
    # one of its numbers is found, its words are covered, cutting it costs similarity, or the pair
    # is clearly longer than usual: not an omission on the numbers' word
    (("source", 0.9, 1, 1, True, [True, False], 0.02, 0.02), None),
    (("source", 0.9, 0, 4, True, [True], 0.02, 0.02), None),
    (("source", 0.9, 1, 1, True, [True], -0.01, -0.02), None),
    (("source", 1.06, 1, 1, True, [True], 0.02, 0.02), None),
    # nearly all words weak and a strong gain in a pair merely no longer than usual: minor
    (("source", 0.97, 5, 5, True, [], 0.03, 0.0), "minor"),
    (("source", 0.97, 4, 5, True, [], 0.0, 0.05), "minor"),
    (("source", 0.97, 3, 5, True, [], 0.05, 0.05), None),  # too many words covered
    (("source", 1.01, 5, 5, True, [], 0.05, 0.05), None),  # longer than usual
    (("source", 0.97, 5, 5, True, [], 0.01, 0.01), None),  # gain not strong
    # additions are unchanged: a longer target and a strong gain
    (("target", 1.1, 3, 3, True, [], 0.04, 0.0), "major"),
    (("target", 1.02, 3, 3, True, [], 0.04, 0.0), None),
])
def test_verdict_rules(args, expected):
    assert _verdict(*args) == expected


# -- with the bundled encoder -----------------------------------------------------------------

HOTELS_DE = ("Die Zahl der Übernachtungen in Berliner Hotels stieg im Sommer auf 9,4 Millionen, 12 Prozent mehr als "
             "ein Jahr zuvor. Die meisten Gäste kamen aus Großbritannien und den USA.")
EV_RU = ("Продажи электромобилей в Польше в первом полугодии выросли до 11 тысяч, что на 37% больше, чем годом "
         "ранее. Больше всего машин купили компании.")


@pytest.mark.slow
@pytest.mark.parametrize("lang, source, target, omitted", [
    # one content word beside the number: too little for the word test, the number tells
    ("de", HOTELS_DE, "The number of overnight stays in Berlin hotels rose to 9.4 million in the summer. Most guests "
     "came from Britain and the United States.", "12 Prozent mehr als ein Jahr zuvor"),
    ("ru", EV_RU, "Sales of electric cars in Poland rose to 11,000 in the first half of the year. Companies bought "
     "the most cars.", "что на 37% больше"),
    # correct, a changed number (the number check's finding) and a number written out: silent
    ("de", HOTELS_DE, "The number of overnight stays in Berlin hotels rose to 9.4 million in the summer, 12% more than "
     "a year earlier. Most guests came from Britain and the United States.", None),
    ("de", HOTELS_DE, "Overnight stays in Berlin hotels rose to 9.4 million in summer, 17% more than a year before. "
     "Most guests came from Britain and the US.", None),
    ("de", HOTELS_DE, "Overnight stays in Berlin hotels rose to 9.4 million in summer, twelve percent more than a year "
     "before. Most guests came from Britain and the US.", None),
    ("ru", EV_RU, "Sales of electric cars in Poland rose to 11,000 in the first half, up 37% on a year earlier. "
     "Companies bought the most cars.", None),
])
def test_a_clause_whose_numbers_are_all_missing_is_an_omission(embedder, lang, source, target, omitted):
    assert _omissions(embedder, source, target, lang) == ([(omitted, "major")] if omitted else [])


POWER_DE = ("Der Stromverbrauch in Deutschland ist im vergangenen Jahr um 1,3 Prozent auf 525 Terawattstunden "
            "gesunken, wie die Bundesnetzagentur mitteilte.")


@pytest.mark.slow
@pytest.mark.parametrize("target, omitted", [
    ("Electricity consumption in Germany fell by 1.3 percent last year to 525 terawatt hours.",
     ("wie die Bundesnetzagentur mitteilte", "major")),
    ("Electricity consumption in Germany fell by 1.3 percent last year to 525 terawatt hours, the Federal Network "
     "Agency said.", None),
])
def test_a_dropped_two_word_clause_is_an_omission(target, omitted):
    # On the float vectors the correct translation's similarity gain is 0.0238, 0.0012 under the
    # 0.025 threshold; the default int8 vectors (cosine > 0.999 to these) move such gains by up
    # to ~0.002 and give 0.0258, a minor omission. The rule is what is tested here, so on the float
    # vectors. benchmarks/fidelity.py gives the same detection and false-finding rates on both.
    from evaluator.embed import get_embedder

    exact = get_embedder("usem-exact")
    assert _omissions(exact, POWER_DE, target, "de") == ([omitted] if omitted else [])


OAKS_DE = ("Die Stadt Leipzig hat im Auwald 3000 junge Eichen gepflanzt, die Hitze und Trockenheit besser vertragen "
           "als Buchen. Die Pflanzung kostete 400.000 Euro.")


@pytest.mark.slow
@pytest.mark.parametrize("target, omitted", [
    # padded elsewhere, the translation is as long as usual (ratio 1.00): minor, on the words' and encoder's say
    ("The city of Leipzig has now planted some 3,000 young oak trees in the Auwald floodplain forest. The planting "
     "cost 400,000 euros.", ("die Hitze und Trockenheit besser vertragen als Buchen", "minor")),
    # a compact correct translation in the same length band: silent
    ("Leipzig planted 3,000 young oaks in the Auwald, as they cope better with heat and drought than beeches. "
     "They cost 400,000 euros.", None),
])
def test_a_dropped_clause_in_a_pair_of_usual_length_is_a_minor_omission(embedder, target, omitted):
    assert _omissions(embedder, OAKS_DE, target, "de") == ([omitted] if omitted else [])
