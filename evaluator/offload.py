"""Run the checks that read only text in a second process, while this one embeds.

The checks are single-threaded Python: on two cores one core idled while they ran. The
alignment, entity, language, number and tag checks read nothing but the aligned text (no similarity, no
encoder), so a worker process can run them while this process computes similarities, metrics
and the encoder-based checks. Their findings are the same either way; the worker only changes
when they are ready.

The worker also computes the text-only facts the checks here read (Check.facts, facts.py): the
numbers the clause check looks for (extracted again here, after the number check had in the
worker) and the sentences and negations the word analysis reads. It sends them a slice at a
time, first thing, and runs its pair-local checks (the number check) on each slice right after,
while the slice's extracted numbers are still remembered. At 10,000 pairs that moved ~5 s of CPU
from this process, which also runs the encoder, to the worker, which had been done several
seconds before it.

The worker is a plain `python -m evaluator.offload` subprocess fed through its pipes, not
multiprocessing: fork is unsafe beside the encoder's threads, and spawn re-imports the caller's
main script, which a library must not do. Any failure of the worker (it cannot start, it dies,
its answer is unreadable) costs only time: the checks then run here, as they would have anyway.
Small documents stay in one process, since starting the worker takes seconds.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate, islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .checks.base import Check, Context, Options
from .facts import FACTS
from .types import AlignedPair, Finding

# Built-in checks that read only the aligned text. The entity check reads the encoder to place a
# glossary term, so it stays here when a glossary is given.
TEXT_ONLY = ("alignment", "entities", "language", "numbers", "tags")
MIN_PAIRS = 2000  # below this, the worker's start-up (imports, gazetteers) costs more than it saves
CHUNK = 2000  # pairs per pickle sent to the worker
FACT_SLICE = 500  # pairs per message of facts sent back
# The worker yields a little to this process when both want a core: at niceness 0 the worker was
# done ~3 s before this process at 10,000 pairs, which then ran alone (~140% of two cores); at 2
# both end together, 1 s sooner. This process holds the encoder's threads; the worker one thread.
NICE = 2




def offloadable(active: Sequence[Check], options: Options) -> list[str]:
    names = []
    for check in active:
        if check.name not in TEXT_ONLY or not type(check).__module__.startswith("evaluator.checks."):
            continue  # a user's plug-in may read anything: it runs here
        if check.name == "entities" and options.glossary:
            continue
        names.append(check.name)
    return names


class Worker:
    """Checks running in a subprocess; `results()` waits for them (None if the worker failed).
    `get(fact, index)` waits for a fact about a pair (None if the worker failed)."""

    def __init__(self, names: list[str], ctx: Context, facts: Sequence[str] = (),
                 proc: subprocess.Popen | None = None):
        self.names = names
        facts = [f for f in dict.fromkeys(facts) if f in FACTS]
        self._header = (names, ctx.source_lang, ctx.target_lang, ctx.options, facts)
        self._facts = facts
        # Each slice's facts stay pickled (a few dozen bytes a pair) until a check reads them: the
        # worker runs ahead, by most of a 100,000-pair document, and as objects they took ~60 MB.
        self._slices: list[tuple[int, bytes]] = []  # (last pair index, pickle), in document order
        self._open: tuple[int, dict[str, dict[int, object]]] = (-1, {})  # the slice being read
        self._found: object = None
        self._done = False
        self._changed = threading.Condition()
        self._pairs: tuple[AlignedPair, ...] | None = ctx.pairs
        self._proc = proc if proc is not None else spawn()
        if self._proc is None:
            self._done = True
            return
        # Talk in a thread: the pairs take more than a pipe buffer, and this process has
        # embedding to do meanwhile.
        self._thread = threading.Thread(target=self._talk, daemon=True)
        self._thread.start()

    def _talk(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        try:
            # The pairs go CHUNK at a time, each chunk its own pickle: one pickle of 100,000 pairs
            # held its bytes and the pickler's memo at once, and left this process ~100 MB larger
            # for good. The worker reads everything before it writes anything.
            pairs, self._pairs = self._pairs, None
            try:
                pickle.dump(self._header, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                # The pipeline's pairs are pickled chunks already; any other sequence is pickled here.
                chunks = pairs.chunks() if isinstance(pairs, PickledPairs) else _pickled(pairs)  # type: ignore[arg-type]
                for sent in chunks:
                    pickle.dump(sent, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(None, proc.stdin)
            finally:
                del pairs
                proc.stdin.close()
            while True:
                kind, payload = pickle.load(proc.stdout)  # written by our own worker, below
                if kind != "facts":
                    self._found = payload
                    break
                with self._changed:
                    self._slices.append(payload)
                    self._changed.notify_all()
            proc.wait()
        except Exception:  # noqa: BLE001 - a dead or garbled worker costs only time (see module doc)
            self._found = None
        finally:
            with self._changed:
                self._done = True
                self._changed.notify_all()

    def get(self, name: str, index: int) -> object | None:
        """The fact `name` about pair `index` (pairs are read in document order), or None."""
        if name not in self._facts:
            return None
        with self._changed:
            while not (self._slices and self._slices[-1][0] >= index) and not self._done:
                self._changed.wait()
            k = bisect_left(self._slices, index, key=lambda s: s[0])
            if self._open[0] != k:
                if k == len(self._slices) or not self._slices[k][1]:
                    return None  # never sent, or a slice left behind: the caller computes it
                self._open = (k, pickle.loads(self._slices[k][1]))  # our own worker's
                self._slices[k] = (self._slices[k][0], b"")  # the checks go through the pairs once
            return self._open[1].get(name, {}).get(index)

    def results(self) -> dict[str, list[Finding]] | None:
        if self._proc is None:
            return None
        self._thread.join()
        found = self._found
        if self._proc.returncode != 0:
            return None
        return found if isinstance(found, dict) and set(found) == set(self.names) else None

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()


def _pickled(pairs: Iterable[AlignedPair], chunk: int = CHUNK) -> Iterator[tuple[int, bytes]]:
    """(number of pairs, pickle of their tuple) per `chunk` pairs, as they come."""
    it = iter(pairs)
    while part := tuple(islice(it, chunk)):
        yield len(part), pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)  # kept as bytes there


def spawn() -> subprocess.Popen | None:
    """The worker process, which loads the checks and then waits for its work (None if it cannot
    start). The pipeline starts it before loading the encoder, so both load at once."""
    package_root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # one core's worth of work, beside this process
    try:
        return subprocess.Popen([sys.executable, "-m", "evaluator.offload"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return None


def worth_starting(active: Sequence[Check], options: Options, min_pairs: int | None, pairs: int) -> bool:
    """Whether a document of about `pairs` pairs gets a worker (see MIN_PAIRS)."""
    return min_pairs is not None and pairs >= min_pairs and bool(offloadable(active, options))


def start(active: Sequence[Check], ctx: Context, min_pairs: int | None = MIN_PAIRS,
          proc: subprocess.Popen | None = None) -> Worker | None:
    """A worker for the text-only checks among `active`, also computing the facts the others read,
    in `proc` if given (see spawn; ended here if not needed); None when the document is too small."""
    if not worth_starting(active, ctx.options, min_pairs, len(ctx.pairs)):
        if proc is not None:
            discard(proc)
        return None
    names = offloadable(active, ctx.options)
    facts = [f for c in active if c.name not in names for f in c.facts]
    return Worker(names, ctx, facts, proc)


def discard(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()


class PickledPairs(Sequence[AlignedPair]):
    """The document's pairs, held as the pickled chunks they came in and read back a chunk at a time.

    A pair's texts as Python strings take about three times their UTF-8 size (one non-Latin-1
    letter makes a whole string two bytes a character): 100,000 pairs held 120 MB as objects and
    35 MB pickled. The worker's checks read the document in order, in one or two passes.
    """

    def __init__(self, blobs: list[bytes], sizes: list[int]):
        self._blobs = blobs
        self._ends = list(accumulate(sizes))
        self._last: tuple[int, tuple[AlignedPair, ...]] = (-1, ())

    @classmethod
    def build(cls, pairs: Iterable[AlignedPair], chunk: int = CHUNK) -> "PickledPairs":
        """Pickle the pairs a chunk at a time as they come: one chunk at most is held as objects."""
        sent = list(_pickled(pairs, chunk))
        return cls([blob for _, blob in sent], [n for n, _ in sent])

    def chunks(self) -> Iterator[tuple[int, bytes]]:
        """(number of pairs, pickle of their tuple) per chunk, as the worker reads them."""
        start = 0
        for end, blob in zip(self._ends, self._blobs):
            yield end - start, blob
            start = end

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __iter__(self) -> Iterator[AlignedPair]:
        for k in range(len(self._blobs)):
            yield from self._chunk(k)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        k = bisect_right(self._ends, i)
        return self._chunk(k)[i - (self._ends[k - 1] if k else 0)]

    def _chunk(self, k: int) -> tuple[AlignedPair, ...]:
        if self._last[0] != k:
            self._last = (k, pickle.loads(self._blobs[k]))  # written by our own parent process
        return self._last[1]


def run_checks(names: list[str], pairs: Sequence[AlignedPair], source_lang: str, target_lang: str,
               options: Options, facts: Sequence[str] = (), send=None) -> dict[str, list[Finding]]:
    """The checks `names` on `pairs`. With `facts`, first each slice's facts go to `send`, and the
    pair-local checks run on that slice right after."""
    from .pipeline import load_registries
    from .registry import checks

    load_registries()
    ctx = Context(pairs=pairs, source_lang=source_lang, target_lang=target_lang,  # type: ignore[arg-type]
                  similarity=(None,) * len(pairs), options=options, embedder=None)
    found: dict[str, list[Finding]] = {}
    if facts and send is not None:
        local = [name for name in names if checks.get(name).pair_local]
        found.update({name: [] for name in local})
        for a in range(0, len(pairs), FACT_SLICE):
            part = tuple(pairs[a:a + FACT_SLICE])
            values = {f: {p.index: FACTS[f](p, source_lang, target_lang) for p in part} for f in facts}
            send((part[-1].index, pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)))
            for name in local:
                found[name].extend(checks.get(name)().run(replace(ctx, pairs=part, similarity=(None,) * len(part))))
        _forget()
    for name in names:
        if name not in found:
            found[name] = list(checks.get(name)().run(ctx))
            _forget()
    return {name: found[name] for name in names}


def _forget() -> None:
    """Let go of the tables and memo caches the last check built, before the next check builds its own.

    The worker runs each check once, so nothing one check cached is worth keeping for the next,
    and the entity check's (the gazetteer, name and transliteration caches) would otherwise sit
    beside the language check's profiles: the worker's peak at 100,000 pairs went from ~565 to
    ~455 MB.
    """
    import gc
    from functools import _lru_cache_wrapper

    from .lang import gazetteer

    gazetteer.release()
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("evaluator."):
            for value in list(vars(module).values()):
                if isinstance(value, _lru_cache_wrapper):
                    value.cache_clear()
    gc.collect()


def _main() -> int:
    from .pipeline import load_registries

    load_registries()  # while the parent loads its encoder and aligns
    try:
        os.nice(NICE)
    except (OSError, AttributeError):  # not permitted, or no os.nice (Windows): run as is
        pass
    inp = sys.stdin.buffer
    names, src, tgt, options, facts = pickle.load(inp)
    sizes: list[int] = []
    blobs: list[bytes] = []
    while (sent := pickle.load(inp)) is not None:
        sizes.append(sent[0])
        blobs.append(sent[1])
    pairs = PickledPairs(blobs, sizes)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing a library prints may corrupt the answer

    def send(kind: str, payload: object) -> None:
        out.write(pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()

    found = run_checks(names, pairs, src, tgt, options, facts, lambda values: send("facts", values))
    send("found", found)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
