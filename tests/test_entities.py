"""Entity check: extraction, gazetteers, romanisation, matching, and the labelled benchmark.

The benchmark test scores every case in tests/data/entities/*.jsonl with the shared helper in
benchmarks/entities.py and asserts the targets (recall per kind, false findings on correct
translations) on the original files and on the extra ones separately. The seed case test builds aligned pairs by hand from references/onet-kazakhstan.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.entities import EXTRA, KINDS, LANGS, MAX_FALSE_RATE, score_cases, target_for
from evaluator.checks.base import Context, Options
from evaluator.checks.entities import EntityCheck
from evaluator.lang import entities_en, gazetteer, polish
from evaluator.lang.entities import extract_source
from evaluator.lang.entity_units import is_unit
from evaluator.lang.translit import cyrillic_variants, english_candidates, name_key
from evaluator.registry import checks
from evaluator.types import AlignedPair, Finding

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "references" / "onet-kazakhstan"


def run(pairs: list[tuple[str, str]], lang: str = "pl", glossary: tuple[tuple[str, str], ...] = (),
        embedder: object | None = None) -> list[Finding]:
    aligned = tuple(AlignedPair(i, (i,), (i,), s, t, 1.0) for i, (s, t) in enumerate(pairs))
    ctx = Context(aligned, lang, "en", tuple(None for _ in aligned), Options(glossary=glossary), embedder)
    return list(EntityCheck().run(ctx))


def covered(text: str, finding: Finding, side: str = "target") -> str:
    span = finding.target_span if side == "target" else finding.source_span
    assert span is not None
    return text[span.start:span.end]


# --- building blocks -------------------------------------------------------------------------


def test_check_is_registered():
    assert checks.get("entities") is EntityCheck
    assert set(EntityCheck.categories) == {
        "entity.substituted", "entity.misspelled", "entity.missing", "entity.added",
        "entity.inconsistent", "terminology"}


@pytest.mark.parametrize("word, lemma", [
    ("Tokajewa", "Tokajew"), ("Tokajewowi", "Tokajew"), ("Tokajewem", "Tokajew"),
    ("Kazachstanu", "Kazachstan"), ("Kijowie", "Kijów"), ("Blinkena", "Blinken"),
    ("Łodzi", "Łódź"), ("Zełenskiego", "Zełenski"), ("Nur-Sułtanie", "Nur-Sułtan"),
])
def test_polish_names_in_any_case_get_their_dictionary_form(word, lemma):
    assert polish.nominative(word) == lemma


def test_a_womans_name_keeps_its_final_a():
    assert polish.nominative("Sabalenka", feminine=True) == "Sabalenka"
    assert polish.nominative("Arynę") == "Aryna"


@pytest.mark.parametrize("source, english", [
    ("Niemcy", "Germany"), ("Polska", "Poland"), ("Kazachstan", "Kazakhstan"), ("Warszawa", "Warsaw"),
    ("Kijów", "Kyiv"), ("Ałmaty", "Almaty"), ("Nur-Sułtan", "Astana"), ("ODKB", "CSTO"),
    ("MSW", "Interior Ministry"), ("Deutschland", "Germany"), ("Казахстан", "Kazakhstan"), ("北京", "Beijing"),
])
def test_gazetteers_give_the_english_name(source, english):
    assert gazetteer.get().preferred(gazetteer.source_ids(source)) == english


def test_polish_spelling_is_romanised_for_english():
    assert english_candidates("Tokajew", "pl")[0] == "Tokayev"
    assert "Lavrov" in english_candidates("Ławrow", "pl")
    assert "Sergey" in english_candidates("Siergiej", "pl")
    assert english_candidates("Жанаозен", "ru")[0] == "Zhanaozen"


def test_phonetic_key_joins_accepted_variants_and_separates_errors():
    for a, b in [("Tokayev", "Tokaev"), ("Kassym-Jomart", "Qasym-Zhomart"), ("Zelensky", "Zelenskyy")]:
        assert name_key(a) == name_key(b)
    for a, b in [("Blinken", "Blingen"), ("Nur-Sultan", "Noor-Sultan"), ("Smailov", "Smilov"),
                 ("Guterres", "Gutteres"), ("Sobyanin", "Sobjanin")]:
        assert name_key(a) != name_key(b)


def test_source_extraction_separates_names_from_ordinary_words():
    text = "Prezydent Kazachstanu Kasym-Żomart Tokajew podziękował Rosji, a kazachskie władze wezwały ODKB."
    ents = {e.text: e for e in extract_source(text, "pl")}
    assert "Prezydent" not in " ".join(ents)  # a title, and sentence-initial
    assert ents["Kazachstanu"].ids == gazetteer.source_ids("Kazachstan")
    person = ents["Kasym-Żomart Tokajew"]
    assert [p.lemma for p in person.parts] == ["Kasym-Żomart", "Tokajew"] and person.strict
    assert not ents["kazachskie"].strict and ents["kazachskie"].kind == "adjective"
    assert ents["ODKB"].kind == "acronym" and ents["ODKB"].strict


def test_target_extraction_skips_titles_and_sentence_initial_words():
    ents = {e.text: e for e in entities_en.extract("Protesters said President Tokayev met the Joint Security Agency.")}
    assert set(ents) == {"Tokayev", "Joint Security Agency"}
    assert ents["Tokayev"].strong and not ents["Joint Security Agency"].strong


# --- findings --------------------------------------------------------------------------------


def test_correct_translations_with_changed_names_give_no_finding():
    pairs = [
        ("Kanclerz Niemiec Olaf Scholz spotkał się w Warszawie z premierem Polski.",
         "German Chancellor Olaf Scholz met the Polish prime minister in Warsaw."),
        ("Władimir Putin rozmawiał z Kasym-Żomartem Tokajewem o sytuacji w Kijowie.",
         "Vladimir Putin spoke with Kassym-Jomart Tokayev about the situation in Kyiv."),
        ("MSW Kazachstanu poinformowało, że Alichan Smaiłow został premierem.",
         "Kazakhstan's Interior Ministry said Alikhan Smailov had become prime minister."),
    ]
    assert run(pairs) == []


def test_substituted_person_is_critical_and_points_at_the_wrong_name():
    target = "In a speech on Friday, Djokovic said he would not negotiate with terrorists."
    findings = run([("W piątkowym wystąpieniu Tokajew oświadczył, że nie będzie negocjował z terrorystami.", target)])
    assert [f.category for f in findings] == ["entity.substituted"]
    f = findings[0]
    assert f.severity == "critical" and covered(target, f) == "Djokovic" and f.suggestion == "Tokayev"


def test_misspelled_and_untranslated_names():
    target = "Kasym-Żomart Tokayev thanked Antony Blingen."
    findings = run([("Kasym-Żomart Tokajew podziękował Antony'emu Blinkenowi.", target)])
    got = {covered(target, f): f for f in findings}
    assert got["Kasym-Żomart"].category == "entity.misspelled" and got["Kasym-Żomart"].suggestion == "Kassym-Jomart"
    assert got["Blingen"].category == "entity.misspelled" and got["Blingen"].suggestion == "Blinken"
    assert "Tokayev" not in got and "Antony" not in got


def test_missing_and_added_names():
    missing = run([("Premier Węgier Viktor Orbán przyjechał do Kijowa.", "Hungary's prime minister came to Kyiv.")])
    assert [(f.category, f.target_span) for f in missing] == [("entity.missing", None)]
    added_target = "Prime Minister Donald Tusk announced that the government would cut VAT."
    added = run([("Premier zapowiedział, że rząd obniży podatek VAT.", added_target)])
    assert [(f.category, covered(added_target, f)) for f in added] == [("entity.added", "Donald Tusk")]


def test_inconsistent_rendering_is_reported_once_where_it_first_appears():
    pairs = [
        ("Zełenski przyjechał do Rzeszowa.", "Zelensky arrived in Rzeszów."),
        ("Zełenski podziękował Polakom.", "Zelenskyy thanked the Poles."),
        ("Potem Zełenski odleciał do Waszyngtonu.", "Then Zelensky flew to Washington."),
        ("Wieczorem Zełenski wrócił do Kijowa.", "In the evening, Zelenskiy returned to Kyiv."),
    ]
    findings = run(pairs)
    assert [(f.category, f.segment) for f in findings] == [("entity.inconsistent", 1)]
    assert "'Zelensky'" in findings[0].message and "'Zelenskyy'" in findings[0].message


def test_glossary_term_in_any_inflection():
    glossary = (("Trybunał Konstytucyjny", "Constitutional Tribunal"),)
    source = "Wyrok Trybunału Konstytucyjnego zapadł w czwartek."
    wrong = "The ruling of the Constitutional Court was issued on Thursday."
    findings = [f for f in run([(source, wrong)], glossary=glossary) if f.category == "terminology"]
    assert len(findings) == 1
    assert covered(source, findings[0], "source") == "Trybunału Konstytucyjnego"
    assert covered(wrong, findings[0]) == "Constitutional Court"
    right = "The ruling of the Constitutional Tribunal was issued on Thursday."
    assert [f for f in run([(source, right)], glossary=glossary) if f.category == "terminology"] == []


def test_empty_sides_are_skipped():
    assert run([("Tokajew przemawiał.", ""), ("", "Djokovic spoke.")]) == []


# --- names that are not names, and names English spells differently -------------------------


@pytest.mark.parametrize("text, word, unit", [
    ("18 Mrd. Euro", "Mrd", True), ("500 Mio. Euro", "Mio", True), ("12 Tsd. Mitarbeiter", "Tsd", True),
    ("5 mld zł", "zł", True), ("PLN 5 billion", "PLN", True), ("150 тыс. долларов", "тыс", True),
    ("150 KM", "KM", True), ("Mio Müller sagte", "Mio", False), ("Der BND warnt", "BND", False),
    ("Yuan Shikai", "Yuan", False), ("100 BND", "BND", True),
])
def test_units_scales_and_currencies_are_not_names(text, word, unit):
    start = text.index(word)
    assert is_unit(word, text, start, start + len(word)) is unit


@pytest.mark.parametrize("lang, source, target", [
    ("de", "Am Wochenende zeigte sich keine Sonne, sagte Meteorologe Dominik Jung.",
     "No sun appeared at the weekend, meteorologist Dominik Jung said."),
    ("de", "Siemens meldete 2,1 Mrd. Euro Gewinn, teilte Konzernchef Roland Busch mit.",
     "Siemens reported a profit of 2.1 billion euros, CEO Roland Busch said."),
    ("pl", "Kredyt wyniósł 5 mld zł, a inflacja spadła do 4 proc., podał NBP.",
     "The loan amounted to PLN 5 billion and inflation fell to 4 percent, the NBP said."),
    ("pl", "Najwięcej śniegu spadło w Sudetach i Karpatach, a w Tatrach ogłoszono zagrożenie lawinowe.",
     "Most snow fell in the Sudetes and the Carpathians, and an avalanche warning was issued in the Tatras."),
    ("ru", "Горнолыжный сезон в Альпах и на Урале откроется в декабре.",
     "The ski season in the Alps and the Urals will open in December."),
    ("pl", "Woda zalała Kozanów, jedno z osiedli we Wrocławiu.", "Water flooded Kozanów, one of the estates in Wrocław."),
    ("pl", "W Stroniu Śląskim pękła tama.", "A dam burst in Stronie Śląskie."),
    ("ru", "Трансферная сага завершилась: Артём Дзюба перешёл в «Акрон».",
     "The transfer saga is over: Artyom Dzyuba has moved to Akron."),
    ("ru", "Матч прошёл в Санкт-Петербурге, а тренер Андрей Мельников остался доволен.",
     "The match took place in St. Petersburg, and coach Andrei Melnikov was satisfied."),
    ("ru", "Юрий Сёмин приехал в Петербург.", "Yury Syomin came to Petersburg."),
    ("pl", "Wcześniej władze poprosiły o interwencję wojsk Organizacji Układu o Bezpieczeństwie Zbiorowym (ros. ODKB).",
     "Earlier the authorities requested the intervention of Collective Security Treaty Organization troops (Russian: ODKB)."),
])
def test_correct_renderings_that_once_gave_false_findings(lang, source, target):
    assert run([(source, target)], lang) == []


def test_the_expected_form_never_comes_from_an_unrelated_foreign_entry():
    target = "Residents of Kozanowa were evacuated."
    findings = run([("Ewakuowano mieszkańców Kozanowa.", target)])
    assert [(f.category, covered(target, f)) for f in findings] == [("entity.misspelled", "Kozanowa")]
    assert findings[0].suggestion == "Kozanów"


def test_russian_romanisation_systems_are_all_accepted_but_not_letter_swaps():
    keys = {name_key(v) for v in cyrillic_variants("Артём")}
    assert {name_key("Artyom"), name_key("Artem")} <= keys
    assert name_key("Andrey") in {name_key(v) for v in cyrillic_variants("Андрей")}
    source = "Полузащитник Андрей Мостовой продлил контракт с «Зенитом»."
    target = "Midfielder Andrei Mostavoy extended his contract with Zenit."
    assert [(f.category, covered(target, f)) for f in run([(source, target)], "ru")] == [("entity.misspelled", "Mostavoy")]


def test_a_german_word_that_is_also_a_surname_is_a_name_after_a_first_name():
    source = "Siemens meldete 2,1 Mrd. Euro Gewinn, teilte Konzernchef Roland Busch mit."
    target = "Siemens reported a profit of 2.1 billion euros, CEO Joe Kaeser said."
    assert [f.category for f in run([(source, target)], "de")] == ["entity.substituted"]
    weber = "Ms Webber from Leipzig has won 2 million euros."
    found = run([("Frau Weber aus Leipzig hat 2 Mio. Euro gewonnen.", weber)], "de")
    assert [(f.category, covered(weber, f)) for f in found] == [("entity.misspelled", "Webber")]


def test_an_acronym_kept_without_a_gloss_is_still_untranslated():
    target = "The troops of the ODKB arrived in Almaty."
    findings = run([("Do Ałmaty przybyły wojska ODKB.", target)])
    assert [(f.category, covered(target, f)) for f in findings] == [("entity.misspelled", "ODKB")]


# --- the seed case ---------------------------------------------------------------------------

# Source paragraph for each target block, matched by hand (scraper lines and the lost lead
# paragraph have no partner; the MT's first lead bullet duplicates source paragraph 5).
SEED_PAIRS = [(0, "T0"), (5, "B0"), (1, "B1"), (2, "B2"), (4, "T2"), (5, "T3"), (6, "T4"), (7, "T6"),
              (8, "T7"), (9, "T8"), (10, "T9"), (11, "T10"), (12, "T13"), (13, "T14"), (14, "T15"),
              (15, "T16"), (16, "T17")]


@pytest.fixture(scope="module")
def seed():
    if not (CASE / "gold.json").exists():
        pytest.skip("the case study files are not there")
    src = [p.strip() for p in (CASE / "source.pl.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    mt = [p.strip() for p in (CASE / "mt.en.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    bullets = [b.strip().lstrip("•").strip() for b in mt[1].split("\n")]
    blocks = {f"T{i}": p for i, p in enumerate(mt)} | {f"B{i}": b for i, b in enumerate(bullets)}
    pairs = [(src[s], blocks[t]) for s, t in SEED_PAIRS]
    gold = json.loads((CASE / "gold.json").read_text(encoding="utf-8"))
    return pairs, run(pairs), gold


def test_seed_case_finds_every_corrupted_name(seed):
    pairs, findings, gold = seed
    wanted = [g for g in gold if g["category"].startswith("entity.")]
    assert len(wanted) >= 10
    missed = []
    for g in wanted:
        # The gold's n-th occurrence of the wrong string, in document order over the pairs.
        places = [(i, start) for i, (_s, t) in enumerate(pairs)
                  for start in range(len(t)) if t.startswith(g["target"], start)]
        i, start = places[g["occurrence"] - 1]
        end = start + len(g["target"])
        if not any(f.segment == i and f.category.startswith("entity.") and f.target_span is not None
                   and f.target_span.start < end and start < f.target_span.end for f in findings):
            missed.append(g["target"])
    assert missed == []
    kinds = {(f.category, covered(pairs[f.segment][1], f)) for f in findings}
    assert ("entity.substituted", "Djokovic") in kinds
    assert any(c == "entity.inconsistent" and "Joint Security" in t for c, t in kinds)


def test_seed_case_reports_nothing_on_names_rendered_right(seed):
    pairs, findings, _gold = seed
    flagged = " | ".join(covered(pairs[f.segment][1], f) for f in findings if f.target_span is not None)
    for right in ("Almaty", "Putin", "Air Force One", "Jean-Pierre", "Interior Ministry", "Alikhan", "Washington"):
        assert right not in flagged
    assert not any(f.category in ("entity.added", "entity.missing") for f in findings)


def test_professional_reference_of_the_seed_gets_no_finding():
    if not (CASE / "reference.en.txt").exists():
        pytest.skip("the case study files are not there")
    src = [p.strip() for p in (CASE / "source.pl.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    ref = [p.strip() for p in (CASE / "reference.en.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(src) == len(ref)
    assert run(list(zip(src, ref))) == []


# --- benchmark targets -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("files", [LANGS, EXTRA], ids=["original", "extra"])
def test_labelled_cases_meet_the_targets(embedder, files):
    # The extra files were written after the check was tuned on the original ones; both sets
    # must meet the targets on their own.
    score = score_cases(files, embedder=embedder)
    assert score.pairs > 90
    for kind in KINDS:
        recall = score.recall(kind)
        assert recall is not None and recall >= target_for(kind), (kind, recall, score.misses)
    assert score.false_rate() <= MAX_FALSE_RATE, score.false_findings


def test_a_large_place_replaced_by_an_unknown_name_is_a_substitution():
    target = "Talks on grain exports resumed in Sobota on Monday."
    findings = run([("Rozmowy o eksporcie zboża wznowiono w poniedziałek w Kijowie.", target)])
    assert [(f.category, covered(target, f)) for f in findings] == [("entity.substituted", "Sobota")]
    assert findings[0].suggestion == "Kyiv"


def test_a_person_replaced_by_a_description_is_missing():
    target = "The report was presented by the University Hospital on Tuesday."
    findings = run([("Raport przedstawił we wtorek Serhij Bondarenko.", target)])
    assert [f.category for f in findings] == ["entity.missing"]


@pytest.mark.parametrize("text, word, unit", [
    ("mit dem 180 Millionen Dinar teuren Projekt", "Dinar", True), ("Die Stadt Dinar liegt in der Türkei", "Dinar", False),
    ("temperatura około 350 stopni Celsjusza", "Celsjusza", True), ("about 100 million degrees Celsius", "Celsius", True),
])
def test_currency_names_after_a_scale_word_and_temperature_scales_are_units(text, word, unit):
    start = text.index(word)
    assert is_unit(word, text, start, start + len(word)) is unit


@pytest.mark.parametrize("lang, source, target", [
    # Another romanisation of the gazetteer's English name (Vinnytsya).
    ("de", "Das System werde im März in Kiew und Winnyzja starten.", "The system would be launched in Kyiv and Vinnytsia in March."),
    # A German land name in -ien, which English calls by its Polish name.
    ("de", "Der Film entstand an 41 Drehtagen in der Region Podlachien.", "The film was shot over 41 days in the Podlasie region."),
    # German exonyms the extractor does not split; the dictionary's compound test made them
    # words (Leb + User); a place that is also a word, after "in" (Mähren: mares). Such weaker
    # evidence only explains a name that resembles it.
    ("de", "Lithiumreiche Solen unter dem Lebuser Land könnten 150.000 Tonnen enthalten.",
     "Lithium-rich brines beneath the Lubusz region could contain 150,000 tonnes."),
    ("de", "Forschende der Jagiellonen-Universität in Krakau haben einen Bluttest entwickelt.",
     "Researchers at the Jagiellonian University in Kraków have developed a blood test."),
    ("de", "Die Elite wurde bei den Kirchen von Mikulčice in Mähren bestattet.",
     "The elite were buried near the churches of Mikulčice in Moravia."),
])
def test_german_sources_with_exonyms_and_variants_give_no_finding(lang, source, target):
    assert run([(source, target)], lang) == []


def test_exonyms_and_variants_still_leave_wrong_names_reported():
    # The German exonym kept in English is still the source-language form.
    kept = run([("Das System werde in Winnyzja starten.", "The system would be launched in Winnyzja.")], "de")
    assert [f.category for f in kept] == ["entity.misspelled"]
    # A surname in -ien is a person's, held to its spelling.
    person = run([("Der Regisseur Marc Bastien sagte, der Film sei fertig.", "Director Marc Bastian said the film was finished.")], "de")
    assert [f.category for f in person] == ["entity.misspelled"]
    # Ordinary compounds explain no added name.
    added = run([("Die Wasserverluste im Leitungsnetz sind hoch.", "Water losses in the Lubusz pipe network are high.")], "de")
    assert [f.category for f in added] == ["entity.added"]
    unlike = run([("Lithiumreiche Solen unter dem Lebuser Land könnten 150.000 Tonnen enthalten.",
                   "Lithium-rich brines beneath the Masuria region could contain 150,000 tonnes.")], "de")
    assert [f.category for f in unlike] == ["entity.added"]


@pytest.mark.parametrize("lang, source, target, expected", [
    # Russian texts give a Ukrainian the Russian form of his given name; English the Ukrainian one.
    ("ru", "Заместитель главы службы Николай Гриценко заявил, что атака имеет признаки действий группировки.",
     "Mykola Hrytsenko, a deputy head of the service, said the attack bore the hallmarks of a group.", []),
    ("ru", "Заместитель главы службы Николай Гриценко заявил, что атака имеет признаки действий группировки.",
     "Mikhail Hrytsenko, a deputy head of the service, said the attack bore the hallmarks of a group.",
     ["entity.added"]),
    # A river inside a town's name follows the town's language (Ústí nad Labem), not English (Elbe).
    ("pl", "Budowa mogłaby się rozpocząć w 2032 r. – poinformowali urzędnicy w Uściu nad Łabą.",
     "Construction could begin in 2032, officials said in Ústí nad Labem.", []),
    ("pl", "Budowa mogłaby się rozpocząć w 2032 r. – poinformowali urzędnicy w Uściu nad Łabą.",
     "Construction could begin in 2032, officials said in Ústí nad Wisla.", ["entity.substituted"]),
    # Another language's name of the same place (the German Neisse for the Nysa) is not another place.
    ("pl", "Wielu z nich przeprowadziło się ze Zgorzelca na drugi brzeg Nysy.",
     "Many of them moved across the Neisse from Zgorzelec.", []),
    ("pl", "Wielu z nich przeprowadziło się ze Zgorzelca na drugi brzeg Nysy.",
     "Many of them moved across the Oder from Zgorzelec.", ["entity.substituted"]),
])
def test_other_languages_forms_of_the_same_name(lang, source, target, expected):
    assert [f.category for f in run([(source, target)], lang)] == expected


@pytest.mark.parametrize("target, expected", [
    # Мэй is the pinyin Mei, though a town in Myanmar (Myeik) has that Russian name too
    ("Together they give residents green space, said Li Mei of the Hangzhou parks bureau.", []),
    ("Together they give residents green space, said Li Mao of the Hangzhou parks bureau.", ["entity.substituted"]),
])
def test_a_chinese_syllable_that_also_names_a_town_is_held_to_pinyin(target, expected):
    source = "Вместе они обеспечивают жителей зелеными зонами, рассказала Ли Мэй из городского управления парков Ханчжоу."
    assert [f.category for f in run([(source, target)], "ru")] == expected


@pytest.mark.parametrize("target, expected", [
    ("Mykola Hrytsenko, a deputy head of the service, said the attack bore the hallmarks of a group.", []),
    # the surname gone, the given name kept: a translation drops given names, not surnames
    ("Mykola September, a deputy head of the service, said the attack bore the hallmarks of a group.",
     ["entity.missing"]),
])
def test_a_surname_lost_beside_its_given_name_is_missing(target, expected):
    source = "Заместитель главы службы Николай Гриценко заявил, что атака имеет признаки действий группировки."
    assert [f.category for f in run([(source, target)], "ru")] == expected


@pytest.mark.parametrize("lang, source, target, expected", [
    # an unidentified source word (Сенат, soft) is no rendering of a large city the source never names
    ("ru", "Сейм в пятницу принял закон; теперь он поступит в Сенат.", "The Sejm passed the law on Friday; it now goes to Kyiv.",
     ["entity.added"]),
    ("ru", "Сейм в пятницу принял закон; теперь он поступит в Сенат.", "The Sejm passed the law on Friday; it now goes to the Senate.",
     []),
    # ...but an adjective made from its name is one (Венского: Vienna's, Wiener: Vienna)
    ("ru", "Исследователи из Карлова университета в Праге и Венского университета реконструировали рацион.",
     "Researchers from Charles University in Prague and the University of Vienna reconstructed the diet.", []),
    ("de", "Die Wiener Philharmoniker spielen im Mai in Warschau.", "The Vienna Philharmonic will play in Warsaw in May.", []),
])
def test_an_added_large_place_needs_its_name_in_the_source(lang, source, target, expected):
    assert [f.category for f in run([(source, target)], lang)] == expected


def test_a_repeated_paragraph_later_in_the_document_is_held_to_its_twins_source():
    # Scrapers repeat a lead paragraph without a source of its own; its names are checked against
    # the source of the paragraph it repeats, wherever that is.
    src = ["Prezydent Kazachstanu Kasym-Żomart Tokajew przemawiał w Astanie.",
           "Minister Spraw Zagranicznych Muchtar Tileuberdi spotkał się z ambasadorami w Ałmaty."]
    tgt = ["Kazakhstan's President Kassym-Jomart Tokayev spoke in Astana.",
           "Foreign Minister Mukhtar Tileuberdi met ambassadors in Almaty."]
    repeat = "Foreign Minister Mukhtar Tileuberdin met ambassadors in Almaty."
    pairs = tuple(AlignedPair(i, (i,), (i,), s, t, 1.0) for i, (s, t) in enumerate(zip(src, tgt)))
    pairs += (AlignedPair(2, (), (2,), "", repeat, 0.0),)
    found = list(EntityCheck().run(Context(pairs, "pl", "en", (None,) * 3, Options())))
    assert not [f for f in found if f.segment < 2]
    names = [f for f in found if f.segment == 2]
    assert [f.category for f in names] == ["entity.misspelled"]
    assert all(dict(f.evidence).get("source_segment") == "1" for f in names)
