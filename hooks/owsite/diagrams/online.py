"""Client of the websequencediagrams.com HTTP API, an opt-in look for diagrams.

Protocol: POST ``message`` (the WSD text), ``style`` and ``apiVersion=1`` to
the service's root; the JSON reply names the image (``{"img": "?png=...",
"errors": [...]}``), which is then fetched from the same host. Nothing here
knows about MkDocs; the fence decides what to do when the service is away.
"""
from __future__ import annotations

import time
from urllib.parse import urljoin

import requests


class OnlineUnavailable(Exception):
    """The service could not be reached or answered nonsense; the caller falls back."""


class OnlineRejected(Exception):
    """The service reached a verdict on the text: its error lines."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def render_png(text: str, *, url: str, style: str, timeout: float = 10.0,
               retries: int = 2, session: requests.Session | None = None) -> bytes:
    http = session or requests.Session()
    last: Exception | None = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(min(0.25 * 2 ** attempt, 2.0))
        try:
            return _render_once(http, text, url=url, style=style, timeout=timeout)
        except OnlineRejected:
            raise  # Asking again gives the same verdict.
        except (requests.RequestException, ValueError, KeyError) as exc:
            last = exc
    raise OnlineUnavailable(f"{url}: {last}")


def _render_once(http: requests.Session, text: str, *, url: str, style: str, timeout: float) -> bytes:
    reply = http.post(url, data={"message": text, "style": style, "apiVersion": "1", "format": "png"},
                      timeout=timeout)
    reply.raise_for_status()
    answer = reply.json()
    errors = [str(e) for e in answer.get("errors") or []]
    if errors:
        raise OnlineRejected(errors)
    image = http.get(urljoin(url, answer["img"]), timeout=timeout)
    image.raise_for_status()
    if not image.content.startswith(b"\x89PNG"):
        raise ValueError("the image the service named is not a PNG")
    return image.content
