"""Reading real .xlsx/.xlsm/.ods/.csv files written in tmp_path, and cleaning their cells."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.io import cells
from crm_desktop.io.cells import CellError
from crm_desktop.io.reading import (
    SUPPORTED,
    ReadError,
    Sheet,
    find_header_row,
    open_workbook,
    read_sheet,
    sheet_names,
    stream_sheet,
)

HEADERS = ["公司名称", "联系人", "手机", "邮箱"]
DATA = [
    ["北京星辰科技有限公司", "张伟", "13800138000", "zw@example.com"],
    ["上海浦东发展有限公司", "李娜", "13912345678", "ln@example.cn"],
]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[str]], encoding: str, sep: str = ",") -> Path:
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


# --- workbooks ---------------------------------------------------------------------------------


def test_title_and_blank_rows_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "客户.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "名单"
    ws["A1"] = "2024年客户名单"
    ws.merge_cells("A1:D1")
    for row in [HEADERS, *DATA]:
        ws.append(row)
    ws.insert_rows(2)  # a blank row between title and header
    book.save(path)

    sheet = read_sheet(path)

    assert sheet.name == "名单"
    # The merged title keeps its value in the top-left cell only.
    assert sheet.rows[0] == ("2024年客户名单", None, None, None)
    assert sheet.rows[1] == (None, None, None, None)
    assert find_header_row(sheet.rows) == 2
    assert sheet.rows[2] == tuple(HEADERS)
    assert sheet.rows[3][:2] == ("北京星辰科技有限公司", "张伟")


def test_default_sheet_is_the_first_with_data_and_a_sheet_can_be_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx", {"封面": [], "客户": [HEADERS, *DATA], "其他": [["x"]]}
    )

    assert sheet_names(path) == ["封面", "客户", "其他"]
    assert read_sheet(path).name == "客户"
    assert read_sheet(path, "其他").rows == (("x",),)
    assert read_sheet(path, "封面") == Sheet("封面", ())
    book = open_workbook(path)
    assert book.sheets == ("封面", "客户", "其他")
    assert book.sheet().rows[0] == tuple(HEADERS)


def test_unknown_sheet_name_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Customers": [HEADERS], "Leads": [HEADERS]})

    with pytest.raises(ReadError) as caught:
        read_sheet(path, "Contacts")

    message = str(caught.value)
    assert "book.xlsx" in message and "'Contacts'" in message
    assert "'Customers'" in message and "'Leads'" in message
    assert caught.value.sheets == ("Customers", "Leads")


def test_trailing_empty_rows_and_columns_are_trimmed_and_rows_padded(tmp_path: Path) -> None:
    path = tmp_path / "ragged.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Company", "Name", "Mobile"])
    ws.append(["Acme", "Wei"])  # short row
    ws["H30"] = "   "  # a stray space far away counts as empty
    ws["F2"] = None
    book.save(path)

    sheet = read_sheet(path)

    assert sheet.rows == (("Company", "Name", "Mobile"), ("Acme", "Wei", None))
    assert sheet.width == 3


def test_leading_empty_rows_and_columns_keep_sheet_coordinates(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws["B3"], ws["C3"] = "Company", "Name"
    ws["B4"], ws["C4"] = "Acme", "Wei"
    book.save(path)

    rows = read_sheet(path).rows

    assert rows[2] == (None, "Company", "Name")  # rows[2] is spreadsheet row 3, column A empty
    assert find_header_row(rows) == 2


def test_number_and_date_cells_come_back_as_calamine_gives_them(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "types.xlsx",
        {
            "S": [
                ["手机", "邮编", "生日", "录入时间", "序列号日期"],
                [13800138000.0, 12345, date(2023, 5, 6), datetime(2023, 5, 6, 9, 30), 45052],
                ["13800138000", "012345", "2023/5/6", None, True],
            ]
        },
    )

    row, text_row = read_sheet(path).rows[1:]

    # Whole numbers arrive as floats, even when written as int.
    assert row[0] == 13800138000.0 and isinstance(row[0], float)
    assert row[1] == 12345.0 and isinstance(row[1], float)
    assert row[2] == date(2023, 5, 6) and not isinstance(row[2], datetime)
    assert row[3] == datetime(2023, 5, 6, 9, 30)
    assert row[4] == 45052.0  # a serial without a date format stays a number
    assert text_row[4] is True
    assert cells.phone(row[0]) == cells.phone(text_row[0]) == "13800138000"
    assert cells.postal_code(row[1]) == cells.postal_code(text_row[1]) == "012345"
    assert {cells.date_value(v) for v in (row[2], row[3], row[4], text_row[2])} == {
        date(2023, 5, 6)
    }


def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "macro.xlsm", {"Data": [HEADERS, *DATA]})

    assert read_sheet(path).rows == (tuple(HEADERS), *map(tuple, DATA))


def write_ods(path: Path) -> Path:
    """A minimal OpenDocument spreadsheet, by hand: no ODS writer is installed."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    header = "".join(cell.format(h) for h in ["公司", "手机", "生日"])
    data = (
        cell.format("甲")
        + '<table:table-cell office:value-type="float" office:value="13800138000"/>'
        + '<table:table-cell office:value-type="date" office:date-value="2023-05-06"/>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="客户">'
        f"<table:table-row>{header}</table:table-row><table:table-row>{data}</table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_workbooks_are_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "export.xls", {"Data": [HEADERS, *DATA]})
    ods = write_ods(tmp_path / "list.xlsx")

    assert read_sheet(xlsx).rows[0] == tuple(HEADERS)
    assert read_sheet(ods).name == "客户"


def test_ods_is_read(tmp_path: Path) -> None:
    sheet = read_sheet(write_ods(tmp_path / "list.ods"))

    assert sheet.name == "客户"
    assert sheet.rows == (("公司", "手机", "生日"), ("甲", 13800138000.0, date(2023, 5, 6)))


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_read_back_equal(tmp_path: Path, encoding: str) -> None:
    rows = [HEADERS, *DATA, ["广州白云贸易公司", "王芳", "", "wf@example.com"]]
    path = write_csv(tmp_path / "客户.csv", rows, encoding)

    sheet = read_sheet(path)

    assert sheet.name == "客户"
    assert sheet.rows[0] == tuple(HEADERS)  # no BOM left on the first header
    assert sheet.rows[1:3] == tuple(map(tuple, DATA))
    assert sheet.rows[3] == ("广州白云贸易公司", "王芳", None, "wf@example.com")


def test_short_gbk_csv_is_not_taken_for_korean(tmp_path: Path) -> None:
    # charset-normalizer alone calls these bytes cp949 or UTF-16.
    for name, text in [("a.csv", "名,姓\n伟,张\n"), ("b.csv", "姓名;手机\n王芳;13912345678\n")]:
        path = tmp_path / name
        path.write_bytes(text.encode("gbk"))
        assert read_sheet(path).rows[1][0] in {"伟", "王芳"}


@pytest.mark.parametrize(
    ("sep", "prefix", "company"),
    [
        (";", "", "Acme, Inc."),
        ("\t", "", "Acme, Inc."),
        (",", "", "Acme; Inc."),
        (";", "sep=;\r\n", "Acme, Inc."),
        ("|", "sep=|\r\n", "Acme, Inc."),
    ],
)
def test_csv_delimiters(tmp_path: Path, sep: str, prefix: str, company: str) -> None:
    path = tmp_path / "list.csv"
    rows = [["Name", "Company", "Notes"], ["Wei", company, "likes tea"], ["Li", "Beta", "-"]]
    path.write_text(prefix + "\r\n".join(sep.join(r) for r in rows), encoding="utf-8")

    assert read_sheet(path).rows == tuple(map(tuple, rows))


def test_csv_quoted_fields_with_delimiters_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        'Name,Address,Notes\r\nWei,"1 Main St, Springfield","first line\nsecond ""quoted"""\r\n',
        encoding="utf-8",
    )

    rows = read_sheet(path).rows

    assert rows[1] == ("Wei", "1 Main St, Springfield", 'first line\nsecond "quoted"')


