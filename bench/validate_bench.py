"""Benchmark: cold-start `rightsatlas validate` on a synthetic atlas of 1,000 jurisdictions,
and `show` / `compare` on the real data. Prints medians; figures are recorded in bench/README.md.

    python bench/validate_bench.py [--jurisdictions 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "jurisdictions" / "jp.yaml"


def synthetic_atlas(folder: Path, count: int) -> int:
    """Copy the real questions and write `count` jurisdictions modelled on Japan's file."""
    (folder / "jurisdictions").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "questions.yaml", folder / "questions.yaml")
    template = TEMPLATE.read_text("utf-8")
    size = 0
    for i in range(count):
        code = f"XA-{i:03d}" if i < 1000 else f"XB-{i - 1000:03d}"
        text = template.replace("code: JP", f"code: {code}", 1)
        (folder / "jurisdictions" / f"{code.lower()}.yaml").write_text(text, "utf-8")
        size += len(text.encode())
    return size


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [str(Path(sys.executable).parent / "rightsatlas")]
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        size = synthetic_atlas(data, args.jurisdictions)
        print(f"synthetic atlas: {args.jurisdictions} jurisdictions, {size / 1e6:.1f} MB")
        for workers in (1, 2):
            times = timed([*command, "--data", str(data), "validate", "--workers", str(workers)], args.runs)
            print(f"validate, {workers} worker(s): median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    for label, extra in (("show JP", ["show", "JP"]), ("compare JP EU US", ["compare", "JP", "EU", "US"])):
        times = timed([*command, *extra], args.runs)
        print(f"{label} on the real data: median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
