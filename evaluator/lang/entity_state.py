"""Working state of one pair's matching: target name candidates and which target words are used.

Candidates are every run of up to five capitalised target words ("Xi Jinping", "Kazakh Interior
Ministry", "Ministry"), each tied to the target entity it lies in, so a source name can match a
whole name or a part of one; consuming a candidate marks its words as explained.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from .entities import SourceEntity, SourcePart
from .entities_en import TargetEntity, TargetToken
from .entity_expect import gkey
from .translit import name_key


@dataclass
class Outcome:
    kind: str  # ok | misspelled | substituted | missing | added
    entity: SourceEntity | None
    part: SourcePart | None
    target: tuple[int, int, str] | None
    suggestion: str | None = None
    reason: str = ""
    derived: bool = False  # matched through a demonym (Kazakh for Kazakhstan)
    # Accepted without proof (an exonym English may spell its own way): not a rendering to hold
    # the rest of the document to.
    unverified: bool = False


@dataclass
class Cand:
    start: int
    end: int
    text: str
    key: str  # phonetic key
    gkey: str  # gazetteer key
    entity: int | None  # index of the target entity it lies in; None for a loose token


@dataclass
class State:
    target: str
    targets: list[TargetEntity]
    lang: str
    cands: list[Cand] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # start offsets of consumed target tokens
    outcomes: list[Outcome] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # ids of soft source names that explained a target name

    def consume(self, start: int, end: int) -> None:
        for t in self.targets:
            for tok in t.tokens:
                if tok.start < end and start < tok.end:
                    self.consumed.add(tok.start)

    def free_tokens(self, i: int) -> list[TargetToken]:
        return [t for t in self.targets[i].tokens if t.start not in self.consumed and t.text[:1].isupper()]

    def is_free(self, c: Cand) -> bool:
        if c.entity is None:
            return False
        toks = [t for t in self.targets[c.entity].tokens if c.start <= t.start < c.end]
        return bool(toks) and all(t.start not in self.consumed for t in toks)


LEAD_WORDS = frozenset("the a an in on at of for from to by with and but after before during according as"
                        " this that these those its his her their our".split())


_CONNECTORS = frozenset("nad pod am an aan upon on di de del della da du der den la le sur".split())
_PARTICLE_NAME = re.compile(r"(d|l|el|al|ad|ul|an)['’-][A-Z]")  # d'Ampezzo, el-Bahari


def build_candidates(st: State) -> None:
    """Every run of up to five capitalised target words, tied to the target entity it lies in."""
    toks = [m for m in re.finditer(r"[^\W\d_][\w'’-]*|\d+", st.target)]
    owner: dict[int, int] = {}
    for ei, ent in enumerate(st.targets):
        for t in ent.tokens:
            owner[t.start] = ei
    runs: list[list[re.Match[str]]] = []
    for k, m in enumerate(toks):
        word = m.group()
        cap = word[:1].isupper() or bool(_PARTICLE_NAME.match(word))
        joined = bool(runs) and bool(runs[-1]) and st.target[runs[-1][-1].end() : m.start()] in (" ", "-")
        # "Ústí nad Labem", "Val di Fiemme", "Wijk aan Zee": a place's name may hold a lower-case word.
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if joined and word in _CONNECTORS and nxt is not None and nxt.group()[:1].isupper() \
                and st.target[m.end():nxt.start()] == " ":
            runs[-1].append(m)
            continue
        if cap and joined:
            runs[-1].append(m)
        elif cap:
            runs.append([m])
        else:
            runs.append([])
    seen: set[tuple[int, int]] = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + 5) + 1):
                s, e = run[i].start(), run[j - 1].end()
                if (s, e) in seen or (j - i > 1 and run[i].group().lower() in LEAD_WORDS) \
                        or run[i].group() in _CONNECTORS or run[j - 1].group() in _CONNECTORS:
                    continue
                seen.add((s, e))
                text = st.target[s:e]
                ents = {owner[m.start()] for m in run[i:j] if m.start() in owner}
                ent = next(iter(ents)) if len(ents) == 1 else None
                st.cands.append(Cand(s, e, text, name_key(text), gkey(text), ent))
                # "Shenzhen-based", "Ukrainian-born": the name before an English word is a rendering.
                head, dash, tail = text.rpartition("-")
                if dash and head and tail.islower() and " " not in tail and len(tail) >= 3:
                    st.cands.append(Cand(s, s + len(head), head, name_key(head), gkey(head), ent))
