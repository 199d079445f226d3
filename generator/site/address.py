"""The public address (SITE_URL) a publishing build prints into QR codes, citations, feeds and data files:
an https address anyone can reach, never this machine or a private network (no MkDocs here)."""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

from .escape import json_text

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")
FIX = "请设置网站真正的公开地址，例如 SITE_URL=https://catalogs.example.gov.cn/；只在本机预览请设置 SITE_PREVIEW=1（页面、二维码、引用和数据文件都会标明“本地预览”）。"


def mode(serving: bool, site_url: str | None, preview_asked: bool, missing: str) -> tuple[bool, str | None]:
    """(preview?, what stops the build): `mkdocs serve` and SITE_PREVIEW=1 make a preview, marked 本地预览
    everywhere whatever SITE_URL says; a publishing build needs a public https address (`missing`: the
    message when there is none)."""
    preview = serving or preview_asked or not site_url
    if preview:
        return True, missing if not (serving or preview_asked) else None
    return False, site_url_problem(site_url or "")


def site_url_problem(url: str) -> str | None:
    """What is wrong with `url` as the public address, in Chinese (None: nothing)."""
    reason = _reason(url.strip())
    if reason is None:
        return None
    return (
        f"SITE_URL 应为以 https:// 开头、公众能访问的网址（二维码、引用、订阅和数据文件都指向它，会印到公开栏上），"
        f"实际为“{url}”：{reason}。{FIX}"
    )


def _reason(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return "不是有效的网址"
    if parts.scheme != "https":
        return f"协议是 {parts.scheme or '（空）'}，不是 https（扫码打开的地址必须加密）"
    if not host:
        return "缺少域名"
    if parts.username or parts.password:
        return "网址中不能含有用户名或密码"
    if parts.query or parts.fragment:
        return "网址中不能含有“?”或“#”之后的部分"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        if ip.is_loopback or ip.is_unspecified:
            return "这是本机地址"
        if ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or not ip.is_global:
            return "这是内网或保留地址，公众无法访问"
        return None
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(LOCAL_SUFFIXES):
        return "这是本机或内网的名字，公众无法访问"
    if "." not in name:
        return "域名只有一段，是内网的名字，公众无法访问"
    return None


PREVIEW_NOTE = "本地预览：没有设置网站的公开地址，本文件中的网址指向本机，不能引用、发布或张贴"


def mark_preview(files: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """A preview's data files (data/*.json) with "preview": PREVIEW_NOTE first (same key order and indent
    as opendata.py writes them); other files as they are."""
    out = []
    for uri, content in files:
        if uri.endswith(".json") and isinstance(content, bytes):
            data = json.loads(content)
            if isinstance(data, dict) and "$schema" not in data:  # the schema file describes data, it holds none
                content = json_text({**data, "preview": PREVIEW_NOTE}, sort_keys=True, indent=1).encode("utf-8")
        out.append((uri, content))
    return out
