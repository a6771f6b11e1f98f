"""Closed-class words per language: what word-level fidelity checks skip, and how each marks negation.

Word coverage (evaluator.lang.wordcover) compares content words only: function words translate
loosely or not at all (Polish has no articles, English has few case endings), so they would
only add noise. Number words are left out too: the number check owns them.

Negation is kept apart because it is the one closed-class signal that flips meaning. "Hard"
markers negate a clause on their own; "soft" ones may carry a negation across languages in
another shape ("nie mając" -> "without having", "nie udało się" -> "failed to"), so a mismatch
they can explain is not reported.
"""
from __future__ import annotations

import re

from ..types import Span

_NT = ("n't", "n’t")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBERS = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty"
          " forty fifty sixty hundred hundreds thousand thousands million millions billion billions"
          " percent per cent first second third half dozen dozens",
    "pl": "jeden jedna jedno jednego dwa dwie dwóch dwoma trzy trzech cztery czterech pięć pięciu sześć"
          " siedem osiem dziewięć dziesięć dziesięciu dwanaście dwadzieścia sto stu tysiąc tysiące tysięcy"
          " tys mln mld milion miliony milionów miliard miliardów procent proc pierwszy pierwsza"
          " pierwsze drugi druga drugie trzeci połowa kilka kilku kilkanaście kilkunastu kilkadziesiąt",
    "de": "ein eins zwei drei vier fünf sechs sieben acht neun zehn zwölf zwanzig hundert tausend"
          " million millionen milliarde milliarden mio mrd prozent erste ersten zweite dritte hälfte",
    "ru": "один одна одно два две три четыре пять шесть семь восемь девять десять двадцать сто тысяча"
          " тысячи тысяч тыс млн млрд миллион миллиона миллионов миллиард процент процента процентов"
          " первый первая второй третий половина несколько",
}

STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "a an the and or but nor so yet if then than that this these those there here what which who whom"
        " whose when where why how whether while as at by for from in into of off on onto out over to up"
        " down with within without about above after against along among around before behind below"
        " between beyond during except inside near since through throughout toward towards under until"
        " upon via per i me my mine we us our ours you your yours he him his she her hers it its they them"
        " their theirs myself yourself himself herself itself ourselves themselves be am is are was were"
        " been being have has had having do does did doing done will would shall should can could may"
        " might must not no never n't nothing nobody none neither also too very just only even still"
        " already yet again ever more most less least much many some any all each every both other"
        " another such own same so s t d ll m re ve o one's mr mrs ms dr st etc"
        " well quite rather almost about around really"
    ) | _words(_NUMBERS["en"]),
    "pl": _words(
        "a i o u w we z ze za na do od po pod nad przed przez przy dla bez ku oraz lub albo ani czy ale"
        " lecz jednak więc że żeby by aby bo gdy kiedy jeśli jeżeli gdyby który która które którego"
        " której którym których którzy jaki jaka jakie jak tak to ten ta te tego tej tym tych tę tą"
        " temu ci co kto się sobie siebie mu mi mnie ci go jej jego ich im nim niej nich nią on ona ono"
        " oni one my wy ja ty nas was nam wam je jest są był była było byli były być będzie będą"
        " będzie zostać został została zostało zostali zostały zostanie zostaną nie nigdy nic nikt"
        " nikogo niczego żaden żadna żadne żadnego już też także również tylko jeszcze bardzo nawet"
        " tu tam tutaj gdzie wtedy teraz potem ani dlatego ponieważ zaś czyli np m.in tzw r ok ws"
        " sam sama samo swój swoja swoje swojego swojej swoich mój moja twój nasz nasza nasze wasz"
        " jakby niż może można trzeba ma mają mieć miał miała mieli mam by bym byś byśmy"
        " wszystko wszyscy wszystkie każdy każda każde inny inna inne innych"
    ) | _words(_NUMBERS["pl"]),
    "de": _words(
        "der die das den dem des ein eine einer eines einem einen und oder aber doch sondern denn weil"
        " dass ob wenn als wie so auch noch schon nur sehr nicht kein keine keinen keiner keinem nie"
        " nichts niemand ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen sein"
        " seine seiner seinem seinen ihre ihrer ihrem ihren unser unsere mein meine dein dieser diese"
        " dieses diesem diesen jener welche welcher welches was wer wo wann warum wie hier dort da"
        " dann im am zum zur vom beim ins ans in an auf aus bei mit nach von vor zu über unter zwischen"
        " durch für gegen ohne um bis seit während wegen trotz ist sind war waren bin bist sei wäre"
        " wird werden wurde wurden worden hat haben hatte hatten habe kann können konnte konnten muss"
        " müssen soll sollen sollte will wollen wollte mehr man alle alles jeder jede jedes etwa laut"
        " erst bereits rund zuvor damit dabei dazu darauf"
    ) | _words(_NUMBERS["de"]),
    "ru": _words(
        "и а но или да же ли бы не ни нет что чтобы как так также тоже если когда где куда потому"
        " поэтому в во на с со к ко о об обо от из у за по под над перед при про для без до через"
        " между я ты он она оно мы вы они его её ее их им ими ему ей ней нем нём них нас вас нам вам"
        " меня мне тебя тебе себя себе свой своя своё свои своего своей этот эта это эти этого этой"
        " этих тот та те того той тех который которая которое которые которого которой которых"
        " кто чем чего весь вся всё все всех был была было были быть будет будут есть является уже"
        " ещё еще только очень даже вот там тут здесь теперь тогда никто ничто ничего никогда"
    ) | _words(_NUMBERS["ru"]),
    "fr": _words(
        "le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où si ce"
        " cet cette ces il elle ils elles on nous vous je tu me te se lui leur leurs son sa ses mon ma"
        " mes ton ta tes notre nos votre vos est sont était étaient être a ont avait avaient avoir été"
        " sera seront ne pas plus jamais rien personne aucun aucune dans en sur sous par pour avec sans"
        " chez entre vers depuis pendant avant après très aussi déjà encore seulement tout tous toute"
    ),
    "es": _words(
        "el la los las lo un una unos unas y e o u pero sino ni que quien quienes cual cuales cuyo donde"
        " cuando como si de del al a en con sin por para sobre entre hasta desde hacia durante ante se"
        " su sus mi mis tu tus nuestro nuestra él ella ellos ellas yo tú nosotros vosotros le les me te"
        " nos es son era eran fue fueron ser sido está están estaba estar ha han había haber no nunca"
        " nada nadie ningún ninguna muy también ya aún todavía solo sólo más menos todo todos toda esta"
        " este estos estas ese esa esos esas"
    ),
}

