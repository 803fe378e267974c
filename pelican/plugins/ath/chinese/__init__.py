"""Chinese text: character classes, OpenCC conversion, the repair, punctuation, quotation marks."""
