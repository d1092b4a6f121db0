"""The kit's list: columns sized to their contents within limits, the spare width to the
column that needs it, the user's widths remembered; a reload keeps selection and scroll."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from crm_desktop.ui.widgets.list_view import MAX_WIDTH, MIN_WIDTH, RowsTable
from crm_desktop.ui.widgets.rows_model import Column


@dataclass(frozen=True)
class Row:
    id: int
    code: str
    name: str


COLUMNS = [
    Column("code", "Code", lambda r: r.code),
    Column("name", "Name", lambda r: r.name),
]


def rows(n: int, name: str = "Longjing") -> list[Row]:
    return [Row(i, f"T{i}", f"{name} {i}") for i in range(1, n + 1)]


def table(qtbot, settings: QSettings | None = None) -> RowsTable:  # type: ignore[no-untyped-def]
    view = RowsTable(COLUMNS, "tea_table", settings, stretch="name")
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_columns_take_their_contents_within_limits_and_the_spare_goes_to_the_stretch(
    qtbot,
) -> None:
    view = table(qtbot)
    view.set_rows(rows(3))
    code = view.columnWidth(0)
    assert MIN_WIDTH <= code < 150  # short codes: a narrow column
    assert code + view.columnWidth(1) >= view.viewport().width() - 1  # no gap at the right
    assert view.columnWidth(1) > code


def test_a_column_cut_short_gets_the_spare_width(qtbot) -> None:
    view = RowsTable(
        [Column("note", "Note", lambda r: r.name * 12), Column("name", "Name", lambda r: r.code)],
        "notes",
        stretch="name",
    )
    qtbot.addWidget(view)
    view.resize(1200, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(rows(2))
    assert view.columnWidth(0) > MAX_WIDTH  # it needed more: it got the spare
    assert view.columnWidth(1) <= MAX_WIDTH


def test_a_width_the_user_drags_is_remembered(qtbot, settings) -> None:
    view = table(qtbot, settings)
    view.set_rows(rows(3))
    view.horizontalHeader().resizeSection(0, 222)  # as a drag of the header does
    again = table(qtbot, settings)
    again.set_rows(rows(3))
    assert again.columnWidth(0) == 222


def test_a_reload_keeps_the_selected_row_and_the_scroll_position(qtbot) -> None:
    view = table(qtbot)
    view.set_rows(rows(200))
    view.selectRow(120)
    view.scrollTo(view.model().index(120, 0))
    chosen = view.current_row()
    scroll = view.verticalScrollBar().value()
    assert scroll > 0
    fresh = [Row(0, "T0", "New first"), *rows(200)]  # a row arrived above
    view.set_rows(fresh)
    assert chosen is not None and view.current_row() == chosen  # found by its id
    assert view.verticalScrollBar().value() == scroll
