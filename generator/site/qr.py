"""QR codes for printed pages (segno: pure Python, deterministic SVG, no network)."""
from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url` (error correction M: survives a creased notice board)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=3, border=2, svgclass="vc-qr-code",
        title=None, omitsize=False,
    )
    return out.getvalue().decode("utf-8")
