"""QR codes for printed pages and notices (segno: pure Python, deterministic SVG and PNG, no network).

Encoding (choosing the best of eight masks) is the expensive part, so each address is encoded once
per process and its files are kept: a rebuild under `mkdocs serve` makes no QR code twice.
"""
from __future__ import annotations

import base64
import functools
import io

import segno

from . import filecache

_SOURCES = (__file__,)


@functools.lru_cache(maxsize=1024)
def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)  # error correction M: survives a creased notice board


@functools.lru_cache(maxsize=65536)
def qr_files(url: str) -> tuple[bytes, bytes]:
    """(SVG, PNG) files of the QR code for `url`, for officials to put into a notice."""
    def make(kind: str, **options: object) -> bytes:
        out = io.BytesIO()
        _code(url).save(out, kind=kind, border=4, **options)
        return out.getvalue()

    return (filecache.cached("qr-svg", url, lambda: make("svg", scale=8, title=url), sources=_SOURCES, packages=("segno",)),
            filecache.cached("qr-png", url, lambda: make("png", scale=10), sources=_SOURCES, packages=("segno",)))


@functools.lru_cache(maxsize=4096)
def qr_data_uri(url: str) -> str:
    """The QR code as a data: URI, for the margin of every printed page (nothing loaded from elsewhere)."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", xmldecl=False, scale=4, border=0)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")
