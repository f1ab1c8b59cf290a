#!/usr/bin/env bash
# adalab against its peers, in one run: builds the release binary and the C peer, then runs
# Benchmarks/bench.py (needs python3 with numpy; optax is used when installed).
#   bash Benchmarks/run.sh                 # every case, RUNS=5
#   RUNS=3 bash Benchmarks/run.sh per-point full-batch start-up memory csv
# SCRATCH sets SwiftPM's scratch path (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" >&2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
${CC:-cc} -O2 -o "$out/adam" Benchmarks/peers/adam.c -lm
export ADALAB="$PWD/$scratch/release/adalab" ADAM_C="$out/adam"
python3 Benchmarks/bench.py "$@"
