"""Shared types: frozen dataclasses that every stage (load → align → check → report → gate) passes on.

No I/O lives here. Spans are half-open character offsets ``[start, end)`` into the text of the
object that carries them (a pair's ``source`` / ``target`` strings).
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

SEVERITIES = ("minor", "major", "critical")

# Stable category names: other tools and CI jobs script against them (see the JSON schema).
CATEGORIES = (
    "entity.substituted",
    "entity.misspelled",
    "entity.missing",
    "entity.added",
    "entity.inconsistent",
    "number.mismatch",
    "untranslated",
    "wrong_language",
    "omission",
    "addition",
    "boilerplate",
    "meaning",
    "terminology",
    "tag.mismatch",
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of input text: a paragraph (plain text) or a line / unit (aligned formats)."""

    text: str
    line: int | None = None  # 1-based line where it starts in its file, for messages
    id: str | None = None  # unit id from formats that have one (XLIFF, TMX, TSV, JSONL)
    tags: tuple[str, ...] = ()  # inline tags / placeholders removed from `text`, in order


@dataclass(frozen=True)
class Document:
    path: str
    segments: tuple[Segment, ...]
    lang: str | None = None

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Source paragraphs aligned to target paragraphs. Either side may be empty (0-1, 1-0)."""

    index: int
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source: str
    target: str
    score: float  # alignment score; 0.0 for unaligned paragraphs
    reference: str | None = None
    # Inline tags of the joined segments, for the tag check (formats that carry them).
    source_tags: tuple[str, ...] = ()
    target_tags: tuple[str, ...] = ()

    @property
    def alignment(self) -> str:
        return f"{len(self.source_ids)}-{len(self.target_ids)}"

    @property
    def is_aligned(self) -> bool:
        return bool(self.source_ids) and bool(self.target_ids)


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    severity: str
    message: str
    segment: int  # AlignedPair.index
    source_span: Span | None = None
    target_span: Span | None = None
    suggestion: str | None = None
    check: str = ""  # registry name of the check that found it
    evidence: tuple[tuple[str, str], ...] = ()  # small key/value facts, e.g. (("source_value", "4000"),)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")


@dataclass(frozen=True)
class MetricScore:
    """A corpus-level score with the signature that makes it reproducible."""

    name: str
    value: float
    signature: str


@dataclass(frozen=True, slots=True)
class SegmentResult:
    pair: AlignedPair
    scores: Mapping[str, float]
    quality: float  # 0-100
    findings: tuple[Finding, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))

    def __reduce__(self):  # a mappingproxy cannot be pickled (run_cache stores reports)
        return (SegmentResult, (self.pair, dict(self.scores), self.quality, self.findings))


@dataclass(frozen=True)
class Report:
    tool_version: str
    signature: str
    source_lang: str
    target_lang: str
    source_path: str
    target_path: str
    reference_path: str | None
    segments: tuple[SegmentResult, ...]
    metrics: tuple[MetricScore, ...]
    document_score: float  # 0-100
    penalty_per_1000: float  # MQM penalty per 1,000 source words
    word_count: int  # evaluated words (MQM's EWC)
    command: str | None = None
    warnings: tuple[str, ...] = ()
    schema_version: str = "1.0"
    tool_name: str = "evaluator"

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.segments for f in s.findings]

    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def counts_by_category(self) -> dict[str, int]:
        return count_by_category(self.findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def count_by_category(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.category] = counts.get(f.category, 0) + 1
    return dict(sorted(counts.items()))

