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


class WriteGate:
    """An HTTP proxy in front of a server that passes `let_through` graph writes, then holds the next one.

    The held write (a Graph Store Protocol PUT) reaches the server half sent and waits there until release(),
    which drops it unfinished: a test can kill the client while the build is, for certain, writing graphs.
    """

    def __init__(self, upstream: OxigraphServer, let_through: int):
        import http.server
        import threading

        self.upstream, self.let_through = upstream, let_through
        self.writes = 0
        self.holding, self.released = threading.Event(), threading.Event()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def spec(self) -> str:
        return f"sparql:{self.base}/query"

    def start(self) -> WriteGate:
        self.thread.start()
        return self

    def release(self) -> None:
        self.released.set()

    def stop(self) -> None:
        self.release()
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()

    def _handler(self):
        import http.client
        import http.server

        gate = self

        class Forward(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                conn = http.client.HTTPConnection("127.0.0.1", gate.upstream.port, timeout=60)
                conn.putrequest(self.command, self.path, skip_accept_encoding=True)
                for name in ("Content-Type", "Accept"):
                    if self.headers.get(name):
                        conn.putheader(name, self.headers[name])
                conn.putheader("Content-Length", str(len(body)))
                conn.endheaders()
                if self.command == "PUT":
                    gate.writes += 1
                    if gate.writes == gate.let_through + 1:
                        conn.send(body[:len(body) // 2])
                        gate.holding.set()
                        gate.released.wait(120)
                        conn.close()  # the server never gets the rest of the graph
                        return
                conn.send(body)
                reply = conn.getresponse()
                data = reply.read()
                conn.close()
                self.send_response(reply.status, reply.reason)
                if reply.getheader("Content-Type"):
                    self.send_header("Content-Type", reply.getheader("Content-Type"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = forward

        return Forward
