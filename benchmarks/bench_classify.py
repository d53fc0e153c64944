"""Benchmark: ``zeromile classify`` of a 20,000-vehicle case, this code against an earlier
commit, side by side.

Target (issue 11): tracking what findings were computed from (the signatures recorded
per vehicle, ``core.services.staleness``) must not make a 20,000-vehicle classification
more than 10% slower. Each side is the command the user runs, as a fresh process, end
to end (start-up, reading the case, evaluating, comparing, writing), on its own store
holding the same imported workbook; runs alternate, medians and the median of the
per-run ratios are reported (the machines are noisy; a pair shares its noise).

The baseline is an earlier commit checked out with ``git worktree`` and run by the same
interpreter with ``PYTHONPATH`` pointing at it. Both stores are classified once by their
import; the runs timed re-classify a case whose findings are current, the common case
(and, for this code, the one that rewrites every vehicle's signatures). Also timed: the
out-of-date check of the case as ``case show`` runs it.

Usage: python benchmarks/bench_classify.py [--vehicles N] [--repeat R] [--baseline COMMIT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_screening import make_workbook

ROOT = Path(__file__).resolve().parents[1]
_CLI = "import sys; from core.cli.main import run; sys.exit(run(sys.argv[1:]))"


def zeromile(code: Path, home: Path, *args: str) -> tuple[float, str]:
    """Run ``zeromile ARGS`` from the checkout ``code`` in a fresh process: (seconds, stdout)."""
    env = dict(os.environ, PYTHONPATH=str(code), ZEROMILE_HOME=str(home))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, "--db", str(home / "store.db"), *args],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"zeromile {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", default="104ce98", help="the commit to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        baseline = work / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(baseline),
             args.baseline], check=True,
        )  # fmt: skip
        try:
            path = work / "declarations.xlsx"
            make_workbook(path, args.vehicles)
            sides = {"baseline": baseline, "this code": ROOT}
            refs = {}
            for name, code in sides.items():
                home = work / name.replace(" ", "-")
                home.mkdir()
                seconds, out = zeromile(
                    code, home, "import", str(path), "--new-case", "Бенчмарк",
                    "--jurisdiction", "KZ", "--json",
                )  # fmt: skip
                refs[name] = json.loads(out)["case"]
                print(f"  {name}: imported and classified in {seconds:.1f} s", flush=True)
            times: dict[str, list[float]] = {name: [] for name in sides}
            for run in range(args.repeat):
                for name, code in sides.items():
                    home = work / name.replace(" ", "-")
                    seconds, _ = zeromile(code, home, "classify", refs[name], "--json")
                    times[name].append(seconds)
                ratio = times["this code"][-1] / times["baseline"][-1]
                print(
                    f"  run {run + 1}: baseline {times['baseline'][-1]:6.2f} s, "
                    f"this code {times['this code'][-1]:6.2f} s ({ratio:.2f} x)",
                    flush=True,
                )
            show = [
                zeromile(ROOT, work / "this-code", "case", "show", refs["this code"], "--json")[0]
                for _ in range(3)
            ]
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)],
                check=False,
            )
    base, ours = statistics.median(times["baseline"]), statistics.median(times["this code"])
    paired = statistics.median(
        o / b for o, b in zip(times["this code"], times["baseline"], strict=True)
    )
    print(f"zeromile classify of {args.vehicles:,} vehicles, median of {args.repeat}:")
    print(f"  baseline ({args.baseline})          {base:7.2f} s")
    print(f"  this code                  {ours:7.2f} s   {ours / base:5.2f} x  (target <= 1.10)")
    print(f"  median of the side-by-side ratios    {paired:5.2f} x")
    print(f"  case show (with the out-of-date check) {statistics.median(show):5.2f} s")


if __name__ == "__main__":
    main()
