"""A built site served on 127.0.0.1 under /openstack-workflow/, as GitHub Pages serves it.

Shared by the benchmarks that open pages in a browser; ``serve(site)`` returns the
running server and the base URL of the site's root.
"""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MOUNT = "/openstack-workflow/"


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(MOUNT):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(MOUNT):])


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
