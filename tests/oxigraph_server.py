"""A real Oxigraph SPARQL server for the store tests, on 127.0.0.1 and a free port, stopped afterwards."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def oxigraph_binary() -> str:
    """The server the `oxigraph` package installs next to this Python, else the one on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is not installed: .venv/bin/pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """`oxigraph serve` on a folder; start() and stop() may be called again on the same data."""

    def __init__(self, location: Path):
        self.location = location
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def spec(self) -> str:
        return f"sparql:{self.base}/query"

    def start(self) -> "OxigraphServer":
        self.proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(self.location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}")
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer on {self.base} within 30 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
