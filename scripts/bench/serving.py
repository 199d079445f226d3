"""A built site served from 127.0.0.1 on a free port by a threaded http.server (as the browser tests do).

Files go out uncompressed; the benchmark computes the gzip size a real server would send. With
`cors=True` every response carries `Access-Control-Allow-Origin: *`, which a site needs for another
site's page to search its index (the multi-province simulation; a CDN needs the same header).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    cors = False
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def end_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@contextlib.contextmanager
def serve(root: Path, cors: bool = False) -> Iterator[str]:
    """Serve `root`; yields its base URL (ending in /)."""
    handler = type("Handler", (_Handler,), {"cors": cors})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
