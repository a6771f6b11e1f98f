"""German capitals: every noun has one, so which capitalised words are names?

german-nouns (Wiktionary) separates ordinary nouns from given names, surnames and toponyms, but
many surnames are ordinary words too (Sonne, Busch, Weber, Jung), and many names are
translated rather than kept (Bundesverfassungsgericht, Nordsee, die Grünen). Such words are
*soft*: a translation that keeps them is explained, one that translates them is not wrong, and
only positive evidence (a first name or a title before them, see entities_generic) makes
them names to check.
"""
from __future__ import annotations

import re

from . import lexicon

# Heads of German compounds that name institutions and geographic features.
_DE_TRANSLATED = re.compile(
    r"(?<=[a-zäöüß]{3})(see|meer|wald|gebirge|bucht|küste|gericht|gerichtshof|amt|ministerium|bank|agentur|dienst"
    r"|behörde|kammer|partei|verband|institut|anstalt|stiftung|gebiet|kommission|rat)$"
)
# ...of which these make a toponym English usually translates (Nordsee, Erzgebirge, Kieler Bucht).
_DE_GEOGRAPHIC = re.compile(r"(?<=[a-zäöüß]{3})(see|meer|gebirge|bucht|küste|becken)$")
_DE_NOUN_SUFFIX = re.compile(r"(ung|heit|keit|schaft|tion|tät|ismus|nis|tum|ling|ment|ie|ik|ei|ur|enz|anz)(en|e|s)?$")


def german_kind(word: str, at_start: bool, known_lower: bool, in_gazetteer: bool) -> str:
    """'name', 'soft', 'maybe' (sentence-initial, known) or 'none' for a capitalised German word."""
    if lexicon.german_is_common_noun(word) or (_DE_NOUN_SUFFIX.search(word) and not lexicon.german_is_name(word)) \
            or lexicon.german_doubles_as_word(word):
        if at_start:
            return "maybe"
        # Sonne, Busch, Weber: also a surname somewhere, so a kept "Sonne" is explained,
        # but only a first name or a title before it makes it a name.
        return "soft" if lexicon.german_is_name(word) or in_gazetteer else "none"
    if known_lower and at_start:
        return "maybe"  # "Am Montag", "Die Polizei"
    if known_lower and not lexicon.german_is_person_or_place(word):
        return "soft"  # "die Grünen" (the Greens): an adjective made a party's name
    if (_DE_GEOGRAPHIC.search(word) or (_DE_TRANSLATED.search(word) and not lexicon.german_is_person_or_place(word))) \
            and not in_gazetteer:
        # Bundesverfassungsgericht, Nordsee, Ruhrgebiet: a compound of an ordinary noun is
        # translated (Federal Constitutional Court, North Sea); kept as is, it is still explained.
        return "maybe" if at_start else "soft"
    return "name"