def test_csv_sheet_name_is_the_file_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "leads.csv", [HEADERS], "utf-8")

    assert sheet_names(path) == ["leads"]
    with pytest.raises(ReadError, match="'leads'"):
        read_sheet(path, "Sheet1")


# --- files that cannot be read -----------------------------------------------------------------


def test_a_csv_named_xls_is_read_by_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "list.xls"
    path.write_bytes(b"Name,Company\r\nWei,Acme\r\n")
    assert read_sheet(path).rows == (("Name", "Company"), ("Wei", "Acme"))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of an .xls (or an encrypted .xlsx)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.xlsx", os.urandom(2000), "not a real .xlsx"),
        ("broken.ods", b"PK\x03\x04" + os.urandom(2000), "damaged"),
        ("empty.xlsx", b"", "empty"),
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"\xef\xbb\xbf \r\n,,\r\n", "empty"),
        ("secret.xlsx", OLE + bytes(600) + "EncryptedPackage".encode("utf-16-le"), "password"),
        ("old.xlsx", OLE + bytes(2000), "damaged"),
        ("list.numbers", b"whatever", "cannot be imported"),
        ("list.xls", b"\x01\x02 not text \xff\xfe\xfd" * 50, "not a real .xls"),
    ],
)
def test_unreadable_files_name_the_file(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(ReadError) as caught:
        read_sheet(path)

    assert name in str(caught.value)
    assert words in str(caught.value)
    assert caught.value.path == path


def test_missing_file_and_workbook_without_data(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nothere\.xlsx does not exist"):
        sheet_names(tmp_path / "nothere.xlsx")
    path = write_xlsx(tmp_path / "blank.xlsx", {"A": [], "B": []})
    with pytest.raises(
        ReadError, match=r"blank\.xlsx is empty: none of its sheets holds data \(A, B\)"
    ):
        read_sheet(path)


def test_supported_formats() -> None:
    assert SUPPORTED == (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".vcf")


# --- finding the header row --------------------------------------------------------------------


def test_header_row_with_unknown_names_below_a_narrow_title() -> None:
    rows: list[list[object]] = [
        ["Q3 export", "Sales team", None, None],
        [None, None, None, None],
        ["Foo", "Bar", "Baz", "Qux"],
        ["a", 1.0, 2.0, "x"],
    ]
    assert find_header_row(rows) == 2


def test_header_row_prefers_known_header_names_over_a_text_data_row() -> None:
    rows = [
        ["张伟", "北京星辰", "销售部"],
        ["姓名", "公司", "部门"],
        ["李娜", "上海浦东", "市场部"],
    ]
    assert find_header_row(rows) == 1


def test_header_row_skips_a_subtitle_followed_by_a_wider_text_row() -> None:
    rows = [
        ["Region: North", "Owner: Li"],
        ["Alpha", "Beta", "Gamma", "Delta"],
        ["a", "13800138000", "x@y.com", "2023-05-06"],
    ]
    assert find_header_row(rows) == 1


def test_header_row_defaults_to_the_first_filled_row() -> None:
    rows: list[list[object]] = [[None], [1.0, 2.0], [3.0, 4.0]]
    assert find_header_row(rows) == 1
    assert find_header_row([]) == 0


# --- cleaning cells ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("  北京　星辰  科技 ", "北京 星辰 科技"),
        ("ＡＢＣ１２３＠ｅｘａｍｐｌｅ．ｃｏｍ", "ABC123@example.com"),
        ("first  line \r\n\tsecond\u200b line\n", "first line\nsecond line"),
        ("13800138000.0", "13800138000"),
        (13800138000.0, "13800138000"),
        (3.5, "3.5"),
        (0.1 + 0.2, "0.3"),
        (7, "7"),
        (True, "TRUE"),
        (date(2023, 5, 6), "2023-05-06"),
    ],
)
def test_text(raw: object, clean: str) -> None:
    assert cells.text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (13800138000.0, "13800138000"),
        (13800138000, "13800138000"),
        ("13800138000.0", "13800138000"),
        (" +86 (10) 8888-6666 ", "+86 (10) 8888-6666"),
        ("１３８ ００１３ ８０００", "138 0013 8000"),
        (None, ""),
    ],
)
def test_phone(raw: object, clean: str) -> None:
    assert cells.phone(raw) == clean


