"""The files only the prefecture keeps: the milestones (时间节点) and the common-names table (常用叫法对照表)."""

from __future__ import annotations

import datetime

from .load import Document
from .model import CommonName, Level, Milestone, Milestones, Region, Source
from .report import Report


def source_of(raw: dict | None) -> Source | None:
    return Source(**raw) if raw else None


def _prefecture_docs(
    docs: dict[str, Document], regions: dict[str, Region], report: Report, what: str
) -> list[Document]:
    """The documents of a prefecture-only file (a county folder may not have one)."""
    out = []
    for folder, doc in sorted(docs.items()):
        region = regions.get(folder)
        if region is None:
            continue  # the region's own errors are reported
        if region.level is not Level.PREFECTURE:
            report.add(
                doc.uri,
                (),
                f"{what}由州级维护（期望放在州级地区文件夹中，实际在 {folder}/；请删除此文件，需要补充或修改请报州民政局）",
            )
            continue
        out.append(doc)
    return out


def build_milestones(docs: dict[str, Document], regions: dict[str, Region], report: Report) -> Milestones | None:
    for doc in _prefecture_docs(docs, regions, report, "时间节点"):
        d = doc.data
        return Milestones(
            d["title"],
            Source(**d["source"]),
            tuple(
                Milestone(m["key"], m["name"], datetime.date.fromisoformat(m["due"]), m["check"], m["section"])
                for m in d["milestones"]
            ),
        )
    return None


def build_names(docs: dict[str, Document], regions: dict[str, Region], report: Report) -> tuple[CommonName, ...]:
    """The prefecture's common-names table (a county folder may not have one)."""
    out: list[CommonName] = []
    for doc in _prefecture_docs(docs, regions, report, "常用叫法对照表"):
        for i, n in enumerate(doc.data["names"]):
            out.append(
                CommonName(
                    n["name"],
                    n["means"],
                    n["verified"],
                    source_of(n.get("source")),
                    n.get("note"),
                    doc.line_of(("names", i)),
                    where=("names", i),
                )
            )
            out += [  # its Korean phrasings, each a common name of its own beside the Chinese one
                CommonName(
                    ko,
                    n["means"],
                    n.get("ko_verified", False),
                    source_of(n.get("source")),
                    n.get("note"),
                    doc.line_of(("names", i, "ko", j)),
                    counterpart=n["name"],
                    where=("names", i, "ko", j),
                )
                for j, ko in enumerate(n.get("ko", ()))
            ]
        report.names_uri = doc.uri
    return tuple(out)
