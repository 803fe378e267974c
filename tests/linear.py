"""Helpers for linear-time regression tests (no timed unit tests: a deadline
far above the linear cost, or the cost at 4x size against the cost at 1x)."""

from __future__ import annotations

import gc
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail the test if the block runs longer than ``seconds`` (the input is
    sized so that a superlinear step would take minutes; Python's regex engine
    and BeautifulSoup both let the alarm through)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeoutError:
        pytest.fail(f"{what}: not done after {seconds} s; not linear in its input")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cost(run: Callable[[], object], repeat: int = 5) -> float:
    """The least CPU time of ``repeat`` runs (CPU time: other processes on the
    machine do not count; the garbage collector paused, as timeit does, so
    that its passes over every object alive do not count either)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def scaling(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """Cost at 4x ``size`` over the cost at ``size`` (the best of up to five
    tries, so that a noisy phase of the machine does not decide: a try
    within the bound ends the measurement)."""
    ratios = []
    for _ in range(5):
        small, large = cost(make(size)), cost(make(4 * size))
        ratios.append(large / max(small, 1e-6))
        if ratios[-1] <= 5:
            break
    return min(ratios)
