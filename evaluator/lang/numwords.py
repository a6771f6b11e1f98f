"""Number vocabularies per language: cardinals in their case forms, ordinals, scale words, months,
percent words, and a parser that turns a run of number words into a value.

Word lists are written as compact specs (``value form form ...``) so a reviewer can check each
language at a glance. Marks on a form: ``*`` the form is never a number on its own (an article
such as German "ein" or English "a"; it counts only before a scale word); ``!`` a scale form that
stands for one unit alone ("tysiąc", "a million" → "million" after "a").
Approximate quantities ("kilkanaście", "several", "Dutzende") are deliberately absent.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

# Word classes inside one group below a thousand.
UNIT, TEEN, TEN, HUNDRED, HMUL, SCALE = "unit", "teen", "ten", "hundred", "hmul", "scale"
SINGLE = "single"  # "twice", "dwukrotnie": a number by itself, never part of a longer one
COMPOUND = "compound"  # a German compound that already holds a whole value below a million


@dataclass(frozen=True)
class Entry:
    value: int
    cls: str
    ordinal: bool = False


@dataclass(frozen=True)
class Lexicon:
    decimal: str  # the locale's decimal mark, "." or ","
    words: dict[str, Entry] = field(default_factory=dict)  # cardinals, ordinals, scales
    not_alone: frozenset[str] = frozenset()
    scale_alone: frozenset[str] = frozenset()
    fractions: dict[str, Decimal] = field(default_factory=dict)  # "pół" before a scale word
    months: dict[str, int] = field(default_factory=dict)
    months_cased: bool = False  # English/German month names are capitalised; "may" is a verb
    percent: tuple[tuple[str, ...], ...] = ()
    connectors: frozenset[str] = frozenset()
    year_after: frozenset[str] = frozenset()  # "2022 r.", "2022 года"
    year_before: frozenset[str] = frozenset()  # "w 2022", "in 1410"
    approx: frozenset[str] = frozenset()  # "několik tisíc": the scale word is no number then
    ordinal_after: frozenset[str] = frozenset()  # German articles before "3. Platz"
    digit_ordinal: str = ""  # regex for a suffix glued to digits: "2nd", "2-го"
    dotted_ordinal: bool = False  # "2." is an ordinal (pl, de, cs)
    denominators: dict[str, int] = field(default_factory=dict)  # "two-thirds", "dwie trzecie"
    lang: str = ""  # base language code; "" for the generic fallback


def _entries(spec: str) -> list[str]:
    """Entries are separated by newlines or semicolons."""
    return [e.strip() for line in spec.strip().splitlines() for e in line.split(";") if e.strip()]


def _card(spec: str) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for line in _entries(spec):
        head, *forms = line.split()
        cls = HMUL if head.endswith("h") else (SINGLE if head.endswith("x") else None)
        value = int(head.rstrip("hx"))
        if cls is None:
            cls = _class(value)
        for form in forms:
            out[form.rstrip("*!")] = Entry(value, cls)
    return out


def _class(value: int) -> str:
    if value < 10:
        return UNIT
    if value < 20:
        return TEEN
    if value < 100:
        return TEN
    if value < 1000:
        return HUNDRED
    return SCALE


def _marked(spec: str, mark: str) -> frozenset[str]:
    return frozenset(f.rstrip("*!") for e in _entries(spec) for f in e.split() if f.endswith(mark))


def _ordinals(spec: str, endings: str) -> dict[str, Entry]:
    """``value stem`` lines; every stem takes every ending (adjectival declension)."""
    out: dict[str, Entry] = {}
    for line in _entries(spec):
        head, *stems = line.split()
        for stem in stems:
            for end in endings.split():
                form = stem + ("" if end == "0" else end)
                out[form] = Entry(int(head), _class(int(head)), ordinal=True)
    return out


def _valued(spec: str) -> dict[str, int]:
    return {f: int(head) for line in _entries(spec) for head, *forms in [line.split()] for f in forms}


def _denominators(spec: str, endings: str) -> dict[str, int]:
    return {form: e.value for form, e in _ordinals(spec, endings).items()}


def _months(spec: str) -> dict[str, int]:
    return {f: n for n, line in enumerate(_entries(spec), 1) for f in line.split()}


_PL_CARD = """
1 jeden jedna jedno jednego jednej jednemu jednym jedną
2 dwa dwie dwaj dwóch dwu dwoma dwiema dwom dwoje dwojga dwojgu dwojgiem
3 trzy trzej trzech trzem trzema troje trojga trojgu trojgiem
4 cztery czterej czterech czterem czterema czworo czworga czworgu czworgiem
5 pięć pięciu pięcioma pięcioro pięciorga; 6 sześć sześciu sześcioma sześcioro sześciorga
7 siedem siedmiu siedmioma siedmioro siedmiorga; 8 osiem ośmiu ośmioma ośmioro ośmiorga
9 dziewięć dziewięciu dziewięcioma dziewięcioro dziewięciorga
10 dziesięć dziesięciu dziesięcioma dziesięcioro dziesięciorga
11 jedenaście jedenastu jedenastoma; 12 dwanaście dwunastu dwunastoma
13 trzynaście trzynastu trzynastoma; 14 czternaście czternastu czternastoma
15 piętnaście piętnastu piętnastoma; 16 szesnaście szesnastu szesnastoma
17 siedemnaście siedemnastu siedemnastoma; 18 osiemnaście osiemnastu osiemnastoma
19 dziewiętnaście dziewiętnastu dziewiętnastoma; 20 dwadzieścia dwudziestu dwudziestoma
30 trzydzieści trzydziestu trzydziestoma; 40 czterdzieści czterdziestu czterdziestoma
50 pięćdziesiąt pięćdziesięciu pięćdziesięcioma
60 sześćdziesiąt sześćdziesięciu sześćdziesięcioma
70 siedemdziesiąt siedemdziesięciu siedemdziesięcioma
80 osiemdziesiąt osiemdziesięciu osiemdziesięcioma
90 dziewięćdziesiąt dziewięćdziesięciu dziewięćdziesięcioma; 100 sto stu stoma
200 dwieście dwustu dwustoma; 300 trzysta trzystu trzystoma; 400 czterysta czterystu czterystoma
500 pięćset pięciuset pięciomaset; 600 sześćset sześciuset sześciomaset
700 siedemset siedmiuset siedmiomaset; 800 osiemset ośmiuset ośmiomaset
900 dziewięćset dziewięciuset dziewięciomaset; 2x dwukrotnie
1000 tysiąc! tysiąca! tysiącu! tysiącem! tysiące tysięcy tysiącom tysiącami tysiącach tys. tys
1000000 milion! miliona! milionowi! milionem! milionie! miliony milionów milionom milionami milionach mln mln.
1000000000 miliard! miliarda! miliardowi! miliardem! miliardzie! miliardy miliardów miliardom miliardami miliardach mld mld.
1000000000000 bilion! biliona! bilionem! bilionie! biliony bilionów bln bln.
"""
_PL_ORD = """
1 pierwsz; 4 czwart; 5 piąt; 6 szóst; 7 siódm; 8 ósm; 9 dziewiąt; 10 dziesiąt
11 jedenast; 12 dwunast; 13 trzynast; 14 czternast; 15 piętnast; 16 szesnast; 17 siedemnast
18 osiemnast; 19 dziewiętnast; 20 dwudziest; 30 trzydziest; 40 czterdziest; 50 pięćdziesiąt
60 sześćdziesiąt; 70 siedemdziesiąt; 80 osiemdziesiąt; 90 dziewięćdziesiąt; 100 setn
"""
_PL_MONTHS = """
styczeń stycznia styczniu styczniem sty.; luty lutego lutym lut.; marzec marca marcu marcem mar.
kwiecień kwietnia kwietniu kwietniem kwi.; maj maja maju majem
czerwiec czerwca czerwcu czerwcem cze.; lipiec lipca lipcu lipcem lip.
sierpień sierpnia sierpniu sierpniem sie.; wrzesień września wrześniu wrześniem wrz.
październik października październiku październikiem paź.
listopad listopada listopadzie listopadem lis.; grudzień grudnia grudniu grudniem gru.
"""

_EN_CARD = """
1 one a* an*; 2 two; 3 three; 4 four; 5 five; 6 six; 7 seven; 8 eight; 9 nine; 10 ten; 11 eleven
12 twelve; 13 thirteen; 14 fourteen; 15 fifteen; 16 sixteen; 17 seventeen; 18 eighteen
19 nineteen; 20 twenty; 30 thirty; 40 forty; 50 fifty; 60 sixty; 70 seventy; 80 eighty
90 ninety; 100h hundred; 2x twice; 1000 thousand k*; 1000000 million millions mn m* mln
1000000000 billion billions bn b*; 1000000000000 trillion trillions tn
"""
_EN_ORD = """
1 first; 2 second; 3 third; 4 fourth; 5 fifth; 6 sixth; 7 seventh; 8 eighth; 9 ninth; 10 tenth
11 eleventh; 12 twelfth; 13 thirteenth; 14 fourteenth; 15 fifteenth; 16 sixteenth
17 seventeenth; 18 eighteenth; 19 nineteenth; 20 twentieth; 30 thirtieth; 40 fortieth
50 fiftieth; 60 sixtieth; 70 seventieth; 80 eightieth; 90 ninetieth; 100 hundredth
"""
_EN_MONTHS = """
january jan jan.; february feb feb.; march mar mar.; april apr apr.; may; june jun jun.
july jul jul.; august aug aug.; september sep sep. sept sept.; october oct oct.
november nov nov.; december dec dec.
"""

# German number words are written as one compound ("sechsundzwanzig"): see _german_compound.
_DE_CARD = """
1 eins ein* eine* einen* einem* einer* eines*; 2x zweimal; 1000 tausend! tsd. tsd
1000000 million! millionen mio. mio; 1000000000 milliarde! milliarden mrd. mrd
1000000000000 billion! billionen
"""
_DE_MORPHEMES = {
    "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000, "und": 0,
}
_DE_ORD = """
1 erst; 2 zweit; 3 dritt; 4 viert; 5 fünft; 6 sechst; 7 siebt siebent; 8 acht; 9 neunt; 10 zehnt
11 elft; 12 zwölft; 20 zwanzigst; 100 hundertst
"""
_DE_MONTHS = """
januar jänner jan.; februar feber feb.; märz mär.; april apr.; mai; juni jun.; juli jul.
august aug.; september sep. sept.; oktober okt.; november nov.; dezember dez.
"""

_RU_CARD = """
1 один одна одно одного одной одному одним одном одну; 2 два две двух двум двумя
3 три трёх трех трём трем тремя; 4 четыре четырёх четырех четырём четырем четырьмя
5 пять пяти пятью; 6 шесть шести шестью; 7 семь семи семью; 8 восемь восьми восемью восьмью
9 девять девяти девятью; 10 десять десяти десятью; 11 одиннадцать одиннадцати одиннадцатью
12 двенадцать двенадцати двенадцатью; 13 тринадцать тринадцати тринадцатью
14 четырнадцать четырнадцати четырнадцатью; 15 пятнадцать пятнадцати пятнадцатью
16 шестнадцать шестнадцати шестнадцатью; 17 семнадцать семнадцати семнадцатью
18 восемнадцать восемнадцати восемнадцатью; 19 девятнадцать девятнадцати девятнадцатью
20 двадцать двадцати двадцатью; 30 тридцать тридцати тридцатью; 40 сорок сорока
50 пятьдесят пятидесяти пятьюдесятью; 60 шестьдесят шестидесяти шестьюдесятью
70 семьдесят семидесяти семьюдесятью; 80 восемьдесят восьмидесяти восемьюдесятью
90 девяносто девяноста; 100 сто ста; 200 двести двухсот двумстам двумястами двухстах
300 триста трехсот трёхсот тремстам тремястами трехстах
400 четыреста четырехсот четырёхсот четыремстам четырьмястами
500 пятьсот пятисот пятистам пятьюстами пятистах; 600 шестьсот шестисот шестистам
700 семьсот семисот семистам; 800 восемьсот восьмисот восьмистам
900 девятьсот девятисот девятистам; 2x дважды
1000 тысяча! тысячу! тысячей! тысяче! тысячи тысяч тысячам тысячами тысячах тыс. тыс
1000000 миллион! миллиона! миллиону! миллионом! миллионе! миллионы миллионов миллионам миллионами млн млн.
1000000000 миллиард! миллиарда! миллиардом! миллиарды миллиардов млрд млрд.
1000000000000 триллион! триллиона триллионов трлн трлн.
"""
_RU_ORD = """
1 перв; 2 втор; 4 четвёрт четверт; 5 пят; 6 шест; 7 седьм; 8 восьм; 9 девят; 10 десят
"""
_RU_MONTHS = """
январь января январе январём январем янв.; февраль февраля феврале февралём февралем февр. фев.
март марта марте мартом; апрель апреля апреле апрелем апр.; май мая мае маем
июнь июня июне июнем; июль июля июле июлем; август августа августе августом авг.
сентябрь сентября сентябре сентябрём сентябрем сент. сен.
октябрь октября октябре октябрём октябрем окт.; ноябрь ноября ноябре ноябрём ноябрем нояб. ноя.
декабрь декабря декабре декабрём декабрем дек.
"""

_CS_CARD = """
1 jeden jedna jedno jednoho jednomu jednom jedním jednou jedné jednu; 2 dva dvě dvou dvěma
3 tři tří třem třemi; 4 čtyři čtyř čtyřem čtyřmi; 5 pět pěti; 6 šest šesti; 7 sedm sedmi
8 osm osmi; 9 devět devíti; 10 deset deseti; 11 jedenáct jedenácti; 12 dvanáct dvanácti
13 třináct třinácti; 14 čtrnáct čtrnácti; 15 patnáct patnácti; 16 šestnáct šestnácti
17 sedmnáct sedmnácti; 18 osmnáct osmnácti; 19 devatenáct devatenácti; 20 dvacet dvaceti
30 třicet třiceti; 40 čtyřicet čtyřiceti; 50 padesát padesáti; 60 šedesát šedesáti
70 sedmdesát sedmdesáti; 80 osmdesát osmdesáti; 90 devadesát devadesáti
100h sto stu stem sta* stě* set*; 2x dvakrát
1000 tisíc! tisícem! tisíce tisíci tisícům tisících tis.
1000000 milion! milionu! milionem! miliony milionů milionech mil.
1000000000 miliarda! miliardu! miliardy miliard miliardách mld. mld
1000000000000 bilion! bilionu biliony bilionů
"""
_CS_MONTHS = """
leden ledna lednu lednem; únor února únoru únorem; březen března březnu březnem
duben dubna dubnu dubnem; květen května květnu květnem; červen června červnu červnem
červenec července červenci červencem; srpen srpna srpnu srpnem; září zářím
říjen října říjnu říjnem; listopad listopadu listopadem; prosinec prosince prosinci prosincem
"""

_UK_CARD = """
1 один одна одне одного однієї одному одній; 2 два дві двох двом; 3 три трьох трьом
4 чотири чотирьох; 5 п'ять п'яти; 6 шість шести; 7 сім семи; 8 вісім восьми; 9 дев'ять дев'яти
10 десять десяти; 20 двадцять двадцяти; 30 тридцять тридцяти; 40 сорок сорока
50 п'ятдесят п'ятдесяти; 100 сто ста; 1000 тисяча! тисячу! тисячі тисяч тис.
1000000 мільйон! мільйона! мільйони мільйонів млн
1000000000 мільярд! мільярда! мільярди мільярдів млрд
"""
_UK_MONTHS = """
січень січня січні; лютий лютого лютому; березень березня березні; квітень квітня квітні
травень травня травні; червень червня червні; липень липня липні; серпень серпня серпні
вересень вересня вересні; жовтень жовтня жовтні; листопад листопада листопаді
грудень грудня грудні
"""

_FR_CARD = """
1 un* une*; 2 deux; 3 trois; 4 quatre; 5 cinq; 6 six; 7 sept; 8 huit; 9 neuf; 10 dix; 11 onze
12 douze; 20 vingt; 30 trente; 40 quarante; 50 cinquante; 100h cent cents; 1000 mille!
1000000 million! millions; 1000000000 milliard! milliards md
"""
_FR_MONTHS = "janvier\nfévrier\nmars\navril\nmai\njuin\njuillet\naoût\nseptembre\noctobre\nnovembre\ndécembre"
_ES_CARD = """
1 uno* un* una*; 2 dos; 3 tres; 4 cuatro; 5 cinco; 6 seis; 7 siete; 8 ocho; 9 nueve; 10 diez
20 veinte; 30 treinta; 40 cuarenta; 50 cincuenta; 100 cien ciento; 1000 mil!
1000000 millón! millones
"""
_ES_MONTHS = ("enero\nfebrero\nmarzo\nabril\nmayo\njunio\njulio\nagosto\nseptiembre setiembre\n"
              "octubre\nnoviembre\ndiciembre")
_IT_CARD = """
1 uno* un* una*; 2 due; 3 tre; 4 quattro; 5 cinque; 6 sei; 7 sette; 8 otto; 9 nove; 10 dieci
20 venti; 100 cento; 1000 mille! mila; 1000000 milione! milioni mln
1000000000 miliardo! miliardi mld
"""
_IT_MONTHS = ("gennaio\nfebbraio\nmarzo\naprile\nmaggio\ngiugno\nluglio\nagosto\nsettembre\n"
              "ottobre\nnovembre\ndicembre")


def _pct(*phrases: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "per cent" wins over a shorter phrase.
    return tuple(sorted((tuple(p.split()) for p in phrases), key=len, reverse=True))


def _build() -> dict[str, Lexicon]:
    hard_pl = "y a e ego ej emu ym ą ych ymi"
    pl_words = {**_card(_PL_CARD), **_ordinals(_PL_ORD, hard_pl),
                **_ordinals("2 drug", "i a ie iego iej iemu im ą ich imi"),
                **_ordinals("3 trzec", "i ia ie iego iej iemu im ią ich imi")}
    ru_words = {**_card(_RU_CARD), **_ordinals(_RU_ORD, "ый ой ая ое ого ому ым ом ую ые ых ыми"),
                **_ordinals("3 трет", "ий ья ье ьего ьему ьим ьем ью ьи ьих")}
    cs_ord = _ordinals("2 druh\n4 čtvrt\n5 pát\n6 šest\n7 sedm\n8 osm\n9 devát\n10 desát",
                       "ý á é ého ém ému ým ou ých ými")
    cs_ord.update(_ordinals("1 první\n3 třetí", "0 ho mu m ch mi"))
    de_words = {**_card(_DE_CARD), **_ordinals(_DE_ORD, "e er es en em")}
    tenths = "4 czwart; 5 piąt; 6 szóst; 7 siódm; 8 ósm; 9 dziewiąt; 10 dziesiąt"
    pl_denominators = {**_denominators(tenths, "a e ych ej ą"),
                       **_denominators("3 trzec", "ia ie ich iej ią")}
    ru_denominators = {**_valued("3 треть трети третей; 4 четверть четверти четвертей"),
                       **_denominators("5 пят; 6 шест; 7 седьм; 8 восьм; 9 девят; 10 десят", "ая ых ые ой")}
    return {
        "pl": Lexicon(
            ",", pl_words, _marked(_PL_CARD, "*"), _marked(_PL_CARD, "!"),
            {"pół": Decimal("0.5"), "półtora": Decimal("1.5"), "półtorej": Decimal("1.5")},
            _months(_PL_MONTHS),
            percent=_pct("%", "proc.", "proc", "procent", "procenta", "procentu", "procentów",
                         "procentach", "procentom", "procentami"),
            year_after=frozenset({"r.", "roku", "rok", "rokiem", "r"}),
            year_before=frozenset({"w", "we", "od", "do", "roku", "z", "po", "przed"}),
            digit_ordinal=r"-(?:go|gi|ga|ej|ego|ty|ta|te|tego|tej|ci|cia|cie|ciego|ciej|mu|ym|im)\b",
            dotted_ordinal=True, denominators=pl_denominators),
        "en": Lexicon(
            ".", {**_card(_EN_CARD), **_ordinals(_EN_ORD, "0")}, _marked(_EN_CARD, "*"),
            _marked(_EN_CARD, "!"), {"half": Decimal("0.5")}, _months(_EN_MONTHS), True,
            _pct("%", "percent", "per cent", "pct", "pct."), frozenset({"and"}),
            year_after=frozenset(), year_before=frozenset({"in", "since", "until", "by", "from", "of"}),
            digit_ordinal=r"(?:st|nd|rd|th)\b",
            denominators=_valued("2 half halves; 3 third thirds; 4 fourth fourths quarter quarters; "
                                 "5 fifth fifths; 6 sixth sixths; 7 seventh sevenths; "
                                 "8 eighth eighths; 9 ninth ninths; 10 tenth tenths")),
        "de": Lexicon(
            ",", de_words, _marked(_DE_CARD, "*"), _marked(_DE_CARD, "!"),
            {"halbe": Decimal("0.5"), "anderthalb": Decimal("1.5")}, _months(_DE_MONTHS), True,
            _pct("%", "prozent", "proz."), frozenset({"und"}),
            year_after=frozenset(), year_before=frozenset({"im", "seit", "bis", "von", "jahr", "jahre"}),
            approx=frozenset({"paar", "einige", "mehrere", "etliche"}),
            ordinal_after=frozenset({"der", "die", "das", "dem", "den", "des", "am", "im", "zum",
                                     "zur", "vom", "beim", "ihr", "sein", "seine", "ihre"}),
            dotted_ordinal=True,
            denominators=_valued("3 drittel; 4 viertel; 5 fünftel; 6 sechstel; 7 siebtel; 8 achtel; "
                                 "9 neuntel; 10 zehntel")),
        "ru": Lexicon(
            ",", ru_words, _marked(_RU_CARD, "*"), _marked(_RU_CARD, "!"),
            {"полтора": Decimal("1.5"), "полторы": Decimal("1.5"), "пол": Decimal("0.5")},
            _months(_RU_MONTHS),
            percent=_pct("%", "процент", "процента", "процентов", "процентам", "процентами",
                         "процентах", "проценте", "проц."),
            year_after=frozenset({"г.", "года", "году", "год", "годом", "г"}),
            year_before=frozenset({"в", "с", "до", "к", "по"}),
            approx=frozenset({"несколько", "нескольких"}), denominators=ru_denominators,
            digit_ordinal=r"-(?:й|го|я|е|ое|ой|ый|ий|му|м|х|ая|ого|ому|ом|ю)\b"),
        "cs": Lexicon(
            ",", {**_card(_CS_CARD), **cs_ord}, _marked(_CS_CARD, "*"), _marked(_CS_CARD, "!"),
            {"půl": Decimal("0.5")}, _months(_CS_MONTHS),
            percent=_pct("%", "procent", "procenta", "procento", "procentům", "procenty",
                         "procentech", "procentu", "proc."),
            year_after=frozenset({"roku", "roce", "rok"}),
            year_before=frozenset({"v", "ve", "od", "do", "roku", "roce"}),
            approx=frozenset({"několik", "pár", "několika"}), dotted_ordinal=True,
            denominators=_valued("2 polovina poloviny; 3 třetina třetiny třetin; "
                                 "4 čtvrtina čtvrtiny čtvrtin; 5 pětina pětiny pětin; "
                                 "10 desetina desetiny desetin")),
        "uk": Lexicon(
            ",", _card(_UK_CARD), frozenset(), _marked(_UK_CARD, "!"), {}, _months(_UK_MONTHS),
            percent=_pct("%", "відсоток", "відсотки", "відсотків", "відсотка", "відсотках"),
            year_after=frozenset({"р.", "року", "рік", "р"}), year_before=frozenset({"у", "в", "з", "до"}),
            approx=frozenset({"кілька", "декілька"}),
            digit_ordinal=r"-(?:й|го|а|е|ий|ої|му|м|х)\b"),
        "fr": Lexicon(
            ",", _card(_FR_CARD), _marked(_FR_CARD, "*"), _marked(_FR_CARD, "!"), {},
            _months(_FR_MONTHS), percent=_pct("%", "pour cent", "pourcent"),
            connectors=frozenset({"et"}), year_before=frozenset({"en", "depuis"}),
            digit_ordinal=r"(?:er|re|e|ème|eme|nd|nde)\b"),
        "es": Lexicon(
            ",", _card(_ES_CARD), _marked(_ES_CARD, "*"), _marked(_ES_CARD, "!"), {},
            _months(_ES_MONTHS), percent=_pct("%", "por ciento"), connectors=frozenset({"y"}),
            year_before=frozenset({"en", "desde"}), digit_ordinal=r"\.?[ºª]"),
        "it": Lexicon(
            ",", _card(_IT_CARD), _marked(_IT_CARD, "*"), _marked(_IT_CARD, "!"), {},
            _months(_IT_MONTHS), percent=_pct("%", "per cento"), year_before=frozenset({"nel", "dal"}),
            digit_ordinal=r"\.?[ºª]"),
    }


_LEXICONS = {code: replace(lex, lang=code) for code, lex in _build().items()}


@lru_cache(maxsize=64)
def lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang`` ("pl", "en-GB", "pt_BR"...); other languages get digits and "%"
    only, with the decimal mark that CLDR gives for the locale."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in _LEXICONS:
        return Lexicon(_cldr_decimal(lang), percent=(("%",),))
    lex = _LEXICONS[base]
    if base != lang:  # a regional locale may write decimals its own way: de-CH "1’234.5"
        lex = replace(lex, decimal=_cldr_decimal(lang))
    return lex


def _cldr_decimal(lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        symbols = Locale.parse(lang.replace("-", "_")).number_symbols
    except (UnknownLocaleError, ValueError, TypeError):
        return "."
    latn = symbols.get("latn", symbols)
    return "," if latn.get("decimal") == "," else "."


@lru_cache(maxsize=1)
def all_months() -> dict[str, int]:
    """Every language's month forms, for languages without their own list."""
    out: dict[str, int] = {}
    for lex in _LEXICONS.values():
        out.update(lex.months)
    return out


