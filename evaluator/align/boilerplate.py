"""Recognise scraper and site boilerplate among target paragraphs that have no source.

Navigation, "See also" teasers, newsletter and comment-form lines, share buttons and cookie
notices are what scrapers mix into articles. Patterns are per language because a delivery's target
may be any language (en, pl, de, ru, cs here); each names a kind of site furniture, never a
particular site or article.
"""
from __future__ import annotations

import re

# Whole-line furniture: the line IS the button, link or label (checked on short lines only).
_LINE = {
    "en": r"advertisement|sponsored|menu|home|skip to (main )?content|back to top|share( this( article| story)?)?"
          r"|tweet|print|email|comments?( \(\d+\))?|(previous|next)( article| post| story)?|read more|load more"
          r"|(log|sign) ?in( to (comment|continue))?|register|subscribe|related( articles| stories| news)?"
          r"|leave a (reply|comment)|post (a )?comment|show comments",
    "pl": r"reklama|materiał sponsorowany|udostępnij|skomentuj|komentarze( \(\d+\))?|czytaj (więcej|dalej)"
          r"|(poprzedni|następny) artykuł|zaloguj się|polecamy|podobne artykuły",
    "de": r"anzeige|werbung|teilen|kommentare( \(\d+\))?|weiterlesen|mehr lesen|zurück nach oben"
          r"|(vorheriger|nächster) artikel|anmelden",
    "ru": r"реклама|поделиться|комментарии( \(\d+\))?|читать (далее|дальше)|(предыдущая|следующая) статья|войти",
    "cs": r"reklama|sdílet|komentáře( \(\d+\))?|číst dál|(předchozí|další) článek|přihlásit se",
}
# Furniture that opens a line: teasers for other articles, photo credits, "the article continues".
_START = {
    "en": r"(see|read) (also|more)\b|also read\b|related( articles?| stories| news)?\s*:|more on this\b"
          r"|(photo|image|video|source|credit)s?\s*:|the rest of the (article|text|story)\b|continue reading\b"
          r"|follow us (on|at)\b|share (this|on)\b|download (the|our) app\b|click here\b",
    "pl": r"(zobacz|czytaj|przeczytaj) (też|także|również|więcej)\b|dalsza część (artykułu|tekstu)\b"
          r"|(zdjęcie|fot|źródło|wideo)\.?\s*:|polecamy\s*:|obserwuj nas\b|pobierz aplikację\b",
    "de": r"(siehe auch|lesen sie (auch|mehr)|mehr zum thema|das könnte sie auch interessieren)\b"
          r"|(foto|bild|quelle)\s*:|folgen sie uns\b",
    "ru": r"(см\. также|смотрите также|читайте (также|ещё|еще)|по теме\s*:)|(фото|источник)\s*:"
          r"|подписывайтесь на\b",
    "cs": r"(čtěte (také|též|dále)|související( články)?\s*:|mohlo by vás zajímat)|(foto|zdroj)\s*:"
          r"|sledujte nás\b",
}
# Furniture anywhere in a line: newsletter sign-ups, comment forms, cookie notices, copyright.
_ANYWHERE = {
    "en": r"\b(subscribe|sign up)\b.{0,60}\bnewsletter|\bnewsletter\b.{0,60}\b(subscribe|sign up)\b"
          r"|your email address will not be published|required fields are marked"
          r"|\b(we|this (site|website)) uses? cookies\b|\bcookie (policy|settings|consent)\b|all rights reserved"
          r"|\b(article|story) continues (below|under|after)\b|\bon (the )?\w+ (home ?page)\b",
    "pl": r"\bzapisz się\b.{0,60}\bnewslett|\bnewsletter\w*\b.{0,60}\bzapisz\b"
          r"|twój adres (e-mail|email) nie zostanie opublikowany|wymagane pola są oznaczone"
          r"|\b(używamy|używa) (plików )?cookie|wszelkie prawa zastrzeżone|\bna stronie głównej \w+\b"
          r"|artykuł (pod|poniżej) (materiałem|reklamą)",
    "de": r"\b(abonnieren|melden sie sich)\b.{0,60}\bnewsletter|\bnewsletter\b.{0,60}\b(abonnieren|anmelden)\b"
          r"|ihre e-mail-adresse wird nicht veröffentlicht|erforderliche felder sind"
          r"|\b(wir verwenden|verwendet) cookies\b|alle rechte vorbehalten",
    "ru": r"\bподпи\w+\b.{0,60}\b(рассылк|newsletter)|ваш (адрес )?(email|e-mail|эл\. почты) не будет опубликован"
          r"|обязательные поля помечены|\bиспольз\w+ (файлы )?cookie|все права защищены",
    "cs": r"\b(přihlaste|přihlásit)\b.{0,60}\b(odběr|newsletter)|vaše e-mailová adresa nebude zveřejněna"
          r"|povinné údaje jsou označeny|\bpoužív\w+ (soubory )?cookies?\b|všechna práva vyhrazena",
}
SHORT_LINE = 40  # characters; a whole-line pattern only applies to a line this short

_LINE_RE = re.compile(r"^[\W_]*(?:" + "|".join(f"(?:{p})" for p in _LINE.values()) + r")[\W_]*$", re.IGNORECASE)
_START_RE = re.compile(r"^[\W_]*(?:" + "|".join(f"(?:{p})" for p in _START.values()) + ")", re.IGNORECASE)
_ANY_RE = re.compile("|".join(f"(?:{p})" for p in _ANYWHERE.values()), re.IGNORECASE)


def boilerplate_reason(text: str) -> str | None:
    """Why `text` looks like scraper/site boilerplate, or None if it looks like article content."""
    t = " ".join(text.split())
    if len(t) <= SHORT_LINE and _LINE_RE.match(t):
        return f"site navigation or button {t!r}"
    for rx in (_START_RE, _ANY_RE):
        m = rx.search(t)
        if m:
            return f"matches site furniture pattern {m.group().strip(' •*-–—:')!r}"
    return None
