"""Past one machine, simulated on one machine: several provinces, each its own site, one search.

Three synthetic provinces (20 counties each by default, copies of the real ones with their own
prefecture slug, names, id prefixes and codes; projects.Province) are built by separate `mkdocs
build` processes, as a CI matrix would build them, and served by three http.servers on three ports
(three origins, as three hosts or CDNs would be; each sends `Access-Control-Allow-Origin: *`). A page
on the first site loads that site's assets/search.js and searches all three sites' /search/index/ at
once (window.vcSearch: one index per site, results ranked together): the browser fetches each site's
manifest, only the shards the query's keys fall in, and the records shown, from each origin. Nothing here is deployed anywhere; network
latency between real hosts is not simulated (all three are 127.0.0.1).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .projects import Build, Province, build, make_project, synthetic_catalogs
from .serving import serve

PROVINCES = (Province("Q", "示例州Q"), Province("R", "示例州R"), Province("S", "示例州S"))
PAGE_URI = "cross-province/"

# The merged search page (classes as the site's header search so browser.search_once measures it alike).
PAGE = Markup("""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>跨省搜索（模拟）</title></head>
<body><h1>跨省搜索（单机模拟）</h1>
<input class="md-search__input" type="search" aria-label="搜索">
<p class="meta"></p><ol class="md-search-result__list"></ol>
<script type="application/json" id="sites">{sites}</script>
<script src="../assets/search.js"></script>
<script>
const sites = [new URL("../", location.href).href].concat(JSON.parse(document.getElementById("sites").textContent));
const input = document.querySelector("input"), list = document.querySelector("ol"), meta = document.querySelector(".meta");
const indexes = sites.map((site) => window.vcSearch.index(site));
input.addEventListener("input", async () => {{
  const found = window.vcSearch.ranked(await Promise.all(indexes.map((i) => i.search(input.value))));
  const datas = await Promise.all(found.slice(0, 10).map((r) => r.data()));
  list.textContent = "";
  window.vcOrigins = {{}};
  for (const d of datas) {{
    const site = new URL(d.href).origin + "/";
    window.vcOrigins[site] = (window.vcOrigins[site] || 0) + 1;
    const li = document.createElement("li"), a = document.createElement("a");
    li.className = "md-search-result__item";
    a.href = d.href;
    a.textContent = d.title || "";
    li.appendChild(a);
    list.appendChild(li);
  }}
  meta.textContent = found.length + " 条结果";
}});
</script></body></html>
""")


@dataclass(frozen=True)
class ProvinceSite:
    province: Province
    build: Build
    counties: int


def build_provinces(tmp: Path, counties: int, today: str, provinces=PROVINCES) -> list[ProvinceSite]:
    """Build each province as its own site, one `mkdocs build` each (as a CI matrix job would)."""
    sites = []
    for province in provinces:
        work = tmp / f"province-{province.slug}"
        synthetic = synthetic_catalogs(work / "catalogs-src", counties, province)
        config = make_project(
            work / "project", synthetic.catalogs_path, site_name=f"{province.name}村级组织目录公开查询"
        )
        sites.append(ProvinceSite(province, build(config, work / "site", today), counties))
    return sites


@contextlib.contextmanager
def serve_provinces(sites: list[ProvinceSite]):
    """Serve every site on its own port; write the merged search page into the first. Yields the bases."""
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serve(s.build.site_path, cors=True)) for s in sites]
        page = sites[0].build.site_path / PAGE_URI / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        # json.dumps output inside <script type="application/json">: "<" cannot occur in these URLs
        page.write_text(PAGE.format(sites=Markup(json.dumps(bases[1:]))), encoding="utf-8")
        yield bases
