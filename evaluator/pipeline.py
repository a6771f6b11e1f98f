"""The one orchestration function: load → align → check/score → report.

The CLI, the tests and any other program call `evaluate`; nothing else strings the stages together.
"""
from __future__ import annotations

import importlib
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from . import __version__, memory, offload, run_cache
from .align.paragraphs import AlignConfig, Link, align_paragraphs
from .checks.base import Check, Context, Options
from .embed import model_name
from .embed.base import Embedder, paired_cosines
from .errors import ConfigError, InputError
from .lang.detect import detect_document_language
from .load import load_bilingual, load_document
from .registry import checks as check_registry
from .registry import metrics as metric_registry
from .score import SIGNATURE as SCORE_SIGNATURE
from .score import document_scores, evaluated_words, penalty, segment_quality
from .types import AlignedPair, Document, Finding, Report, SegmentResult

# Modules that register the built-in checks and metrics when imported.
BUILTIN_CHECKS = ("alignment", "clauses", "entities", "language", "meaning", "numbers", "tags")
BUILTIN_METRICS = ("similarity", "reference")
PAIR_SLICE = 500  # pairs embedded and checked at a time by the pair-local checks (see _by_slices)
PIN_ROWS = 65_536  # paragraph vectors kept from the alignment for the checks (128 MB at most)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class RunConfig:
    source_lang: str | None = None  # None: declared by the file or detected
    target_lang: str | None = None
    aligned: bool = False  # inputs are line-parallel: no alignment step
    embedder: str = "usem"
    checks: tuple[str, ...] | None = None  # None: every registered check that supports the languages
    options: Options = field(default_factory=Options)
    fmt: str | None = None
    encoding: str | None = None
    cache_dir: str | None = None
    align: AlignConfig = field(default_factory=AlignConfig)
    command: str | None = None
    # Documents of at least this many pairs run their text-only checks in a worker process
    # (see offload.py); None keeps everything in this process.
    offload_min_pairs: int | None = offload.MIN_PAIRS


def load_registries() -> None:
    for name in BUILTIN_CHECKS:
        importlib.import_module(f"evaluator.checks.{name}")
    for name in BUILTIN_METRICS:
        importlib.import_module(f"evaluator.metrics.{name}")


