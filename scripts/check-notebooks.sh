#!/usr/bin/env bash
# Optional: checks the notebook exports against the real readers. Not part of
# scripts/test.sh (the product and its tests need no Python).
#
#   NOTEBOOK_VENV=/path/to/venv bash scripts/check-notebooks.sh [LESSON...]
#
# For every lesson (default: sessions/*.txt) it runs `adalab --export` to HTML, Markdown
# and ipynb in $OUT (default .build/notebooks), then with the venv's Python:
# nbformat.validate and `jupyter nbconvert --to html` on each notebook, the hand-out
# parsed as XML, the Markdown's picture links followed; installs the optional kernel
# (kernel/install.py) into the venv and re-runs every code cell of every notebook
# through jupyter_client, comparing with the outputs the lesson recorded; and takes
# screenshots of each hand-out in headless chromium at desktop and phone width
# ($OUT/screens/NAME-desktop.png, NAME-phone.png) and prints them to PDF.
#
# NOTEBOOK_VENV (default .venv-notebooks) is created with nbformat, nbconvert,
# jupyter_client and ipykernel when it does not exist. ADALAB names a built binary;
# otherwise a release build is made.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=${NOTEBOOK_VENV:-$root/.venv-notebooks}
out=${OUT:-$root/.build/notebooks}

if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet nbformat nbconvert jupyter_client ipykernel
fi
if [[ -z ${ADALAB:-} ]]; then
  swift build -c release --product adalab >&2
  ADALAB=$root/.build/release/adalab
fi
ADALAB=$(cd "$(dirname "$ADALAB")" && pwd)/$(basename "$ADALAB")
browser=$(command -v chromium || command -v chromium-browser || true)

lessons=("$@")
[[ ${#lessons[@]} -gt 0 ]] || lessons=(sessions/*.txt)

rm -rf "$out"
mkdir -p "$out/screens"
# The kernel runs in $out; the lessons' data files go beside the notebooks.
cp -r sessions/data "$out/data"
for lesson in "${lessons[@]}"; do
  name=$(basename "$lesson" .txt)
  for format in html md ipynb; do
    (cd "$out" && "$ADALAB" --export "$name.$format" "$root/$lesson") >/dev/null
  done
  "$venv/bin/jupyter" nbconvert --to html --log-level ERROR "$out/$name.ipynb" \
    --output "$name.jupyter.html" >/dev/null
  if [[ -n $browser ]]; then
    for shot in desktop:1000,2000 phone:390,2000; do
      timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="${shot#*:}" --screenshot="$out/screens/$name-${shot%%:*}.png" \
        "file://$out/$name.html" 2>/dev/null
    done
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$out/screens/$name.pdf" "file://$out/$name.html" 2>/dev/null
  fi
done
[[ -n $browser ]] || echo "no chromium: screenshots skipped" >&2

"$venv/bin/python" kernel/install.py --adalab "$ADALAB" --prefix "$venv" >/dev/null
"$venv/bin/python" scripts/check_notebooks.py "$out" "${lessons[@]}" 2> >(grep -v "running over TCP" >&2)
echo "notebooks, nbconvert pages and screenshots in $out"
