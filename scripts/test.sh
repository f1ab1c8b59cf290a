#!/usr/bin/env bash
# The whole test suite: set-up, a warning-free build, swift format, the unit and golden
# session tests (swift test), the sessions checked through the real binary, and the
# real-terminal tests under tmux.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh

echo "== build (warnings are errors)"
log="$(mktemp)"
swift build --build-tests 2>&1 | tee "$log" | grep -E "error|warning:" || true
if grep -q "warning:" "$log"; then echo "build has warnings" >&2; exit 1; fi
if grep -q "error:" "$log"; then echo "build failed" >&2; exit 1; fi

echo "== swift format lint"
swift format lint --strict --recursive Sources Tests Package.swift

echo "== swift test"
swift test --skip-build

echo "== sessions through the binary"
"$(swift build --show-bin-path)/adalab" --check sessions/*.txt

echo "== real terminal (tmux)"
bash Tests/terminal/run.sh "$(swift build --show-bin-path)/adalab"
