"""How responsive the real main window stays on a large database.

    python -m benchmarks.responsiveness --users 1000000 [--json] [--bcrypt-cost 12]

Builds (once, cached under the temp folder) a database of N accounts (database.py), starts the real
MainWindow offscreen on a qasync loop, drives it through its widgets from a coroutine (driver.py,
scenarios.py), and measures how long the event loop is held (a 5 ms QTimer heartbeat), how long the
first rows, a search and a sort take, the statements per page read and the peak memory (probes.py);
report.py sums it up. See benchmarks/README.md for what each figure means. Changes made by the edit,
delete and set-password phases are undone in the cached file afterwards.
"""

import os

# Before any module of the package imports Qt: no screen needed.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
