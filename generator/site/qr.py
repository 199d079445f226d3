"""QR codes for printed pages and notices (segno: pure Python, deterministic SVG and PNG, no network)."""
from __future__ import annotations

import base64
import io

import segno


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)  # error correction M: survives a creased notice board


def qr_files(url: str) -> tuple[bytes, bytes]:
    """(SVG, PNG) files of the QR code for `url`, for officials to put into a notice."""
    svg, png = io.BytesIO(), io.BytesIO()
    _code(url).save(svg, kind="svg", scale=8, border=4, title=url)
    _code(url).save(png, kind="png", scale=10, border=4)
    return svg.getvalue(), png.getvalue()


def qr_data_uri(url: str) -> str:
    """The QR code as a data: URI, for the margin of every printed page (nothing loaded from elsewhere)."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", xmldecl=False, scale=4, border=0)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")
