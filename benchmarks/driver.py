"""One timed Pelican build, run in a fresh interpreter by the benchmark.

    python benchmarks/driver.py SETTINGS CONTENT OUTPUT [PROFILE] [--no-run]

Prints one line ``BENCH-RESULT {json}``: the wall and CPU time of
``Pelican.run()`` alone (start-up, imports and settings excluded), the
process's peak RSS, the time spent dispatching ``content_object_init`` (where
pelican-ath, or the floor plugin, does its per-document work; the first
document's dispatch apart, as it pays for loading dictionaries), and every
OpenCC configuration loaded, with the time it took. Only Pelican's signal and
OpenCC's class are wrapped; the plugin's own code is not touched.

With ``--no-run`` it does everything but ``Pelican.run()``: counted by
valgrind, that is the start-up that a build's count less it leaves the
build's own work (``instructions.py --builds``).
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time

RESULT_MARK = "BENCH-RESULT "
NO_RUN = "--no-run"


def main(argv: list[str]) -> None:
    run = NO_RUN not in argv
    argv = [arg for arg in argv if arg != NO_RUN]
    settings_file, content, output = argv[:3]
    profile_path = argv[3] if len(argv) > 3 else ""

    from pelican import Pelican, signals
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    init_logging(level=logging.WARNING, name="pelican", handler=logging.StreamHandler())
    dispatch = {"seconds": 0.0, "calls": 0, "first": 0.0}
    send = signals.content_object_init.send

    def timed_send(*args, **kwargs):
        start = time.perf_counter()
        try:
            return send(*args, **kwargs)
        finally:
            took = time.perf_counter() - start
            if not dispatch["calls"]:
                dispatch["first"] = took
            dispatch["seconds"] += took
            dispatch["calls"] += 1

    signals.content_object_init.send = timed_send
    loads: list[tuple[str, float]] = []
    try:
        import opencc
    except ImportError:
        opencc = None
    if opencc is not None:
        original = opencc.OpenCC

        def loading(config: str = "t2s", *args, **kwargs):
            start = time.perf_counter()
            converter = original(config, *args, **kwargs)
            loads.append((str(config), time.perf_counter() - start))
            return converter

        opencc.OpenCC = loading

    settings = read_settings(
        settings_file, override={"PATH": content, "OUTPUT_PATH": output}
    )
    pelican = Pelican(settings)
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu_start = time.perf_counter(), time.process_time()
    if run:
        pelican.run()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_path)
    result = {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "dispatch_seconds": dispatch["seconds"],
        "dispatch_calls": dispatch["calls"],
        "first_dispatch_seconds": dispatch["first"],
        "opencc_loads": loads,
        "modules": sorted({name.split(".")[0] for name in sys.modules}),
    }
    print(RESULT_MARK + json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
