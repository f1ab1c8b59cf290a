#!/usr/bin/env bash
# A long timeline (10^7 updates, 1,000 mid-run changes): the time of `back 1`, the peak memory,
# and that `back 1` is bit for bit a fresh run of the timeline. Builds the release binary, then
# runs Benchmarks/timeline.py (python3, standard library only).
#   bash Benchmarks/timeline.sh
# SCRATCH sets SwiftPM's scratch path (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" >&2
ADALAB="$PWD/$scratch/release/adalab" python3 Benchmarks/timeline.py
