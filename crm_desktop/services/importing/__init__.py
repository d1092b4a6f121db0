"""Import a customer list from a spreadsheet (see `run` for what an import does).

One job per module: `report` (options and results), `check` (a sheet's rows parsed by
`io.rows` and validated, a batch at a time), `matching` (recognising existing records),
`plan` (what each row does), `write` (writing the plan), `run` (the use case and its
transaction), `undo` (past imports, and taking one back), `preview` (what the wizard shows before an
import). The names callers use are re-exported here.
"""

from __future__ import annotations

from crm_desktop.io.mapping import FIELDS, NAME_TARGETS, REPEATABLE, ColumnMapping
from crm_desktop.io.reading import ReadError
from crm_desktop.services.importing.preview import (
    LoadedSheet,
    PreviewCell,
    PreviewRow,
    SheetPreview,
    column_samples,
    load_sheet,
    mapping_as_text,
    mapping_from_text,
    mapping_setting_key,
    preview_cell,
    preview_for_import,
    preview_rows,
    suggested_mapping,
)
from crm_desktop.services.importing.report import (
    MATCH_KEYS,
    ON_DUPLICATE,
    STEP_CHECK,
    STEP_READ,
    STEP_WRITE,
    ImportOptions,
    ImportReport,
    NearDuplicate,
    Progress,
    RowError,
    RowOutcome,
    write_error_workbook,
)
from crm_desktop.services.importing.run import import_file
from crm_desktop.services.importing.undo import history, undo_import

__all__ = [
    "FIELDS",
    "MATCH_KEYS",
    "NAME_TARGETS",
    "ON_DUPLICATE",
    "REPEATABLE",
    "STEP_CHECK",
    "STEP_READ",
    "STEP_WRITE",
    "ColumnMapping",
    "ImportOptions",
    "ImportReport",
    "LoadedSheet",
    "NearDuplicate",
    "PreviewCell",
    "PreviewRow",
    "Progress",
    "ReadError",
    "RowError",
    "RowOutcome",
    "SheetPreview",
    "column_samples",
    "history",
    "import_file",
    "load_sheet",
    "mapping_as_text",
    "mapping_from_text",
    "mapping_setting_key",
    "preview_cell",
    "preview_for_import",
    "preview_rows",
    "suggested_mapping",
    "undo_import",
    "write_error_workbook",
]
