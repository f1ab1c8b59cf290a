#!/usr/bin/env bash
# adalab against its peers, in one run: builds the release binary, then runs
# Benchmarks/bench.py (needs python3 with numpy and a C compiler; optax is used when installed),
# which compiles its C peers (Benchmarks/peers/rules.c) itself.
#   bash Benchmarks/run.sh                 # every case, RUNS=5
#   RUNS=3 bash Benchmarks/run.sh per-point full-batch start-up memory csv matrix
#   OPTIMIZERS="adagrad adam" CONVENTIONS=pytorch bash Benchmarks/run.sh matrix
# SCRATCH sets SwiftPM's scratch path, relative to the repository or absolute (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
# The build scripts/adalab makes: release, the Swift runtime and Foundation linked statically.
swift build -c release --static-swift-stdlib --product adalab --scratch-path "$scratch" >&2
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"
export ADALAB="$bin/adalab"
python3 Benchmarks/bench.py "$@"
