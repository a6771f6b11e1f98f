"""Boilerplate patterns: site furniture in five languages, and article sentences that only look close."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.align.boilerplate import boilerplate_reason

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "parallel"


@pytest.mark.parametrize("line", [
    "See also: Floods hit southern Poland", "Read more: The budget debate", "Related stories:",
    "Subscribe to our newsletter for the day's top stories", "Share this article", "Leave a Reply",
    "Your email address will not be published. Required fields are marked *", "Advertisement",
    "We use cookies to improve your experience.", "Photo: Reuters", "Comments (12)", "Skip to content",
    "The rest of the article is available under the video:", "© 2024 All rights reserved.",
    "Zobacz także: Powódź na południu Polski", "Czytaj też: Rząd przyjął budżet", "Reklama", "Udostępnij",
    "Zapisz się do naszego newslettera", "Twój adres e-mail nie zostanie opublikowany.",
    "Dalsza część artykułu pod materiałem wideo", "Ta strona używa plików cookie.",
    "Siehe auch: Hochwasser in Polen", "Lesen Sie auch: Der Haushalt", "Anzeige",
    "Wir verwenden Cookies, um die Website zu verbessern.", "Ihre E-Mail-Adresse wird nicht veröffentlicht.",
    "Читайте также: Наводнение в Польше", "См. также: бюджет", "Поделиться", "Реклама",
    "Подписывайтесь на нашу рассылку новостей", "Ваш адрес email не будет опубликован.",
    "Čtěte také: Povodně v Polsku", "Související články:", "Sdílet",
    "Vaše e-mailová adresa nebude zveřejněna.", "Tento web používá soubory cookies.",
])
def test_site_furniture_is_recognised(line):
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize("line", [
    "The home secretary said the register of voters would be published on Monday.",
    "Read the full statement, the minister told reporters, before judging it.",
    "She shared the prize with two colleagues from Kraków.",
    "Reklama zewnętrzna w Krakowie będzie ograniczona od przyszłego roku – zdecydowali radni.",
    "Crisis in Kazakhstan",
    "Newsletter publishers in Germany saw revenues fall by 12% last year.",
])
def test_article_sentences_are_not_boilerplate(line):
    assert boilerplate_reason(line) is None


def test_no_paragraph_of_the_parallel_corpus_is_boilerplate():
    paths = sorted(CORPUS.glob("*.jsonl"))
    if not paths:
        pytest.fail(f"no parallel corpus under {CORPUS}")
    flagged = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            flagged += [(row["id"], lang) for lang, text in row.items() if lang != "id" and boilerplate_reason(text)]
    assert flagged == []
