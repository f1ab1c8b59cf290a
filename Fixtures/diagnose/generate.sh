#!/bin/sh
# Runs each snippet `help diagnose` shows with the real library (PyTorch, optax, numpy) and
# the deliberately wrong implementations, writing the traces DiagnoseSnippetTests reads.
# Usage: sh Fixtures/diagnose/generate.sh [python]   (default /work/venv/bin/python)
set -e
cd "$(dirname "$0")"
PY=${1:-/work/venv/bin/python}
for snippet in pytorch_adam optax_adam numpy_adam; do
  "$PY" "$snippet.py" > "$snippet.csv"
done
"$PY" keras_adam.py > keras_adam.csv
"$PY" mistakes.py
"$PY" libraries.py
cp pytorch_rmsprop.csv ../../sessions/data/torch-rmsprop.csv
