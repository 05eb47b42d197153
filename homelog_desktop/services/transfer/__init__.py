"""Export and import of accounts: file formats, export, and import in steps (reading, validation,
planning, running). `Workspace.transfer` runs them on an open database; the names callers need are
here."""

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