def evaluate(
    source: str | Path | Document,
    target: str | Path | Document | None = None,
    reference: str | Path | Document | None = None,
    *,
    config: RunConfig = RunConfig(),
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Score a translation. `target` may be omitted when `source` is a bilingual file (XLIFF, TMX...)."""
    step = progress or (lambda stage, done, total: None)
    load_registries()
    step("load", 0, 1)
    src_doc, tgt_doc, ref_doc = _load(source, target, reference, config)
    src_lang, tgt_lang = _languages(src_doc, tgt_doc, config)
    active = _active_checks(config.checks, src_lang, tgt_lang)
    key = None
    if config.cache_dir:
        key = run_cache.run_key((src_doc, tgt_doc, ref_doc), replace(config, source_lang=src_lang, target_lang=tgt_lang),
                                active, embedder.name if embedder is not None else model_name(config.embedder),
                                metric_registry.names())
        cached = run_cache.load(config.cache_dir, key)
        if cached is not None:
            return replace(cached, command=config.command)
    warnings: list[str] = []
    # A long document's worker starts now, to load its checks while the encoder loads here.
    early = offload.spawn() if offload.worth_starting(active, config.options, config.offload_min_pairs,
                                                       min(len(src_doc.texts), len(tgt_doc.texts))) else None
    pinned = False
    try:
        embedder, judged = _embedder(embedder, config, src_lang, tgt_lang, warnings)
        step("align", 0, 1)
        links = _align(src_doc, tgt_doc, embedder if judged else None, config)
        by_vectors = judged and not _by_lines(config, src_doc, tgt_doc)
        pinned = _pin_documents(embedder, src_doc, tgt_doc, by_vectors)  # until the checks are done
        refs = _reference_for_links(links, src_doc, ref_doc, tgt_lang, embedder if judged else None, config, warnings)
        # Held as pickled chunks: 100,000 pairs' texts took 120 MB as Python strings, 35 MB pickled;
        # every reader goes through them in order (see offload.PickledPairs).
        pairs = offload.PickledPairs.build(_pair(k, link, src_doc, tgt_doc, ref)
                                           for k, (link, ref) in enumerate(zip(links, refs)))
        # From here on the pairs carry every text; the report needs only the documents' paths.
        del refs
        src_doc, tgt_doc = _paths_only(src_doc), _paths_only(tgt_doc)
        ref_doc = _paths_only(ref_doc) if ref_doc is not None else None
        # Checks that read only text start in a worker process now, beside the embedding below.
        text_ctx = Context(pairs=pairs, source_lang=src_lang, target_lang=tgt_lang,
                           similarity=(None,) * len(pairs), options=config.options)
        worker, early = offload.start(active, text_ctx, config.offload_min_pairs, early), None
        try:
            # While the worker runs, one BLAS thread here: a second one waited for a core the
            # worker held, and the checks' small word-cosine products took five times as long.
            # The encoder runs its own threads (usem_fast).
            with _one_blas_thread() if worker is not None else nullcontext():
                remote = set(worker.names) if worker is not None else set()
                here = [c for c in active if c.name not in remote]
                step("checks", 0, 1)
                ctx, by_check = _by_slices(replace(text_ctx, embedder=embedder, facts=worker), links, judged,
                                           config.aligned, [c for c in here if c.pair_local], step)
                metric_results = _run_metrics(ctx, has_reference=ref_doc is not None)
                by_check.update(_run_checks(active, [c for c in here if not c.pair_local], ctx, worker, step))
        finally:
            if worker is not None:
                worker.stop()
    finally:
        if early is not None:  # not handed to a worker: something above failed
            offload.discard(early)
        if pinned:
            embedder.unpin()  # type: ignore[attr-defined]
    findings: dict[int, list[Finding]] = {p.index: [] for p in pairs}
    for check in active:  # registry order, wherever a check ran: the report stays byte-identical
        for f in by_check[check.name]:
            findings[f.segment].append(f)

    step("report", 0, 1)
    report = _build_report(ctx, findings, metric_results, active, embedder, src_doc, tgt_doc, ref_doc, config, warnings)
    if key is not None:
        run_cache.save(config.cache_dir, key, report)
    return report


def align_documents(source: str | Path | Document, target: str | Path | Document, *,
                    config: RunConfig = RunConfig(), embedder: Embedder | None = None) -> list[Link]:
    """Only the alignment step (what `evaluator align` prints)."""
    src_doc, tgt_doc, _ = _load(source, target, None, config)
    src_lang, tgt_lang = _languages(src_doc, tgt_doc, config)
    embedder, judged = _embedder(embedder, config, src_lang, tgt_lang, [])
    return _align(src_doc, tgt_doc, embedder if judged else None, config)


def _languages(src_doc: Document, tgt_doc: Document, config: RunConfig) -> tuple[str, str]:
    src_lang = config.source_lang or src_doc.lang or detect_document_language(src_doc.texts) or "und"
    tgt_lang = config.target_lang or tgt_doc.lang or detect_document_language(tgt_doc.texts) or "und"
    return src_lang, tgt_lang


def _embedder(embedder: Embedder | None, config: RunConfig, src_lang: str, tgt_lang: str,
              warnings: list[str]) -> tuple[Embedder, bool]:
    if embedder is None:
        from .embed import get_embedder

        embedder = get_embedder(config.embedder, cache_dir=config.cache_dir)
    judged = embedder.supports(src_lang) and embedder.supports(tgt_lang)
    if not judged:
        warnings.append(f"embedder {embedder.name} does not cover {src_lang}->{tgt_lang}: "
                        "alignment uses names, numbers and length only; no similarity scores")
    return embedder, judged


def _load(source, target, reference, config: RunConfig) -> tuple[Document, Document, Document | None]:
    def one(x) -> Document:
        if isinstance(x, Document):
            return x
        return load_document(x, aligned=config.aligned, fmt=config.fmt, encoding=config.encoding)

    if target is None:
        if isinstance(source, Document):
            raise ConfigError("evaluate", ["a target document is required"])
        both = load_bilingual(source, fmt=config.fmt, encoding=config.encoding,
                              source_lang=config.source_lang, target_lang=config.target_lang)
        if both is None:
            raise InputError(str(source), "holds one language; give the target file too")
        src_doc, tgt_doc = both.source, both.target
        ref_doc = one(reference) if reference is not None else both.reference
        return src_doc, tgt_doc, ref_doc
    return one(source), one(target), one(reference) if reference is not None else None


def _align(src: Document, tgt: Document, embedder: Embedder | None, config: RunConfig) -> list[Link]:
    if _by_lines(config, src, tgt):
        if len(src.segments) != len(tgt.segments):
            raise InputError(tgt.path, f"--aligned: source has {len(src.segments)} segments, "
                                       f"target has {len(tgt.segments)}")
        return [Link((i,), (i,), 0.0) for i in range(len(src.segments))]
    src_vecs = tgt_vecs = None
    if embedder is not None:
        # One call, so the embedding cache holds both documents in one block until they are pinned.
        both = embedder.encode([*src.texts, *tgt.texts])
        src_vecs, tgt_vecs = both[:len(src.texts)], both[len(src.texts):]
    return align_paragraphs(src.texts, tgt.texts, src_vecs, tgt_vecs, config.align)


def _pin_documents(embedder: Embedder, src: Document, tgt: Document, aligned_by_vectors: bool) -> bool:
    """Keep the documents' vectors from the alignment for the slices that read them again, when
    they fit in PIN_ROWS (beyond it they go as any others would, and slices embed anew)."""
    pin = getattr(embedder, "pin", None)
    if not aligned_by_vectors or pin is None or len(src.texts) + len(tgt.texts) > PIN_ROWS:
        return False
    pin([*src.texts, *tgt.texts])
    return True


def _by_lines(config: RunConfig, src: Document, other: Document) -> bool:
    """The two documents pair up segment by segment (--aligned, or unit ids): no alignment step."""
    return config.aligned or _is_parallel(src, other)


def _is_parallel(src: Document, tgt: Document) -> bool:
    """Bilingual formats give unit-aligned documents: every segment carries the same unit id."""
    return bool(src.segments) and len(src.segments) == len(tgt.segments) and all(
        s.id is not None and s.id == t.id for s, t in zip(src.segments, tgt.segments))


def _reference_for_links(links: list[Link], src: Document, ref: Document | None, tgt_lang: str,
                         embedder: Embedder | None, config: RunConfig, warnings: list[str]) -> list[str | None]:
    """The reference text for each link: references are aligned to the source, not to the MT."""
    if ref is None:
        return [None] * len(links)
    if _by_lines(config, src, ref):
        if len(ref.segments) != len(src.segments):
            raise InputError(ref.path, f"--aligned: source has {len(src.segments)} segments, "
                                       f"reference has {len(ref.segments)}")
        by_src = {i: [i] for i in range(len(src.segments))}
    else:
        src_vecs = ref_vecs = None
        if embedder is not None:
            src_vecs, ref_vecs = embedder.encode(src.texts), embedder.encode(ref.texts)
        by_src = {}
        unused = 0
        for link in align_paragraphs(src.texts, ref.texts, src_vecs, ref_vecs, config.align):
            if not link.source:
                unused += len(link.target)
            for i in link.source:
                by_src.setdefault(i, []).extend(link.target)
        if unused:
            warnings.append(f"{unused} reference paragraph(s) match no source paragraph and are not used")
    out: list[str | None] = []
    for link in links:
        ids = list(dict.fromkeys(j for i in link.source for j in by_src.get(i, [])))
        out.append("\n\n".join(ref.segments[j].text for j in ids) if link.source and link.target else None)
    return out


def _paths_only(doc: Document) -> Document:
    return replace(doc, segments=())


def _pair(index: int, link: Link, src: Document, tgt: Document, reference: str | None) -> AlignedPair:
    s = [src.segments[i] for i in link.source]
    t = [tgt.segments[j] for j in link.target]
    return AlignedPair(
        index=index, source_ids=link.source, target_ids=link.target,
        source="\n\n".join(x.text for x in s), target="\n\n".join(x.text for x in t),
        score=round(link.score, 4), reference=reference,
        source_tags=tuple(tag for x in s for tag in x.tags), target_tags=tuple(tag for x in t for tag in x.tags),
    )


def _by_slices(ctx: Context, links: list[Link], judged: bool, aligned: bool, checks: list[Check],
               step: Progress) -> tuple[Context, dict[str, list[Finding]]]:
    """Similarities and the pair-local checks, a slice of pairs at a time.

    Each slice is embedded and then checked while its vectors are fresh in the embedder's cache,
    and the checks' word-level analysis of it is dropped before the next: memory stays flat as
    the document grows (the analysis of 100,000 pairs at once took several GB). Slices of 500
    rather than 2,000 pairs took ~100 MB off the main process's peak at no measurable cost in
    time: 1,000 texts still make large enough encoder batches.

    While a slice is checked (Python, one core), the next slice's pair texts are embedded in a
    second thread (see CachedEmbedder.ahead): the second core had idled whenever the worker
    process was done.
    """
    embedder = ctx.embedder if judged else None
    ahead = getattr(embedder, "ahead", None) if aligned else None
    similarity: list[float | None] = []
    found: dict[str, list[Finding]] = {c.name: [] for c in checks}
    starts = range(0, len(ctx.pairs), PAIR_SLICE)
    part, ready = ctx.pairs[0:PAIR_SLICE], None
    for a in starts:
        if ready is not None:
            ready()
        sims = _similarities(part, links[a:a + PAIR_SLICE], embedder, aligned)
        following = ctx.pairs[a + PAIR_SLICE:a + 2 * PAIR_SLICE]
        if ahead is not None and following:
            ready = ahead(*_pair_texts(following))
        similarity.extend(sims)
        for check in checks:
            found[check.name].extend(check.run(replace(ctx, pairs=part, similarity=sims)))
        memory.release()
        step("pairs", a + len(part), len(ctx.pairs))
        part = following
    return replace(ctx, similarity=tuple(similarity)), found


def _pair_texts(pairs: Sequence[AlignedPair]) -> tuple[list[str], list[str]]:
    """The texts `_similarities` embeds, in its order: the sources, then the targets."""
    both = [p for p in pairs if p.source and p.target]
    return [p.source for p in both], [p.target for p in both]


def _one_blas_thread():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().limit(limits=1, user_api="blas")


def _similarities(pairs: Sequence[AlignedPair], links: list[Link], embedder: Embedder | None,
                  aligned: bool) -> tuple[float | None, ...]:
    if embedder is None:
        return tuple(None for _ in pairs)
    if not aligned:
        return tuple(link.score if p.is_aligned else None for p, link in zip(pairs, links))
    left, right = _pair_texts(pairs)
    both = [p.index for p in pairs if p.source and p.target]
    cos = dict(zip(both, paired_cosines(embedder, left, right)))
    return tuple(cos.get(p.index) for p in pairs)


def _run_metrics(ctx: Context, has_reference: bool) -> list:
    results = []
    for name in metric_registry.names():
        metric = metric_registry.get(name)()
        if metric.requires_reference and not has_reference:
            continue
        results.append((name, metric.compute(ctx)))
    return results


def _run_checks(active: list[Check], here: list[Check], ctx: Context, worker: "offload.Worker | None",
                step: Progress) -> dict[str, list[Finding]]:
    """The document-wide checks: `here` in this process, the rest from the worker."""
    done = {}
    for n, check in enumerate(here):
        done[check.name] = list(check.run(ctx))
        step("checks", n + 1, len(here))
    if worker is not None:
        found = worker.results()
        for check in active:
            if check.name in worker.names:  # the worker failed: run them here after all
                done[check.name] = found[check.name] if found is not None else list(check.run(ctx))
    return done


def _active_checks(names: tuple[str, ...] | None, src_lang: str, tgt_lang: str) -> list[Check]:
    unknown = [n for n in (names or ()) if n not in check_registry]
    if unknown:
        raise ConfigError("--checks", [f"unknown check {n!r} (known: {', '.join(check_registry.names())})"
                                       for n in unknown])
    chosen = [check_registry.get(n)() for n in (names or check_registry.names())]
    return [c for c in chosen if c.supports(src_lang, tgt_lang)]


def _build_report(ctx: Context, findings: dict[int, list[Finding]], metric_results: list,
                  active: list[Check], embedder: Embedder, src_doc: Document, tgt_doc: Document,
                  ref_doc: Document | None, config: RunConfig, warnings: list[str]) -> Report:
    segments, total_penalty, total_words = [], 0.0, 0
    for pair in ctx.pairs:
        fs = tuple(sorted(findings[pair.index], key=_finding_order))
        words = evaluated_words(pair)
        scores = {name: round(r.segments[pair.index], 4) for name, r in metric_results if pair.index in r.segments}
        segments.append(SegmentResult(pair=pair, scores=scores, quality=segment_quality(fs, words), findings=fs))
        total_penalty += penalty(fs)
        total_words += words
    doc_score, per_1000 = document_scores(total_penalty, total_words)
    metric_scores = tuple(r.corpus for _, r in metric_results if r.corpus is not None)
    align_sig = "lines" if config.aligned else config.align.signature
    signature = "|".join([
        f"evaluator:{__version__}", f"{ctx.source_lang}-{ctx.target_lang}", f"embedder:{embedder.name}",
        f"align:{align_sig}", "checks:" + "+".join(c.signature for c in active), f"score:{SCORE_SIGNATURE}",
    ])
    return Report(
        tool_version=__version__, signature=signature, source_lang=ctx.source_lang, target_lang=ctx.target_lang,
        source_path=src_doc.path, target_path=tgt_doc.path, reference_path=ref_doc.path if ref_doc else None,
        segments=tuple(segments), metrics=metric_scores, document_score=doc_score,
        penalty_per_1000=per_1000, word_count=total_words, command=config.command, warnings=tuple(warnings),
    )


def _finding_order(f: Finding) -> tuple:
    span = f.target_span or f.source_span
    return (span.start if span else -1, f.category, f.message)

