"""A scraped file does not choose where it is written, or which template
renders it: ``Save_as:``, ``URL:`` and ``Template:`` in a scraped header
are ignored with a warning naming the file, so a scraped file can never
replace another page of the blog."""

from __future__ import annotations

import logging

import pytest

OWN = "Title: 關於我\nDate: 2026-03-01\nSlug: about\n\n這是我的關於頁。\n"
HEADER = "Save_as: about.html\nURL: about.html\nTemplate: missing\n"
SCRAPED = {
    "export.txt": f"Title: 導出\nDate: 2026-03-16\n{HEADER}\n正文第一段。\n![]()\n",
    "simpread.md": (
        f"Title: 剪藏\nDate: 2026-03-16\n{HEADER}\n"
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[www.163.com](https://www.163.com/dy/article/GTESTDY0000000AB.html)\n\n"
        "第一段。\n\n第二段。\n"
    ),
}


@pytest.mark.parametrize("name", sorted(SCRAPED))
def test_a_scraped_header_cannot_replace_a_page(build_site, records, name):
    site = build_site({"about.md": OWN, name: SCRAPED[name]})
    assert "這是我的關於頁" in site.text("about.html")
    scraped = [
        p for p in site.output.glob("*.html") if "第一段" in p.read_text("utf-8")
    ]
    assert [p.name for p in scraped if p.name != "index.html"]  # published
    warnings = [r.getMessage() for r in records.records if r.levelno == logging.WARNING]
    assert any(name in w and "Save_as, Url, Template" in w for w in warnings)