def multiplier_words() -> frozenset[str]:
    """"twice", "dwukrotnie": every language's multiplier adverbs."""
    return frozenset(w for lex in _LEXICONS.values() for w, e in lex.words.items() if e.cls == SINGLE)


def lookup(word: str, lex: Lexicon) -> Entry | None:
    """``word`` lower-cased; German compounds are parsed, others looked up."""
    entry = lex.words.get(word)
    if entry is not None or lex.lang != "de":
        return entry
    value = german_compound(word)
    if value is None:
        return None
    return Entry(value, COMPOUND)


def german_compound(word: str) -> int | None:
    """"sechsundzwanzig" → 26, "zweitausenddreihundert" → 2300; None unless the whole word is
    number morphemes."""
    parts: list[str] = []
    rest = word
    while rest:
        for size in range(min(len(rest), 8), 2, -1):
            if rest[:size] in _DE_MORPHEMES:
                parts.append(rest[:size])
                rest = rest[size:]
                break
        else:
            return None
    if not parts or parts[0] == "und" or parts[-1] == "und":
        return None
    total = group = pending = 0
    for part in parts:
        value = _DE_MORPHEMES[part]
        if part == "hundert":
            group += (pending or 1) * 100
            pending = 0
        elif part == "tausend":
            total += (group + pending or 1) * 1000
            group = pending = 0
        elif part == "und":
            continue
        elif value >= 20:
            group += pending + value
            pending = 0
        elif pending:
            return None
        else:
            pending = value
    return total + group + pending


