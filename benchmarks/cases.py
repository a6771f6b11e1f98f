"""Recall and false findings on every case study in references/ (gold-annotated real-shaped MTs).

    python benchmarks/cases.py [CASE ...]

Prints, per case and overall, how many gold errors are found per category and the findings that
match no gold error. onet-kazakhstan is the development case; the others are held out.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator.annotations import match_gold  # noqa: E402
from evaluator.embed import get_embedder  # noqa: E402
from evaluator.pipeline import RunConfig, evaluate  # noqa: E402
from evaluator.report.json import report_to_dict  # noqa: E402


def cases(names: list[str]) -> list[Path]:
    found = sorted(p.parent for p in (ROOT / "references").glob("*/gold.json"))
    return [c for c in found if not names or c.name in names]


def run_case(case: Path, embedder) -> tuple[dict, object]:
    source = next(case.glob("source.*.txt"))
    lang = source.suffixes[0].lstrip(".")
    report = evaluate(source, case / "mt.en.txt", config=RunConfig(source_lang=lang, target_lang="en"),
                      embedder=embedder)
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    return gold, match_gold(gold, report_to_dict(report))


def main(argv: list[str]) -> None:
    embedder = get_embedder("usem")
    found, total, false, other = Counter(), Counter(), Counter(), Counter()
    for case in cases(argv):
        start = time.perf_counter()
        gold, match = run_case(case, embedder)
        seconds = time.perf_counter() - start
        print(f"\n## {case.name}: recall {match.recall():.2f} ({len(match.found)}/{len(gold)}), "
              f"false findings {len(match.false_findings)}, on a real error under another category "
              f"{len(match.other_category)}, {seconds:.1f} s")
        for category, (f, t) in match.by_category().items():
            found[category] += f
            total[category] += t
            print(f"  {category:<20} {f:>3}/{t:<3}")
        for index, finding in match.false_findings:
            false[finding["category"]] += 1
            print(f"  false: seg {index} {finding['severity']} {finding['category']}: {finding['message'][:90]}")
        for index, finding in match.other_category:
            other[finding["category"]] += 1
            print(f"  other category: seg {index} {finding['category']}: {finding['message'][:90]}")
        for error in match.missed:
            print(f"  missed: {error['id']} {error['category']}: {error['target'] or error['source'][:60]!r}")
    print("\n## overall")
    print("| category | found / gold | false findings | on a real error, other category |\n|---|---|---|---|")
    for category in sorted(set(total) | set(false) | set(other)):
        print(f"| {category} | {found[category]}/{total[category]} | {false[category]} | {other[category]} |")
    print(f"| **all** | {sum(found.values())}/{sum(total.values())} | {sum(false.values())} | {sum(other.values())} |")


if __name__ == "__main__":
    main(sys.argv[1:])
