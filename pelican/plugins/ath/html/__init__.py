"""HTML steps: the source scan, the tree, cleaning, headings, the TOC, text runs, sanitising."""