# Which word class may follow which inside one number ("two hundred and six", "dwa tysiące
# dwadzieścia dwa"). Anything else ends the number, so "trzy cztery" gives two numbers.
_FOLLOWS: dict[str | None, frozenset[str]] = {
    None: frozenset({UNIT, TEEN, TEN, HUNDRED, HMUL, SCALE, SINGLE, COMPOUND}),
    HUNDRED: frozenset({TEN, TEEN, UNIT, SCALE}),
    TEN: frozenset({UNIT, SCALE}),
    UNIT: frozenset({HMUL, SCALE}),
    TEEN: frozenset({HMUL, SCALE}),
    HMUL: frozenset({TEN, TEEN, UNIT, SCALE}),
    COMPOUND: frozenset({SCALE}),
    SCALE: frozenset({HUNDRED, TEN, TEEN, UNIT, COMPOUND}),
}


def parse_words(items: list[str], lex: Lexicon) -> tuple[int, int, bool] | None:
    """Read one number from the start of ``items`` (lower-cased words, "-" for a hyphen glued
    between two words). Returns (items consumed, value, is ordinal) or None."""
    total = group = 0
    last: str | None = None
    prev_scale: int | None = None
    consumed = 0
    ordinal = False
    i = 0
    while i < len(items):
        item = items[i]
        if item == "-" or item in lex.connectors:
            # A hyphen or "and" joins only if a number word follows; otherwise stop before it.
            if consumed == 0:
                break
            i += 1
            continue
        entry = lookup(item, lex)
        if entry is None or entry.cls not in _FOLLOWS[last] or (ordinal and not entry.ordinal):
            break
        if entry.cls == SCALE:
            if prev_scale is not None and entry.value >= prev_scale:
                break
            if last is None and item not in lex.scale_alone:
                break
            total += (group or 1) * entry.value
            group = 0
            prev_scale = entry.value
        elif entry.cls == HMUL:
            if group >= 100:
                break
            group = (group or 1) * 100
        else:
            group += entry.value
        last = entry.cls
        ordinal = entry.ordinal
        i += 1
        consumed = i
        if entry.cls == SINGLE:
            break
    if consumed == 0:
        return None
    return consumed, total + group, ordinal
