"""Reading real .vcf files written in tmp_path: vCard 2.1/3.0/4.0, Chinese phone exports, errors;
and importing one through the real importer."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest
from vobject.base import ParseError

from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.io import vcard
from crm_desktop.io.mapping import suggest_mapping
from crm_desktop.io.reading import (
    ReadError,
    Sheet,
    find_header_row,
    open_workbook,
    read_sheet,
    sheet_names,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace

HEADERS = vcard.HEADERS
# UTF-8 "张伟" and "李娜", quoted-printable as Android writes them.
ZHANG_QP = "=E5=BC=A0=E4=BC=9F"
ZHANG, WEI, LI, NA = "=E5=BC=A0", "=E4=BC=9F", "=E6=9D=8E", "=E5=A8=9C"


def vcf(path: Path, *lines: str, encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def as_dicts(sheet: Sheet) -> list[dict[str, object]]:
    assert sheet.rows[0] == HEADERS
    return [dict(zip(HEADERS, row, strict=True)) for row in sheet.rows[1:]]


def filled(row: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in row.items() if v is not None}


TWO_CARDS_30 = (
    "BEGIN:VCARD",
    "VERSION:3.0",
    "N:Zhang;Wei;;;",
    "FN:Wei Zhang",
    "ORG:Acme Trading Ltd.;Sales",
    "TITLE:Sales Manager",
    "TEL;TYPE=CELL:+86 138 0013 8000",
    "TEL;TYPE=WORK,VOICE:010-8765 4321",
    "EMAIL;TYPE=INTERNET:wei.zhang@acme.example",
    "ADR;TYPE=WORK:;;1 Jianguo Road;Beijing;Beijing;100022;China",
    "URL:https://acme.example",
    "BDAY:1985-04-12",
    "NOTE:Met at the fair\\, booth 3\\nCall in May",
    "CATEGORIES:VIP,Trade fair",
    "END:VCARD",
    "BEGIN:VCARD",
    "VERSION:3.0",
    "N:李;娜;;;",
    "FN:李娜",
    "ORG:上海浦东发展有限公司",
    "TEL;TYPE=cell:13912345678",
    "EMAIL:lina@pudong.example.cn",
    "BDAY:19900102",
    "END:VCARD",
)


# --- what a card becomes ------------------------------------------------------------------------


def test_a_utf8_vcard_30_file_with_two_cards(tmp_path: Path) -> None:
    path = vcf(tmp_path / "contacts.vcf", *TWO_CARDS_30)

    assert sheet_names(path) == ["contacts"]
    sheet = read_sheet(path)
    assert sheet.name == "contacts"
    wei, na = as_dicts(sheet)
    assert wei == {
        "Name": "Wei Zhang",
        "Company": "Acme Trading Ltd.",
        "Job Title": "Sales Manager",
        "Mobile": "+86 138 0013 8000",
        "Phone": "010-8765 4321",
        "E-mail": "wei.zhang@acme.example",
        "Address": "1 Jianguo Road",
        "City": "Beijing",
        "Region": "Beijing",
        "Website": "https://acme.example",
        "Birthday": date(1985, 4, 12),
        "Notes": "Met at the fair, booth 3\nCall in May\nDepartment: Sales",
        "Tags": "VIP, Trade fair",
    }
    assert filled(na) == {
        "Name": "李娜",
        "Company": "上海浦东发展有限公司",
        "Mobile": "13912345678",
        "E-mail": "lina@pudong.example.cn",
        "Birthday": date(1990, 1, 2),  # 19900102
    }
    assert open_workbook(path).sheet().rows == sheet.rows
    assert read_sheet(path, "contacts").rows == sheet.rows
    with pytest.raises(ReadError, match="has no sheet 'Sheet1'"):
        read_sheet(path, "Sheet1")


def test_the_headers_are_found_and_mapped_to_every_field(tmp_path: Path) -> None:
    sheet = read_sheet(vcf(tmp_path / "contacts.vcf", *TWO_CARDS_30))

    assert find_header_row(sheet.rows) == 0
    mapping = suggest_mapping(list(HEADERS), sheet.rows[1:])
    assert mapping.columns == (
        "name",
        "company",
        "title",
        "mobile",
        "phone",
        "email",
        "address",
        "city",
        "region",
        "website",
        "birthday",
        "notes",
        "tags",
    )
    # Also for a file of one card: the header row is still the header row.
    one = read_sheet(vcf(tmp_path / "one.vcf", *TWO_CARDS_30[15:]))
    assert len(one.rows) == 2 and find_header_row(one.rows) == 0


def test_vcard_21_quoted_printable_chinese_from_an_android_phone(tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "00001.vcf",
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ZHANG};{WEI};;;",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ZHANG_QP}",
        "TEL;CELL:138-0013-8000",
        "TEL;HOME:0571-8888 6666",
        # a long note, split by soft line breaks ("=" at the end of a line)
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=80=81=E5=AE=A2=E6=88=B7=EF=BC=8C=",
        "=E5=96=9C=E6=AC=A2=E7=BB=BF=E8=8C=B6",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=AD=E5=B7=9E=E8=8C=B6=E5=8E=82",
        "ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;=E5=BB=BA=E5=9B=BD=E8=B7=AF1=E5=8F=B7;"
        "=E6=9D=AD=E5=B7=9E;=E6=B5=99=E6=B1=9F;;",
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL",
        " DBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA",
        "",
        "END:VCARD",
    )

    (row,) = as_dicts(read_sheet(path))

    assert filled(row) == {
        "Name": "张伟",
        "Company": "杭州茶厂",
        "Mobile": "138-0013-8000",
        "Phone": "0571-8888 6666",
        "Address": "建国路1号",
        "City": "杭州",
        "Region": "浙江",
        "Notes": "老客户，喜欢绿茶",
    }


def test_quoted_printable_gbk_and_what_vobject_gets_wrong(tmp_path: Path) -> None:
    """vobject reads the usual cases; where it fails (a GBK value that names no charset, or
    GBK characters under CHARSET=GB2312), the own parser reads the file instead."""

    def qp(text: str, encoding: str) -> str:
        return "".join(f"={byte:02X}" for byte in text.encode(encoding))

    usual = (
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{qp('张伟', 'gbk')}",
        f"N;CHARSET=UTF-8;QUOTED-PRINTABLE:{qp('张', 'utf-8')};{qp('伟', 'utf-8')};;;",
        "END:VCARD",
    )
    text = "\r\n".join(usual) + "\r\n"
    by_vobject = vcard.vobject_cards(text)
    assert by_vobject is not None
    assert by_vobject == vcard.fallback_cards(text.encode(), "utf-8")
    assert [p.parts for p in by_vobject[0][1:]] == [("张伟",), ("张", "伟", "", "", "")]

    unusual = (
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"FN;ENCODING=QUOTED-PRINTABLE:{qp('王芳', 'gbk')}",  # no CHARSET: GBK all the same
        f"ORG;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:{qp('朱镕基茶庄', 'gbk')}",  # 镕: GBK only
        "TEL;CELL;PREF:13800138000",
        "END:VCARD",
    )
    text = "\r\n".join(unusual) + "\r\n"
    with pytest.raises(UnicodeDecodeError):
        vcard.vobject_cards(text)
    (row,) = as_dicts(read_sheet(vcf(tmp_path / "gbk.vcf", *unusual)))
    assert filled(row) == {"Name": "王芳", "Company": "朱镕基茶庄", "Mobile": "13800138000"}


def test_the_own_parser_reads_what_vobject_reads() -> None:
    text = "\r\n".join(TWO_CARDS_30) + "\r\n"
    by_vobject = vcard.vobject_cards(text)
    assert by_vobject is not None and len(by_vobject) == 2
    assert vcard.fallback_cards(text.encode(), "utf-8") == by_vobject


def test_a_21_photo_whose_base64_lines_are_not_indented(tmp_path: Path) -> None:
    """Some phones write a photo's base64 lines without the leading space: vobject stops there,
    the own parser skips the photo and reads on."""
    lines = (
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ZHANG_QP}",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJ",
        "CQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAAL",
        "CAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAA=",
        "",
        "TEL;CELL:13800138000",
        "END:VCARD",
    )
    with pytest.raises(ParseError):
        vcard.vobject_cards("\r\n".join(lines) + "\r\n")

    (row,) = as_dicts(read_sheet(vcf(tmp_path / "photo.vcf", *lines)))

    assert filled(row) == {"Name": "张伟", "Mobile": "13800138000"}


def test_vcard_40(tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "v4.vcf",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Jane Doe",
        "N:Doe;Jane;;Dr.;",
        'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+1-555-555-0100',
        "TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0199",
        "EMAIL;TYPE=work;PREF=1:jane@example.com",
        "BDAY:19800229",
        'ADR;TYPE=work;LABEL="100 Waters Edge\\nBaytown":;;100 Waters Edge;Baytown;LA;30314;USA',
        "CATEGORIES:Customers",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        "FN:Baytown Widgets Inc.",
        "TEL;TYPE=work:+1-555-555-0123",
        "END:VCARD",
    )

    jane, org = as_dicts(read_sheet(path))

    assert filled(jane) == {
        "Name": "Jane Doe",
        "Mobile": "+1-555-555-0100",
        "Phone": "+1-555-555-0199",
        "E-mail": "jane@example.com",
        "Address": "100 Waters Edge",
        "City": "Baytown",
        "Region": "LA",
        "Birthday": date(1980, 2, 29),
        "Tags": "Customers",
    }
    # An organisation's card is a company, not a person.
    assert filled(org) == {"Company": "Baytown Widgets Inc.", "Phone": "+1-555-555-0123"}


def test_a_gb18030_file_without_charset_parameters(tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "备份.vcf",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:王;芳;;;",
        "FN:王芳",
        "ORG:北京华为技术有限公司",
        "TITLE:采购经理",
        "TEL;CELL:13612345678",
        "NOTE:喜欢喝茶；周三下午有空",
        "CATEGORIES:重要客户",
        "END:VCARD",
        encoding="gb18030",
    )

    (row,) = as_dicts(read_sheet(path))

    assert filled(row) == {
        "Name": "王芳",
        "Company": "北京华为技术有限公司",
        "Job Title": "采购经理",
        "Mobile": "13612345678",
        "Notes": "喜欢喝茶；周三下午有空",
        "Tags": "重要客户",
    }
    assert sheet_names(path) == ["备份"]


def test_bom_folded_lines_and_other_line_endings(tmp_path: Path) -> None:
    lines = (
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Maximilian Alexander",
        "  von Hohenberg-Schwarzenfeld",  # folded: the first space goes, the second stays
        "item1.EMAIL;type=INTERNET;type=pref:max@hohen",
        "\tberg.example",
        "item1.X-ABLabel:_$!<Other>!$_",
        "NOTE:Eine sehr lange Notiz\\, die ein Telefon auf mehrere Zeilen verteilt",
        "  hat.",
        "END:VCARD",
    )
    expected = {
        "Name": "Maximilian Alexander von Hohenberg-Schwarzenfeld",
        "E-mail": "max@hohenberg.example",
        "Notes": "Eine sehr lange Notiz, die ein Telefon auf mehrere Zeilen verteilt hat.",
    }
    with_bom = tmp_path / "bom.vcf"
    with_bom.write_bytes(codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode())
    utf16 = tmp_path / "utf16.vcf"
    utf16.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))  # with its BOM
    for path in (
        with_bom,
        utf16,
        vcf(tmp_path / "lf.vcf", *lines, newline="\n"),
        vcf(tmp_path / "cr.vcf", *lines, newline="\r"),  # vobject fails; the own parser reads it
    ):
        (row,) = as_dicts(read_sheet(path))
        assert filled(row) == expected, path.name


def test_several_phones_and_e_mails(tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "many.vcf",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:赵六",
        "TEL;TYPE=HOME,VOICE:0571-1111 2222",
        "TEL;TYPE=CELL:13800000001",
        "TEL;TYPE=WORK:0571-3333 4444",
        "TEL;TYPE=CELL:13800000002",
        "TEL;TYPE=CELL,PREF:138 0000 0001",  # the first mobile again
        "TEL;TYPE=WORK,FAX:0571-5555 6666",
        "TEL:400-800-8888",
        "EMAIL;TYPE=WORK:zhao@work.example",
        "EMAIL;TYPE=HOME:zhao@home.example",
        "URL:https://one.example",
        "URL:https://two.example",
        "ADR;TYPE=HOME:;;文三路1号;杭州;浙江;310000;中国",
        "ADR;TYPE=WORK:;;南京路2号;上海;;200000;",
        "NOTE:老朋友",
        "CATEGORIES:朋友,myContacts",
        "CATEGORIES:朋友,同学",
        "END:VCARD",
    )

    (row,) = as_dicts(read_sheet(path))

    assert row["Mobile"] == "13800000001"
    assert row["Phone"] == "0571-1111 2222"
    assert row["E-mail"] == "zhao@work.example"
    assert row["Website"] == "https://one.example"
    assert (row["Address"], row["City"], row["Region"]) == ("文三路1号", "杭州", "浙江")
    assert row["Tags"] == "朋友, 同学"  # Google's "everyone" group left out
    assert row["Notes"] == "\n".join(
        [
            "老朋友",
            "Phone: 0571-3333 4444 (work)",
            "Phone: 13800000002 (mobile)",
            "Fax: 0571-5555 6666",
            "Phone: 400-800-8888",
            "E-mail: zhao@home.example",
            "Website: https://two.example",
            "Address: 南京路2号, 上海, 200000",
        ]
    )


@pytest.mark.parametrize(
    ("bday", "birthday", "note"),
    [
        ("BDAY:--0412", None, "Birthday: 04-12 (no year)"),
        ("BDAY:--04-12", None, "Birthday: 04-12 (no year)"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12", None, "Birthday: 04-12 (no year)"),
        ("BDAY:0000-04-12", None, "Birthday: 04-12 (no year)"),
        ("BDAY:1985-04-12T00:00:00Z", date(1985, 4, 12), None),
        ("BDAY;VALUE=date:1985-4-12", date(1985, 4, 12), None),
        ("BDAY:1985-02-30", None, "Birthday: 1985-02-30"),
        ("BDAY;VALUE=text:circa 1800", None, "Birthday: circa 1800"),
    ],
)
def test_birthdays(tmp_path: Path, bday: str, birthday: date | None, note: str | None) -> None:
    path = vcf(tmp_path / "b.vcf", "BEGIN:VCARD", "VERSION:3.0", "FN:Ann", bday, "END:VCARD")

    (row,) = as_dicts(read_sheet(path))

    assert (row["Birthday"], row["Notes"]) == (birthday, note)


def test_names_from_n_and_company_cards(tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "names.vcf",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:张;伟;;;",  # no FN: the Chinese name is family name first, without a space
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Smith;John;Paul;;",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:刘;洋;;;",
        "FN:洋 刘",  # a phone that writes the given name first
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:;;;;",
        "FN:Acme Ltd",
        "ORG:Acme Ltd",
        "X-ABShowAs:COMPANY",  # Apple's company card
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "END:VCARD",
    )

    rows = as_dicts(read_sheet(path))

    assert [(row["Name"], row["Company"]) for row in rows] == [
        ("张伟", None),
        ("John Paul Smith", None),
        ("刘洋", None),
        (None, "Acme Ltd"),
        (None, None),  # an empty card keeps its row: row n + 1 is still card n
    ]


# --- files that are not vCards ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"just some text\r\n", "line 1 is not a vCard property"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n", "begun on line 1 has no END:VCARD"),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\ngarbage without a colon\r\nEND:VCARD\r\n",
            "line 4 is not a vCard property",
        ),
        (b"FN:Ann\r\nBEGIN:VCARD\r\nEND:VCARD\r\n", "line 1 is outside any contact card"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "not a contact card"),
        (b"\r\n\r\n", "no contact card"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a vCard property"),
    ],
)
def test_a_broken_file_names_the_file_and_the_line(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "broken.vcf"
    path.write_bytes(content)

    with pytest.raises(ReadError) as caught:
        read_sheet(path)

    assert "broken.vcf is not a readable vCard file" in str(caught.value)
    assert words in str(caught.value)
    assert caught.value.path == path


def test_an_empty_vcf_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty\.vcf is empty"):
        read_sheet(path)


# --- through the importer -----------------------------------------------------------------------


def people(ws: Workspace) -> dict[str, ContactData]:
    rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(), limit=1000).rows
    return {str(r[1]): cs.get_contact(ws, int(r[0])).data for r in rows}  # type: ignore[call-overload]


def test_importing_a_vcf_file_and_importing_it_again(ws: Workspace, tmp_path: Path) -> None:
    path = vcf(
        tmp_path / "phone.vcf",
        *TWO_CARDS_30,
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ZHANG};{WEI};;;",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{ZHANG_QP}",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=AD=E5=B7=9E=E8=8C=B6=E5=8E=82",
        "TEL;CELL:13700137000",
        "EMAIL;INTERNET:zhangwei@tea.example.cn",
        "BDAY:--0506",
        "CATEGORIES:VIP",
        "END:VCARD",
    )

    report = importing.import_file(ws, path)

    assert (report.created, report.failed, report.errors) == (3, 0, ())
    assert report.sheet == "phone" and report.header_row == 1
    found = people(ws)
    assert set(found) == {"Wei Zhang", "李娜", "张伟"}
    wei = found["Wei Zhang"]
    assert wei.mobile == "+86 138 0013 8000"
    assert wei.phone == "010-8765 4321"
    assert wei.email == "wei.zhang@acme.example"
    assert wei.title == "Sales Manager"
    assert wei.birthday == date(1985, 4, 12)
    assert set(wei.tags) == {"VIP", "Trade fair"}
    assert wei.notes is not None and "Department: Sales" in wei.notes
    company = cs.get_company(ws, wei.company_id)
    assert company.data.name == "Acme Trading Ltd."
    assert company.data.website == "https://acme.example"
    assert found["李娜"].birthday == date(1990, 1, 2)
    assert cs.get_company(ws, found["李娜"].company_id).data.name == "上海浦东发展有限公司"
    zhang = found["张伟"]
    assert (zhang.mobile, zhang.email, zhang.birthday) == (
        "13700137000",
        "zhangwei@tea.example.cn",
        None,
    )
    assert zhang.notes == "Birthday: 05-06 (no year)"
    assert zhang.tags == ("VIP",)
    assert cs.get_company(ws, zhang.company_id).data.name == "杭州茶厂"

    again = importing.import_file(ws, path)

    assert (again.created, again.updated, again.skipped, again.failed) == (0, 0, 3, 0)
    assert len(people(ws)) == 3
