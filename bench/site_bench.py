"""Benchmark the site build: the real site; a synthetic 1,000-jurisdiction atlas against MkDocs
alone on the same pages written as plain Markdown; and how fast `site serve` shows a data edit.

    python bench/site_bench.py [--jurisdictions 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from validate_bench import synthetic_atlas

ROOT = Path(__file__).resolve().parent.parent
RIGHTSATLAS = str(Path(sys.executable).parent / "rightsatlas")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def project_copy(folder: Path, *, examples: bool) -> Path:
    """The site sources; the example letters only where the atlas has the jurisdictions they invoke."""
    for name in ("docs", "templates", *(["examples"] if examples else [])):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("atlas"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def median(command: list[str], cwd: Path, runs: int) -> float:
    return statistics.median(seconds(command, cwd) for _ in range(runs))


def serve_latency(project: Path, data: Path) -> float:
    """Seconds from saving a data edit to the served page showing it."""
    with socket.socket() as probe:  # a free port, so no other server answers in our place
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([RIGHTSATLAS, "--data", str(data), "site", "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/atlas/jurisdictions/jp/"
    try:
        _wait_for(url, "Japan", 60)
        path = data / "jurisdictions" / "jp.yaml"
        path.write_text(path.read_text("utf-8").replace("name: Japan", "name: Japan Edited", 1), "utf-8")
        started = time.perf_counter()
        _wait_for(url, "Japan Edited", 30)
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()


def _wait_for(url: str, text: str, limit: float) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            if text in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"{url} did not show {text!r} within {limit} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        real = project_copy(Path(temp) / "real", examples=True)
        shutil.copytree(ROOT / "data", real / "data")
        print(f"real site build: median {median([RIGHTSATLAS, 'site', 'build'], real, args.runs):.2f} s")
        print(f"site serve shows a data edit after {serve_latency(real, real / 'data'):.2f} s")

        synthetic = project_copy(Path(temp) / "synthetic", examples=False)
        synthetic_atlas(synthetic / "data", args.jurisdictions)
        ours = median([RIGHTSATLAS, "site", "build"], synthetic, args.runs)
        # The same pages, already written, built by MkDocs alone: the plain-Markdown baseline.
        plain = median([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], synthetic, args.runs)
        pages = len(list((synthetic / "docs" / "atlas").rglob("*.md")))
        print(f"synthetic atlas, {args.jurisdictions} jurisdictions ({pages} generated pages): "
              f"rightsatlas site build {ours:.2f} s, mkdocs build on the same Markdown {plain:.2f} s, ratio {ours / plain:.2f}")


if __name__ == "__main__":
    main()
