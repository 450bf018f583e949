"""Client of the websequencediagrams.com HTTP API, an opt-in look for diagrams.

Protocol: POST ``message`` (the WSD text), ``style`` and ``apiVersion=1`` to
the service's root; the JSON reply names the image (``{"img": "?png=...",
"errors": [...]}``), which is then fetched from the same host. Nothing here
knows about MkDocs; the fence decides what to do when the service is away.
"""
from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

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
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            last = exc
    raise OnlineUnavailable(f"{url}: {last}")


def _render_once(http: requests.Session, text: str, *, url: str, style: str, timeout: float) -> bytes:
    reply = http.post(url, data={"message": text, "style": style, "apiVersion": "1", "format": "png"},
                      timeout=timeout)
    reply.raise_for_status()
    answer = reply.json()
    if not isinstance(answer, dict):
        raise ValueError(f"the service answered {type(answer).__name__}, not an object")
    reported = answer.get("errors") or []
    if not isinstance(reported, list):
        raise ValueError("the service's errors are not a list")
    errors = [str(e) for e in reported]
    if errors:
        raise OnlineRejected(errors)
    img = answer.get("img")
    if not isinstance(img, str) or not img:
        raise ValueError("the service named no image")
    image_url = urljoin(url, img)
    if _origin(image_url) != _origin(url):
        # Never let the reply choose the host the build machine talks to next.
        raise ValueError(f"the service named an image on another origin ({_origin(image_url)})")
    image = http.get(image_url, timeout=timeout, allow_redirects=False)
    image.raise_for_status()
    if not image.content.startswith(b"\x89PNG"):
        raise ValueError("the image the service named is not a PNG")
    return image.content


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError as exc:
        raise ValueError(f"bad port in {url!r}") from exc
    return scheme, (parts.hostname or "").lower(), port