# Markers that negate a clause by themselves. Polish and Russian double negation ("nikt nie",
# "никто не") is counted through the particle only, so it equals English "nobody".
NEGATION: dict[str, frozenset[str]] = {
    "en": _words("not n't never no nobody nothing none nowhere cannot neither"),
    "pl": _words("nie"),
    "de": _words("nicht kein keine keinen keiner keinem keines nie niemals niemand nichts nirgends weder"),
    "ru": _words("не нет нельзя"),
    "fr": _words("pas jamais rien personne aucun aucune ni"),
    "es": _words("no nunca nada nadie ningún ninguno ninguna jamás tampoco"),
    "cs": _words("ne nikdy nic nikdo žádný"),
}
# Negative pronouns of the double-negation languages: they negate a clause only when no
# particle does ("Nic dziwnego" = "No wonder").
NEGATIVE_PRONOUNS: dict[str, frozenset[str]] = {
    "pl": _words("nikt nic nigdy nigdzie żaden żadna żadne żadnego żadnej nikogo niczego nikomu"),
    "ru": _words("никто ничто ничего никогда нигде никакой никакая никакие никого"),
}
# Words that can carry a negation in another shape; a difference they can explain is not reported.
SOFT_NEGATION: dict[str, frozenset[str]] = {
    "en": _words("without fail fails failed failing refuse refused refuses refusing lack lacks lacked"
                 " unless nor deny denied denies declined decline absence free least only unable"
                 " instead rather ruled yet within whether until avoid avoided prevent prevented stop"
                 " stopped except less fewer barely hardly little few ever any anything anyone"
                 " anybody either neither record highest most first best largest biggest since"),
    "pl": _words("bez brak braku ani zamiast odmówił odmówiła odmówili odmawia nieudany"),
    "de": _words("ohne mangels statt anstatt weder noch verweigert abgelehnt"),
    "ru": _words("без ни вместо отказался отказалась отказались отсутствие"),
    "fr": _words("sans ni"),
    "es": _words("sin ni"),
    "cs": _words("bez ani"),
}


def stopwords(lang: str) -> frozenset[str]:
    return STOPWORDS.get(lang.split("-")[0].lower(), frozenset())


def soft_negations(lang: str) -> frozenset[str]:
    return SOFT_NEGATION.get(lang.split("-")[0].lower(), frozenset())


def has_word_lists(lang: str) -> bool:
    return lang.split("-")[0].lower() in STOPWORDS


def negation_count(tokens: list[str], lang: str) -> tuple[int, int]:
    """(hard negations, soft negation markers) among lower-cased tokens of one sentence."""
    base = lang.split("-")[0].lower()
    hard_set, soft_set = NEGATION.get(base, frozenset()), SOFT_NEGATION.get(base, frozenset())
    hard = sum(t in hard_set or (base == "en" and t.endswith(_NT)) for t in tokens)
    if base == "en":  # "unclear", "impossible", "non-binding" can carry a Polish "nie"
        soft_set = soft_set | {t for t in tokens if _negative_prefix(t)}
    if hard == 0 and base in NEGATIVE_PRONOUNS:
        hard = min(1, sum(t in NEGATIVE_PRONOUNS[base] for t in tokens))
    soft = sum(t in soft_set for t in tokens)
    return hard, soft


def number_sign(text: str, start: int, end: int) -> bool:
    """'No. 2', 'nr 5', 'Nr. 3': an abbreviation of 'number', not a negation."""
    if text[start:end].lower() not in ("no", "nr"):
        return False
    rest = text[end:].lstrip(".").lstrip()
    return rest[:1].isdigit()


_NEGATIVE_IN = _words("impossible illegal invalid inadequate insufficient incorrect inability unable"
                      " irrelevant inaccurate incomplete inconsistent")


def _negative_prefix(word: str) -> bool:
    if word in _NEGATIVE_IN:
        return True
    for prefix in ("un", "non", "dis"):  # "in-" and "im-" start too many plain words (increase, impose)
        rest = word[len(prefix):].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 5 and _english_word(rest):
            return True
    return False


def _english_word(word: str) -> bool:
    from .lexicon import is_known

    return is_known(word, "en")


def negation_spans(text: str, lang: str) -> list[Span]:
    """Where the hard negation markers of `text` are (pronouns only if no particle negates)."""
    base = lang.split("-")[0].lower()
    hard_set = NEGATION.get(base, frozenset())
    found = [m for m in _TOKEN.finditer(text) if not number_sign(text, m.start(), m.end())
             and (m.group().lower() in hard_set or (base == "en" and m.group().lower().endswith(_NT)))]
    if not found and base in NEGATIVE_PRONOUNS:
        found = [m for m in _TOKEN.finditer(text) if m.group().lower() in NEGATIVE_PRONOUNS[base]]
    return [Span(m.start(), m.end()) for m in found]
