"""``pelican-ath import``: NetEase articles from their URLs, images and all."""
