"""The generated articles made to hurt (``adversarial.py``) cost linear
time: at 4x the size at most 5x the cost at 1x (measured here, in CPU time,
the best of several runs), through the scraped-text reader, the cleaning of
clipper Markdown and full-width punctuation."""

from __future__ import annotations

from functools import partial

from adversarial import PLAIN, articles, read_scraped, scraped_text, simpread
from hypothesis import HealthCheck, Phase, given, settings
from linear import deadline, scaling

from pelican.plugins.ath.netease.clipper import clean_export
from pelican.plugins.ath.treatment.options import ArticleOptions

#: Few examples, each measured at two sizes; a failure is not shrunk (that
#: would time hundreds of smaller articles).
TIMED = settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


def _cost_scales_linearly(make) -> None:
    with deadline(300, "the 1x and 4x articles, five times each"):
        assert scaling(make, 8) <= 5  # lines of 160 to 9,600 characters


@TIMED
@given(articles())
def test_scraped_text_costs_linear_time(article):
    _cost_scales_linearly(
        lambda scale: partial(read_scraped, scraped_text(article, scale), PLAIN)
    )


@TIMED
@given(articles())
def test_cleaning_clipper_markdown_costs_linear_time(article):
    _cost_scales_linearly(lambda scale: partial(clean_export, simpread(article, scale)))


@TIMED
@given(articles())
def test_full_width_punctuation_costs_linear_time(article):
    _cost_scales_linearly(
        lambda scale: partial(
            read_scraped, scraped_text(article, scale), ArticleOptions(scraped=True)
        )
    )
