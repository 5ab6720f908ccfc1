"""A measure of the work a call does that load on the machine cannot change, for growth checks in tests.

Wall-clock and CPU time both inflate when other processes share the cores (CPU time by 1.5-2x on a loaded 2-core
machine), so a test that compares either with a threshold fails for reasons unrelated to the code. The number of
Python lines executed plus the number of calls into C functions is the same on every run of the same input (up to
set ordering), so the growth between two input sizes can be asserted exactly. What it cannot see is the work inside
one C call, such as a regex backtracking: ``benchmarks/linearity_bench.py`` times those inputs instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def work_done(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int]:
    """Run ``function`` and return its result with the number of Python lines and C calls it executed."""
    steps = 0

    def on_line(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        if event == "line":
            steps += 1
        return on_line

    def on_call(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        if event == "c_call":
            steps += 1

    previous_trace, previous_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(lambda frame, event, arg: on_line)
    sys.setprofile(on_call)
    try:
        result = function(*args, **kwargs)
    finally:
        sys.setprofile(previous_profile)
        sys.settrace(previous_trace)
    return result, steps
