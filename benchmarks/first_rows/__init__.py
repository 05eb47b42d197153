"""How long from showing the window to its first rows painted, against a minimal window doing the same.

    python -m benchmarks.first_rows --users 1000000 [--rounds 5] [--json] [--profile FILE]

Each measurement runs in a process of its own, started after its imports, as a user starts the app:
the real main window (made as the app makes it) opening the cached benchmark database, and the floor:
a minimal PySide6 window (the app's stylesheet, the window's size) that reads the same first page
with the sqlite3 module and shows it in a QTableView over a QStandardItemModel. They take turns, after
one warm-up each; the medians and their ratio are printed, with where the app's time went (its SQL
statements and steps) in its median round. See benchmarks/README.md.
"""

import os

# Before any module of the package imports Qt: no screen needed.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
