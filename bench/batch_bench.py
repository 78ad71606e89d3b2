"""Benchmark `rightsatlas batch`: wall time, letters per second and peak memory for 1,000 and
10,000 DOCX letters on every core (one row per letter: a recipient and a work, plus the base
case file's annex).

    python bench/batch_bench.py [--sizes 1000,10000]

Peak memory is sampled every 0.1 s from /proc as the total resident memory of the command and
all its worker processes, and as the largest single process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RIGHTSATLAS = str(Path(sys.executable).parent / "rightsatlas")


def tree_rss(pid: int) -> tuple[int, int]:
    """(total, largest) resident memory in KiB of a process and its descendants."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    family, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in family]
        family.update(children)
        frontier.extend(children)
    sizes = []
    for member in family:
        try:
            status = Path(f"/proc/{member}/status").read_text()
            sizes.append(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))))
        except (OSError, StopIteration):
            continue
    return sum(sizes), max(sizes, default=0)


def measure(rows: int, folder: Path) -> tuple[float, int, int]:
    table = folder / f"rows-{rows}.csv"
    with table.open("w") as handle:
        handle.write("id,recipient.name,recipient.email,work.title,work.identifier\n")
        for i in range(rows):
            handle.write(f"letter-{i:05d},Developer {i} Inc.,legal{i}@example.invalid,Work number {i},ID-{i:05d}\n")
    peak = [0, 0]
    process = subprocess.Popen([RIGHTSATLAS, "batch", str(ROOT / "examples" / "demand.yaml"), str(table), "--format", "docx", "--lang", "en",
                                "--out", str(folder / f"out-{rows}")], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sample() -> None:
        while process.poll() is None:
            total, largest = tree_rss(process.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.1)

    started = time.perf_counter()
    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - started
    sampler.join()
    if code != 0:
        sys.exit(f"batch of {rows} failed with exit code {code}")
    return elapsed, peak[0], peak[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        for rows in (int(s) for s in args.sizes.split(",")):
            elapsed, total, largest = measure(rows, Path(temp))
            print(f"{rows} DOCX letters: {elapsed:.1f} s wall, {rows / elapsed:.0f} letters/s on 2 cores "
                  f"({rows / elapsed / 2:.0f} per core); peak memory {total / 1024:.0f} MiB in all, largest process {largest / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
