"""Tags and categories of a script variant in a real build: named in the
variant's script, linking to the original's pages."""

from __future__ import annotations

from conftest import SEED


def article(**fields: str) -> str:
    header = {"Title": "阿里雲的事業群", "Date": "2026-03-16", "Slug": "seed"} | fields
    lines = [f"{key}: {value}" for key, value in header.items()]
    return "\n".join(lines) + "\n\n" + SEED.read_text(encoding="utf-8")


def test_a_variant_shows_its_tags_and_category_in_its_script(build_site):
    site = build_site(
        {"seed.txt": article(Tags="雲計算, 開源模型", Category="科技新聞")},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS={"zh-Hant": "s2tw", "zh-Hans": "tw2s"},
        ATH_VARIANT_SITES=False,
    )

    def links(name: str) -> dict[str, str]:
        page = site.page(name)
        anchors = page.xpath(
            '//a[contains(@href, "tag/") or contains(@href, "category/")]'
        )
        return {a.text_content().strip(): a.get("href") for a in anchors}

    hant, hans = links("seed.html"), links("seed-zh-hans.html")
    assert {"雲計算", "開源模型", "科技新聞"} <= set(hant)
    assert {"云计算", "开源模型", "科技新闻"} <= set(hans)
    assert hans["云计算"] == hant["雲計算"] and hans["开源模型"] == hant["開源模型"]
    assert hans["科技新闻"] == hant["科技新聞"]
    # one page per tag, listing the original
    tag_page = site.output / hant["雲計算"].lstrip("/")
    assert tag_page.exists()
    assert "seed.html" in tag_page.read_text(encoding="utf-8")
