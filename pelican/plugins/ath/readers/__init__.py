"""Pelican readers: scraped text exports, saved 163.com pages and clipper Markdown."""
