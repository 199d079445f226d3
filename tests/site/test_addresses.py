"""Addresses (issue 22, item 5): a publishing build needs an https SITE_URL that is neither this machine nor a
private network; SITE_PREVIEW=1 builds a preview whose every QR block, citation, fixed link and data file
says 本地预览."""

from __future__ import annotations

import json

import pytest
from conftest import build_with_env
from mkdocs.exceptions import Abort, PluginError

from generator.site.address import PREVIEW_NOTE, mode, site_url_problem

GOOD = [
    "https://catalogs.example.invalid/",
    "https://mzj.yanbian.gov.cn/catalogs/",
    "https://a.b.cn:8443/sub/",
    "https://1.1.1.1/",
]
BAD = [
    "http://127.0.0.1:8000/",
    "http://catalogs.yanbian.gov.cn/",
    "https://127.0.0.1/",
    "https://localhost:8000/",
    "https://[::1]/",
    "https://10.1.2.3/",
    "https://172.16.0.9/",
    "https://192.168.1.10/",
    "https://169.254.0.1/",
    "https://100.64.1.1/",
    "https://0.0.0.0/",
    "https://intranet/",
    "https://catalogs.local/",
    "https://x.internal/",
    "https://user:pw@catalogs.example.cn/",
    "https://catalogs.example.cn/?a=1",
    "ftp://catalogs.example.cn/",
    "catalogs.example.cn",
]


@pytest.mark.parametrize("url", GOOD)
def test_public_https_addresses_pass(url):
    assert site_url_problem(url) is None


@pytest.mark.parametrize("url", BAD)
def test_other_addresses_are_refused_in_chinese_with_the_value(url):
    problem = site_url_problem(url)
    assert problem and f"实际为“{url}”" in problem and "SITE_PREVIEW=1" in problem and "https://" in problem


def test_mode():
    assert mode(False, "https://catalogs.example.invalid/", False, "缺") == (False, None)
    assert mode(False, None, False, "缺") == (True, "缺")
    assert mode(False, None, True, "缺") == (True, None)
    assert mode(False, "http://127.0.0.1:8000/", True, "缺") == (True, None)  # a preview may point anywhere: it says so
    assert mode(True, "http://127.0.0.1:8000/", False, "缺") == (True, None)  # mkdocs serve
    preview, problem = mode(False, "http://127.0.0.1:8000/", False, "缺")
    assert not preview and "协议是 http" in problem


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "https://192.168.0.8/", "http://catalogs.yanbian.gov.cn/"])
def test_a_publishing_build_refuses_a_local_or_plain_http_address(site_project, tmp_path, monkeypatch, url):
    with pytest.raises((PluginError, Abort)) as failure:
        build_with_env(site_project, tmp_path, {"SITE_URL": url}, monkeypatch)
    text = f"{failure.value} {failure.value.__context__}"
    assert "SITE_URL 应为以 https:// 开头" in text and url in text
    assert not (tmp_path / "site").exists()


def test_a_preview_marks_every_qr_block_citation_fixed_link_and_data_file(site_project, tmp_path, monkeypatch):
    site = build_with_env(
        site_project, tmp_path, {"SITE_PREVIEW": "1", "SITE_URL": "http://127.0.0.1:8000/"}, monkeypatch
    )
    pages = [p for p in site.rglob("index.html") if "127.0.0.1" in p.read_text(encoding="utf-8")]
    assert len(pages) > 500
    unmarked = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'id="vc-cite-text"><span lang="zh">' in text:  # a Korean page shows the citation as data, in Chinese
            text = text.replace('id="vc-cite-text"><span lang="zh">', 'id="vc-cite-text">')
        cite = text.split('id="vc-cite-text">', 1)[1].split("<", 1)[0] if 'id="vc-cite-text">' in text else None
        if cite is not None and not cite.startswith("【本地预览"):
            unmarked.append(("citation", page))
        near = text.split("qr.svg", 1)[0][-400:] + text.split("qr.svg", 1)[1][:400] if "qr.svg" in text else ""
        if "qr.svg" in text and "本地预览" not in near and "로컬 미리보기" not in near:
            unmarked.append(("qr", page))
        if "固定链接：<a" in text and "本地预览，地址指向本机：</strong>固定链接" not in text:
            unmarked.append(("fixed link", page))
        if "고정 링크: <a" in text and "로컬 미리보기, 주소가 이 컴퓨터를 가리킴: </strong>고정 링크" not in text:
            unmarked.append(("fixed link", page))
    assert not unmarked, unmarked[:5]
    data = sorted((site / "data").rglob("*.json"))
    assert len(data) > 40
    for f in data:
        loaded = json.loads(f.read_text(encoding="utf-8"))
        if "$schema" not in loaded:
            assert loaded["preview"] == PREVIEW_NOTE, f
        else:
            assert "preview" in loaded["properties"]  # the schema allows the mark
