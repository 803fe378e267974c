"""Regular expressions compiled when they are first used.

Compiling a character class of Han ranges walks every code point in them
(about 1.5 ms each); a build of the blog's own content uses few of the
package's patterns, and pays at start-up for none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

_METHODS = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
)
#: What is taken from the compiled pattern: its methods and what it knows.
_TAKEN = (*_METHODS, "groupindex", "groups")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled at the first call of one of
    its methods (or of ``groupindex``, ``groups``); from then on they are
    the compiled pattern's own.

    >>> late = LazyPattern("[一-鿿]+")
    >>> late.findall("a中文b"), late.sub("", "a中文b")
    (['中文'], 'ab')
    >>> LazyPattern("(?P<a>x)(y)").groupindex["a"], LazyPattern("(x)").groups
    (1, 1)
    """

    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]
    groupindex: Mapping[str, int]
    groups: int

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        """Compile, and put the pattern's methods on the instance."""
        if name not in _TAKEN:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for taken in _TAKEN:
            setattr(self, taken, getattr(compiled, taken))
        return getattr(compiled, name)