@pytest.mark.parametrize("raw", ["1.38001E+10", "1.38001e+10", 13800.5, True, date(2023, 5, 6)])
def test_phone_that_lost_digits_or_is_no_number(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        cells.phone(raw)
    if isinstance(raw, str):
        assert "rounded number" in caught.value.message and raw in caught.value.message


def test_postal_code_gets_its_leading_zeros_back() -> None:
    assert cells.postal_code(12345) == "012345"
    assert cells.postal_code(12345.0) == "012345"
    assert cells.postal_code("12345") == "012345"
    assert cells.postal_code("100080") == "100080"
    assert cells.postal_code(501, digits=5) == "00501"
    assert cells.postal_code("SW1A 1AA") == "SW1A 1AA"
    assert cells.postal_code(None) == ""
    with pytest.raises(CellError):
        cells.postal_code(1234.5)


@pytest.mark.parametrize(
    "raw",
    [
        date(2023, 5, 6),
        datetime(2023, 5, 6, 23, 59),
        45052,
        45052.75,
        "2023-05-06",
        "2023-05-06 00:00:00",
        "2023/5/6",
        "2023.5.6",
        "06.05.2023",
        "2023年5月6日",
        "２０２３年０５月０６日",
        "20230506",
        20230506,
        "5/6/2023",
        "May 6, 2023",
        "6 May 2023",
    ],
)
def test_dates(raw: object) -> None:
    assert cells.date_value(raw) == date(2023, 5, 6)


def test_dates_day_first_and_unambiguous_order() -> None:
    assert cells.date_value("6/5/2023", day_first=True) == date(2023, 5, 6)
    assert cells.date_value("13/5/2023") == date(2023, 5, 13)
    assert cells.date_value("5/13/2023", day_first=True) == date(2023, 5, 13)
    assert cells.date_value(1) == date(1900, 1, 1)
    assert cells.date_value(61) == date(1900, 3, 1)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_date_is_none(raw: object) -> None:
    assert cells.date_value(raw) is None


@pytest.mark.parametrize(
    "raw", ["next Tuesday", "2023-02-30", "1899-12-31", "2200-01-01", "May 2023", "12345", "x1"]
)
def test_bad_date_names_the_text(raw: str) -> None:
    with pytest.raises(CellError) as caught:
        cells.date_value(raw)
    assert repr(raw) in str(caught.value)


@pytest.mark.parametrize("raw", [0.5, 100001, 60, True])
def test_bad_date_numbers(raw: object) -> None:
    with pytest.raises(CellError):
        cells.date_value(raw)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("mailto:Zhang.Wei@Example.COM", "Zhang.Wei@example.com"),
        (" ZW＠EXAMPLE．CN ", "ZW@example.cn"),
        ("张伟 <zw@Example.com>", "zw@example.com"),
        ("no address", "no address"),
        (None, ""),
    ],
)
def test_email(raw: object, clean: str) -> None:
    assert cells.email(raw) == clean


