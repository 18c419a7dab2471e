"""What the hostile-input tests share: the kg command, small invented articles, a server that must stay unasked."""
from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

GOOD = ("title: Ferry service resumes\ndate: 2024-05-02\n\n"
        "Interior Minister Lars Holm said that the ferry service would resume on Monday. "
        "He said 1,200 passengers had waited at the port.\n")
OTHER = ("title: Bridge repairs\ndate: 2024-05-03\n\n"
         "Transport Minister Ilse Brandt said the bridge would reopen in June.\n")


def kg(*args, cwd=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


class Listener:
    """A local HTTP server that records every request: a test asserts none arrived."""

    def __init__(self):
        self.requests: list[str] = []
        listener = self

        class Record(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                listener.requests.append(self.path)
                body = b'{"@context": {"name": "http://schema.org/name"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
