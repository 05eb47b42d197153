"""Awaiting Qt from coroutines: a signal's next emission, `ask(dialog)` and `confirm(...)`.

No nested event loops: dialogs are opened with `open()` and awaited through a Future resolved from
their `finished` signal, never with `exec()` (which would re-enter running asyncio tasks).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar, overload

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

T = TypeVar("T")
D = TypeVar("D", bound=QDialog)


def next_emission(signal: Any, convert: Callable[..., T]) -> tuple[asyncio.Future[T], Callable[[], None]]:
    """A Future resolved with `convert(*arguments)` at the signal's next emission, and a function that
    disconnects it (call it once the Future is no longer wanted)."""
    future: asyncio.Future[T] = asyncio.get_event_loop().create_future()

    def resolve(*args: Any) -> None:
        if not future.done():
            future.set_result(convert(*args))

    signal.connect(resolve)

    def disconnect() -> None:
        try:
            signal.disconnect(resolve)
        except (RuntimeError, TypeError):  # the sender is already gone
            pass

    return future, disconnect


async def emitted(signal: Any) -> None:
    """Wait for the signal's next emission."""
    future, disconnect = next_emission(signal, lambda *_args: None)
    try:
        await future
    finally:
        disconnect()


@overload
async def ask(dialog: QDialog) -> int: ...


@overload
async def ask(dialog: D, result: Callable[[D, int], T]) -> T: ...


async def ask(dialog: QDialog, result: Callable[[Any, int], Any] | None = None) -> Any:
    """Open a dialog (window-modal, non-blocking) and wait until it closes; it is deleted afterwards.

    `result(dialog, code)` is read while the dialog still exists, e.g. the button clicked or the file
    chosen; without it, the result code.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    finished, disconnect = next_emission(
        dialog.finished, lambda code: code if result is None else result(dialog, code)
    )
    dialog.open()
    try:
        return await finished
    finally:
        disconnect()


async def confirm(parent: QWidget, *, name: str, title: str, text: str, detail: str, verb: str) -> bool:
    """Ask a yes/no question whose safe answer (Cancel) is the default; whether `verb` was chosen."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    chosen = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
    chosen.setObjectName("confirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return await ask(box, lambda b, _code: b.clickedButton() is chosen)
