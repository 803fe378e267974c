"""Properties over generated articles made to hurt (``adversarial.py``):
through the scraped-text reader and through the clipper-Markdown reader, no
text is lost and nothing can run script."""

from __future__ import annotations

from adversarial import (
    Line,
    articles,
    live_script,
    published_lines,
    read_scraped,
    read_simpread,
    scraped_text,
    simpread,
)
from hypothesis import HealthCheck, given, settings
from linear import deadline

SLOW = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SLOW
@given(articles())
def test_scraped_text_loses_nothing_and_runs_nothing(article):
    text = scraped_text(article, 1)
    with deadline(60, "one generated article"):
        markup = read_scraped(text)
    expected = [line.strip() for line in text.split("\n") if line.strip()]
    assert published_lines(markup) == expected
    assert live_script(markup) == []


@SLOW
@given(articles())
def test_clipper_markdown_runs_nothing(article):
    with deadline(60, "one generated export"):
        markup = read_simpread(simpread(article, 1))
    assert live_script(markup) == []
    text = "".join(published_lines(markup))
    for line in article[1]:
        if isinstance(line, Line):
            assert line.before in text  # the words around the runs stay
