"""One document's treatment, one way down.

    process     the dispatcher: the only module that imports the routes
      decide      scraped, suspected (signs the cleaner must confirm) or own
      flat        a flat scraped document: edits of its string
      tree        any other scraped document: one lxml tree
      own         the blog's own: as written, what it opted into in place
    result      the Result every route gives; TOC slot; the text transform
    options     ArticleOptions and the Treatment they give one kind

Each module imports only the ones below it in this list (and the
``chinese``, ``html`` and ``netease`` layers); ``tests/unit/test_architecture.py``
walks the graph.
"""
