"""The section titles of the clipper exports the tests read, typed by hand:
shared by ``unit/test_exporter.py`` and ``site/test_site_netease.py``."""

#: ../shared/netease/04_dy_article_FRUPEE4R0511O6PE_simpread-export.md
SIMPREAD_HEADINGS = [
    "什么是 APT 缓存？为什么要使用它？",
    "为什么安装包后要保留缓存？",
    "你应该清理 APT 缓存吗？",
    "如何清理 APT 缓存？",
    "删除 apt 缓存安全吗？",
    "总结",
]
#: tests/data/simpread.md
OWN_SIMPREAD_HEADINGS = [
    "rsync 为什么比复制快？",
    "排除不需要备份的目录",
    "删除源目录中已经没有的文件",
    "总结",
]
