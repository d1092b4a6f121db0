"""What an import is asked to do (`ImportOptions`) and what it did (`ImportReport`: a row's
outcome, a cell's problem or warning, a near-duplicate company), and the workbook of its failed
rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.domain.errors import CrmError
from crm_desktop.io.writing import TableWriter

Progress = Callable[[int, int, str], None]
ON_DUPLICATE = ("skip", "update", "create")
MATCH_KEYS = ("email", "phone", "name")

# Steps reported to ``progress`` (the GUI translates them).
STEP_READ = "reading"
STEP_CHECK = "checking"
STEP_WRITE = "writing"


@dataclass(frozen=True, slots=True)
class ImportOptions:
    on_duplicate: str = "skip"
    overwrite: bool = False  # with "update": replace differing values, not only empty fields
    match_on: frozenset[str] = frozenset(MATCH_KEYS)
    sheet: str | None = None
    dry_run: bool = False
    phone_region: str = "CN"

    def __post_init__(self) -> None:
        if self.on_duplicate not in ON_DUPLICATE:
            raise CrmError(f"on duplicate: choose one of {', '.join(ON_DUPLICATE)}")
        unknown = set(self.match_on) - set(MATCH_KEYS)
        if unknown:
            raise CrmError(f"match on: unknown {', '.join(sorted(unknown))}")


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem in one cell (or row) of the file, as Excel numbers and names it.

    In `ImportReport.errors` it failed its row; in `ImportReport.warnings` the row was
    imported without the value, which went to the record's notes (``value``: the cell as
    read, so that nothing leaves the file unsaid)."""

    sheet: str
    row: int
    column: str
    message: str
    # What kind of problem, for a translated message in the window (the text above is
    # English): "cell" (a value that could not be read), "invalid" (a value a record cannot
    # hold), "no_name", "id_mismatch", "named_by" (a record named after its e-mail or
    # phone); ``field`` is the import field concerned.
    code: str = ""
    field: str = ""
    value: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def as_warning_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    action: str  # create | update | skip | fail
    reason: str = ""
    contact_id: int | None = None
    company_id: int | None = None


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A new company name very like an existing one: created as asked, shown for review."""

    row: int
    name: str
    existing_id: int
    existing_name: str
    score: float


@dataclass(frozen=True, slots=True)
class ImportReport:
    file: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    mapping: tuple[str, ...]
    dry_run: bool
    outcomes: tuple[RowOutcome, ...]
    errors: tuple[RowError, ...]
    near_duplicates: tuple[NearDuplicate, ...] = ()
    companies_created: int = 0
    failed_rows: tuple[tuple[int, tuple[object, ...]], ...] = ()
    import_id: int | None = None  # in the import history (None for a dry run)
    # Values kept out of their field (in the record's notes instead), and rows named after
    # their e-mail or phone: imported, but worth a look.
    warnings: tuple[RowError, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def skipped(self) -> int:
        return self.count("skip")

    @property
    def failed(self) -> int:
        return self.count("fail")

    def as_json(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "errors": [e.as_json() for e in self.errors],
            "warnings": [w.as_warning_json() for w in self.warnings],
        }


def write_error_workbook(report: ImportReport, path: Path) -> int:
    """The rows that failed, as they were, with a column saying why: fix them and import again."""
    reasons: dict[int, list[str]] = {}
    for error in report.errors:
        where = f"{error.column}: " if error.column else ""
        reasons.setdefault(error.row, []).append(where + error.message)
    for outcome in report.outcomes:
        if outcome.action == "fail" and outcome.row not in reasons:
            reasons[outcome.row] = [outcome.reason]
    with TableWriter(path, ["Row", *report.headers, "Error"], sheet_name="Errors") as out:
        for number, raw in report.failed_rows:
            out.write([number, *raw, "; ".join(reasons.get(number, []))])
    return len(report.failed_rows)
