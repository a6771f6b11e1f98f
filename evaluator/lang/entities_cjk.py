"""Names in text without capital letters (Chinese first; Japanese/Korean via the same path).

There is no capitalisation to lean on, so names come from:
* gazetteer names written in the source script (北京, 哈萨克斯坦, curated people such as 托卡耶夫);
* Chinese personal names after a title (发言人林剑, 总理黄循财): a common surname plus one or two
  characters, romanised with pypinyin (Lin Jian);
* quoted names (“摩羯”, 《...》): soft, they may be translated (Typhoon Yagi);
* Latin-script tokens inside the text.
`pinyin_explains` lets the matcher accept a target name that is the pinyin of source characters
(Huawei for 华为, Shenzhen for 深圳) without listing every such name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .entities import SourceEntity, SourcePart, acronym_entity, Tok
from .entities_en import is_acronym

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’\-]*")
_QUOTED = re.compile(r"[“「《‘\"]([^”」》’\"]{1,12})[”」》’\"]")
# The most common Chinese surnames (together over 85% of the population).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_TITLES = (
    "发言人", "总统", "总理", "主席", "部长", "外长", "国务卿", "大使", "市长", "领导人", "首相", "议长", "书记",
    "秘书长", "局长", "行长", "省长", "司令", "教练", "委员长", "董事长", "总裁", "副总理", "副主席", "国脚",
)
_NON_PINYIN_COUNTRIES = ("日本", "韩国", "朝鲜", "越南", "日", "韩")
# Characters that end a name when they follow it: verbs and particles of reporting sentences.
_STOP = set("在表说会与和的于称指出宣布强调出席访问举行呼吁同意对就向将已也等及、，。；：！？“”（）《》 ")


def extract_cjk(text: str, lang: str) -> list[SourceEntity]:
    out: list[SourceEntity] = []
    taken: list[tuple[int, int]] = []
    names, longest = _caseless_names()
    i, n = 0, len(text)
    while i < n:
        hit = None
        if _CJK.match(text[i]):
            for L in range(min(longest, n - i), 1, -1):
                chunk = text[i : i + L]
                if not _CJK.fullmatch(chunk[-1]):
                    continue
                ids = names.get(chunk)
                if ids:
                    hit = (L, ids)
                    break
        if hit:
            L, ids = hit
            form = text[i : i + L]
            part = SourcePart(form, i, i + L, (form,), True, lemma=form)
            out.append(SourceEntity(form, i, i + L, (part,), "name", ids, True))
            taken.append((i, i + L))
            i += L
            continue
        i += 1
    if lang in ("zh", "") or lang.startswith("zh"):
        out.extend(_titled_people(text, taken))
    for m in _QUOTED.finditer(text):
        s, e = m.start(1), m.end(1)
        if not any(a < e and s < b for a, b in taken):
            part = SourcePart(m.group(1), s, e, (m.group(1),), False, lemma=m.group(1))
            out.append(SourceEntity(m.group(1), s, e, (part,), "phrase", frozenset(), False))
    for m in _LATIN.finditer(text):
        word = m.group()
        tok = Tok(word, m.start(), m.end())
        if is_acronym(word):
            out.append(acronym_entity(tok, lang, text))
        elif word[:1].isupper():
            part = SourcePart(word, m.start(), m.end(), (word,), True, lemma=word)
            out.append(SourceEntity(word, m.start(), m.end(), (part,), "name", gazetteer.source_ids(word), True))
    out.sort(key=lambda e: e.start)
    return out


@lru_cache(maxsize=1)
def _caseless_names() -> tuple[dict[str, frozenset[str]], int]:
    """Gazetteer names in CJK script that refer to something well known."""
    g = gazetteer.get()
    names: dict[str, frozenset[str]] = {}
    for form, ids in g.cjk.items():
        # Short CJK city names are often also ordinary words; a false name here would become a
        # false "missing" finding, so only countries, large cities and curated names count.
        keep = frozenset(i for i in ids if i in g.populous)
        if keep and len(form) >= 2:
            names[form] = keep
    return names, min(8, max((len(k) for k in names), default=0))


def _titled_people(text: str, taken: list[tuple[int, int]]) -> list[SourceEntity]:
    out: list[SourceEntity] = []
    for title in _TITLES:
        for m in re.finditer(re.escape(title), text):
            s = m.end()
            if s >= len(text) or text[s] not in _SURNAMES or any(a <= s < b for a, b in taken):
                continue
            e = s + 1
            while e < len(text) and e - s < 3 and _CJK.match(text[e]) and text[e] not in _STOP:
                e += 1
            if e - s < 2:
                continue
            name = text[s:e]
            latin = romanize_name(name)
            # 日本首相石破茂: a Japanese or Korean name is not read in pinyin (Shigeru Ishiba).
            before = text[max(0, m.start() - 3) : m.start()]
            chinese = not any(c in before for c in _NON_PINYIN_COUNTRIES)
            part = SourcePart(name, s, e, (latin, latin.replace(" ", "")), chinese, lemma=latin)
            out.append(SourceEntity(name, s, e, (part,), "name" if chinese else "phrase", frozenset(), chinese))
            taken.append((s, e))
    return out


def romanize_name(name: str) -> str:
    """Pinyin in English name order and spacing: 林剑 -> Lin Jian, 黄循财 -> Huang Xuncai."""
    from pypinyin import lazy_pinyin

    syl = lazy_pinyin(name)
    return (syl[0].capitalize() + " " + "".join(syl[1:]).capitalize()).strip()


@lru_cache(maxsize=4096)
def _syllables(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(text) if s.strip())


def pinyin_explains(name: str, source: str) -> bool:
    """Whether `name` (Latin) spells the pinyin of consecutive source characters (Huawei, Guoan)."""
    want = re.sub(r"[^a-z]", "", name.lower())
    if len(want) < 2 or not _CJK.search(source):
        return False
    syl = _syllables(source)
    for i in range(len(syl)):
        acc = ""
        for j in range(i, min(len(syl), i + 6)):
            acc += syl[j]
            if acc == want:
                return True
            if len(acc) >= len(want) or not want.startswith(acc):
                break
    return False
