"""Language identification with langdetect, seeded so that the same text always gets the same answer.

langdetect is unreliable on short strings ("Gas prices rise." → fr), so callers pass a minimum
length and treat short text as undecided.
"""
from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 40


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str, min_chars: int = MIN_CHARS) -> tuple[str, float] | None:
    """Most probable language and its probability, or None if the text is too short to tell."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < min_chars:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    lang = best.lang.split("-")[0]  # zh-cn / zh-tw → zh
    return lang, best.prob


def detect_document_language(texts: list[str]) -> str | None:
    """The language of a document, from its first ~5,000 characters of longer paragraphs."""
    sample, size = [], 0
    for t in texts:
        if len(t) >= 20:
            sample.append(t)
            size += len(t)
            if size > 5000:
                break
    if not sample:
        sample = texts
    found = detect_language(" ".join(sample), min_chars=10)
    return found[0] if found else None
