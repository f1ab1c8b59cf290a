#!/usr/bin/env bash
# diagnose on a trace of 100,000 rows (issue 15: under a second). Writes the trace with
# adalab's own `history … to`, then times `diagnose` in a fresh shell, which first fits the
# trace's settings and then replays every row. A separate script from run.sh on purpose.
#   bash Benchmarks/diagnose.sh            # RUNS=5, the best and the median
# SCRATCH sets SwiftPM's scratch path (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
swift build -c release --product adalab --scratch-path "$scratch" >&2
adalab="$PWD/$scratch/release/adalab"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$out"
"$adalab" -c 'set eta 0.003; set beta1 0.85; step 100000; history w b m_w m_b v_w v_b 1..100000 every 1 to trace.csv' >/dev/null
for _ in $(seq "${RUNS:-5}"); do
  /usr/bin/time -a -o times.txt -f "%e %U" "$adalab" -c 'diagnose trace.csv' >result.txt
done
grep -q "no difference: every row matches" result.txt || { cat result.txt; exit 1; }
best=$(sort -n times.txt | head -1)
echo "diagnose, 100000 rows of w b m_w m_b v_w v_b, best of ${RUNS:-5}: ${best% *} s wall, ${best#* } s user (with start-up)"
