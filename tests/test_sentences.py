"""Sentence splitting: abbreviations, ordinals and initials must not end a sentence."""
from __future__ import annotations

import pytest

from evaluator.lang.sentences import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, lang)]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("pl", "W 2022 r. policja zatrzymała 4 tys. osób. Później ich zwolniono.",
         ["W 2022 r. policja zatrzymała 4 tys. osób.", "Później ich zwolniono."]),
        ("pl", "Budżet wyniesie 5 mln zł. Prof. Jan Nowak z ul. Długiej, np. w tej sprawie, milczy.",
         ["Budżet wyniesie 5 mln zł.", "Prof. Jan Nowak z ul. Długiej, np. w tej sprawie, milczy."]),
        ("pl", "Stało się to w 2021 r. Następnie rząd upadł.", ["Stało się to w 2021 r.", "Następnie rząd upadł."]),
        ("pl", "Deficyt wzrósł do 6,7 proc. PKB, powyżej celu. Rząd milczy.",
         ["Deficyt wzrósł do 6,7 proc. PKB, powyżej celu.", "Rząd milczy."]),
        ("pl", "Zginęło 26 osób, a blisko 4 tys. osób zatrzymano. W starciach zginęło osiemnastu.",
         ["Zginęło 26 osób, a blisko 4 tys. osób zatrzymano.", "W starciach zginęło osiemnastu."]),
        ("pl", "Dr Anna Kowalska i A. Nowak przyszli m.in. z gen. Kowalem. To wszystko.",
         ["Dr Anna Kowalska i A. Nowak przyszli m.in. z gen. Kowalem.", "To wszystko."]),
        ("de", "Am 5. März kamen ca. 20 Mio. Euro an, z.B. aus Berlin. Dr. Müller sagte das. Dann ging er.",
         ["Am 5. März kamen ca. 20 Mio. Euro an, z.B. aus Berlin.", "Dr. Müller sagte das.", "Dann ging er."]),
        ("de", "Er blieb zum 100. Mal ohne Gegentor. Im Jahr 2022. Dann nicht mehr.",
         ["Er blieb zum 100. Mal ohne Gegentor.", "Im Jahr 2022.", "Dann nicht mehr."]),
        ("ru", "В 2022 г. Полиция задержала 4 тыс. человек. В г. Москва проф. Иванов выступил. Потом ушёл.",
         ["В 2022 г.", "Полиция задержала 4 тыс. человек.", "В г. Москва проф. Иванов выступил.", "Потом ушёл."]),
        ("cs", "Dne 5. ledna přišlo tzv. vedení, např. Jan Novák. Pak odešel.",
         ["Dne 5. ledna přišlo tzv. vedení, např. Jan Novák.", "Pak odešel."]),
        ("en", "Mr. Smith met J. Doe at 5 p.m. Then they left, e.g. for lunch. Why? Nobody knows!",
         ["Mr. Smith met J. Doe at 5 p.m.", "Then they left, e.g. for lunch.", "Why?", "Nobody knows!"]),
        ("pl", "– Mamy pytania. Dlaczego do tego doszło? „Ten rozkaz jest niepokojący” – powiedziała.",
         ["– Mamy pytania.", "Dlaczego do tego doszło?", "„Ten rozkaz jest niepokojący” – powiedziała."]),
    ],
)
def test_splits_where_a_sentence_ends(lang, text, expected):
    assert sentences(text, lang) == expected


@pytest.mark.parametrize("lang", ["pl", "en", "de", "ru", "cs", "xx"])
def test_spans_cover_every_non_space_character_in_order(lang):
    text = "  Pierwsze zdanie, ok. 5 tys. słów.  Drugie!  Trzecie?   Czwarte bez kropki  "
    spans = split_sentences(text, lang)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")
    assert all(not text[s.start].isspace() and not text[s.end - 1].isspace() for s in spans)


def test_empty_and_blank_text_have_no_sentences():
    assert split_sentences("", "pl") == []
    assert split_sentences("   \n ", "en") == []
