"""A stand-in for websequencediagrams.com on 127.0.0.1, speaking the same HTTP API.

POST / with ``message``, ``style``, ``apiVersion=1`` -> JSON ``{"img": "?png=ID", "errors": [...]}``;
GET /?png=ID -> the PNG. Text containing ``SYNTAX ERROR`` is rejected the way
the service does (``"Line N: Syntax error."``). ``fail_first`` answers that
many POSTs with HTTP 500, to exercise retries.
"""
from __future__ import annotations

import json
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def tiny_png(width: int = 2, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class FakeWsd:
    def __init__(self, fail_first: int = 0, answer: object = ...):
        self.answer = answer  # when given, the JSON every POST gets back instead of the real reply
        self.posts: list[dict[str, str]] = []
        self.gets: list[str] = []
        self.fail_first = fail_first
        self.images: dict[str, bytes] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                fake.posts.append(form)
                if len(fake.posts) <= fake.fail_first:
                    self.send_error(500)
                    return
                errors = []
                for number, line in enumerate(form.get("message", "").splitlines(), 1):
                    if "SYNTAX ERROR" in line:
                        errors.append(f"Line {number}: Syntax error.")
                image_id = f"img{len(fake.posts)}"
                fake.images[image_id] = tiny_png(len(form.get("style", "x")), 1)
                reply = {"img": f"?png={image_id}", "errors": errors} if fake.answer is ... else fake.answer
                body = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                fake.gets.append(self.path)
                image_id = parse_qs(urlsplit(self.path).query).get("png", [""])[0]
                data = fake.images.get(image_id)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeWsd":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
