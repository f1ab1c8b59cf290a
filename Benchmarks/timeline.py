#!/usr/bin/env python3
"""A long timeline: 10^7 per-point Adam updates on the toy set with 1,000 mid-run changes
(η alternates between 0.1 and 0.05 every 10,000 updates, the last change at t = 10^7), then
`back 1`, which crosses that last change.

Run through Benchmarks/timeline.sh, which builds the release binary first. Reports:
- the time of one `back 1`, from the difference between a run that ends with 1,001 of them
  and one that ends with 1, over 1,000 (so the 10^7 updates cancel out);
- the peak memory (maximum resident set) of the run with one `back 1`;
- whether `back 1` lands, bit for bit, where a fresh run of the same timeline stopped one
  update earlier stands.
Exits 1 when `back 1` takes 0.1 s or more, the peak reaches 100 MB, or the bits differ.
Python standard library only.
"""

import json
import os
import resource
import subprocess
import sys
import time

ADALAB = os.environ["ADALAB"]
CHANGES = 1_000
EVERY = 10_000
BACKS = 1_000


def timeline(last_step=EVERY):
    """The commands of the timeline; the last stretch takes `last_step` updates."""
    commands = ["set batch 1"]
    for k in range(CHANGES):
        commands.append(f"step {EVERY if k < CHANGES - 1 else last_step}")
        commands.append(f"set eta {0.05 if k % 2 == 0 else 0.1}")
    return commands


def run(commands):
    """Wall time, peak RSS (bytes, of this child alone) and the JSON replies."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    out = subprocess.run(
        [ADALAB, "--json", "-c", "; ".join(commands)], check=True, capture_output=True,
        text=True).stdout
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, (peak if peak > before else None), [json.loads(l) for l in out.splitlines()]


def main():
    failures = []
    one_seconds, peak_kb, one = run(timeline() + ["back 1"])
    many_seconds, _, _ = run(timeline() + ["back 1"] * (BACKS + 1))
    per_back = (many_seconds - one_seconds) / BACKS
    arrived = one[-1]
    _, _, fresh = run(timeline(last_step=EVERY - 1)[:-1] + ["show w b t"])
    reference = fresh[-1]
    same = (arrived["t"] == reference["t"] == CHANGES * EVERY - 1
            and arrived["w"] == reference["w"] and arrived["b"] == reference["b"])
    print(f"10^7 updates, {CHANGES} changes: the whole run {one_seconds:.2f} s")
    print(f"  back 1 (across the change at t=10^7): {per_back * 1000:.2f} ms")
    if peak_kb is None:
        print("  peak memory: not measurable here (an earlier child used more)")
    else:
        print(f"  peak memory: {peak_kb / 1024:.1f} MB")
    print(f"  back 1 equals a fresh run of the timeline to t={CHANGES * EVERY - 1}: "
          + ("bit for bit" if same else f"NO: {arrived} against {reference}"))
    if per_back >= 0.1:
        failures.append("back 1 took 0.1 s or more")
    if peak_kb is not None and peak_kb >= 100 * 1024:
        failures.append("peak memory 100 MB or more")
    if not same:
        failures.append("back 1 differs from a fresh run")
    for failure in failures:
        print("FAILED:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
