"""Compare a report's findings with human error annotations (gold), to measure a detector.

Gold errors are JSON objects: ``{"id", "category", "severity", "target": exact wrong text or null,
"occurrence": which occurrence in the target document (1-based), "source": source text or null}``.
A gold error is found when a finding of the same category family (all ``entity.*`` count as one
family) overlaps it: on the target span when the gold names target text, else on the source span.
A finding that overlaps a gold error only of another family (a number reported missing where the
gold says the whole sentence was omitted) is counted apart, as `other_category`; a finding that
overlaps no gold error at all is a false finding.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Located:
    error: dict[str, Any]
    segment: int
    side: str  # "target" or "source": where the gold text was found
    start: int
    end: int
    source_span: tuple[int, int] | None = None  # the gold's source text in the same segment, if any


@dataclass(frozen=True)
class GoldMatch:
    found: tuple[dict[str, Any], ...]
    missed: tuple[dict[str, Any], ...]
    false_findings: tuple[tuple[int, dict[str, Any]], ...]  # (segment index, finding)
    other_category: tuple[tuple[int, dict[str, Any]], ...]  # on a real error, named differently
    unlocated: tuple[dict[str, Any], ...]  # gold whose text is not in the report (bad gold or lost text)

    def recall(self, categories: Iterable[str] | None = None) -> float:
        wanted = set(categories) if categories else None
        f = [e for e in self.found if wanted is None or e["category"] in wanted]
        m = [e for e in self.missed if wanted is None or e["category"] in wanted]
        return len(f) / (len(f) + len(m)) if f or m else 1.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        """category → (found, total)."""
        out: dict[str, list[int]] = {}
        for e in self.found:
            out.setdefault(e["category"], [0, 0])[0] += 1
        for e in self.found + self.missed:
            out.setdefault(e["category"], [0, 0])[1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def family(category: str) -> str:
    return "entity" if category.startswith("entity.") else category


def locate(gold: list[dict[str, Any]], report: dict[str, Any]) -> tuple[list[Located], list[dict[str, Any]]]:
    """Place each gold error on a segment and span of the report, counting occurrences in document order."""
    located, unlocated = [], []
    segments = sorted(report["segments"], key=lambda s: s["index"])
    for error in gold:
        side = "target" if error.get("target") else "source"
        needle = error.get(side)
        want = error.get("occurrence") or 1
        seen, hit = 0, None
        for seg in segments:
            text, pos = seg[side] or "", 0
            while needle and (pos := text.find(needle, pos)) >= 0:
                seen += 1
                if seen == want:
                    hit = Located(error, seg["index"], side, pos, pos + len(needle), _find(seg, error, side))
                    break
                pos += 1
            if hit:
                break
        (located.append(hit) if hit else unlocated.append(error))
    return located, unlocated


def _find(seg: dict[str, Any], error: dict[str, Any], side: str) -> tuple[int, int] | None:
    """Where the gold's source text sits in the segment, so a finding on the source side counts too."""
    text = error.get("source")
    if side == "source" or not text:
        return None
    pos = (seg["source"] or "").find(text)
    return (pos, pos + len(text)) if pos >= 0 else None


def match_gold(gold: list[dict[str, Any]], report: dict[str, Any]) -> GoldMatch:
    located, unlocated = locate(gold, report)
    findings = [(seg["index"], f) for seg in report["segments"] for f in seg["findings"]]
    used: set[int] = set()
    found, missed = [], []
    for loc in located:
        hits = [k for k, (index, f) in enumerate(findings) if index == loc.segment and _overlaps(f, loc)]
        (found if hits else missed).append(loc.error)
        used.update(hits)
    # A finding counts as true if it overlaps any gold error of its family, even one already found.
    for k, (index, f) in enumerate(findings):
        if any(index == loc.segment and _overlaps(f, loc) for loc in located):
            used.add(k)
    other = {k for k, (index, f) in enumerate(findings) if k not in used
             and any(index == loc.segment and _overlaps(f, loc, any_family=True) for loc in located)}
    false = tuple(findings[k] for k in range(len(findings)) if k not in used and k not in other)
    return GoldMatch(tuple(found), tuple(missed), false, tuple(findings[k] for k in sorted(other)), tuple(unlocated))


def _overlaps(finding: dict[str, Any], loc: Located, any_family: bool = False) -> bool:
    if not any_family and family(finding["category"]) != family(loc.error["category"]):
        return False
    span = finding.get(f"{loc.side}_span")
    if span and span[0] < loc.end and loc.start < span[1]:
        return True
    src = finding.get("source_span")
    return bool(src and loc.source_span and src[0] < loc.source_span[1] and loc.source_span[0] < src[1])
