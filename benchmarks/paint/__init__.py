"""How much loop-thread CPU a full repaint of the accounts table costs, against what Qt itself needs.

    python -m benchmarks.paint --users 1000000 [--repetitions 200] [--json]

Opens the real main window (made as the app makes it) offscreen on the cached benchmark database,
and a floor beside it: a QTableView over a QStandardItemModel holding the same texts (colours and
alignment too), at the same size and place, with the same column widths, row height, fonts, stylesheet
and selected row. Then repaints one and the other in turn, many times, and compares the medians of the
loop thread's CPU time: with the app's stylesheet, without it, and for rows painted for the first time
(scrolling a screen on each time). See benchmarks/README.md.
"""

import os

# Before any module of the package imports Qt: no screen needed.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