# --- streaming (big sheets) -------------------------------------------------------------------
def _streamed(path: Path, name: str | None = None) -> tuple[str, tuple[tuple[object, ...], ...]]:
    stream = stream_sheet(path, name)
    try:
        rows = [row for row in stream.rows]
    finally:
        stream.close()
    width = stream.used_width
    while rows and cells.is_blank_row(rows[-1]):
        rows.pop()
    return stream.name, tuple(tuple(row[:width]) for row in rows)


def _ragged(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Company", "Name", "Mobile", "Born"])
    ws.append(["Acme", "Wei", 13800138000, datetime(1990, 5, 6)])
    ws.append(["Beta", None, "", 45052])
    ws["H30"] = "   "  # a stray space far away: the sheet is wider and longer than its data
    book.save(path)
    return path


def _offset(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws["B3"], ws["C3"] = "Company", "Name"
    ws["B4"], ws["C4"] = "Acme", "Wei"
    book.save(path)
    return path


def _second_sheet(path: Path) -> Path:
    return write_xlsx(path, {"Empty": [], "Blank": [["  ", None]], "Data": [HEADERS, *DATA]})


@pytest.mark.parametrize("make", [_ragged, _offset, _second_sheet])
def test_a_streamed_sheet_gives_the_rows_read_sheet_gives(tmp_path: Path, make) -> None:
    path = make(tmp_path / "book.xlsx")
    whole = read_sheet(path)
    assert _streamed(path) == (whole.name, whole.rows)


def test_a_streamed_sheet_can_be_named_and_an_empty_one_has_no_rows(tmp_path: Path) -> None:
    path = _second_sheet(tmp_path / "book.xlsx")
    assert _streamed(path, "Data") == ("Data", read_sheet(path, "Data").rows)
    assert _streamed(path, "Empty") == ("Empty", ())
    with pytest.raises(ReadError, match="no sheet 'Nope'"):
        stream_sheet(path, "Nope")


def test_a_real_xls_file_is_read(tmp_path: Path) -> None:
    """Excel 97-2003 (.xls, BIFF8) as old office PCs and ERP exports still write it."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for col, header in enumerate([*HEADERS, "生日"]):
        sheet.write(0, col, header)
    sheet.write(1, 0, "北京星辰科技有限公司")
    sheet.write(1, 1, "张伟")
    sheet.write(1, 2, 13800138000)  # a phone number kept as a number, as Excel does
    sheet.write(1, 3, "zw@example.com")
    sheet.write(1, 4, datetime(1990, 5, 6), dates)
    path = tmp_path / "old.xls"
    book.save(str(path))
    assert path.read_bytes().startswith(OLE)

    rows = read_sheet(path).rows

    assert rows[0] == (*HEADERS, "生日")
    assert rows[1][:2] == ("北京星辰科技有限公司", "张伟")
    assert cells.phone(rows[1][2]) == "13800138000"
    assert cells.date_value(rows[1][4]) == date(1990, 5, 6)
    assert _streamed(path) == ("客户", rows)
