"""Guard against PySide6 releases that leak references to True/None (6.12.0 on Python 3.11 aborts
with "Fatal Python error: bool_dealloc" after a few thousand qasync callbacks)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Runs in a child process: if the bug is back, the child dies, not the test session.
SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Emitter(QObject):
        changed = Signal(bool)
        empty = Signal()

    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    emitter = Emitter()
    label = QLabel()
    seen = []
    emitter.changed.connect(seen.append)
    emitter.empty.connect(lambda: None)
    ROUNDS = 30_000

    async def churn():
        for n in range(ROUNDS):
            emitter.changed.emit(n % 2 == 0)
            emitter.empty.emit()
            label.setText(str(n % 10))      # a void Qt method
            if n % 10 == 0:
                await asyncio.sleep(0)      # a qasync loop callback
        done = loop.create_future()
        count = [0]
        def tick():
            count[0] += 1
            if count[0] >= 2_000:
                done.set_result(None)
            else:
                QTimer.singleShot(0, tick)
        QTimer.singleShot(0, tick)
        await done

    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    with loop:
        loop.run_until_complete(churn())
    true_after, none_after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(seen) == ROUNDS
    print(true_before, true_after, none_before, none_after)
    """
)


def test_signals_and_loop_callbacks_do_not_leak_true_or_none() -> None:
    child = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, f"child died (rc={child.returncode}): {child.stderr[-2000:]}"
    true_before, true_after, none_before, none_after = map(int, child.stdout.split())
    # A leak drops a count by thousands here; ordinary churn moves it by a few hundred at most.
    assert true_after >= true_before - 500, (true_before, true_after)
    assert none_after >= none_before - 500, (none_before, none_after)
