"""A Jupyter kernel for adalab: each cell runs in a live `adalab --serve`.

Optional: adalab itself needs no Python. Install with `python3 kernel/install.py`
(see the README); an exported lesson (`export l4.ipynb`) then re-runs cell by cell.
"""

__version__ = "0.1.0"
