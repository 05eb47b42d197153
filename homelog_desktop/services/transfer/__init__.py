"""Export and import of accounts: file formats, export, and import in steps (reading, validation,
planning, running). `Workspace.transfer` runs them on an open database; the names callers need are
here.

Each name loads its module when first asked for (PEP 562): opening a workspace builds the transfer
service, but reading, validating and planning an import load only once an import runs, not at every
homelog-admin command's start."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homelog_desktop.data.transfer_dao import ImportChange, OnExisting
    from homelog_desktop.errors import ImportCancelledError
    from homelog_desktop.services.transfer.export import ExportOptions
    from homelog_desktop.services.transfer.formats import EXPORT_FIELDS, HASH_FIELD, TransferFormat
    from homelog_desktop.services.transfer.importing import ImportReport
    from homelog_desktop.services.transfer.planning import ImportPlan, ImportRowReport, RowStatus
    from homelog_desktop.services.transfer.reading import MAX_IMPORT_ROWS, ImportFile, read_import_file
    from homelog_desktop.services.transfer.service import TransferService
    from homelog_desktop.services.transfer.text_files import MAX_IMPORT_BYTES
    from homelog_desktop.services.transfer.validation import ValidatedRow, hash_problem, validate_row

_HOMES = {
    "homelog_desktop.data.transfer_dao": ("ImportChange", "OnExisting"),
    "homelog_desktop.errors": ("ImportCancelledError",),
    "homelog_desktop.services.transfer.export": ("ExportOptions",),
    "homelog_desktop.services.transfer.formats": ("EXPORT_FIELDS", "HASH_FIELD", "TransferFormat"),
    "homelog_desktop.services.transfer.importing": ("ImportReport",),
    "homelog_desktop.services.transfer.planning": ("ImportPlan", "ImportRowReport", "RowStatus"),
    "homelog_desktop.services.transfer.reading": ("MAX_IMPORT_ROWS", "ImportFile", "read_import_file"),
    "homelog_desktop.services.transfer.service": ("TransferService",),
    "homelog_desktop.services.transfer.text_files": ("MAX_IMPORT_BYTES",),
    "homelog_desktop.services.transfer.validation": ("ValidatedRow", "hash_problem", "validate_row"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "EXPORT_FIELDS",
    "HASH_FIELD",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "ExportOptions",
    "ImportCancelledError",
    "ImportChange",
    "ImportFile",
    "ImportPlan",
    "ImportReport",
    "ImportRowReport",
    "OnExisting",
    "RowStatus",
    "TransferFormat",
    "TransferService",
    "ValidatedRow",
    "hash_problem",
    "read_import_file",
    "validate_row",
]


def __getattr__(name: str) -> Any:
    """The public name `name`, from the module that holds it (loaded now if it was not yet)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
