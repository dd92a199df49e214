"""How fast this machine's cores are, printed beside every benchmark's figures so that runs on different machines
(or on one machine whose neighbours take its CPU) can be compared.

The reference is CPython's own speed on a fixed loop, run on every CPU at once (the benchmarks load them all): most
of what they time is Python (lemmatising, the ORM, templates) or C loops in PostgreSQL that suffer alike. Seen on the
shared 2-core VMs here: 0.35 s to 0.65 s per round from one minute to the next, so the mean and the range are given.
It is a rough guide only: on 2026-11-27 web figures were about half of an earlier machine's while this read 0.4-0.6 s.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time

LOOP = 10_000_000
ROUNDS = 3


def _rounds(_: int) -> list[float]:
    seconds = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        total = 0
        for i in range(LOOP):
            total += i
        seconds.append(time.perf_counter() - started)
    return seconds


def reference() -> list[float]:
    """Seconds per round of LOOP integer additions, ROUNDS rounds on each CPU at the same time."""
    cpus = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cpus) as pool:
        return [s for per_cpu in pool.map(_rounds, range(cpus)) for s in per_cpu]


def describe() -> str:
    """One line: the reference timings, the number of CPUs and the 1-minute load average."""
    found = reference()
    return (
        f"machine: {LOOP // 1_000_000}M Python additions per round on all {os.cpu_count()} CPUs at once:"
        f" mean {statistics.mean(found):.2f} s (range {min(found):.2f}-{max(found):.2f}),"
        f" load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    print(describe())
