#!/bin/sh
# Runs each snippet `help diagnose` shows with the real library (PyTorch, optax, numpy) and
# the deliberately wrong implementations, writing the traces DiagnoseSnippetTests reads.
# Usage: sh Fixtures/diagnose/generate.sh [python]   (default: python3, from a venv with the libraries)
set -e
cd "$(dirname "$0")"
PY=${1:-python3}
for snippet in pytorch_adam optax_adam numpy_adam; do
  "$PY" "$snippet.py" > "$snippet.csv"
done
"$PY" keras_adam.py > keras_adam.csv
"$PY" mistakes.py
"$PY" libraries.py
cp pytorch_rmsprop.csv ../../sessions/data/torch-rmsprop.csv
