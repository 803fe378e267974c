"""The fidelity benchmark in small (benchmarks/fidelity.py): a Traditional text
written for this test, with stray Simplified characters injected, published
through the plugin in real Pelican builds and compared with the original and
with OpenCC alone. The full run over real translation catalogs is
``python benchmarks/fidelity.py``."""

from __future__ import annotations

from functools import partial

import fidelity
import opencc
import pytest

#: Taiwan Traditional, written for this test (clean: the reference).
TEXT = """\
公司老闆在週一的會議上宣布，新的雲端服務將於下個月正式發佈。技術團隊已經完成註冊流程的設計，並把舊系統的資料複製到新的伺服器上。
這個決定背後，是長達一年的鬥爭與協商：有人擔心採購成本太高，也有人覺得這麼做不夠穩健，萬一失敗，損失難以估計。
經過幾次討論，大家終於願意接受這個方案。工程師說，他們在這家公司幹了十年，第一次看到管理層這麼重視日誌與監控。
新系統的範圍包括帳號註冊、訂單管理、倉庫與櫃檯的庫存，以及每週自動產生的報表；所有程式碼都託管在內部平台，發佈前必須經過審核。
為了避免干擾既有的客戶，上線時間訂在深夜。若干舊功能會先保留，等到下一個週期再逐步移除，預計影響範圍不大。
老闆也提醒大家，技術的累積需要時間沉澱，不能只看短期的勝負；與其追求速度，不如把基礎打好，讓系統在高峰時也能保持鬆緊有度。
最後，負責測試的同事在公告中寫道：請先備份資料，然後依照說明文件的步驟升級。如果遇到任何問題，請聯繫值班人員，或在留言板上回覆。"""
#: The "hard" Simplified forms of this text's characters: Simplified forms
#: that OpenCC also lists as Traditional characters (benchmarks/fidelity.py
#: reads all of them from OpenCC's STCharacters.txt).
HARD = "万于云几制台后周布干志愿托斗松板柜注淀系胜范采"
MODES = ("clean", "hard", "windows 10 %", "windows 30 %")


def versions() -> dict[str, tuple[list[str], list[list[int]]]]:
    lines = TEXT.split("\n")
    return fidelity.injected_versions(lines, frozenset(HARD), "test")


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict[str, tuple[fidelity.Score, ...]]]:
    """config -> mode -> (OpenCC alone, the plugin) scores."""
    lines = TEXT.split("\n")
    result: dict[str, dict[str, tuple[fidelity.Score, ...]]] = {}
    for config in ("s2tw", "s2hk"):
        articles = {
            mode: fidelity.make_articles(f"m{number}", lines, *versions()[mode])
            for number, mode in enumerate(MODES)
        }
        files = {
            f"{article.slug}.txt": fidelity.article_file(article)
            for group in articles.values()
            for article in group
        }
        output = fidelity.build_site(
            files, tmp_path_factory.mktemp(config), ATH_SCRIPT=config
        )
        alone = partial(fidelity.converted, opencc.OpenCC(config).convert)
        published = partial(fidelity.published, output)
        result[config] = {
            mode: (
                fidelity.score_articles(group, alone),
                fidelity.score_articles(group, published),
            )
            for mode, group in articles.items()
        }
    return result


def test_the_text_is_long_enough_and_has_every_hard_form():
    hard_line, injected = versions()["hard"]
    assert len(fidelity.han(TEXT)) > 350
    used = {
        line[index]
        for line, indexes in zip(hard_line, injected, strict=True)
        for index in indexes
    }
    assert used == set(HARD)


def test_one_article_per_mode_and_configuration(scores):
    assert set(scores) == {"s2tw", "s2hk"}
    for by_mode in scores.values():
        assert set(by_mode) == set(MODES)
        assert all(
            score.characters == len(fidelity.han(TEXT))
            for pair in by_mode.values()
            for score in pair
        )


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_hard_stray_characters_are_repaired(scores, config):
    alone, plugin = scores[config]["hard"]
    assert plugin.hard == alone.hard == 32
    assert plugin.repaired_share >= fidelity.GOAL_HARD
    assert alone.repaired_share < fidelity.GOAL_HARD  # the text is a real test


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_clean_text_changes_no_more_than_with_opencc_alone(scores, config):
    alone, plugin = scores[config]["clean"]
    assert plugin.wrong <= alone.wrong


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
@pytest.mark.parametrize("mode", ["windows 10 %", "windows 30 %"])
def test_mixed_text_is_at_least_as_right_as_with_opencc_alone(scores, config, mode):
    alone, plugin = scores[config][mode]
    assert plugin.right_share >= alone.right_share
