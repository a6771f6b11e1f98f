"""The meaning and clause checks on real sentences: flipped negation, antonyms, high-stakes verbs,
dropped and invented clauses — and silence on correct translations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.checks.base import Context
from evaluator.checks.clauses import ClauseCheck, clauses
from evaluator.checks.meaning import MeaningCheck
from evaluator.lang.function_words import negation_count, negation_spans
from evaluator.lang.wordcover import _assign
from evaluator.types import AlignedPair

ROOT = Path(__file__).resolve().parent.parent
MEANING_DATA = ROOT / "benchmarks" / "data" / "meaning" / "pl-en.jsonl"


def _context(embedder, pairs: list[tuple[str, str]], src: str = "pl") -> Context:
    aligned = tuple(AlignedPair(k, (k,), (k,), s, t, 1.0) for k, (s, t) in enumerate(pairs))
    sv, tv = embedder.encode([s for s, _ in pairs]), embedder.encode([t for _, t in pairs])
    return Context(pairs=aligned, source_lang=src, target_lang="en",
                   similarity=tuple(float(a @ b) for a, b in zip(sv, tv)), embedder=embedder)


# -- no encoder needed ------------------------------------------------------------------------

@pytest.mark.parametrize("tokens, lang, hard", [
    ("rząd nie planuje podwyżek".split(), "pl", 1),
    ("nikt nie odniósł obrażeń".split(), "pl", 1),  # double negation counts once, like "nobody"
    ("nic dziwnego".split(), "pl", 1),
    ("the president did not sign".split(), "en", 1),
    ("nobody was injured".split(), "en", 1),
    ("the president didn't sign".split(), "en", 1),
    ("никто не пришёл".split(), "ru", 1),
    ("er hat keine zeit".split(), "de", 1),
    ("the bill was signed".split(), "en", 0),
])
def test_negation_count(tokens, lang, hard):
    assert negation_count(tokens, lang)[0] == hard


def test_number_sign_is_not_a_negation():
    text = "Chopin's Piano Concerto No. 2 and no encore."
    assert [text[s.start:s.end] for s in negation_spans(text, "en")] == ["no"]


def test_assignment_is_optimal_on_a_case_greedy_gets_wrong():
    import numpy as np

    # Greedy takes (0, 0) = 0.9 and is left with (1, 1) = 0.1; the optimum pairs across: 0.8 + 0.8.
    gain = np.array([[0.9, 0.8], [0.8, 0.1]])
    rows, cols = _assign(-gain)
    assert sorted(zip(rows, cols)) == [(0, 1), (1, 0)]


def test_clause_spans_split_at_commas_dashes_and_sentence_ends():
    text = "The mayor, who took office in May, resigned – officials said. Nobody knows why."
    assert [text[s.start:s.end] for s in clauses(text)] == [
        "The mayor", "who took office in May", "resigned", "officials said", "Nobody knows why"]


def test_decimal_commas_and_abbreviations_do_not_end_a_clause():
    text = "Wpłynęło 34,8 tys. nowych pozwów w 2023 r. i wzrosło o 6,1 proc., co zaskoczyło. Koniec."
    assert [text[s.start:s.end] for s in clauses(text)] == [
        "Wpłynęło 34,8 tys. nowych pozwów w 2023 r. i wzrosło o 6,1 proc.", "co zaskoczyło", "Koniec"]


# -- with the bundled encoder -----------------------------------------------------------------

MISTRANSLATED = [
    # (source, wrong English, wrong word that must be marked, expected severity)
    ("Prezydent nie podpisał ustawy.", "The president signed the bill.", "signed", "critical"),
    ("Samolot wylądował bezpiecznie.", "The plane did not land safely.", "not", "critical"),
    ("Firma sprzedała swoją fabrykę w Łodzi.", "The company bought its factory in Łódź.", "bought", "major"),
    ("Bank centralny obniżył stopy procentowe.", "The central bank raised interest rates.", "raised", "major"),
    ("Drużyna wygrała finał.", "The team lost the final.", "lost", "major"),
    ("W zamachu bombowym w stolicy rannych zostało dziesięciu cywilów.",
     "Ten civilians were killed in the bomb attack in the capital.", "killed", "critical"),
    ("MSW Kazachstanu poinformowało, że zginęło 26 osób, a blisko 4 tys. osób zatrzymano. "
     "W starciach zginęło osiemnastu funkcjonariuszy resortów siłowych.",
     "The Kazakh Interior Ministry said 26 people had been killed and nearly 4,000 had been killed. Prisoners. "
     "Eighteen power officials were killed in the clash.", "killed", "critical"),
]


@pytest.mark.slow
@pytest.mark.parametrize("source, target, wrong, severity", MISTRANSLATED)
def test_mistranslation_is_found_and_located(embedder, source, target, wrong, severity):
    findings = list(MeaningCheck().run(_context(embedder, [(source, target)])))
    marked = [target[f.target_span.start:f.target_span.end] for f in findings if f.target_span]
    assert wrong in marked, [f.message for f in findings]
    assert any(f.severity == severity for f in findings)
    assert all(f.category == "meaning" and f.check == "meaning" for f in findings)


@pytest.mark.slow
def test_message_names_both_words(embedder):
    src = "W zamachu bombowym w stolicy rannych zostało dziesięciu cywilów."
    tgt = "Ten civilians were killed in the bomb attack in the capital."
    (finding,) = MeaningCheck().run(_context(embedder, [(src, tgt)]))
    assert finding.message.startswith('"rannych" (≈ injured / wounded) seems mistranslated as "killed"')
    assert src[finding.source_span.start:finding.source_span.end] == "rannych"


@pytest.mark.slow
def test_correct_translations_of_the_meaning_set_get_almost_no_finding(embedder):
    rows = [json.loads(line) for line in MEANING_DATA.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    findings = list(MeaningCheck().run(_context(embedder, [(r["pl"], r["en"]) for r in rows])))
    flagged = {f.segment for f in findings}
    assert len(flagged) / len(rows) <= 0.03, [(rows[f.segment]["id"], f.message) for f in findings]


@pytest.mark.slow
def test_negation_flips_of_the_meaning_set_are_found(embedder):
    rows = [json.loads(line) for line in MEANING_DATA.read_text(encoding="utf-8").splitlines()]
    neg = [r for r in rows if r["kind"] == "negation"]
    findings = list(MeaningCheck().run(_context(embedder, [(r["pl"], r["mt"]) for r in neg])))
    assert len({f.segment for f in findings}) / len(neg) >= 0.8


@pytest.mark.slow
@pytest.mark.parametrize("lang, source, target", [
    ("de", "Die Polizei hat den Verdächtigen nicht festgenommen.", "Police arrested the suspect."),
    ("ru", "Президент не подписал закон.", "The president signed the law."),
])
def test_lost_negation_in_german_and_russian(embedder, lang, source, target):
    findings = list(MeaningCheck().run(_context(embedder, [(source, target)], src=lang)))
    assert [f.severity for f in findings] == ["critical"]


CLAUSE_SOURCE = ("Rada miasta Warszawy przyjęła w czwartek budżet na przyszły rok w wysokości 27,8 mld zł, z czego "
                 "6,1 mld zł przeznaczono na inwestycje. Największe projekty to przedłużenie drugiej linii metra "
                 "na Bródno oraz modernizacja mostu Grota-Roweckiego.")
CLAUSE_TARGET = ("Warsaw city council approved a budget of 27.8 billion zlotys for next year on Thursday, with 6.1 "
                 "billion earmarked for investment. The largest projects include extending the second metro line "
                 "to Bródno and modernising the Grota-Roweckiego bridge.")


@pytest.mark.slow
def test_invented_clause_is_an_addition(embedder):
    added = CLAUSE_TARGET.replace("to Bródno", "to Bródno, despite strong objections from environmental campaigners "
                                               "who gathered outside the building,")
    findings = list(ClauseCheck().run(_context(embedder, [(CLAUSE_SOURCE, added)])))
    assert [f.category for f in findings] == ["addition"]
    span = findings[0].target_span
    assert "objections from environmental campaigners" in added[span.start:span.end]


@pytest.mark.slow
@pytest.mark.parametrize("source, target, dropped", [
    # the dropped clause holds a decimal comma: it must be cut as one clause
    (CLAUSE_SOURCE, "Warsaw city council approved a budget of 27.8 billion zlotys for next year on Thursday. The "
     "largest projects include extending the second metro line to Bródno and modernising the Grota-Roweckiego bridge.",
     "z czego 6,1 mld zł przeznaczono na inwestycje"),
    # one clause of a two-sentence paragraph: the sentence's similarity moves, the paragraph's less
    ("Szpital w Lublinie otrzymał nowy tomograf komputerowy o wartości 4 mln zł, który pozwoli skrócić kolejki "
     "pacjentów onkologicznych o kilka tygodni. Urządzenie zostało sfinansowane ze środków unijnych.",
     "A hospital in Lublin has received a new CT scanner worth 4 million zlotys. The device was financed from EU funds.",
     "który pozwoli skrócić kolejki pacjentów onkologicznych o kilka tygodni"),
])
def test_dropped_clause_is_an_omission_located_in_the_source(embedder, source, target, dropped):
    findings = list(ClauseCheck().run(_context(embedder, [(source, target)])))
    assert [f.category for f in findings] == ["omission"]
    span = findings[0].source_span
    assert source[span.start:span.end] in dropped and len(source[span.start:span.end].split()) >= 4


@pytest.mark.slow
def test_correct_pair_gets_no_clause_finding(embedder):
    assert list(ClauseCheck().run(_context(embedder, [(CLAUSE_SOURCE, CLAUSE_TARGET)]))) == []


@pytest.mark.parametrize("text, lang, attribution", [
    ("wie das Unternehmen am Mittwoch in Warschau mitteilte", "de", True),
    ("– poinformował w poniedziałek Urząd Transportu Kolejowego", "pl", True),
    ("сообщило в понедельник Управление железнодорожного транспорта", "ru", True),
    ("the Office of Rail Transport said on Monday", "en", True),
    ("according to the credit agency", "en", True),
    ("the United States and Canada", "en", False),
    ("Заявка, подготовленная Польшей и Белоруссией", "ru", False),  # an application, not a statement
    ("die Zahl der ständigen Einwohner ist gesunken", "de", False),
])
def test_attribution_markers(text, lang, attribution):
    from evaluator.lang.attribution import is_attribution

    assert is_attribution(text, lang) is attribution


ALLEGRO = ("Der Umsatz des Versandhändlers Allegro ist im dritten Quartal um 14 Prozent auf 2,6 Milliarden Złoty "
           "gestiegen, wie das Unternehmen am Mittwoch in Warschau mitteilte.")


@pytest.mark.slow
@pytest.mark.parametrize("lang, source, target, severity", [
    # rephrased as "Allegro said": at most a minor doubt, never a major omission
    ("de", ALLEGRO, "Online retailer Allegro said on Wednesday that its third-quarter revenue rose by 14% to 2.6 "
     "billion zlotys.", "minor"),
    # no attribution left at all: who reported it is lost
    ("de", ALLEGRO, "Online retailer Allegro's third-quarter revenue rose by 14% to 2.6 billion zlotys.", "major"),
    ("ru", "Число пассажиров железных дорог в Польше в прошлом году выросло на 6% до 390 млн, сообщило в понедельник "
     "Управление железнодорожного транспорта.", "The number of rail passengers in Poland rose by 6% last year to "
     "390 million.", "major"),
])
def test_a_moved_attribution_is_no_major_omission(embedder, lang, source, target, severity):
    findings = list(ClauseCheck().run(_context(embedder, [(source, target)], lang)))
    assert [(f.category, f.severity) for f in findings if f.severity == "major"] == \
        ([("omission", "major")] if severity == "major" else [])


@pytest.mark.slow
@pytest.mark.parametrize("source, target, flagged", [
    # a fall rendered as a fall: good or bad news only by what falls, not a flip
    ("Inflacja bazowa w Czechach spadła w kwietniu do 2,9 proc. z 3,4 proc. w marcu, podał urząd statystyczny.",
     "Core inflation in the Czech Republic eased to 2.9% in April from 3.4% in March, the statistics office said.", False),
    ("Bezrobocie na Słowacji spadło w maju do 5,1 proc., co rząd uznał za dobry wynik.",
     "Unemployment in Slovakia eased to 5.1% in May, which the government called a good result.", False),
    # good turned bad without any movement of an amount is still a flip
    ("Minister nazwał wynik rozmów sukcesem.", "The minister called the outcome of the talks a failure.", True),
    ("Eksperci ocenili sytuację na rynku pracy jako stabilną.",
     "Experts described the situation on the labour market as unstable.", True),
])
def test_good_bad_axis_skips_words_that_move_an_amount_alike(embedder, source, target, flagged):
    findings = list(MeaningCheck().run(_context(embedder, [(source, target)])))
    assert bool([f for f in findings if f.severity == "major"]) is flagged


PARKS_RU = ("Польский город Вроцлав за последние три года создал 800 небольших скверов на пустырях и крышах. "
            "Каждый из них занимает менее половины гектара, а вместе они дают тень почти 60 тысячам жителей.")


@pytest.mark.slow
@pytest.mark.parametrize("target, omitted", [
    ("The Polish city of Wrocław has created 800 small squares on vacant plots and rooftops over the past three "
     "years. Together they provide shade for almost 60,000 residents.", "Каждый из них занимает менее половины гектара"),
    ("The Polish city of Wrocław has created 800 small squares on vacant plots and rooftops over the past three "
     "years. Each covers less than half a hectare, and together they provide shade for almost 60,000 residents.", None),
])
def test_dropped_russian_clause_is_an_omission_and_the_full_translation_is_silent(embedder, target, omitted):
    findings = list(ClauseCheck().run(_context(embedder, [(PARKS_RU, target)], "ru")))
    got = [PARKS_RU[f.source_span.start:f.source_span.end] for f in findings if f.category == "omission"]
    assert got == ([omitted] if omitted else [])
