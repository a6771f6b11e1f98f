"""Recognise scraper and site boilerplate among target paragraphs that have no source.

Navigation, "See also" teasers, newsletter and comment-form lines, share buttons and cookie
notices are what scrapers mix into articles. Patterns are per language because a delivery's target
may be any language; the English ones come first because English is the usual target.
"""
from __future__ import annotations

import re

_PATTERNS = [
    # English
    r"^(see|read) (also|more)\b", r"^related( articles?| stories| news)?\s*:?", r"^also read\b",
    r"\bsubscribe\b.*\bnewsletter\b", r"\bnewsletter\b.*\bsubscribe\b", r"\bsign up for\b",
    r"^leave a (reply|comment)\b", r"your email address will not be published",
    r"required fields are marked", r"^(share|tweet|follow us)\b", r"\bclick here\b",
    r"^advertisement$", r"\bcookies?\b.*\b(accept|policy|consent)\b", r"all rights reserved",
    r"^the rest of the (article|text)\b", r"\b(article|story) continues (below|under)\b",
    r"^similar information can be found\b", r"\bon (the )?\w+ (home ?page|homepage)\b",
    r"^we are glad you are with us\b", r"^(photo|image|video|source)\s*:", r"^comments?\s*\(\d+\)$",
    r"^(previous|next) (article|post)\b", r"^(log in|sign in|register)\b", r"^download (the )?app\b",
    # Polish
    r"^(zobacz|czytaj) (też|także|również)\b", r"^dalsza część (artykułu|tekstu)\b",
    r"\bnewsletter\b", r"^zapisz się\b", r"^(udostępnij|skomentuj)\b", r"^reklama$",
    r"^podobne informacje znajdziesz\b", r"^cieszymy się, że jesteś z nami\b",
    # German, Russian, Czech
    r"^(siehe auch|lesen sie auch|mehr zum thema)\b", r"^(см\. также|читайте также)\b",
    r"^(čtěte také|související)\b", r"^(weiterlesen|anzeige|werbung)$",
]
_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.UNICODE)
# A teaser headline signed with the site's short name: "... mass rape - o2".
_SITE_SUFFIX = re.compile(r"\s[-–|]\s?[\w.]{2,12}\s*$")


def boilerplate_reason(text: str) -> str | None:
    """Why `text` looks like scraper/site boilerplate, or None if it looks like article content."""
    t = " ".join(text.split())
    m = _RE.search(t)
    if m:
        return f"matches site furniture pattern {m.group()!r}"
    if len(t) < 120 and _SITE_SUFFIX.search(t) and t.lower().startswith(("see", "zobacz", "czytaj", "read")):
        return "teaser link to another article"
    return None
