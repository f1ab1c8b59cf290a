#!/usr/bin/env python3
"""Installs the optional adalab Jupyter kernel (needs ipykernel):

    python3 kernel/install.py [--adalab PATH] [--user | --prefix DIR]

The kernel spec records this folder (for `python -m adalab_kernel`) and the adalab
binary it drives: --adalab, else $ADALAB, else the release build .build/release/adalab,
else `adalab` on the PATH. Without --user or --prefix it installs into the running
Python's prefix (a venv's own share/jupyter). Remove it with
`jupyter kernelspec remove adalab`.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager

HERE = os.path.dirname(os.path.abspath(__file__))


def find_adalab(given):
    candidates = [given, os.environ.get("ADALAB"),
                  os.path.join(HERE, "..", ".build", "release", "adalab"),
                  shutil.which("adalab")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    sys.exit("install.py: no adalab binary found; build it (swift build -c release) or pass --adalab PATH")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adalab", help="the adalab binary the kernel runs")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for this user")
    where.add_argument("--prefix", help="install under this prefix")
    options = parser.parse_args()
    adalab = find_adalab(options.adalab)
    spec = {
        "argv": [sys.executable, "-m", "adalab_kernel", "-f", "{connection_file}"],
        "display_name": "adalab",
        "language": "adalab",
        "interrupt_mode": "signal",
        "env": {"PYTHONPATH": HERE, "ADALAB": adalab},
    }
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w") as file:
            json.dump(spec, file, indent=1)
        prefix = None if options.user else (options.prefix or sys.prefix)
        path = KernelSpecManager().install_kernel_spec(
            folder, "adalab", user=options.user, prefix=prefix)
    print("installed the adalab kernel in %s (adalab: %s)" % (path, adalab))


if __name__ == "__main__":
    main()
